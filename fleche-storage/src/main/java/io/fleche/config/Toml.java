package io.fleche.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading {@code fleche.toml} files into immutable trees of maps, lists, strings, longs, doubles
 * and booleans, with the relative paths in them resolved.
 */
final class Toml {
  private static final TomlMapper MAPPER = new TomlMapper();
  private static final TypeReference<Map<String, Object>> TABLE = new TypeReference<>() {};
  private static final String[] SQLITE_URLS = {"sqlite:///", "jdbc:sqlite:"};

  private Toml() {}

  /**
   * The top-level table of {@code file}, frozen, with every {@code root} path and SQLite {@code
   * url} resolved against the file's directory and {@code ~} expanded to {@code home} (tables of
   * {@code type = "ssh"} excepted: their paths are on another machine).
   *
   * @throws IOException if the file cannot be read; the message names the line of a syntax error
   */
  static Map<String, Object> read(Path file, Path home) throws IOException {
    Map<String, Object> table;
    try {
      table = MAPPER.readValue(file.toFile(), TABLE);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IOException("TOML syntax error" + where + ": " + e.getOriginalMessage(), e);
    }
    return freeze(resolvePaths(table, file.getParent(), home));
  }

  /** A deep immutable copy, with integers as {@code Long} and decimals as {@code Double}. */
  static Map<String, Object> freeze(Map<String, ?> table) {
    Map<String, Object> copy = new LinkedHashMap<>();
    table.forEach((k, v) -> copy.put(k, freezeValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object freezeValue(Object v) {
    if (v instanceof Map) {
      return freeze((Map<String, ?>) v);
    }
    if (v instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object e : (List<?>) v) {
        copy.add(freezeValue(e));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).doubleValue();
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static <T> T resolvePaths(T node, Path dir, Path home) {
    if (node instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) node) {
        out.add(resolvePaths(e, dir, home));
      }
      return (T) out;
    }
    if (!(node instanceof Map) || "ssh".equals(((Map<?, ?>) node).get("type"))) {
      return node;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<String, Object>) node)
        .forEach(
            (k, v) -> {
              if (k.equals("root") && v instanceof String) {
                out.put(k, path((String) v, dir, home));
              } else if (k.equals("url") && v instanceof String) {
                out.put(k, url((String) v, dir, home));
              } else {
                out.put(k, resolvePaths(v, dir, home));
              }
            });
    return (T) out;
  }

  /** {@code p} made absolute: {@code ~} is {@code home}, relative paths are under {@code dir}. */
  static String path(String p, Path dir, Path home) {
    try {
      if (p.equals("~") || p.startsWith("~/")) {
        return home.resolve(p.substring(1).replaceFirst("^/+", "")).normalize().toString();
      }
      Path path = Path.of(p);
      return path.isAbsolute() ? p : dir.resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      return p; // the storage will say what is wrong with it
    }
  }

  /**
   * A SQLite URL ({@code sqlite:///relative.db} as in Python fleche, or {@code
   * jdbc:sqlite:relative.db}) with its file made absolute; in-memory databases, absolute paths
   * and other URLs unchanged.
   */
  static String url(String url, Path dir, Path home) {
    for (String scheme : SQLITE_URLS) {
      if (url.startsWith(scheme)) {
        String rest = url.substring(scheme.length());
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
          return url;
        }
        return scheme + path(file, dir, home) + rest.substring(file.length());
      }
    }
    return url;
  }
}
