package io.fleche.config;

import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import io.fleche.storages.sql.SqlDatabase;
import java.util.List;
import java.util.Map;

/** The storages of this version by their {@code type} in {@code fleche.toml}. */
final class ConfiguredStorages {
  private ConfiguredStorages() {}

  /**
   * The value storage {@code spec} describes, for the cache {@code cache}.
   *
   * @throws IllegalArgumentException for an unknown type or option
   */
  static ValueStorage values(StorageSpec spec, String cache) {
    switch (spec.type()) {
      case "memory":
        Object depth = spec.options().getOrDefault("remaining_depth", 1L);
        noOptionsBut(spec, cache, "values", "remaining_depth");
        if (!(depth instanceof Long) || (Long) depth < 0 || (Long) depth > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              where(cache, "values") + ": remaining_depth must be 0 or more, got " + depth);
        }
        return Storages.valueMemory(((Long) depth).intValue());
      case "void":
        noOptionsBut(spec, cache, "values");
        return Storages.valueVoid();
      case "sql":
        throw new IllegalArgumentException(
            where(cache, "values")
                + ": values in SQL need a serializer, which fleche.toml cannot name yet");
      default:
        throw unknown(spec, cache, "values", "'memory' and 'void'");
    }
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
        noOptionsBut(spec, cache, "calls");
        return Storages.callMemory();
      case "void":
        noOptionsBut(spec, cache, "calls");
        return Storages.callVoid();
      case "sql":
        noOptionsBut(spec, cache, "calls", "url");
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
        throw unknown(spec, cache, "calls", "'memory', 'void' and 'sql'");
    }
  }

  private static void noOptionsBut(StorageSpec spec, String cache, String kind, String... keys) {
    for (Map.Entry<String, Object> e : spec.options().entrySet()) {
      if (!List.of(keys).contains(e.getKey())) {
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

  private static IllegalArgumentException unknown(
      StorageSpec spec, String cache, String kind, String types) {
    return new IllegalArgumentException(
        where(cache, kind)
            + ": unknown storage type '"
            + spec.type()
            + "'; this version has "
            + types
            + " (file storages come in the next milestone)");
  }

  private static String where(String cache, String kind) {
    return "cache '" + cache + "', " + kind;
  }
}
