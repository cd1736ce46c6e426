package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.storage.SaveException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deep copies, so that what a caller saved or loaded never aliases stored state. Immutable values
 * (strings, boxed primitives, {@code java.time} values, enums, digests, records whose components
 * are all of immutable types) are shared, not copied; arrays are copied in bulk; collections keep
 * their class where possible (see {@link Containers}); plain objects are copied field by field
 * without running a constructor, keeping shared references shared.
 */
final class Copier {
  private enum Kind {
    IMMUTABLE,
    PRIMITIVE_ARRAY,
    OBJECT_ARRAY,
    LIST,
    SET,
    MAP,
    OPTIONAL,
    RECORD,
    OBJECT,
    REFUSED
  }

  private static final ClassValue<Kind> KINDS =
      new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
          return kindOf(c);
        }
      };

  private static final ClassValue<Boolean> IMMUTABLE_TYPES =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
          return immutableType(c, new ArrayList<>());
        }
      };

  private static final MethodHandle ALLOCATE = allocator();

  private IdentityHashMap<Object, Object> copied; // plain objects already copied, for sharing

  private Copier() {}

  /**
   * A copy of {@code value} that shares no mutable state with it.
   *
   * @throws SaveException if the value holds something that cannot be copied
   */
  static Object copy(Object value) {
    if (value == null || KINDS.get(value.getClass()) == Kind.IMMUTABLE) {
      return value;
    }
    return new Copier().deep(value);
  }

  private Object deep(Object v) {
    if (v == null) {
      return null;
    }
    Class<?> c = v.getClass();
    switch (KINDS.get(c)) {
      case IMMUTABLE:
        return v;
      case PRIMITIVE_ARRAY:
        {
          int n = Array.getLength(v);
          Object out = Array.newInstance(c.getComponentType(), n);
          System.arraycopy(v, 0, out, 0, n);
          return out;
        }
      case OBJECT_ARRAY:
        {
          Object[] a = (Object[]) v;
          Object[] out = (Object[]) Array.newInstance(c.getComponentType(), a.length);
          for (int i = 0; i < a.length; i++) {
            out[i] = deep(a[i]);
          }
          return out;
        }
      case LIST:
        {
          List<Object> items = new ArrayList<>(((List<?>) v).size());
          for (Object x : (List<?>) v) {
            items.add(deep(x));
          }
          return Containers.list(c, items);
        }
      case SET:
        {
          List<Object> items = new ArrayList<>(((Set<?>) v).size());
          for (Object x : (Set<?>) v) {
            items.add(deep(x));
          }
          return Containers.set(c, Containers.comparatorOf(v), items);
        }
      case MAP:
        {
          Map<?, ?> m = (Map<?, ?>) v;
          List<Object> keys = new ArrayList<>(m.size());
          List<Object> values = new ArrayList<>(m.size());
          for (Map.Entry<?, ?> e : m.entrySet()) {
            keys.add(deep(e.getKey()));
            values.add(deep(e.getValue()));
          }
          return Containers.map(c, Containers.comparatorOf(v), keys, values);
        }
      case OPTIONAL:
        {
          Optional<?> o = (Optional<?>) v;
          return o.isEmpty() ? o : Optional.of(deep(o.get()));
        }
      case RECORD:
        return record(v);
      case OBJECT:
        return object(v);
      default:
        throw new SaveException("cannot copy a " + c.getName() + " for an in-memory storage");
    }
  }

  private Object record(Object v) {
    Class<?> c = v.getClass();
    RecordComponent[] rc = c.getRecordComponents();
    Object[] parts = new Object[rc.length];
    boolean changed = false;
    try {
      for (int i = 0; i < rc.length; i++) {
        var accessor = rc[i].getAccessor();
        accessor.setAccessible(true);
        Object x = accessor.invoke(v);
        parts[i] = deep(x);
        changed |= parts[i] != x;
      }
      return changed ? Records.construct(c, parts) : v;
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof SaveException) {
        throw (SaveException) e;
      }
      throw new SaveException("cannot copy record " + c.getName() + ": " + e, e);
    }
  }

  private Object object(Object v) {
    if (copied == null) {
      copied = new IdentityHashMap<>();
    }
    Object done = copied.get(v);
    if (done != null) {
      return done;
    }
    Class<?> c = v.getClass();
    try {
      Object out = allocate(c);
      copied.put(v, out);
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          f.setAccessible(true);
          f.set(out, deep(f.get(v)));
        }
      }
      return out;
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof SaveException) {
        throw (SaveException) e;
      }
      throw new SaveException("cannot copy a " + c.getName() + ": " + e, e);
    }
  }

  /** A new instance of {@code c} whose constructors have not run (no-arg one without Unsafe). */
  static Object allocate(Class<?> c) throws ReflectiveOperationException {
    if (ALLOCATE != null) {
      try {
        return ALLOCATE.invoke(c);
      } catch (Error | RuntimeException | ReflectiveOperationException e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
    Constructor<?> ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    return ctor.newInstance();
  }

  private static MethodHandle allocator() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      return MethodHandles.lookup()
          .findVirtual(
              unsafeClass, "allocateInstance", MethodType.methodType(Object.class, Class.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.getLogger("io.fleche.storage")
          .log(
              System.Logger.Level.DEBUG,
              "No sun.misc.Unsafe; plain objects are copied through their no-arg constructor");
      return null;
    }
  }

  private static Kind kindOf(Class<?> c) {
    if (IMMUTABLE_TYPES.get(c)) {
      return Kind.IMMUTABLE;
    }
    if (c.isArray()) {
      return c.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
    }
    if (c.isRecord()) {
      return Kind.RECORD;
    }
    if (List.class.isAssignableFrom(c)) {
      return Kind.LIST;
    }
    if (Set.class.isAssignableFrom(c)) {
      return Kind.SET;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Kind.MAP;
    }
    if (c == Optional.class) {
      return Kind.OPTIONAL;
    }
    String n = c.getName();
    if (n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
        || n.startsWith("sun.") || n.startsWith("com.sun.") || c.isHidden()) {
      return Kind.REFUSED;
    }
    return Kind.OBJECT;
  }

  /** Values of this class can never change once built (so they may be shared). */
  private static boolean immutableType(Class<?> c, List<Class<?>> visiting) {
    if (c.isPrimitive()
        || c == String.class
        || c == Integer.class
        || c == Long.class
        || c == Double.class
        || c == Float.class
        || c == Short.class
        || c == Byte.class
        || c == Character.class
        || c == Boolean.class
        || c == BigInteger.class
        || c == BigDecimal.class
        || c == UUID.class
        || c == Class.class
        || c == Digest.class
        || c == DigestedCall.class
        || c.isEnum()
        || (c.getSuperclass() != null && c.getSuperclass().isEnum())
        || (c.getName().startsWith("java.time.") && !c.isInterface())) {
      return true;
    }
    if (!c.isRecord() || visiting.contains(c)) {
      return false;
    }
    visiting.add(c);
    for (RecordComponent rc : c.getRecordComponents()) {
      Class<?> t = rc.getType();
      if (!Modifier.isFinal(t.getModifiers()) && !t.isPrimitive() && !t.isEnum()) {
        return false;
      }
      if (!immutableType(t, visiting)) {
        return false;
      }
    }
    return true;
  }
}
