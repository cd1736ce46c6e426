package io.fleche.storages.sql;

import io.fleche.FlecheException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The connections of one database, and how work runs on them: a small pool (at most {@link
 * Dialect#maxConnections()} open, opened when first needed, kept until {@link #close()}) and a
 * retry loop for a busy database.
 *
 * <p>A piece of work borrows a session for its statements only, never while user code runs (the
 * storages' streams read page by page), so a thread never waits for a connection it holds itself.
 * Work that fails because the database is locked by another connection or process is rolled back
 * and run again, with a growing pause, until {@link Settings#retryBound()} has passed; then, and
 * for any other database error, it fails with a {@link FlecheException} whose cause is the {@link
 * SQLException}.
 */
final class Connections implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.fleche.storage.sql");
  private static final long MAX_PAUSE_MILLIS = 100;

  /** Statements on a session; run again if the database was busy, so it must not keep state. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session) throws SQLException;
  }

  /** How work is wrapped. */
  enum Mode {
    /** Each statement on its own: for work of one statement. */
    AUTOCOMMIT,
    /** One transaction that reads: its statements see one state of the database. */
    READ,
    /** One transaction that writes: all or nothing, holding the write lock from the start. */
    WRITE
  }

  private final Dialect dialect;
  private final Duration retryBound;
  private final Semaphore permits;
  private final Queue<Session> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  Connections(Dialect dialect, Duration retryBound) {
    this.dialect = dialect;
    this.retryBound = retryBound;
    this.permits = new Semaphore(dialect.maxConnections());
  }

  /**
   * The result of {@code work}, run in {@code mode}.
   *
   * @throws FlecheException if the database fails, or stays busy beyond the retry bound
   * @throws IllegalStateException if the database is closed
   */
  <T> T run(Mode mode, Work<T> work) {
    long start = System.nanoTime();
    long pause = 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(mode, work);
      } catch (SQLException e) {
        long elapsed = System.nanoTime() - start;
        boolean busy = dialect.isBusy(e);
        if (!busy || elapsed + pause * 1_000_000 > retryBound.toNanos()) {
          throw new FlecheException(
              busy
                  ? dialect.describe()
                      + " is locked by another connection or process; gave up after "
                      + attempt
                      + (attempt == 1 ? " attempt in " : " attempts in ")
                      + elapsed / 1_000_000
                      + " ms"
                  : dialect.describe() + ": " + e.getMessage(),
              e);
        }
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} is busy ({1}); trying again in {2} ms",
            dialect.describe(),
            e.getMessage(),
            pause);
        pause(pause);
        pause = Math.min(2 * pause, MAX_PAUSE_MILLIS);
      }
    }
  }

  /**
   * Runs {@code work} once on a borrowed session. A session whose work failed with a database
   * error other than a busy database is closed rather than kept: the driver may have closed the
   * failed statement (sqlite-jdbc does: the kept statement then fails for ever) and the connection
   * may hold pages of a damaged file in its cache. The next work opens a fresh connection.
   */
  private <T> T attempt(Mode mode, Work<T> work) throws SQLException {
    Session s = borrow();
    boolean inTransaction = false;
    boolean broken = false;
    try {
      if (mode != Mode.AUTOCOMMIT) {
        s.update(mode == Mode.READ ? dialect.beginRead() : dialect.beginWrite());
        inTransaction = true;
      }
      T result = work.run(s);
      if (inTransaction) {
        s.update("COMMIT");
        inTransaction = false;
      }
      return result;
    } catch (SQLException e) {
      broken = !dialect.isBusy(e);
      throw e;
    } finally {
      if (inTransaction) {
        rollback(s);
      }
      if (broken) {
        s.close();
        permits.release();
      } else {
        giveBack(s);
      }
    }
  }

  private Session borrow() throws SQLException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlecheException("Interrupted while waiting for a connection to " + dialect, e);
    }
    try {
      if (closed) {
        throw new IllegalStateException(dialect.describe() + " is closed");
      }
      Session s = idle.poll();
      return s != null ? s : new Session(dialect.connect());
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(Session s) {
    idle.add(s);
    if (closed) {
      closeIdle();
    }
    permits.release();
  }

  private static void rollback(Session s) {
    try {
      s.update("ROLLBACK");
    } catch (SQLException e) {
      // the transaction is gone either way; the failure that led here is what matters
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlecheException("Interrupted while waiting for " + dialect + " to be free", e);
    }
  }

  private void closeIdle() {
    for (Session s; (s = idle.poll()) != null; ) {
      s.close();
    }
  }

  /** Closes every connection now idle, and each other one when it is given back. */
  @Override
  public void close() {
    closed = true;
    closeIdle();
  }

  @Override
  public String toString() {
    return dialect.describe();
  }
}
