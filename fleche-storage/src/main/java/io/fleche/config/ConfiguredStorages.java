package io.fleche.config;

import io.fleche.FlecheException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Serializers;
import io.fleche.storages.Storages;
import java.nio.file.Path;
import io.fleche.storages.sql.SqlDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The storages of this version by their {@code type} in {@code fleche.toml}: {@code memory},
 * {@code void}, and file storages, whose type names the serializer: Python fleche's pickle-family
 * names ({@code file}, {@code pickle}, {@code cloudpickle}, {@code dill}) and {@code smile} mean
 * the default Smile serializer, {@code java} JDK serialization; {@code sql} keeps calls, or values
 * (encoded as value files are), in a database.
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
 *
 * [portable]                        # a whole cache in one SQLite file
 * values.type = "sql"
 * values.url = "sqlite:///cache.db" # relative to this file
 * values.serializer = "smile"       # or "java"; compress, secret_key, allow as for files
 * calls.type = "sql"
 * calls.url = "sqlite:///cache.db"
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
   * @throws FlecheException if the database of {@code sql} values cannot be opened (damaged, not
   *     a database, not readable); the message names the cache
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
        noOptionsBut(spec, cache, "values", SQL_VALUE_OPTIONS);
        return database(spec, cache, "values")
            .values(
                fileOptions(spec, cache, "values", serializer(spec, cache)).codec(),
                remainingDepth(spec, cache));
      default:
        if (FILE_TYPES.containsKey(spec.type())) {
          noOptionsBut(spec, cache, "values", VALUE_FILE_OPTIONS);
          return Storages.valueFiles(
              root(spec, cache, "values"),
              fileOptions(spec, cache, "values", FILE_TYPES.get(spec.type())),
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
   * @throws FlecheException if the database cannot be opened (damaged, not a database, not
   *     readable); the message names the cache
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
        return database(spec, cache, "calls").calls();
      default:
        if (FILE_TYPES.containsKey(spec.type())) {
          noOptionsBut(spec, cache, "calls", FILE_OPTIONS);
          return Storages.callFiles(
              root(spec, cache, "calls"),
              fileOptions(spec, cache, "calls", FILE_TYPES.get(spec.type())));
        }
        throw unknown(spec, cache, "calls");
    }
  }

  /**
   * The database at the spec's {@code url}, opened once per URL and kept open for the life of the
   * JVM, so that calls and values in one file share its connections.
   */
  private static SqlDatabase database(StorageSpec spec, String cache, String kind) {
    if (!(spec.options().get("url") instanceof String)) {
      throw new IllegalArgumentException(
          where(cache, kind)
              + ": storage type 'sql' needs a url, e.g. url = \"sqlite:///calls.db\"");
    }
    try {
      return DATABASES.computeIfAbsent((String) spec.options().get("url"), SqlDatabase::open);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where(cache, kind) + ": " + e.getMessage(), e);
    } catch (FlecheException e) {
      throw new FlecheException(where(cache, kind) + ": " + e.getMessage(), e);
    }
  }

  private static final Map<String, SqlDatabase> DATABASES = new ConcurrentHashMap<>();

  /** The {@code serializer} option of SQL values: a file storage type name; Smile by default. */
  private static String serializer(StorageSpec spec, String cache) {
    Object name = spec.options().getOrDefault("serializer", Serializers.SMILE);
    if (!FILE_TYPES.containsKey(name)) {
      throw new IllegalArgumentException(
          where(cache, "values")
              + ": serializer must be one of "
              + FILE_TYPES.keySet().stream().sorted().collect(Collectors.toList())
              + ", got "
              + name);
    }
    return FILE_TYPES.get(name);
  }

  /** The options of file storages, besides {@code remaining_depth} for values. */
  private static final List<String> FILE_OPTIONS =
      List.of("root", "compress", "secret_key", "allow", "sync", "lock_timeout");

  private static final List<String> VALUE_FILE_OPTIONS =
      Stream.concat(FILE_OPTIONS.stream(), Stream.of("remaining_depth")).collect(Collectors.toList());

  /** The options of SQL values: those of value files, with a url instead of a root. */
  private static final List<String> SQL_VALUE_OPTIONS =
      List.of("url", "serializer", "compress", "secret_key", "allow", "remaining_depth");

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

  private static FileOptions fileOptions(
      StorageSpec spec, String cache, String kind, String serializer) {
    Map<String, Object> o = spec.options();
    String at = where(cache, kind);
    FileOptions options =
        FileOptions.defaults()
            .serializer(serializer)
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
            + "'; this version has memory, void, sql and the file storages "
            + FILE_TYPES.keySet().stream().sorted().collect(Collectors.toList()));
  }

  private static String where(String cache, String kind) {
    return "cache '" + cache + "', " + kind;
  }
}
