package io.fleche.config;

import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Serializers;
import io.fleche.storages.Storages;
import java.nio.file.Path;
import java.util.ArrayList;
import io.fleche.storages.sql.SqlDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The storages of this version by their {@code type} in {@code fleche.toml}: {@code memory},
 * {@code void}, and file storages, whose type names the serializer: Python fleche's pickle-family
 * names ({@code file}, {@code pickle}, {@code cloudpickle}, {@code dill}) and {@code smile} mean
 * the default Smile serializer, {@code java} JDK serialization.
 *
 * <pre>{@code
 * [persistent]
 * values.type = "pickle"            # or "smile", "java", "file"
 * values.root = "cache/values"      # relative to this file
 * values.remaining_depth = 1
 * values.compress = true
 * values.secret_key = ["00ff..."]   # hex; else FLECHE_SECRET_KEY; first signs, any verifies
 * values.allow = ["com.acme."]      # application packages that may be deserialized
 * calls.type = "pickle"
 * calls.root = "cache/calls"
 * }</pre>
 */
final class ConfiguredStorages {
  private static final System.Logger LOG = System.getLogger("io.fleche.config");

  /** File storage types and the serializer each stands for. */
  private static final Map<String, String> FILE_TYPES =
      Map.of(
          "file", Serializers.SMILE,
          "pickle", Serializers.SMILE,
          "cloudpickle", Serializers.SMILE,
          "dill", Serializers.SMILE,
          Serializers.SMILE, Serializers.SMILE,
          Serializers.JAVA, Serializers.JAVA);

  private ConfiguredStorages() {}

  /**
   * The value storage {@code spec} describes, for the cache {@code cache}.
   *
   * @throws IllegalArgumentException for an unknown type or option
   */
  static ValueStorage values(StorageSpec spec, String cache) {
    switch (spec.type()) {
      case "memory":
        noOptionsBut(spec, cache, "values", List.of("remaining_depth"));
        return Storages.valueMemory(remainingDepth(spec, cache));
      case "void":
        noOptionsBut(spec, cache, "values", List.of());
        return Storages.valueVoid();
      case "sql":
        throw new IllegalArgumentException(
            where(cache, "values")
                + ": values in SQL need a serializer, which fleche.toml cannot name yet");
      default:
        if (FILE_TYPES.containsKey(spec.type())) {
          noOptionsBut(spec, cache, "values", VALUE_FILE_OPTIONS);
          return Storages.valueFiles(
              root(spec, cache, "values"),
              fileOptions(spec, cache, "values"),
              remainingDepth(spec, cache));
        }
        throw unknown(spec, cache, "values");
    }
  }

  private static int remainingDepth(StorageSpec spec, String cache) {
    Object depth = spec.options().getOrDefault("remaining_depth", 1L);
    if (!(depth instanceof Long) || (Long) depth < 0 || (Long) depth > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          where(cache, "values") + ": remaining_depth must be 0 or more, got " + depth);
    }
    return ((Long) depth).intValue();
  }

  /**
   * The call storage {@code spec} describes, for the cache {@code cache}. A {@code sql} storage
   * opens its database now, and keeps it open for the life of the JVM.
   *
   * @throws IllegalArgumentException for an unknown type, option or URL
   * @throws io.fleche.FlecheException if the database cannot be opened
   */
  static CallStorage calls(StorageSpec spec, String cache) {
    switch (spec.type()) {
      case "memory":
        noOptionsBut(spec, cache, "calls", List.of());
        return Storages.callMemory();
      case "void":
        noOptionsBut(spec, cache, "calls", List.of());
        return Storages.callVoid();
      case "sql":
        noOptionsBut(spec, cache, "calls", List.of("url"));
        if (!(spec.options().get("url") instanceof String)) {
          throw new IllegalArgumentException(
              where(cache, "calls")
                  + ": storage type 'sql' needs a url, e.g. url = \"sqlite:///calls.db\"");
        }
        try {
          return SqlDatabase.open((String) spec.options().get("url")).calls();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where(cache, "calls") + ": " + e.getMessage(), e);
        }
      default:
        if (FILE_TYPES.containsKey(spec.type())) {
          noOptionsBut(spec, cache, "calls", FILE_OPTIONS);
          return Storages.callFiles(root(spec, cache, "calls"), fileOptions(spec, cache, "calls"));
        }
        throw unknown(spec, cache, "calls");
    }
  }

  /** The options of file storages, besides {@code remaining_depth} for values. */
  private static final List<String> FILE_OPTIONS =
      List.of("root", "compress", "secret_key", "allow", "sync", "lock_timeout");

  private static final List<String> VALUE_FILE_OPTIONS =
      Stream.concat(FILE_OPTIONS.stream(), Stream.of("remaining_depth")).collect(Collectors.toList());

  private static Path root(StorageSpec spec, String cache, String kind) {
    Object root = spec.options().get("root");
    if (!(root instanceof String)) {
      throw new IllegalArgumentException(
          where(cache, kind)
              + ": storage type '"
              + spec.type()
              + "' needs a root directory (root = \"...\"), got "
              + root);
    }
    return Path.of((String) root);
  }

  private static FileOptions fileOptions(StorageSpec spec, String cache, String kind) {
    Map<String, Object> o = spec.options();
    String at = where(cache, kind);
    FileOptions options =
        FileOptions.defaults()
            .serializer(FILE_TYPES.get(spec.type()))
            .compress(flag(o, "compress", at))
            .sync(flag(o, "sync", at));
    if (o.containsKey("secret_key")) {
      options = options.signingKeysHex(strings(o, "secret_key", at));
    }
    if (o.containsKey("lock_timeout")) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: lock_timeout is ignored: file storages write without locks (atomic renames), as"
              + " Python fleche has since 0.22",
          at);
    }
    return options.allow(strings(o, "allow", at).toArray(new String[0]));
  }

  private static boolean flag(Map<String, Object> options, String key, String at) {
    Object v = options.getOrDefault(key, false);
    if (!(v instanceof Boolean)) {
      throw new IllegalArgumentException(at + ": " + key + " must be true or false, got " + v);
    }
    return (Boolean) v;
  }

  private static List<String> strings(Map<String, Object> options, String key, String at) {
    Object v = options.getOrDefault(key, List.of());
    if (!(v instanceof List) || !((List<?>) v).stream().allMatch(x -> x instanceof String)) {
      throw new IllegalArgumentException(
          at + ": " + key + " must be a list of strings, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object x : (List<?>) v) {
      out.add((String) x);
    }
    return out;
  }

  private static void noOptionsBut(StorageSpec spec, String cache, String kind, List<String> keys) {
    for (Map.Entry<String, Object> e : spec.options().entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw new IllegalArgumentException(
            where(cache, kind)
                + ": storage type '"
                + spec.type()
                + "' has no option '"
                + e.getKey()
                + "'");
      }
    }
  }

  private static IllegalArgumentException unknown(StorageSpec spec, String cache, String kind) {
    return new IllegalArgumentException(
        where(cache, kind)
            + ": unknown storage type '"
            + spec.type()
            + "'; this version has memory, void, sql (calls) and the file storages "
            + FILE_TYPES.keySet().stream().sorted().collect(Collectors.toList()));
  }

  private static String where(String cache, String kind) {
    return "cache '" + cache + "', " + kind;
  }
}
