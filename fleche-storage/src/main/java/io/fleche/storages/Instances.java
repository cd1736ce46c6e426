package io.fleche.storages;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * Allocates plain objects without running a constructor (as copies and deserialized objects are
 * then filled field by field), through {@code sun.misc.Unsafe} where it is available, else through
 * the no-argument constructor.
 */
final class Instances {
  private static final MethodHandle ALLOCATE = allocator();

  private Instances() {}

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
              "No sun.misc.Unsafe; plain objects are built through their no-arg constructor");
      return null;
    }
  }
}
