package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FlecheException;
import io.fleche.FunctionId;
import io.fleche.RejectedException;
import io.fleche.caches.Caches;
import io.fleche.caches.LogCapture;
import io.fleche.storage.CallStorage;
import io.fleche.storage.SaveException;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.SerializingTestCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database locked by another connection (in another thread, as another process would) is
 * waited for within a bound; then saves are refused and loads fail, and nothing else breaks.
 */
class BusyDatabaseTest {
  static final String LOGGER = "io.fleche.storage.sql";

  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();

  Path file() {
    return dir.resolve("cache.db");
  }

  static DigestedCall call(int i) {
    return Call.of(FunctionId.named("f"), Map.of("i", i)).withResult(i).digested();
  }

  static Settings waiting(Duration bound) {
    return new Settings(Duration.ofMillis(20), bound, Settings.DEFAULT.mounts());
  }

  /** A connection of its own, in a thread of its own, holding an exclusive lock until released. */
  static final class LockHolder implements AutoCloseable {
    private final CountDownLatch locked = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> done;

    LockHolder(Path file) throws InterruptedException, ExecutionException {
      done =
          thread.submit(
              () -> {
                try (Connection c = RawSql.connect(file);
                    Statement s = c.createStatement()) {
                  try {
                    s.execute("BEGIN EXCLUSIVE");
                  } finally {
                    locked.countDown();
                  }
                  release.await();
                  s.execute("COMMIT");
                }
                return null;
              });
      locked.await();
      if (done.isDone()) {
        done.get(); // it failed to take the lock: say why
      }
    }

    /** Lets the holder commit; returns at once. */
    void letGo() {
      release.countDown();
    }

    /** Lets go and waits until the lock is released. */
    @Override
    public void close() throws InterruptedException, ExecutionException {
      letGo();
      try {
        done.get();
      } finally {
        thread.shutdown();
      }
    }
  }

  @Test
  void aSave_whileTheLockIsHeldBeyondTheBound_isRefused_andReadsGoOn() throws Exception {
    SqlDatabase db = databases.open("jdbc:sqlite:" + file(), waiting(Duration.ofMillis(300)));
    CallStorage calls = db.calls();
    ValueStorage values = db.values(new SerializingTestCodec());
    Cache cache = Caches.of(values, calls);
    Digest before = calls.save(call(1));

    try (LockHolder lock = new LockHolder(file())) {
      SaveException e = assertThrows(SaveException.class, () -> calls.save(call(2)));
      assertTrue(
          e.getMessage().contains("is locked by another connection or process; gave up after"),
          e.getMessage());
      assertThrows(SaveException.class, () -> values.save("v"));
      assertThrows(
          RejectedException.class,
          () -> cache.save(Call.of(FunctionId.named("f"), Map.of("i", 3)).withResult(3)));
      assertEquals(Digest.of(1), calls.load(before).result()); // WAL: readers go on
    }
    assertEquals(call(2).lookupKey(), calls.save(call(2)));
  }

  @Test
  void aSave_waitsForALockReleasedWithinTheBound() throws Exception {
    CallStorage calls =
        databases.open("jdbc:sqlite:" + file(), waiting(Duration.ofSeconds(60))).calls();
    AtomicInteger busy = new AtomicInteger();
    Logger logger = Logger.getLogger(LOGGER);
    Level level = logger.getLevel();
    try (LockHolder lock = new LockHolder(file())) {
      Handler letGoWhenBusy =
          new Handler() {
            @Override
            public void publish(LogRecord r) {
              if (r.getMessage().contains("is busy")) {
                busy.incrementAndGet();
                lock.letGo();
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      logger.setLevel(Level.ALL);
      logger.addHandler(letGoWhenBusy);
      try {
        assertEquals(call(1).lookupKey(), calls.save(call(1)));
      } finally {
        logger.removeHandler(letGoWhenBusy);
        logger.setLevel(level);
      }
    }
    assertTrue(busy.get() >= 1, "the save found the database busy " + busy + " times");
    assertEquals(Digest.of(1), calls.load(call(1).lookupKey()).result());
  }

  @Test
  void onANetworkFileSystem_aRollbackJournal_andReadersWaitForTheWriter() throws Exception {
    Files.createDirectories(dir);
    Path mounts =
        Files.write(
            dir.resolve("mounts"),
            List.of("/dev/sda1 / ext4 rw 0 0", "srv:/export " + dir.toRealPath() + " nfs4 rw 0 0"));
    Settings settings = new Settings(Duration.ofMillis(20), Duration.ofMillis(300), mounts);
    CallStorage calls;
    try (LogCapture log = new LogCapture(LOGGER)) {
      calls = databases.open("jdbc:sqlite:" + file(), settings).calls();
      assertEquals(
          List.of(
              "SQLite database "
                  + file()
                  + " is on a network file system (nfs4 at "
                  + dir.toRealPath()
                  + "), where write-ahead logging does not work: using a rollback journal;"
                  + " readers wait while someone writes"),
          log.messages(Level.WARNING));
    }
    assertEquals("delete", RawSql.query(file(), "PRAGMA journal_mode"));
    Digest key = calls.save(call(1));

    try (LockHolder lock = new LockHolder(file())) {
      FlecheException e = assertThrows(FlecheException.class, () -> calls.load(key));
      assertTrue(e.getMessage().contains("is locked"), e.getMessage());
    }
    assertEquals(Digest.of(1), calls.load(key).result());
  }
}
