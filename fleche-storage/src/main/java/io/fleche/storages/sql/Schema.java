package io.fleche.storages.sql;

import io.fleche.FlecheException;
import io.fleche.storages.sql.Connections.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The tables, made and upgraded by forward migrations: migration {@code i} takes a database from
 * version {@code i} to {@code i + 1}, an empty database is at version 0, and {@code
 * schema_version} holds the version reached. Opening a database runs the migrations it lacks in
 * one transaction (a concurrent opener waits, then finds them done); a database of a newer
 * version than this code knows is refused rather than misread.
 *
 * <p>Version 1. Digests are 32-byte binary columns, not 64-character hex: the calls and arguments
 * tables of 100,000 calls of two arguments measured 45 MB against 85 MB, lookups equally fast,
 * and a short digest is a key range either way. Read them as text with {@code lower(hex(key))}.
 *
 * <pre>{@code
 * calls       (key PK, name, signature, module, version, code_digest, result)  -- NULL: pending
 *             index calls_by_name (name)
 * arguments   (call_key -> calls ON DELETE CASCADE, name, position, value, PK (call_key, name))
 *             index arguments_by_value (name, value)
 * metadata    (call_key -> calls ON DELETE CASCADE, name, data JSON, PK (call_key, name))
 *             index metadata_by_name (name)
 * value_blobs (key PK, data)                        -- values, when the database holds them too
 * }</pre>
 *
 * <p>Version 2 adds {@code value_blobs.stamp}: when the value was last saved or touched, in
 * nanoseconds since the epoch (0 for values saved before), for garbage collection.
 */
final class Schema {
  private static final String VERSION_TABLE = "schema_version";

  private final List<List<String>> migrations;

  /** @param migrations the statements of each migration, oldest first */
  Schema(List<List<String>> migrations) {
    this.migrations = List.copyOf(migrations);
  }

  /** The schema of this version of Fleche. */
  static Schema current(Dialect d) {
    return new Schema(migrations(d));
  }

  /** The migrations of this version of Fleche, oldest first. */
  static List<List<String>> migrations(Dialect d) {
    return List.of(version1(d), version2());
  }

  static List<String> version1(Dialect d) {
    String digest = d.digestType();
    String keyed = d.keyedTableOptions();
    String callKey = "call_key " + digest + " NOT NULL REFERENCES calls (key) ON DELETE CASCADE";
    return List.of(
        "CREATE TABLE calls (key " + digest + " PRIMARY KEY, name TEXT NOT NULL, signature TEXT,"
            + " module TEXT, version TEXT, code_digest " + digest + ", result " + digest + ")"
            + keyed,
        "CREATE INDEX calls_by_name ON calls (name)",
        "CREATE TABLE arguments (" + callKey + ", name TEXT NOT NULL, position INTEGER NOT NULL,"
            + " value " + digest + " NOT NULL, PRIMARY KEY (call_key, name))" + keyed,
        "CREATE INDEX arguments_by_value ON arguments (name, value)",
        "CREATE TABLE metadata (" + callKey + ", name TEXT NOT NULL, data " + d.jsonType()
            + " NOT NULL, PRIMARY KEY (call_key, name))" + keyed,
        "CREATE INDEX metadata_by_name ON metadata (name)",
        "CREATE TABLE value_blobs (key " + digest + " PRIMARY KEY, data " + d.blobType()
            + " NOT NULL)");
  }

  static List<String> version2() {
    return List.of("ALTER TABLE value_blobs ADD COLUMN stamp BIGINT NOT NULL DEFAULT 0");
  }

  /** The version this schema brings a database to. */
  int version() {
    return migrations.size();
  }

  /**
   * Brings the database to {@link #version()}.
   *
   * @throws FlecheException if the database has a newer version, or cannot be migrated
   */
  void migrate(Connections db) {
    if (db.run(Mode.AUTOCOMMIT, this::checkedVersion) == version()) {
      return;
    }
    db.run(
        Mode.WRITE,
        s -> {
          int found = checkedVersion(s); // someone may have migrated meanwhile
          for (List<String> migration : migrations.subList(found, version())) {
            for (String statement : migration) {
              s.update(statement);
            }
          }
          s.update("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER NOT NULL)");
          s.update("DELETE FROM " + VERSION_TABLE);
          s.update("INSERT INTO " + VERSION_TABLE + " (version) VALUES (?)", version());
          return null;
        });
  }

  private int checkedVersion(Session s) throws SQLException {
    int found = versionOf(s);
    if (found > version()) {
      throw new FlecheException(
          "The database has schema version "
              + found
              + " but this Fleche knows versions up to "
              + version()
              + ": use a newer Fleche, or another database");
    }
    return found;
  }

  /** The version of the database (0 if it has no tables yet). */
  static int versionOf(Session s) throws SQLException {
    try (ResultSet tables =
        s.connection().getMetaData().getTables(null, null, VERSION_TABLE, null)) {
      if (!tables.next()) {
        return 0;
      }
    }
    try (ResultSet rs = s.prepare("SELECT version FROM " + VERSION_TABLE).executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
