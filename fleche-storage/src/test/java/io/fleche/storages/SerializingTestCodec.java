package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.SaveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A codec for tests of byte-keeping storages: Java serialization, with stand-ins for what is not
 * {@link Serializable} (digests, records, {@code Optional}, plain objects), so that every sample
 * of {@link ValueStorageContract} round-trips. It trusts its input: never use it for real data.
 */
public final class SerializingTestCodec implements Codec {
  private record DigestForm(String hex) implements Serializable {}

  private record OptionalForm(Object value) implements Serializable {}

  private record RecordForm(Class<?> type, Object[] components) implements Serializable {}

  private record ObjectForm(Class<?> type, Object[] fields) implements Serializable {}

  @Override
  public byte[] encode(Digest key, Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new Writer(bytes)) {
      out.writeObject(value);
    } catch (IOException | RuntimeException e) {
      throw new SaveException("cannot serialize " + value + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object decode(Digest key, byte[] bytes) {
    try (ObjectInputStream in = new Reader(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new CorruptEntryException("not a serialized value: " + e, e);
    }
  }

  /** The fields an object form holds, superclass fields last. */
  private static List<Field> fields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private static final class Writer extends ObjectOutputStream {
    Writer(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object o) throws IOException {
      try {
        if (o instanceof Digest) {
          return new DigestForm(o.toString());
        }
        if (o instanceof Optional) {
          return new OptionalForm(((Optional<?>) o).orElse(null));
        }
        if (o instanceof Serializable) {
          return o;
        }
        if (o.getClass().isRecord()) {
          RecordComponent[] rc = o.getClass().getRecordComponents();
          Object[] components = new Object[rc.length];
          for (int i = 0; i < rc.length; i++) {
            rc[i].getAccessor().setAccessible(true);
            components[i] = rc[i].getAccessor().invoke(o);
          }
          return new RecordForm(o.getClass(), components);
        }
        List<Field> fields = fields(o.getClass());
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = fields.get(i).get(o);
        }
        return new ObjectForm(o.getClass(), values);
      } catch (ReflectiveOperationException e) {
        throw new IOException(e);
      }
    }
  }

  private static final class Reader extends ObjectInputStream {
    Reader(InputStream in) throws IOException {
      super(in);
      enableResolveObject(true);
    }

    @Override
    protected Object resolveObject(Object o) throws IOException {
      try {
        if (o instanceof DigestForm) {
          return Digest.fromHex(((DigestForm) o).hex());
        }
        if (o instanceof OptionalForm) {
          return Optional.ofNullable(((OptionalForm) o).value());
        }
        if (o instanceof RecordForm) {
          return Records.construct(((RecordForm) o).type(), ((RecordForm) o).components());
        }
        if (o instanceof ObjectForm) {
          ObjectForm form = (ObjectForm) o;
          Object out = Instances.allocate(form.type());
          List<Field> fields = fields(form.type());
          for (int i = 0; i < form.fields().length; i++) {
            fields.get(i).set(out, form.fields()[i]);
          }
          return out;
        }
        return o;
      } catch (ReflectiveOperationException e) {
        throw new IOException(e);
      }
    }
  }
}
