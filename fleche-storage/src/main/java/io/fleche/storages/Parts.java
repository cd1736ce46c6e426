package io.fleche.storages;

import io.fleche.Digest;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The stored entry of a destructured container: its class and its children, each either inline
 * or a {@link Ref} to a separately stored entry. Reassembly rebuilds the original type.
 *
 * <p>Parts are {@link Serializable} so that the {@link JavaSerializer} can store them too.
 */
sealed interface Parts extends Serializable {
  /** A child stored as its own entry, under its content digest. */
  record Ref(Digest key) implements Serializable {
    public Ref {
      Objects.requireNonNull(key);
    }
  }

  /** The keys this entry refers to. */
  Stream<Digest> refs();

  /** The original value, with every {@link Ref} child replaced through {@code load}. */
  Object rebuild(UnaryOperator<Object> load) throws ReflectiveOperationException;

  /** A {@code List} of the given class. */
  record ListParts(Class<?> type, List<Object> items) implements Parts {
    @Override
    public Stream<Digest> refs() {
      return Parts.refsIn(items);
    }

    @Override
    public Object rebuild(UnaryOperator<Object> load) {
      return Containers.list(type, Parts.resolve(items, load));
    }
  }

  /** A {@code Map} of the given class (keys and values may both be references). */
  record MapParts(Class<?> type, List<Object> keys, List<Object> values) implements Parts {
    @Override
    public Stream<Digest> refs() {
      return Stream.concat(Parts.refsIn(keys), Parts.refsIn(values));
    }

    @Override
    public Object rebuild(UnaryOperator<Object> load) {
      return Containers.map(type, null, Parts.resolve(keys, load), Parts.resolve(values, load));
    }
  }

  /** An array of a reference component type. */
  record ArrayParts(Class<?> componentType, List<Object> items) implements Parts {
    @Override
    public Stream<Digest> refs() {
      return Parts.refsIn(items);
    }

    @Override
    public Object rebuild(UnaryOperator<Object> load) {
      List<Object> values = Parts.resolve(items, load);
      Object array = Array.newInstance(componentType, values.size());
      for (int i = 0; i < values.size(); i++) {
        Array.set(array, i, values.get(i));
      }
      return array;
    }
  }

  /** A record, rebuilt through its canonical constructor. */
  record RecordParts(Class<?> type, List<Object> components) implements Parts {
    @Override
    public Stream<Digest> refs() {
      return Parts.refsIn(components);
    }

    @Override
    public Object rebuild(UnaryOperator<Object> load) throws ReflectiveOperationException {
      return Records.construct(type, Parts.resolve(components, load).toArray());
    }
  }

  private static Stream<Digest> refsIn(List<Object> items) {
    return items.stream().filter(x -> x instanceof Ref).map(x -> ((Ref) x).key());
  }

  private static List<Object> resolve(List<Object> items, UnaryOperator<Object> load) {
    List<Object> out = new ArrayList<>(items.size());
    for (Object x : items) {
      out.add(x instanceof Ref ? load.apply(x) : x);
    }
    return out;
  }
}
