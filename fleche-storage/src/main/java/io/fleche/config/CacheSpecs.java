package io.fleche.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns a cache's TOML table (or array of tables) into a {@link CacheSpec}, in the order Python
 * fleche dispatches: an array is a stack, a table with {@code pool} a pool, with {@code template}
 * a template, with {@code type} a remote cache, else a plain cache. Unknown keys are errors, so
 * that a misspelt {@code read_only} cannot silently make a cache writable.
 */
final class CacheSpecs {
  /** The value storage of the {@code sql} template when its table names none. */
  static final String DEFAULT_FILE_TYPE = "file";

  private static final Set<String> IN_MEMORY_TEMPLATES = Set.of("memory", "void");

  /** Keys of a file template passed on to its file storages. */
  private static final List<String> FILE_OPTIONS = List.of("compress", "secret_key", "allow", "sync");

  private final Path file;

  private CacheSpecs(Path file) {
    this.file = file;
  }

  /**
   * The cache configured by {@code node} under {@code name} in {@code file}.
   *
   * @throws IllegalArgumentException naming the file and the table if {@code node} is malformed
   */
  static CacheSpec parse(String name, Object node, Path file) {
    return new CacheSpecs(file).cache(node, name);
  }

  private CacheSpec cache(Object node, String at) {
    if (node instanceof List) {
      List<?> list = (List<?>) node;
      if (list.isEmpty()) {
        throw error(at, "a stack needs at least one layer");
      }
      List<CacheSpec> layers = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof List) {
          throw error(at + "[" + i + "]", "a stack cannot contain a stack");
        }
        layers.add(cache(list.get(i), at + "[" + i + "]"));
      }
      return new CacheSpec.Stack(layers);
    }
    Map<String, Object> table = table(node, at);
    if (table.containsKey("pool")) {
      return pool(table, at);
    }
    if (table.containsKey("template")) {
      return template(table, at);
    }
    if (table.containsKey("type")) {
      return remote(table, at);
    }
    allowOnly(table, at, "values", "calls", "max_size", "front", "read_only");
    if (!table.containsKey("values") || !table.containsKey("calls")) {
      throw error(at, "a cache needs values and calls tables, or a template");
    }
    return new CacheSpec.Plain(
        storage(table.get("values"), at + ".values"),
        storage(table.get("calls"), at + ".calls"),
        maxSize(table, at),
        readOnly(table, at),
        positive(table, "front", at));
  }

  private CacheSpec pool(Map<String, Object> table, String at) {
    allowOnly(table, at, "pool", "read_only");
    readOnly(table, at); // a pool is read-only anyway
    if (!(table.get("pool") instanceof List)) {
      throw error(at + ".pool", "must be an array of caches ([[" + at + ".pool]] tables)");
    }
    List<?> list = (List<?>) table.get("pool");
    List<CacheSpec> members = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      members.add(cache(list.get(i), at + ".pool[" + i + "]"));
    }
    return new CacheSpec.Pool(members);
  }

  /**
   * {@code memory} and {@code void}: both storages of that type. {@code sql}: values of type
   * {@code values} (default {@value #DEFAULT_FILE_TYPE}) under {@code root/values}, calls in SQL
   * at {@code url} (default {@code jdbc:sqlite:root/calls.db}). Any other name: a file-backed
   * storage type, values under {@code root/values} and calls under {@code root/calls}. The file
   * options {@code compress}, {@code secret_key}, {@code allow} and {@code sync} of a template go
   * to its file storages.
   */
  private CacheSpec template(Map<String, Object> table, String at) {
    String template = string(table, "template", at);
    StorageSpec values;
    StorageSpec calls;
    if (IN_MEMORY_TEMPLATES.contains(template)) {
      allowOnly(table, at, "template", "max_size", "front", "read_only");
      values = new StorageSpec(template, Map.of());
      calls = new StorageSpec(template, Map.of());
    } else if (template.equals("sql")) {
      allowOnly(
          table,
          at,
          withFileOptions("template", "root", "url", "values", "max_size", "front", "read_only"));
      Path root = root(table, at, template);
      String valueType =
          table.containsKey("values") ? string(table, "values", at) : DEFAULT_FILE_TYPE;
      String url =
          table.containsKey("url")
              ? string(table, "url", at)
              : "jdbc:sqlite:" + root.resolve("calls.db");
      values = new StorageSpec(valueType, fileOptions(table, root.resolve("values")));
      calls = new StorageSpec("sql", Map.of("url", url));
    } else {
      allowOnly(table, at, withFileOptions("template", "root", "max_size", "front", "read_only"));
      Path root = root(table, at, template);
      values = new StorageSpec(template, fileOptions(table, root.resolve("values")));
      calls = new StorageSpec(template, fileOptions(table, root.resolve("calls")));
    }
    return new CacheSpec.Plain(
        values, calls, maxSize(table, at), readOnly(table, at), positive(table, "front", at));
  }

  /** The options of a file storage at {@code root}, from the file-storage keys of a template. */
  private static Map<String, Object> fileOptions(Map<String, Object> table, Path root) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("root", root.toString());
    for (String key : FILE_OPTIONS) {
      if (table.containsKey(key)) {
        options.put(key, table.get(key));
      }
    }
    return options;
  }

  private Path root(Map<String, Object> table, String at, String template) {
    if (!table.containsKey("root")) {
      throw error(
          at,
          "template '"
              + template
              + "' needs a root directory (root = \"...\"); templates without one: "
              + IN_MEMORY_TEMPLATES);
    }
    return Path.of(string(table, "root", at));
  }

  private CacheSpec remote(Map<String, Object> table, String at) {
    String type = string(table, "type", at);
    if (!type.equals("ssh")) {
      throw error(
          at + ".type",
          "unknown cache type '"
              + type
              + "' (only \"ssh\"); storage types go in "
              + at
              + ".values.type and "
              + at
              + ".calls.type");
    }
    allowOnly(
        table,
        at,
        "type",
        "host",
        "cache_name",
        "python",
        "ssh_options",
        "setup_commands",
        "workdir",
        "read_only");
    Map<String, Object> options = new LinkedHashMap<>(table);
    options.keySet().removeAll(Set.of("type", "host", "read_only"));
    return new CacheSpec.Remote(string(table, "host", at), options, readOnly(table, at));
  }

  private StorageSpec storage(Object node, String at) {
    Map<String, Object> table = table(node, at);
    Map<String, Object> options = new LinkedHashMap<>(table);
    options.remove("type");
    return new StorageSpec(string(table, "type", at), options);
  }

  private OptionalLong maxSize(Map<String, Object> table, String at) {
    return positive(table, "max_size", at);
  }

  private OptionalLong positive(Map<String, Object> table, String key, String at) {
    Object v = table.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!(v instanceof Long) || (Long) v < 1) {
      throw error(at + "." + key, "must be a positive integer, got " + v);
    }
    return OptionalLong.of((Long) v);
  }

  private boolean readOnly(Map<String, Object> table, String at) {
    Object v = table.getOrDefault("read_only", false);
    if (!(v instanceof Boolean)) {
      throw error(at + ".read_only", "must be true or false, got " + v);
    }
    return (Boolean) v;
  }

  private String string(Map<String, Object> table, String key, String at) {
    Object v = table.get(key);
    if (!(v instanceof String)) {
      throw error(at + "." + key, v == null ? "is missing" : "must be a string, got " + v);
    }
    return (String) v;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Object node, String at) {
    if (!(node instanceof Map)) {
      throw error(at, "must be a table, got " + node);
    }
    return (Map<String, Object>) node;
  }

  private void allowOnly(Map<String, Object> table, String at, String... keys) {
    allowOnly(table, at, List.of(keys));
  }

  /** The file template keys and {@code keys}. */
  private static List<String> withFileOptions(String... keys) {
    List<String> all = new ArrayList<>(List.of(keys));
    all.addAll(FILE_OPTIONS);
    return all;
  }

  private void allowOnly(Map<String, Object> table, String at, List<String> keys) {
    Set<String> allowed = Set.copyOf(keys);
    for (String key : table.keySet()) {
      if (!allowed.contains(key)) {
        throw error(
            at, "unknown key '" + key + "' (allowed here: " + String.join(", ", keys) + ")");
      }
    }
  }

  private IllegalArgumentException error(String at, String problem) {
    return new IllegalArgumentException(file + ": [" + at + "] " + problem);
  }
}
