package io.fleche.storages.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite through sqlite-jdbc: the embedded default. Every connection runs with {@code
 * foreign_keys=ON} (cascading deletes), {@code synchronous=NORMAL} (a commit reaches the log
 * without waiting for the disk; a power cut may lose the last commits, never corrupt the file)
 * and a {@code busy_timeout}. A database file is put in write-ahead-log mode, so that readers and
 * one writer proceed together, except on network file systems, where WAL's shared memory does
 * not work: there it keeps a rollback journal and a warning says so. An in-memory database lives
 * in one connection, so it has only one.
 *
 * <p>URLs: {@code jdbc:sqlite:<file>} (with sqlite-jdbc's {@code ?} parameters, {@code file:}
 * URIs and {@code :memory:}), and Python fleche's {@code sqlite:///<file>} ({@code
 * sqlite:////absolute/file}, {@code sqlite://} in memory).
 */
final class SqliteDialect extends Dialect {
  private static final System.Logger LOG = System.getLogger("io.fleche.storage.sql");
  private static final String JDBC_SCHEME = "jdbc:sqlite:";
  private static final String PYTHON_SCHEME = "sqlite://";
  private static final String MEMORY = ":memory:";

  private final String jdbcUrl;
  private final Path file; // null in memory
  private final Settings settings;

  SqliteDialect(String url, Settings settings) {
    this.jdbcUrl = jdbcUrl(url);
    this.file = fileOf(jdbcUrl).orElse(null);
    this.settings = settings;
  }

  static boolean accepts(String url) {
    return url.startsWith(JDBC_SCHEME) || url.startsWith(PYTHON_SCHEME);
  }

  /** The sqlite-jdbc URL of a URL in either accepted form. */
  static String jdbcUrl(String url) {
    if (!url.startsWith(PYTHON_SCHEME)) {
      return url;
    }
    String path = url.substring(PYTHON_SCHEME.length());
    if (path.isEmpty()) {
      return JDBC_SCHEME + MEMORY;
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "A SQLite URL has no host: sqlite:///relative/file or sqlite:////absolute/file, got "
              + url);
    }
    return JDBC_SCHEME + path.substring(1);
  }

  /** The database file of a sqlite-jdbc URL, or empty for an in-memory database. */
  static Optional<Path> fileOf(String jdbcUrl) {
    String rest = jdbcUrl.substring(JDBC_SCHEME.length());
    if (rest.startsWith("file:") && rest.contains("mode=memory")) {
      return Optional.empty();
    }
    int query = rest.indexOf('?');
    String name = query < 0 ? rest : rest.substring(0, query);
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
      if (name.startsWith("///")) {
        name = name.substring(2);
      }
    }
    return name.isEmpty() || name.equals(MEMORY) ? Optional.empty() : Optional.of(Path.of(name));
  }

  @Override
  String describe() {
    return "SQLite " + (file == null ? MEMORY : file.toString());
  }

  @Override
  Connection connect() throws SQLException {
    if (file != null && file.toAbsolutePath().getParent() != null) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new SQLException("cannot create the directory of " + file + ": " + e, e);
      }
    }
    Connection c = JDBC.createConnection(jdbcUrl, new Properties());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + settings.busyTimeout().toMillis());
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("PRAGMA synchronous = NORMAL");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  @Override
  void configureDatabase(Connection connection) throws SQLException {
    if (file == null) {
      return; // an in-memory database keeps its journal in memory
    }
    String mode = "WAL";
    Optional<MountTable.Mount> network =
        MountTable.networkMount(file.toAbsolutePath().getParent(), settings.mounts());
    if (network.isPresent()) {
      mode = "DELETE";
      LOG.log(
          System.Logger.Level.WARNING,
          "SQLite database {0} is on a network file system ({1} at {2}), where write-ahead"
              + " logging does not work: using a rollback journal; readers wait while someone"
              + " writes",
          file,
          network.get().type(),
          network.get().point());
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode = " + mode)) {
      String actual = rs.next() ? rs.getString(1) : "unknown";
      if (!actual.equalsIgnoreCase(mode)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "SQLite database {0} kept journal_mode={1} (asked for {2})",
            file,
            actual.toLowerCase(Locale.ROOT),
            mode);
      }
    }
  }

  @Override
  int maxConnections() {
    return file == null ? 1 : 4;
  }

  @Override
  boolean isBusy(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException) {
        int primary = ((SQLiteException) t).getResultCode().code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code
            || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
      }
    }
    return false;
  }

  @Override
  String beginRead() {
    return "BEGIN DEFERRED";
  }

  @Override
  String beginWrite() {
    return "BEGIN IMMEDIATE";
  }

  @Override
  String digestType() {
    return "BLOB";
  }

  @Override
  String blobType() {
    return "BLOB";
  }

  @Override
  String jsonType() {
    return "TEXT";
  }

  @Override
  String keyedTableOptions() {
    return " WITHOUT ROWID";
  }

  @Override
  Fragment jsonHas(String column, String key) {
    String path = path(key);
    return path == null ? null : Fragment.of("json_type(" + column + ", ?) IS NOT NULL", path);
  }

  @Override
  Fragment jsonEquals(String column, String key, Object value) {
    String path = path(key);
    if (path == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return Fragment.of("json_type(" + column + ", ?) = ?", path, value.toString());
    }
    if (value instanceof Number) {
      // compared as doubles, as QueryCall compares a long with a double: a superset for two longs
      return Fragment.of(
          "CAST(json_extract(" + column + ", ?) AS REAL) = ?",
          path,
          ((Number) value).doubleValue());
    }
    // json_extract yields a list or an object as its JSON text, which must not equal a string
    return Fragment.of(
        "json_extract(" + column + ", ?) = ? AND json_type(" + column + ", ?) = 'text'",
        path,
        value,
        path);
  }

  /** The JSON path of an object's key; SQLite's quoted labels cannot hold a double quote. */
  private static String path(String key) {
    return key.indexOf('"') >= 0 ? null : "$.\"" + key + "\"";
  }
}
