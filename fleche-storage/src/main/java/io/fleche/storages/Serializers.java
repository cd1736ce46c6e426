package io.fleche.storages;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serializers of the file storages by name, and the run-time part of the {@link AllowList}.
 *
 * <pre>{@code
 * // what the agent does for each @Fleche method it instruments:
 * Serializers.allow(method.getGenericReturnType());
 * for (Type t : method.getGenericParameterTypes()) Serializers.allow(t);
 * }</pre>
 */
public final class Serializers {
  /** The default serializer: tagged values in Jackson Smile (see {@link SmileSerializer}). */
  public static final String SMILE = "smile";

  /** JDK serialization, for {@code Serializable} types, behind the allow-list. */
  public static final String JAVA = "java";

  private static final Map<String, Serializer> BY_NAME = new ConcurrentHashMap<>();

  static {
    BY_NAME.put(SMILE, new SmileSerializer());
    BY_NAME.put(JAVA, new JavaSerializer());
  }

  private Serializers() {}

  /**
   * Makes {@code serializer} available by its name, replacing one registered under that name.
   *
   * @throws IllegalArgumentException if the name is not 1 to 32 ASCII letters and digits
   */
  public static void register(Serializer serializer) {
    String name = serializer.name();
    if (!name.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException(
          "a serializer name is 1 to 32 ASCII letters and digits, got '" + name + "'");
    }
    BY_NAME.put(name, serializer);
  }

  /** The names of the registered serializers. */
  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  /** The serializer registered as {@code name}, or null. */
  static Serializer find(String name) {
    return BY_NAME.get(name);
  }

  /**
   * The serializer registered as {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  static Serializer named(String name) {
    Serializer s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown serializer '" + name + "'; registered: " + names());
    }
    return s;
  }

  /**
   * Allows every storage to deserialize the classes {@code type} mentions: the class itself, the
   * element types of arrays, the type arguments of generic types, and, for application (non-JDK)
   * classes, the declared types of their record components and fields, transitively. Subclasses
   * of an allowed application class are allowed too. The agent calls this with the parameter and
   * return types of every {@code @Fleche} method it instruments.
   */
  public static void allow(Type type) {
    walk(type, new HashSet<>());
  }

  private static void walk(Type type, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      if (c.isArray()) {
        walk(c.getComponentType(), seen);
        return;
      }
      if (c.isPrimitive() || c.isSynthetic() || c.isHidden()) {
        return;
      }
      AllowList.register(c);
      if (!AllowList.isJdk(c.getName())) {
        members(c, seen);
      }
    } else if (type instanceof ParameterizedType) {
      walk(((ParameterizedType) type).getRawType(), seen);
      for (Type t : ((ParameterizedType) type).getActualTypeArguments()) {
        walk(t, seen);
      }
    } else if (type instanceof GenericArrayType) {
      walk(((GenericArrayType) type).getGenericComponentType(), seen);
    } else if (type instanceof WildcardType) {
      for (Type t : ((WildcardType) type).getUpperBounds()) {
        walk(t, seen);
      }
      for (Type t : ((WildcardType) type).getLowerBounds()) {
        walk(t, seen);
      }
    } else if (type instanceof TypeVariable) {
      for (Type t : ((TypeVariable<?>) type).getBounds()) {
        walk(t, seen);
      }
    }
  }

  private static void members(Class<?> c, Set<Type> seen) {
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        walk(rc.getGenericType(), seen);
      }
      return;
    }
    for (Class<?> k = c; k != null && !AllowList.isJdk(k.getName()); k = k.getSuperclass()) {
      walk(k, seen);
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
          walk(f.getGenericType(), seen);
        }
      }
    }
  }
}
