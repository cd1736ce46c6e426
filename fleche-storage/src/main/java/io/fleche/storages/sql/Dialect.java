package io.fleche.storages.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between database engines, for one database: connecting and configuring a
 * connection, column types, how transactions start, JSON access, and which errors mean "busy, try
 * again". Every other statement of this package is SQL that SQLite and PostgreSQL both accept
 * (including {@code INSERT ... ON CONFLICT (key) DO UPDATE}), so another engine is one more
 * subclass and a case in {@link #of}.
 */
abstract class Dialect {
  /**
   * The dialect for {@code url}.
   *
   * @throws IllegalArgumentException if no dialect accepts the URL
   */
  static Dialect of(String url, Settings settings) {
    if (SqliteDialect.accepts(url)) {
      return new SqliteDialect(url, settings);
    }
    throw new IllegalArgumentException(
        "Unsupported database URL "
            + url
            + "; this version supports SQLite: jdbc:sqlite:<file> or, as in Python fleche,"
            + " sqlite:///<file>");
  }

  /** The database, for messages: engine and location. */
  abstract String describe();

  /** A new connection in autocommit mode, configured for this storage. */
  abstract Connection connect() throws SQLException;

  /** Settings of the database itself, applied once when it is opened, on its first connection. */
  abstract void configureDatabase(Connection connection) throws SQLException;

  /** How many connections may be open at once. */
  abstract int maxConnections();

  /** True if {@code e} means the database is locked by someone else: the work may be retried. */
  abstract boolean isBusy(SQLException e);

  /** The statement that starts a transaction which only reads. */
  abstract String beginRead();

  /** The statement that starts a transaction which writes: it takes the write lock at once. */
  abstract String beginWrite();

  /** The column type of a 32-byte digest. */
  abstract String digestType();

  /** The column type of a serialized value. */
  abstract String blobType();

  /** The column type of a JSON document. */
  abstract String jsonType();

  /** What follows the column list of a table keyed by small rows (clustering by the key). */
  abstract String keyedTableOptions();

  /**
   * A condition that holds if the JSON object in {@code column} has {@code key} (with any value,
   * {@code null} included), or {@code null} if this dialect cannot name the key.
   */
  abstract Fragment jsonHas(String column, String key);

  /**
   * A condition that holds if the JSON object in {@code column} has {@code key} with a value equal
   * to {@code value} as {@code QueryCall.matches} compares (numbers by value): for a string or a
   * boolean exactly then, for a number perhaps also for some unequal values (the caller checks
   * again); {@code null} if this dialect cannot name the key.
   *
   * @param value a {@code String}, {@code Boolean}, {@code Long} or {@code Double}
   */
  abstract Fragment jsonEquals(String column, String key, Object value);

  @Override
  public String toString() {
    return describe();
  }
}
