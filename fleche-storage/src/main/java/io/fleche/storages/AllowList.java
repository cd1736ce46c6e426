package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes a {@link Serializer} may resolve, and so instantiate, when it reads a stored entry.
 * A stored entry naming any other class is refused before that class is initialised: the entry is
 * a logged miss.
 *
 * <p>Allowed are:
 *
 * <ul>
 *   <li>JDK value types: {@code String}, the boxed primitives, {@code BigInteger}, {@code
 *       BigDecimal}, {@code UUID}, {@code Optional}, every class of {@code java.time}, and {@code
 *       Object}, {@code Number}, {@code CharSequence}, {@code Comparable} (as array component
 *       types);
 *   <li>JDK collections: classes of {@code java.util} and {@code java.util.concurrent} that are
 *       {@code Collection}s or {@code Map}s (and the JDK's serialization proxies for them);
 *   <li>Fleche's own stored types: {@code Digest}, {@code DigestedCall}, {@code FunctionId}, the
 *       parts of destructured values;
 *   <li>classes and packages named in the storage's options ({@code allow = ["com.acme."]} in
 *       {@code fleche.toml}, {@link FileOptions#allow(String...)}): an entry {@code com.acme}
 *       or {@code com.acme.} allows that package and its subpackages, an entry naming a class
 *       allows it and its nested classes;
 *   <li>types registered at run time with {@link Serializers#allow(java.lang.reflect.Type)} (the
 *       agent registers the parameter and return types of {@code @Fleche} methods), and
 *       subclasses of registered application (non-JDK) types;
 *   <li>primitive types, and arrays of allowed types.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class AllowList {
  private static final Set<String> JDK_VALUES =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.Object",
          "java.lang.CharSequence",
          "java.lang.Comparable",
          "java.lang.Enum",
          "java.lang.Record",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.UUID",
          "java.util.Optional",
          // the serialization proxy of List.of, Set.of, Map.of (JDK serialization)
          "java.util.CollSer");

  private static final Set<String> FLECHE_TYPES =
      Set.of(
          Digest.class.getName(),
          DigestedCall.class.getName(),
          FunctionId.class.getName(),
          Parts.Ref.class.getName(),
          Parts.ListParts.class.getName(),
          Parts.MapParts.class.getName(),
          Parts.ArrayParts.class.getName(),
          Parts.RecordParts.class.getName(),
          JavaSerializer.DigestForm.class.getName(),
          JavaSerializer.CallForm.class.getName());

  private static final Map<String, Class<?>> PRIMITIVES =
      Map.of(
          "boolean", boolean.class,
          "byte", byte.class,
          "char", char.class,
          "short", short.class,
          "int", int.class,
          "long", long.class,
          "float", float.class,
          "double", double.class,
          "void", void.class);

  /** Classes registered at run time, by name (the agent's parameter and return types). */
  private static final Map<String, Class<?>> REGISTERED = new ConcurrentHashMap<>();

  private final List<String> prefixes;
  private final Map<String, Class<?>> resolved = new ConcurrentHashMap<>();

  /**
   * @param entries packages ({@code com.acme} or {@code com.acme.}) and class names allowed in
   *     addition to the built-in and registered ones
   */
  AllowList(Collection<String> entries) {
    this.prefixes = List.copyOf(entries);
  }

  /** Registers {@code type} for every allow-list (see {@link Serializers#allow}). */
  static void register(Class<?> type) {
    REGISTERED.putIfAbsent(type.getName(), type);
  }

  /** The packages and classes this list allows beyond the built-in and registered ones. */
  List<String> entries() {
    return prefixes;
  }

  /**
   * The class called {@code name} (a binary name as {@link Class#getName()} gives it, or a
   * primitive type's name), if this list allows it; the class is loaded but not initialised.
   *
   * @throws CorruptEntryException if the class is not allowed or cannot be found
   */
  public Class<?> resolve(String name) {
    Class<?> c = resolved.get(name);
    if (c == null) {
      c = lookUp(name);
      resolved.put(name, c);
    }
    return c;
  }

  private Class<?> lookUp(String name) {
    Class<?> primitive = PRIMITIVES.get(name);
    if (primitive != null) {
      return primitive;
    }
    if (name.startsWith("[")) {
      return arrayClass(name);
    }
    Class<?> registered = REGISTERED.get(name);
    if (registered != null) {
      return registered;
    }
    if (JDK_VALUES.contains(name) || FLECHE_TYPES.contains(name) || isTime(name) || configured(name)) {
      return load(name);
    }
    if (isInPackage(name, "java.util") || isInPackage(name, "java.util.concurrent")) {
      Class<?> c = load(name);
      if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
        return c;
      }
      throw refused(name);
    }
    if (!isJdk(name) && registeredApplicationTypeOf(name)) {
      return load(name);
    }
    throw refused(name);
  }

  private Class<?> arrayClass(String descriptor) {
    int dims = 0;
    while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
      dims++;
    }
    String element = descriptor.substring(dims);
    Class<?> c;
    if (element.length() == 1) {
      c = primitiveOfDescriptor(element.charAt(0));
    } else if (element.startsWith("L") && element.endsWith(";")) {
      c = resolve(element.substring(1, element.length() - 1));
    } else {
      throw new CorruptEntryException("Not a class name: " + descriptor);
    }
    for (int i = 0; i < dims; i++) {
      c = c.arrayType();
    }
    return c;
  }

  private static Class<?> primitiveOfDescriptor(char d) {
    switch (d) {
      case 'Z':
        return boolean.class;
      case 'B':
        return byte.class;
      case 'C':
        return char.class;
      case 'S':
        return short.class;
      case 'I':
        return int.class;
      case 'J':
        return long.class;
      case 'F':
        return float.class;
      case 'D':
        return double.class;
      default:
        throw new CorruptEntryException("Not an array descriptor: [" + d);
    }
  }

  private boolean configured(String name) {
    for (String p : prefixes) {
      String base = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
      if (name.equals(base)
          || name.startsWith(base)
              && name.length() > base.length()
              && (name.charAt(base.length()) == '.' || name.charAt(base.length()) == '$')) {
        return true;
      }
    }
    return false;
  }

  /** A subclass of a registered application type: loads the named class (not initialising it). */
  private static boolean registeredApplicationTypeOf(String name) {
    if (REGISTERED.values().stream().allMatch(t -> isJdk(t.getName()))) {
      return false;
    }
    Class<?> c;
    try {
      c = load(name);
    } catch (CorruptEntryException notFound) {
      return false;
    }
    return REGISTERED.values().stream()
        .anyMatch(t -> !isJdk(t.getName()) && t != c && t.isAssignableFrom(c));
  }

  private static boolean isTime(String name) {
    return isInPackage(name, "java.time");
  }

  /** True if {@code name} is a class directly in {@code pkg} (not in a subpackage). */
  private static boolean isInPackage(String name, String pkg) {
    return name.startsWith(pkg)
        && name.length() > pkg.length() + 1
        && name.charAt(pkg.length()) == '.'
        && name.indexOf('.', pkg.length() + 1) < 0;
  }

  static boolean isJdk(String name) {
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  private static Class<?> load(String name) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(name, false, context != null ? context : AllowList.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      if (context != null && context != AllowList.class.getClassLoader()) {
        try {
          return Class.forName(name, false, AllowList.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError again) {
          // reported below
        }
      }
      throw new CorruptEntryException(CorruptEntryException.CLASS_NOT_FOUND + name);
    }
  }

  private static CorruptEntryException refused(String name) {
    return new CorruptEntryException(
        "The stored entry names "
            + name
            + ", which is not allowed to be deserialized (allow its package in the storage's"
            + " options, allow = [\"...\"], or register it with Serializers.allow)");
  }

  @Override
  public String toString() {
    return "AllowList" + prefixes;
  }
}
