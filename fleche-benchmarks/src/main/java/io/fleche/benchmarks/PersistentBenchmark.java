package io.fleche.benchmarks;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.Fleches;
import io.fleche.caches.Caches;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Storages;
import io.fleche.storages.sql.SqlDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of calling a {@code @Fleche} method through the agent on a persistent cache, next to
 * raw baselines doing the same kind of I/O in the same run, and the throughput of the file value
 * storage for a 64 MiB array. The persistent cache is what {@code template = "sql"} in {@code
 * fleche.toml} builds: call records in SQLite ({@link SqlDatabase}: write-ahead log, {@code
 * synchronous=NORMAL}), values in files ({@link Storages#valueFiles}), unsigned and uncompressed
 * ({@link #FILE_OPTIONS}). Every cache and raw store lives in a directory of its own under {@code
 * java.io.tmpdir}, deleted at tear-down. The memoized methods are in {@link Memoized}.
 *
 * <p>Benchmarks are named {@code <case>_fleche[_<variant>]} and {@code <case>_baseline_<kind>}:
 *
 * <ul>
 *   <li>{@code diskHit}: {@link Memoized#mix(int, int)} on the persistent cache, every call a hit,
 *       cycling over {@value #PAIRS} argument pairs. A persistent cache reports {@link
 *       Cache#modifications()} {@code -1} (other processes may write to it), so the agent keeps
 *       no result in front of it: it remembers the key of the immutable arguments (no digest),
 *       and every call reads the record from SQLite (one read transaction: the call row, its
 *       argument rows, its metadata rows), checks that the result's file exists, and reads and
 *       decodes it. Baseline ({@code jdbcAndFile}): plain JDBC on a SQLite table of as many rows,
 *       with the same pragmas, and files in the same layout: a prepared {@code SELECT} of the row
 *       under a 32-byte {@code BLOB} key, whose value names a file of {@value #SMALL_FILE_BYTES}
 *       bytes, read with {@link Files#readAllBytes}.
 *   <li>{@code frontHit}: the same calls on {@code Caches.front(persistent, 10_000)} ({@code
 *       front = 10000} in {@code fleche.toml}): the calls are written through to disk, and a hit
 *       is kept in memory. The front counts the changes made through it, so the agent keeps the
 *       results of these immutable calls in front of it and answers repeated hits without digest
 *       or lookup. Baseline: a {@code HashMap} memo keyed by a record of the two arguments ({@code
 *       hashMapMemo}), filled in set-up.
 *   <li>{@code miss}: {@link Memoized#scramble(long)}, every call with an argument never seen
 *       before, on a persistent cache made afresh for every iteration (it grows during one
 *       iteration only), with the default metadata ({@link io.fleche.metadata.Runtime}) made
 *       explicit. A miss stores the argument (a file), runs the body, stores the result (a file)
 *       and writes the record (one write transaction: the call row, its argument row, its
 *       metadata row). Baselines: the undecorated body ({@code direct}; {@code miss_fleche} minus
 *       it is the miss overhead), and raw I/O ({@code jdbcAndFile}): one {@code INSERT}, committed
 *       on its own, into a table as above and one file of {@value #SMALL_FILE_BYTES} bytes written
 *       to a temporary sibling and renamed into place, in a fresh directory per iteration too.
 *   <li>{@code largeSave} and {@code largeLoad}: {@link ValueStorage#save(Object)} and {@link
 *       ValueStorage#load(Digest)} of a {@code double[]} of 64 MiB on {@link Storages#valueFiles},
 *       without the agent's involvement. A save digests the array (in parallel chunks) and writes
 *       its entry; {@code largeSave_fleche_knownKey} passes the digest ({@link
 *       ValueStorage#save(Object, Digest)}), so it is encoding and writing alone. The entry's file
 *       is deleted before each save, unmeasured, so that every save writes it (a save of a value
 *       stored already only reads the file to compare). Baselines: {@link Files#write} of the
 *       array's 64 MiB as bytes, made in set-up, to a file deleted before each write ({@code
 *       filesWrite}),
 *       and {@link Files#readAllBytes} of such a file ({@code readAllBytes}); they do not convert
 *       between bytes and doubles. No write is forced to disk (Fleche's default), so both sides
 *       write into the operating system's page cache, and read from it.
 * </ul>
 *
 * <p>Every Fleche call case is a {@link FlecheCase}: set-up checks that the agent memoizes, and
 * every iteration that the body ran exactly as often as intended. The forked JVM must run with the
 * agent, given with {@code -jvmArgsPrepend} as for {@link AgentBenchmark} (which explains why, and
 * where the classes come from). Build and run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl fleche-agent,fleche-benchmarks -am -DskipTests package
 * java -jar fleche-benchmarks/target/benchmarks.jar \
 *     'io\.fleche\.benchmarks\.PersistentBenchmark\.' -foe true -jvmArgsPrepend \
 *     "-javaagent:$PWD/fleche-agent/target/fleche.jar --enable-native-access=ALL-UNNAMED" \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff fleche-benchmarks/target/jmh-persistent.json
 * </pre>
 *
 * or {@code fleche-benchmarks/run-persistent-benchmarks.sh}, which does both and prints a Markdown
 * table of the results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PersistentBenchmark {
  /** Distinct argument pairs of the hit cases, and rows of the raw hit baseline. */
  static final int PAIRS = 1_000;

  /**
   * Bytes of a raw baseline's small file: as many as Fleche's entry of one of {@link
   * Memoized#mix}'s results, on average (a header, the Smile encoding of a {@code Long}, a CRC).
   */
  static final int SMALL_FILE_BYTES = 34;

  /** Bytes of a key, as Fleche's digests. */
  static final int KEY_BYTES = 32;

  /** Elements of the large array: 64 MiB of doubles. */
  static final int LARGE_LENGTH = 8 << 20;

  /** Bytes of the large array's elements. */
  static final int LARGE_BYTES = Double.BYTES * LARGE_LENGTH;

  /**
   * How the file storages write: {@link FileOptions#defaults()}, unsigned whatever {@value
   * FileOptions#SECRET_KEY_VARIABLE} says, so that the environment does not change the figures.
   */
  static final FileOptions FILE_OPTIONS = FileOptions.defaults().signingKeys(List.of());

  /** The hit cases' arguments: pair {@code i} is {@code PAIR_A[i]}, {@code PAIR_B[i]}. */
  static final int[] PAIR_A = new int[PAIRS];

  static final int[] PAIR_B = new int[PAIRS];

  static {
    SplittableRandom random = new SplittableRandom(PAIRS);
    for (int i = 0; i < PAIRS; i++) {
      PAIR_A[i] = i + 1; // not 0: mix's results are then full-width longs
      PAIR_B[i] = random.nextInt();
    }
  }

  /** The key of the memo baseline. */
  record IntPair(int a, int b) {}

  static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A new directory under {@code java.io.tmpdir}; closing deletes it and all it holds. */
  static final class TempDirectory implements AutoCloseable {
    static final String PREFIX = "fleche-benchmark-";

    final Path path;

    TempDirectory() {
      try {
        path = Files.createTempDirectory(PREFIX);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory", e);
      }
    }

    @Override
    public void close() {
      try (Stream<Path> all = Files.walk(path)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + path, e);
      }
    }
  }

  /** A persistent cache as {@code template = "sql"} builds it, in a directory of its own. */
  static final class DiskCache implements AutoCloseable {
    final TempDirectory directory = new TempDirectory();
    final SqlDatabase database;
    final Cache cache;

    DiskCache() {
      try {
        database = SqlDatabase.open("jdbc:sqlite:" + directory.path.resolve("calls.db"));
      } catch (RuntimeException e) {
        directory.close();
        throw e;
      }
      cache =
          Caches.of(
              Storages.valueFiles(directory.path.resolve("values"), FILE_OPTIONS, 1),
              database.calls());
    }

    @Override
    public void close() {
      database.close();
      directory.close();
    }
  }

  /**
   * The raw baselines' store, in a directory of its own: a table {@code entries (key BLOB PRIMARY
   * KEY, value BLOB) WITHOUT ROWID} in SQLite through plain JDBC, with Fleche's pragmas ({@code
   * journal_mode=WAL}, {@code synchronous=NORMAL}), each statement its own transaction; and files
   * named by hex keys in 256 shard directories, as Fleche lays them out.
   */
  static final class RawStore implements AutoCloseable {
    final TempDirectory directory = new TempDirectory();
    private final Connection connection;
    private final PreparedStatement select;
    private final PreparedStatement insert;

    RawStore() {
      try {
        connection = DriverManager.getConnection("jdbc:sqlite:" + directory.path.resolve("raw.db"));
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA journal_mode = WAL");
          s.execute("PRAGMA synchronous = NORMAL");
          s.execute(
              "CREATE TABLE entries (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
        }
        select = connection.prepareStatement("SELECT value FROM entries WHERE key = ?");
        insert = connection.prepareStatement("INSERT INTO entries (key, value) VALUES (?, ?)");
        for (int shard = 0; shard < 256; shard++) {
          Files.createDirectory(directory.path.resolve(HexFormat.of().toHexDigits((byte) shard)));
        }
      } catch (SQLException | IOException e) {
        directory.close();
        throw new IllegalStateException("cannot make a raw store in " + directory.path, e);
      }
    }

    /** The value of the row under {@code key}. */
    byte[] select(byte[] key) throws SQLException {
      select.setBytes(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("no row under " + HexFormat.of().formatHex(key));
        }
        return row.getBytes(1);
      }
    }

    void insert(byte[] key, byte[] value) throws SQLException {
      insert.setBytes(1, key);
      insert.setBytes(2, value);
      insert.executeUpdate();
    }

    /** The file named by {@code key}: {@code ab/abcdef...}. */
    Path file(byte[] key) {
      String hex = HexFormat.of().formatHex(key);
      return directory.path.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Writes {@code bytes} to a temporary sibling of {@code key}'s file, then renames it. */
    void write(byte[] key, byte[] bytes) throws IOException {
      Path file = file(key);
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    byte[] read(byte[] key) throws IOException {
      return Files.readAllBytes(file(key));
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot close " + directory.path.resolve("raw.db"), e);
      } finally {
        directory.close();
      }
    }
  }

  /** A Fleche case on a persistent cache of its own. */
  abstract static class DiskCase extends FlecheCase {
    private DiskCache disk;

    DiskCase(String method, LongSupplier runs, int distinctCalls, boolean hits) {
      super(method, runs, distinctCalls, hits);
    }

    /** The cache the case calls through, given the persistent one. */
    Cache cache(Cache persistent) {
      return persistent;
    }

    /** Makes a persistent cache and {@link #activate}s it; deletes it again if that fails. */
    final void open() {
      disk = new DiskCache();
      try {
        activate(cache(disk.cache));
      } catch (RuntimeException e) {
        discard();
        throw e;
      }
    }

    /** Deactivates the cache and deletes it. */
    final void discard() {
      deactivate();
      if (disk != null) {
        disk.close();
        disk = null;
      }
    }
  }

  /** {@link Memoized#mix} on the persistent cache, every pair cached. */
  @State(Scope.Thread)
  public static class DiskHits extends DiskCase {
    final Cursor cursor = new Cursor(PAIRS);

    public DiskHits() {
      super("mix(int, int)", () -> Memoized.mixRuns, PAIRS, true);
    }

    @Setup(Level.Trial)
    public void setUp() {
      open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      discard();
    }

    @Override
    void callAll() {
      for (int i = 0; i < PAIRS; i++) {
        if (Memoized.mix(PAIR_A[i], PAIR_B[i]) != Memoized.mixBody(PAIR_A[i], PAIR_B[i])) {
          throw new IllegalStateException("mix returned a wrong value for pair " + i);
        }
      }
    }

    @Override
    long calls() {
      return cursor.calls;
    }
  }

  /** {@link DiskHits} through a memory front. */
  @State(Scope.Thread)
  public static class FrontHits extends DiskHits {
    @Override
    Cache cache(Cache persistent) {
      return Caches.front(persistent, 10_000);
    }
  }

  /** The raw store of the disk hit baseline: a row and a file for every pair. */
  @State(Scope.Thread)
  public static class RawHits {
    final Cursor cursor = new Cursor(PAIRS);
    final byte[][] keys = new byte[PAIRS][];
    RawStore store;

    @Setup(Level.Trial)
    public void fill() throws SQLException, IOException {
      store = new RawStore();
      SplittableRandom random = new SplittableRandom(KEY_BYTES);
      for (int i = 0; i < PAIRS; i++) {
        keys[i] = randomBytes(random, KEY_BYTES);
        byte[] fileKey = randomBytes(random, KEY_BYTES);
        store.insert(keys[i], fileKey);
        store.write(fileKey, randomBytes(random, SMALL_FILE_BYTES));
      }
    }

    /** The bytes of the file that pair {@code i}'s row names. */
    byte[] lookup(int i) throws SQLException, IOException {
      return store.read(store.select(keys[i]));
    }

    @TearDown(Level.Trial)
    public void discard() {
      store.close();
    }
  }

  /** The front hit baseline: a memo filled with every pair. */
  @State(Scope.Thread)
  public static class Memo {
    final Cursor cursor = new Cursor(PAIRS);
    final HashMap<IntPair, Long> memo = new HashMap<>();

    @Setup(Level.Trial)
    public void fill() {
      for (int i = 0; i < PAIRS; i++) {
        lookup(i);
      }
    }

    long lookup(int i) {
      return memo.computeIfAbsent(
          new IntPair(PAIR_A[i], PAIR_B[i]), p -> Memoized.mixBody(p.a(), p.b()));
    }
  }

  /** Arguments never seen before in a fork: 0, 1, 2, ... */
  @State(Scope.Thread)
  public static class FreshArguments {
    /** Invocations so far. */
    long calls;

    long next() {
      return calls++;
    }
  }

  /**
   * {@link Memoized#scramble} on a persistent cache made for each iteration, with the default
   * metadata ({@link io.fleche.metadata.Runtime}) made explicit, so that a {@code fleche.toml}
   * cannot change what a miss records.
   */
  @State(Scope.Thread)
  public static class DiskMisses extends DiskCase {
    /** Never a measured argument: only set-up calls it. */
    private static final long CHECK_ARGUMENT = -1;

    final FreshArguments arguments = new FreshArguments();
    private io.fleche.storage.Scope metadata;

    public DiskMisses() {
      super("scramble(long)", () -> Memoized.missRuns, 1, false);
    }

    @Setup(Level.Trial)
    public void setUp() {
      metadata = Fleches.meta(new io.fleche.metadata.Runtime());
    }

    @TearDown(Level.Trial)
    public void restoreMetadata() {
      metadata.close();
    }

    @Override
    void openIteration() {
      open();
    }

    @Override
    void closeIteration() {
      discard();
    }

    @Override
    void callAll() {
      if (Memoized.scramble(CHECK_ARGUMENT) != Memoized.missBody(CHECK_ARGUMENT)) {
        throw new IllegalStateException("scramble returned a wrong value");
      }
    }

    @Override
    long calls() {
      return arguments.calls;
    }
  }

  /** The raw store of the miss baseline, made for each iteration. */
  @State(Scope.Thread)
  public static class RawMisses {
    private final SplittableRandom random = new SplittableRandom(SMALL_FILE_BYTES);
    private final byte[] content = randomBytes(random, SMALL_FILE_BYTES);
    RawStore store;

    @Setup(Level.Iteration)
    public void open() {
      store = new RawStore();
    }

    @TearDown(Level.Iteration)
    public void discard() {
      store.close();
    }

    /** Inserts a row under a new key, naming a new file, and writes the file; the row's key. */
    byte[] storeNew() throws SQLException, IOException {
      byte[] key = randomBytes(random, KEY_BYTES);
      byte[] fileKey = randomBytes(random, KEY_BYTES);
      store.insert(key, fileKey);
      store.write(fileKey, content);
      return key;
    }
  }

  /**
   * The large array, its elements as bytes, and where both are stored: a file value storage and a
   * raw file, in a directory of their own.
   */
  static final class LargeValue implements AutoCloseable {
    final double[] array = new double[LARGE_LENGTH];
    final byte[] bytes = new byte[LARGE_BYTES];
    final Digest key;
    final TempDirectory directory = new TempDirectory();
    final ValueStorage values =
        Storages.valueFiles(directory.path.resolve("values"), FILE_OPTIONS, 1);
    final Path rawFile = directory.path.resolve("raw.bin");

    LargeValue() {
      SplittableRandom random = new SplittableRandom(LARGE_LENGTH);
      for (int i = 0; i < array.length; i++) {
        array[i] = random.nextDouble();
      }
      ByteBuffer.wrap(bytes).asDoubleBuffer().put(array);
      key = Digest.of(array);
    }

    @Override
    public void close() {
      directory.close();
    }
  }

  /** The large array, stored anew by every invocation. */
  @State(Scope.Thread)
  public static class LargeSave {
    LargeValue large;

    @Setup(Level.Trial)
    public void setUp() {
      large = new LargeValue();
    }

    /** Deletes what the last invocation stored, so that this one writes it again. */
    @Setup(Level.Invocation)
    public void forget() throws IOException {
      large.values.evict(large.key);
      Files.deleteIfExists(large.rawFile);
    }

    @TearDown(Level.Trial)
    public void discard() {
      large.close();
    }
  }

  /** The large array, stored once. */
  @State(Scope.Thread)
  public static class LargeLoad {
    LargeValue large;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      large = new LargeValue();
      large.values.save(large.array, large.key);
      Files.write(large.rawFile, large.bytes);
    }

    @TearDown(Level.Trial)
    public void discard() {
      large.close();
    }
  }

  @Benchmark
  public long diskHit_fleche(DiskHits s) {
    int i = s.cursor.advance();
    return Memoized.mix(PAIR_A[i], PAIR_B[i]);
  }

  @Benchmark
  public byte[] diskHit_baseline_jdbcAndFile(RawHits s) throws SQLException, IOException {
    return s.lookup(s.cursor.advance());
  }

  @Benchmark
  public long frontHit_fleche(FrontHits s) {
    int i = s.cursor.advance();
    return Memoized.mix(PAIR_A[i], PAIR_B[i]);
  }

  @Benchmark
  public long frontHit_baseline_hashMapMemo(Memo s) {
    return s.lookup(s.cursor.advance());
  }

  @Benchmark
  public long miss_fleche(DiskMisses s) {
    return Memoized.scramble(s.arguments.next());
  }

  @Benchmark
  public long miss_baseline_direct(FreshArguments s) {
    return Memoized.missBody(s.next());
  }

  @Benchmark
  public byte[] miss_baseline_jdbcAndFile(RawMisses s) throws SQLException, IOException {
    return s.storeNew();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Digest largeSave_fleche(LargeSave s) {
    return s.large.values.save(s.large.array);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Digest largeSave_fleche_knownKey(LargeSave s) {
    return s.large.values.save(s.large.array, s.large.key);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Path largeSave_baseline_filesWrite(LargeSave s) throws IOException {
    return Files.write(s.large.rawFile, s.large.bytes);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object largeLoad_fleche(LargeLoad s) {
    return s.large.values.load(s.large.key);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public byte[] largeLoad_baseline_readAllBytes(LargeLoad s) throws IOException {
    return Files.readAllBytes(s.large.rawFile);
  }
}
