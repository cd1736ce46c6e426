package io.fleche.storages.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A database file read and written behind the storages' back, through a connection of its own. */
final class RawSql {
  private RawSql() {}

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** The first column of the first row {@code sql} returns, as a string. */
  static String query(Path file, String sql, Object... params) throws SQLException {
    try (Connection c = connect(file)) {
      return query(c, sql, params);
    }
  }

  static String query(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void update(Path file, String sql, Object... params) throws SQLException {
    try (Connection c = connect(file);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
