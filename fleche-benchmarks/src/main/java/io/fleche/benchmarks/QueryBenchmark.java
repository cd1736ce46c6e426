package io.fleche.benchmarks;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.caches.Caches;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.sql.SqlDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Queries and hits on a SQLite call storage of 10,000 to 1,000,000 recorded calls, through the
 * cache API ({@code Caches.of(db.values(codec), db.calls())}).
 *
 * <p>The data set: call {@code i} is of function {@code Bench.f<i % 10>} with arguments {@code x =
 * i / 10} and {@code y = i} (ints), result {@code i % 1000} (the 1,000 result values are stored),
 * metadata {@code runtime} (timestart, timestop, walltime) and, on every tenth call, {@code tags}
 * with {@code project} {@code alpha} (every hundredth call) or {@code beta}.
 *
 * <ul>
 *   <li>{@code queryByArgument}: the calls with {@code x} equal to a random value, listed: 10 calls
 *       at every size;
 *   <li>{@code queryByTag}: the calls tagged {@code project = alpha}, listed: 1% of the calls;
 *   <li>{@code countByName}: how many calls a function has ({@code count()}): 10% of the calls;
 *   <li>{@code hit}: the call under a random key, loaded ({@code Cache.load}: the record, and a
 *       check that its result value is stored).
 * </ul>
 *
 * <p>A database is built once per size under {@code target/query-scale} (the system property
 * {@code fleche.benchmarks.data} names another directory) and reused by later forks and runs;
 * it is built again when a marker written beside it no longer matches this code's data set,
 * schema or digests. Building the 1,000,000-call database takes minutes. Build and run from the
 * module's directory:
 *
 * <pre>
 * mvn -B -q -pl fleche-storage,fleche-benchmarks -am -DskipTests package
 * cd fleche-benchmarks
 * java -jar target/benchmarks.jar 'io\.fleche\.benchmarks\.QueryBenchmark\.' \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff target/jmh-query.json
 * </pre>
 *
 * or {@code fleche-benchmarks/run-query-benchmarks.sh}, which does both and prints a Markdown
 * table of the results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {
  /** Changes whenever {@link #call} changes, so that databases of the old data are rebuilt. */
  static final int DATA_SET = 1;

  static final int FUNCTIONS = 10;
  static final int CALLS_PER_X = 10;
  static final int RESULTS = 1000;
  static final int TAGGED_EVERY = 10;
  static final int ALPHA_EVERY = 100;
  private static final int BATCH = 10_000;
  private static final int SAMPLES = 1024; // random keys and templates, cycled through

  /** How many calls the database holds. */
  @Param({"10000", "100000", "1000000"})
  public int calls;

  Path directory = Path.of(System.getProperty("fleche.benchmarks.data", "target/query-scale"));

  SqlDatabase database;
  Cache cache;
  final Digest[] keys = new Digest[SAMPLES];
  final QueryCall[] byArgument = new QueryCall[SAMPLES];
  final QueryCall[] byName = new QueryCall[FUNCTIONS];
  final QueryCall byTag =
      QueryCall.builder().metadata("tags", Map.of("project", "alpha")).build();
  int next;

  /** Opens the database of {@link #calls} calls, building it first if need be. */
  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    Path file = directory.resolve("calls-" + calls + ".db");
    String marker = marker();
    Path markerFile = directory.resolve("calls-" + calls + ".ready");
    if (!Files.exists(file)
        || !Files.exists(markerFile)
        || !Files.readString(markerFile).equals(marker)) {
      build(file);
      Files.writeString(markerFile, marker);
    }
    database = SqlDatabase.open("jdbc:sqlite:" + file);
    cache = Caches.of(database.values(FileOptions.defaults().codec()), database.calls());

    SplittableRandom random = new SplittableRandom(42);
    for (int s = 0; s < SAMPLES; s++) {
      keys[s] = call(random.nextInt(calls)).lookupKey();
      byArgument[s] =
          QueryCall.builder().argument("x", random.nextInt(calls / CALLS_PER_X)).build();
    }
    for (int f = 0; f < FUNCTIONS; f++) {
      byName[f] = QueryCall.builder().name(function(f).name()).build();
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }

  @Benchmark
  public List<LazyCall> queryByArgument() {
    return cache.query(byArgument[next++ & (SAMPLES - 1)]).toList();
  }

  @Benchmark
  public List<LazyCall> queryByTag() {
    return cache.query(byTag).toList();
  }

  @Benchmark
  public long countByName() {
    return cache.query(byName[next++ % FUNCTIONS]).count();
  }

  @Benchmark
  public LazyCall hit() {
    return cache.load(keys[next++ & (SAMPLES - 1)]);
  }

  /** The function of call {@code i % FUNCTIONS}. */
  static FunctionId function(int f) {
    return new FunctionId("Bench.f" + f, "(int,int)", "bench", null, null);
  }

  /** Call {@code i} of the data set (see the class comment). */
  static DigestedCall call(int i) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("x", i / CALLS_PER_X);
    arguments.put("y", i);
    double start = 1.7e9 + i;
    Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
    metadata.put("runtime", Map.of("timestart", start, "timestop", start + 0.5, "walltime", 0.5));
    if (i % TAGGED_EVERY == 0) {
      metadata.put("tags", Map.of("project", i % ALPHA_EVERY == 0 ? "alpha" : "beta"));
    }
    return Call.of(function(i % FUNCTIONS), arguments)
        .withResult(i % RESULTS)
        .digested()
        .withMetadata(metadata);
  }

  /** Makes a new database of {@link #calls} calls in {@code file}, saved in large batches. */
  private void build(Path file) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    try (SqlDatabase db = SqlDatabase.open("jdbc:sqlite:" + file)) {
      ValueStorage values = db.values(FileOptions.defaults().codec());
      for (int r = 0; r < RESULTS; r++) {
        values.save(r);
      }
      CallStorage storage = db.calls();
      List<DigestedCall> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < calls; i++) {
        batch.add(call(i));
        if (batch.size() == BATCH || i == calls - 1) {
          storage.saveAll(batch);
          batch.clear();
        }
      }
    }
  }

  /**
   * What the marker beside a database must hold for it to be reused: the data set's version and
   * size, the schema this code makes, and the key of a call (which changes with the digests).
   */
  private String marker() throws IOException, SQLException {
    Path empty = Files.createTempFile("fleche-schema", ".db");
    try {
      SqlDatabase.open("jdbc:sqlite:" + empty).close();
      return "data set "
          + DATA_SET
          + ", "
          + calls
          + " calls, key of call 0 "
          + call(0).lookupKey()
          + ", schema "
          + Digest.of(schema(empty)).toString()
          + "\n";
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(Path.of(empty + suffix));
      }
    }
  }

  /** The schema version and the statements that made the tables and indexes of {@code file}. */
  private static String schema(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT version FROM schema_version) || ';' || group_concat(sql, ';')"
                    + " FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
