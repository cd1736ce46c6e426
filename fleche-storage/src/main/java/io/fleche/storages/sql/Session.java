package io.fleche.storages.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection and its prepared statements, used by one thread at a time (the pool lends it
 * out). Statements are prepared once per distinct SQL text and kept, the least recently used
 * closed beyond {@value #STATEMENTS}.
 */
final class Session implements AutoCloseable {
  private static final int STATEMENTS = 64;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= STATEMENTS) {
            return false;
          }
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  Session(Connection connection) {
    this.connection = connection;
  }

  /** The prepared statement of {@code sql}, with {@code params} bound in order. */
  PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      statements.put(sql, s);
    }
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }

  /** The prepared statement of {@code fragment} with its parameters bound. */
  PreparedStatement prepare(Fragment fragment) throws SQLException {
    return prepare(fragment.sql(), fragment.params().toArray());
  }

  /** Runs a statement that returns no rows; returns the number of rows changed. */
  int update(String sql, Object... params) throws SQLException {
    return prepare(sql, params).executeUpdate();
  }

  /** Runs {@code sql} once for each row of parameters, as one batch. */
  void batch(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    PreparedStatement s = prepare(sql);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        s.setObject(i + 1, row[i]);
      }
      s.addBatch();
    }
    s.executeBatch();
  }

  /** The connection, for what prepared statements cannot do (schema metadata). */
  Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    statements.values().forEach(Session::closeQuietly);
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing left to do with it
    }
  }

  private static void closeQuietly(PreparedStatement s) {
    try {
      s.close();
    } catch (SQLException e) {
      // a statement that cannot be closed is dropped all the same
    }
  }
}
