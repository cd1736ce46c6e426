package example.memo;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.caches.Caches;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Storages;
import io.fleche.storages.sql.SqlDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;

/**
 * The cache the {@code sql} template of {@code fleche.toml} builds, made in the test: calls in
 * SQLite at {@code root/calls.db}, values as files under {@code root/values}. Closing it closes the
 * database.
 */
final class DiskCache implements AutoCloseable {
  final Path root;
  final Cache cache;
  private final SqlDatabase db;

  private DiskCache(Path root, UnaryOperator<ValueStorage> values) {
    this.root = root;
    this.db = SqlDatabase.open(url(root));
    this.cache =
        Caches.of(
            values.apply(Storages.valueFiles(root.resolve("values"), FileOptions.defaults())),
            db.calls());
  }

  static DiskCache open(Path root) {
    return new DiskCache(root, v -> v);
  }

  /** With the value storage decorated by {@code values}. */
  static DiskCache open(Path root, UnaryOperator<ValueStorage> values) {
    return new DiskCache(root, values);
  }

  private static String url(Path root) {
    return "jdbc:sqlite:" + database(root);
  }

  static Path database(Path root) {
    return root.resolve("calls.db");
  }

  /** The file of the value stored under {@code key} (the documented layout root/ab/abcd…). */
  Path valueFile(Digest key) {
    String hex = key.toString();
    return root.resolve("values").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * Moves every committed transaction from the write-ahead log into the database file (and
   * empties the log), so that damage to the file is damage to the data.
   */
  static void checkpoint(Path root) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(root));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      if (!rs.next() || rs.getInt(1) != 0) {
        throw new IllegalStateException("the checkpoint of " + database(root) + " did not finish");
      }
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
