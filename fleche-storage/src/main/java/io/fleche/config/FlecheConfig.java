package io.fleche.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration read from the {@code fleche.toml} files that apply to a working directory:
 * named caches, the default cache and the default metadata plugins.
 *
 * <pre>{@code
 * # fleche.toml
 * [default]
 * cache = "fast"                         # or an inline [default.cache] table
 * metadata = ["Runtime", "Git"]          # the default: ["Runtime"]
 *
 * [fast]
 * template = "memory"
 * max_size = 10000
 *
 * [replay]
 * values.type = "memory"
 * calls.type = "memory"
 * read_only = true
 * }</pre>
 *
 * <p><b>Discovery.</b> The files are {@code fleche.toml} in the working directory and each of its
 * parents up to the home directory (or the file-system root when the working directory is not
 * under home), then {@code $XDG_CONFIG_HOME/fleche/cache.toml} ({@code
 * ~/.config/fleche/cache.toml} when the variable is unset or not absolute; the name Python fleche
 * uses, so one user-wide file serves both). The closer a file,
 * the higher its precedence: the files are merged <em>shallowly</em>, a top-level table (a cache,
 * or {@code [default]} as a whole) of a closer file replacing the same-named table of a farther
 * one. A file whose {@code [default]} table says {@code root = true} ends the search: farther
 * files and the XDG file are not read.
 *
 * <p><b>Paths.</b> A relative {@code root} path or SQLite {@code url} ({@code
 * jdbc:sqlite:calls.db}, or Python's {@code sqlite:///calls.db}) is relative to the directory of
 * the file that declares it, and {@code ~} is the home directory; the model holds absolute paths.
 *
 * <p><b>Names.</b> {@code memory} (an in-memory cache for the life of the JVM) and {@code void}
 * (stores nothing) are reserved: tables of these names are ignored with a warning. {@code default}
 * names the default cache.
 *
 * <p><b>Errors.</b> A file that cannot be parsed is logged at ERROR with its line and skipped
 * (see {@link #files()}). A malformed table is reported, naming its file, when it is used: by
 * {@link #cache}, {@link #defaultCacheName} or {@link #defaultMetadata}.
 *
 * <p>Instances are immutable.
 */
public final class FlecheConfig {
  /** The name of the configuration files. */
  public static final String FILE_NAME = "fleche.toml";

  /** The name of the user-wide file under {@code $XDG_CONFIG_HOME/fleche}, as in Python fleche. */
  public static final String XDG_FILE_NAME = "cache.toml";

  static final String DEFAULT = "default";
  static final String MEMORY = "memory";
  static final String VOID = "void";

  private static final System.Logger LOG = System.getLogger("io.fleche.config");
  private static final List<String> DEFAULT_METADATA = List.of("Runtime");

  /** A top-level table or array of tables and the file it comes from. */
  private record Section(Object node, Path file) {}

  private final List<ConfigFile> files;
  private final Map<String, Section> sections;

  private FlecheConfig(List<ConfigFile> files, Map<String, Section> sections) {
    this.files = List.copyOf(files);
    this.sections = Collections.unmodifiableMap(sections);
  }

  /**
   * The configuration of this JVM's working directory ({@code user.dir}) and user ({@code
   * user.home}, {@code XDG_CONFIG_HOME}).
   */
  public static FlecheConfig load() {
    return load(
        Path.of(System.getProperty("user.dir")),
        Path.of(System.getProperty("user.home")),
        System.getenv());
  }

  /**
   * The configuration that applies in {@code workingDirectory}, for a user whose home directory
   * is {@code home} and whose environment variables ({@code XDG_CONFIG_HOME}) are {@code
   * environment}.
   */
  public static FlecheConfig load(
      Path workingDirectory, Path home, Map<String, String> environment) {
    Path realHome = real(home);
    List<ConfigFile> files = new ArrayList<>();
    Map<String, Section> sections = new LinkedHashMap<>();
    for (Path file : candidates(real(workingDirectory), realHome, environment)) {
      Map<String, Object> table;
      try {
        table = Toml.read(file, realHome);
      } catch (IOException | RuntimeException e) {
        String why = e instanceof IOException ? e.getMessage() : e.toString();
        LOG.log(System.Logger.Level.ERROR, "Ignoring {0}: {1}", file, why);
        files.add(new ConfigFile(file, why));
        continue;
      }
      files.add(new ConfigFile(file, null));
      table.forEach(
          (name, node) -> {
            if (name.equals(MEMORY) || name.equals(VOID)) {
              LOG.log(
                  System.Logger.Level.WARNING,
                  "Ignoring [{0}] in {1}: the name {0} is reserved",
                  name,
                  file);
            } else {
              sections.putIfAbsent(name, new Section(node, file));
            }
          });
      if (table.get(DEFAULT) instanceof Map
          && Boolean.TRUE.equals(((Map<?, ?>) table.get(DEFAULT)).get("root"))) {
        break;
      }
    }
    return new FlecheConfig(files, sections);
  }

  /** Existing {@code fleche.toml} files, closest first, each once (by real path). */
  private static List<Path> candidates(Path start, Path home, Map<String, String> environment) {
    List<Path> found = new ArrayList<>();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      addIfFile(found, dir.resolve(FILE_NAME));
      if (dir.equals(home)) {
        break;
      }
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path configHome =
        xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".config");
    addIfFile(found, configHome.resolve("fleche").resolve(XDG_FILE_NAME));
    return found;
  }

  private static void addIfFile(List<Path> found, Path file) {
    if (Files.isRegularFile(file)) {
      Path path = real(file);
      if (!found.contains(path)) {
        found.add(path);
      }
    }
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /**
   * The {@code fleche.toml} files found, highest precedence (closest) first: the order in which
   * they were read. Files skipped for errors are included, with the reason.
   */
  public List<ConfigFile> files() {
    return files;
  }

  /** The names of the configured caches, the closest file's first; reserved names excluded. */
  public Set<String> cacheNames() {
    Set<String> names = new LinkedHashSet<>(sections.keySet());
    names.remove(DEFAULT);
    return Collections.unmodifiableSet(names);
  }

  /**
   * The cache configured under {@code name}; for {@code "default"}, the cache defined inline in
   * {@code [default.cache]}. Empty if there is no such table.
   *
   * @throws IllegalArgumentException if the table is malformed (the message names its file)
   */
  public Optional<CacheSpec> cache(String name) {
    if (name.equals(DEFAULT)) {
      Map<String, Object> defaults = defaults();
      Object inline = defaults.get("cache");
      return inline instanceof String || inline == null
          ? Optional.empty()
          : Optional.of(CacheSpecs.parse("default.cache", inline, sections.get(DEFAULT).file));
    }
    Section s = sections.get(name);
    return s == null ? Optional.empty() : Optional.of(CacheSpecs.parse(name, s.node, s.file));
  }

  /**
   * The name of the default cache: {@code [default] cache = "name"}, {@code "default"} when it is
   * defined inline in {@code [default.cache]}, empty when none is configured.
   *
   * @throws IllegalArgumentException if {@code [default]} is malformed
   */
  public Optional<String> defaultCacheName() {
    Object cache = defaults().get("cache");
    if (cache == null) {
      return Optional.empty();
    }
    if (cache.equals(DEFAULT)) {
      throw defaultsError(
          "cache = \"default\" names itself; name a cache table or use [default.cache]");
    }
    return Optional.of(cache instanceof String ? (String) cache : DEFAULT);
  }

  /**
   * The names of the default metadata plugins, {@code [default] metadata} ({@code ["Runtime"]}
   * if not configured); see {@link io.fleche.metadata.MetaDataPlugins#byName}.
   *
   * @throws IllegalArgumentException if {@code [default] metadata} is not an array of strings
   */
  public List<String> defaultMetadata() {
    Object names = defaults().get("metadata");
    if (names == null) {
      return DEFAULT_METADATA;
    }
    if (!(names instanceof List)
        || !((List<?>) names).stream().allMatch(String.class::isInstance)) {
      throw defaultsError("metadata must be an array of plugin names, got " + names);
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) names;
    return list;
  }

  /** The {@code [default]} table, checked; empty if there is none. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> defaults() {
    Section s = sections.get(DEFAULT);
    if (s == null) {
      return Map.of();
    }
    if (!(s.node instanceof Map)) {
      throw defaultsError("must be a table");
    }
    Map<String, Object> table = (Map<String, Object>) s.node;
    for (Map.Entry<String, Object> e : table.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      boolean ok =
          key.equals("cache") && (v instanceof String || v instanceof Map || v instanceof List)
              || key.equals("metadata")
              || key.equals("root") && v instanceof Boolean;
      if (!ok) {
        throw defaultsError(
            "unexpected "
                + key
                + " = "
                + v
                + " (allowed: cache = \"name\" or a table, metadata = [...], root = true)");
      }
    }
    return table;
  }

  private IllegalArgumentException defaultsError(String problem) {
    return new IllegalArgumentException(sections.get(DEFAULT).file + ": [default] " + problem);
  }

  @Override
  public String toString() {
    return "FlecheConfig[files=" + files + ", tables=" + sections.keySet() + "]";
  }
}
