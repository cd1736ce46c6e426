package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SQLite URLs, connection settings and what the dialect cannot express. */
class SqliteDialectTest {
  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();

  @Test
  void jdbcUrl_acceptsPythonsForms() {
    assertEquals("jdbc:sqlite:calls.db", SqliteDialect.jdbcUrl("sqlite:///calls.db"));
    assertEquals("jdbc:sqlite:/abs/calls.db", SqliteDialect.jdbcUrl("sqlite:////abs/calls.db"));
    assertEquals("jdbc:sqlite::memory:", SqliteDialect.jdbcUrl("sqlite://"));
    assertEquals("jdbc:sqlite::memory:", SqliteDialect.jdbcUrl("sqlite:///:memory:"));
    assertEquals("jdbc:sqlite:x.db?a=b", SqliteDialect.jdbcUrl("jdbc:sqlite:x.db?a=b"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqliteDialect.jdbcUrl("sqlite://h/x"));
    assertTrue(e.getMessage().contains("no host"), e.getMessage());
  }

  @Test
  void fileOf_findsTheFile_orNoneInMemory() {
    assertEquals(Optional.of(Path.of("/a/b.db")), SqliteDialect.fileOf("jdbc:sqlite:/a/b.db"));
    assertEquals(Optional.of(Path.of("b.db")), SqliteDialect.fileOf("jdbc:sqlite:b.db?x=y"));
    assertEquals(
        Optional.of(Path.of("/a/b.db")), SqliteDialect.fileOf("jdbc:sqlite:file:/a/b.db?mode=ro"));
    assertEquals(
        Optional.of(Path.of("/a/b.db")), SqliteDialect.fileOf("jdbc:sqlite:file:///a/b.db"));
    assertEquals(Optional.empty(), SqliteDialect.fileOf("jdbc:sqlite::memory:"));
    assertEquals(Optional.empty(), SqliteDialect.fileOf("jdbc:sqlite:"));
    assertEquals(
        Optional.empty(), SqliteDialect.fileOf("jdbc:sqlite:file:m?mode=memory&cache=shared"));
  }

  @Test
  void open_otherDatabases_sayWhatIsSupported() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SqlDatabase.open("jdbc:postgresql://h/db"));
    assertEquals(
        "Unsupported database URL jdbc:postgresql://h/db; this version supports SQLite:"
            + " jdbc:sqlite:<file> or, as in Python fleche, sqlite:///<file>",
        e.getMessage());
  }

  @Test
  void open_createsTheDirectory_andPutsTheFileInWalMode() throws SQLException {
    Path file = dir.resolve("a/b/calls.db");
    databases.open("sqlite:///" + file);

    assertTrue(Files.isRegularFile(file));
    assertEquals("wal", RawSql.query(file, "PRAGMA journal_mode"));
  }

  @Test
  void connect_setsForeignKeysSynchronousAndBusyTimeout() throws SQLException {
    SqliteDialect dialect =
        new SqliteDialect("jdbc:sqlite:" + dir.resolve("c.db"), Settings.DEFAULT);
    try (Connection c = dialect.connect()) {
      assertEquals("1", RawSql.query(c, "PRAGMA foreign_keys"));
      assertEquals("1", RawSql.query(c, "PRAGMA synchronous")); // NORMAL
      assertEquals("2000", RawSql.query(c, "PRAGMA busy_timeout"));
    }
  }

  @Test
  void json_keysWithDoubleQuotesCannotBeNamed() {
    SqliteDialect dialect = new SqliteDialect("jdbc:sqlite::memory:", Settings.DEFAULT);
    assertNull(dialect.jsonHas("m.data", "say \"hi\""));
    assertNull(dialect.jsonEquals("m.data", "say \"hi\"", "x"));
    assertEquals(
        Fragment.of("json_type(m.data, ?) IS NOT NULL", "$.\"it's.a key\""),
        dialect.jsonHas("m.data", "it's.a key"));
  }
}
