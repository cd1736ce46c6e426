package io.fleche.storages;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/** Reads records' components and builds records through their canonical constructor. */
final class Records {
  private static final ClassValue<Constructor<?>> CANONICAL =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> c) {
          RecordComponent[] rc = c.getRecordComponents();
          Class<?>[] types = new Class<?>[rc.length];
          for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
          }
          try {
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor;
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without canonical constructor: " + c, e);
          }
        }
      };

  private Records() {}

  /** The component values of {@code record}, in canonical order. */
  static Object[] components(Object record) throws ReflectiveOperationException {
    RecordComponent[] rc = record.getClass().getRecordComponents();
    Object[] out = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      var accessor = rc[i].getAccessor();
      accessor.setAccessible(true);
      out[i] = accessor.invoke(record);
    }
    return out;
  }

  static Object construct(Class<?> type, Object[] components) throws ReflectiveOperationException {
    return CANONICAL.get(type).newInstance(components);
  }
}
