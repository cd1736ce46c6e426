package io.fleche.metadata;

import io.fleche.MetaData;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Metadata plugins by the names used in {@code fleche.toml}:
 *
 * <pre>{@code
 * [default]
 * metadata = ["Runtime", "Environment", "Git", "com.example.GpuMetaData"]
 * }</pre>
 *
 * <p>{@code Runtime}, {@code Environment} and {@code Git} are the built-in plugins of this
 * package; any other name is the fully qualified name of a public class implementing {@link
 * MetaData} with a public no-argument constructor.
 */
public final class MetaDataPlugins {
  private static final Map<String, Supplier<MetaData>> BUILT_IN =
      Map.of("Runtime", Runtime::new, "Environment", Environment::new, "Git", Git::new);

  private MetaDataPlugins() {}

  /**
   * A new instance of the plugin called {@code name}.
   *
   * @throws IllegalArgumentException for {@code "Tags"} (tags are set in code, with {@link
   *     io.fleche.Fleches#tags}), and for a name that is neither built in nor a loadable public
   *     {@link MetaData} class with a public no-argument constructor
   */
  public static MetaData byName(String name) {
    Supplier<MetaData> builtIn = BUILT_IN.get(name);
    if (builtIn != null) {
      return builtIn.get();
    }
    if (name.equals("Tags") || name.equals("io.fleche.Tags")) {
      throw new IllegalArgumentException(
          "Tags cannot be configured: tags are set in code, e.g."
              + " try (Scope s = Fleches.tags(Map.of(\"project\", \"alpha\"))) { ... }");
    }
    Class<?> type = load(name);
    if (!MetaData.class.isAssignableFrom(type) || !Modifier.isPublic(type.getModifiers())) {
      throw new IllegalArgumentException(
          "metadata plugin " + name + " must be a public class implementing io.fleche.MetaData");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return (MetaData) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "metadata plugin " + name + " needs a public no-argument constructor", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "metadata plugin " + name + " could not be created: " + e, e);
    }
  }

  private static Class<?> load(String name) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader loader : new ClassLoader[] {context, MetaDataPlugins.class.getClassLoader()}) {
      if (loader == null) {
        continue;
      }
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    throw new IllegalArgumentException(
        "unknown metadata plugin '"
            + name
            + "': use Runtime, Environment, Git or the fully qualified name of a public"
            + " io.fleche.MetaData class");
  }
}
