package io.fleche.storages.sql;

import io.fleche.FlecheException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Codec;
import io.fleche.storages.Storages;
import io.fleche.storages.sql.Connections.Mode;

/**
 * A database holding call records, and values too if wanted, so that a whole cache can be one
 * portable file. SQLite is built in: {@code jdbc:sqlite:<file>}, or Python fleche's {@code
 * sqlite:///<file>}.
 *
 * <pre>{@code
 * try (SqlDatabase db = SqlDatabase.open("jdbc:sqlite:/home/me/.cache/fleche/cache.db")) {
 *   Cache cache = Caches.of(db.values(codec), db.calls());
 *   try (Stream<DigestedCall> runs = db.calls().query(QueryCall.builder().name("f").build())) {
 *     runs.forEach(System.out::println);
 *   }
 * }
 * }</pre>
 *
 * <p>Storages made by one database share its connections (at most four for a file, one for
 * {@code :memory:}, opened when needed) until it is closed; they are safe to use from many
 * threads, and many processes may use one file. Their streams read page by page and hold no
 * connection in between. A database locked by someone else is waited for, then given up: a save
 * throws {@link io.fleche.storage.SaveException} (the cache runs the call uncached and warns), a
 * read a {@link FlecheException} (the cache takes it for a miss).
 */
public final class SqlDatabase implements AutoCloseable {
  private final Dialect dialect;
  private final Connections connections;

  private SqlDatabase(Dialect dialect, Connections connections) {
    this.dialect = dialect;
    this.connections = connections;
  }

  /**
   * Opens the database at {@code url}, creating its directory, file and tables if need be, and
   * upgrading tables made by an older Fleche.
   *
   * @throws IllegalArgumentException if the URL names no supported database
   * @throws FlecheException if the database cannot be opened, or was made by a newer Fleche
   */
  public static SqlDatabase open(String url) {
    return open(url, Settings.DEFAULT);
  }

  static SqlDatabase open(String url, Settings settings) {
    Dialect dialect = Dialect.of(url, settings);
    Connections connections = new Connections(dialect, settings.retryBound());
    try {
      connections.run(
          Mode.AUTOCOMMIT,
          s -> {
            dialect.configureDatabase(s.connection());
            return null;
          });
      Schema.current(dialect).migrate(connections);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    return new SqlDatabase(dialect, connections);
  }

  /** The call records of this database (the seed's {@code Sql}). */
  public CallStorage calls() {
    return new SqlCallStorage(connections, dialect);
  }

  /**
   * The values of this database, encoded by {@code codec}, destructured with depth 1 (see {@link
   * Storages#values(io.fleche.storage.StorageBackend, int)}).
   */
  public ValueStorage values(Codec codec) {
    return values(codec, 1);
  }

  /**
   * The values of this database, encoded by {@code codec}, destructured with {@code
   * remainingDepth}.
   */
  public ValueStorage values(Codec codec, int remainingDepth) {
    return Storages.values(new SqlValueBackend(connections, codec), remainingDepth);
  }

  /** Closes the connections; the storages of this database fail from now on. */
  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return "SqlDatabase[" + dialect.describe() + "]";
  }
}
