package io.fleche.benchmarks;

import static io.fleche.benchmarks.BenchmarkChecks.assertAgentMissing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Digest;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link PersistentBenchmark}'s wiring without the agent (this module's tests run without
 * it): the baselines do the I/O they stand for, the large value round-trips, every Fleche case
 * refuses to run unless the agent memoizes, and nothing is left in the temporary directory.
 */
class PersistentBenchmarkTest {
  private final PersistentBenchmark benchmark = new PersistentBenchmark();

  /** The temporary directories the benchmark made and has not deleted. */
  private static Set<Path> leftovers() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(
              p -> p.getFileName().toString().startsWith(PersistentBenchmark.TempDirectory.PREFIX))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aTemporaryDirectoryIsDeletedWithItsContents() throws IOException {
    PersistentBenchmark.TempDirectory directory = new PersistentBenchmark.TempDirectory();
    Files.createDirectories(directory.path.resolve("ab/cd"));
    Files.write(directory.path.resolve("ab/cd/file"), new byte[] {1, 2, 3});
    directory.close();
    assertFalse(Files.exists(directory.path));
  }

  /** Over two rounds of the cursor; each row names a file of its own. */
  @Test
  void theRawHitBaselineReadsTheFileEachRowNames() throws Exception {
    PersistentBenchmark.RawHits raw = new PersistentBenchmark.RawHits();
    raw.fill();
    Set<ByteBuffer> contents = new HashSet<>();
    for (int call = 0; call < 2 * PersistentBenchmark.PAIRS; call++) {
      byte[] file = benchmark.diskHit_baseline_jdbcAndFile(raw);
      assertEquals(PersistentBenchmark.SMALL_FILE_BYTES, file.length);
      contents.add(ByteBuffer.wrap(file));
    }
    assertEquals(PersistentBenchmark.PAIRS, contents.size());
    Path directory = raw.store.directory.path;
    raw.discard();
    assertFalse(Files.exists(directory));
  }

  @Test
  void theRawMissBaselineStoresARowNamingANewFile() throws Exception {
    PersistentBenchmark.RawMisses raw = new PersistentBenchmark.RawMisses();
    raw.open();
    Set<Path> files = new HashSet<>();
    for (int call = 0; call < 100; call++) {
      byte[] key = benchmark.miss_baseline_jdbcAndFile(raw);
      byte[] fileKey = raw.store.select(key);
      assertEquals(PersistentBenchmark.SMALL_FILE_BYTES, raw.store.read(fileKey).length);
      files.add(raw.store.file(fileKey));
    }
    assertEquals(100, files.size());
    Path directory = raw.store.directory.path;
    raw.discard();
    assertFalse(Files.exists(directory));
  }

  /** The raw small file is as large as Fleche's entries of the hit cases' results, on average. */
  @Test
  void theRawSmallFileIsAsLargeAsFlechesEntries() throws IOException {
    long total = 0;
    try (PersistentBenchmark.TempDirectory directory = new PersistentBenchmark.TempDirectory()) {
      ValueStorage values =
          Storages.valueFiles(directory.path, PersistentBenchmark.FILE_OPTIONS, 1);
      for (int i = 0; i < PersistentBenchmark.PAIRS; i++) {
        Digest key =
            values.save(
                Memoized.mixBody(PersistentBenchmark.PAIR_A[i], PersistentBenchmark.PAIR_B[i]));
        String hex = key.toString();
        total += Files.size(directory.path.resolve(hex.substring(0, 2)).resolve(hex));
      }
    }
    assertEquals(
        PersistentBenchmark.SMALL_FILE_BYTES,
        Math.round((double) total / PersistentBenchmark.PAIRS),
        "average entry size " + (double) total / PersistentBenchmark.PAIRS);
  }

  @Test
  void theMemoComputesTheBody() {
    PersistentBenchmark.Memo memo = new PersistentBenchmark.Memo();
    memo.fill();
    for (int call = 0; call < 2 * PersistentBenchmark.PAIRS; call++) {
      int i = call % PersistentBenchmark.PAIRS;
      int a = PersistentBenchmark.PAIR_A[i];
      int b = PersistentBenchmark.PAIR_B[i];
      long body = Memoized.mixBody(a, b);
      assertEquals(body, benchmark.frontHit_baseline_hashMapMemo(memo), "pair " + i);
      assertEquals(body, Memoized.mix(a, b));
    }
    assertEquals(PersistentBenchmark.PAIRS, memo.memo.size());
  }

  @Test
  void theMissArgumentsAreNew() {
    PersistentBenchmark.FreshArguments arguments = new PersistentBenchmark.FreshArguments();
    Set<Long> seen = new HashSet<>();
    for (int call = 0; call < 1_000; call++) {
      assertTrue(seen.add(arguments.next()));
    }
    assertEquals(Memoized.missBody(1_000), benchmark.miss_baseline_direct(arguments));
  }

  @Test
  void theHitCasesFailWithoutTheAgentAndLeaveNothing() throws IOException {
    Set<Path> before = leftovers();
    PersistentBenchmark.DiskHits disk = new PersistentBenchmark.DiskHits();
    assertAgentMissing(disk::setUp);
    PersistentBenchmark.FrontHits stack = new PersistentBenchmark.FrontHits();
    assertAgentMissing(stack::setUp);
    assertEquals(before, leftovers());
  }

  @Test
  void theMissCaseFailsWithoutTheAgentAndLeavesNothing() throws IOException {
    Set<Path> before = leftovers();
    PersistentBenchmark.DiskMisses misses = new PersistentBenchmark.DiskMisses();
    misses.setUp();
    try {
      assertAgentMissing(misses::startIteration);
    } finally {
      misses.restoreMetadata();
    }
    assertEquals(before, leftovers());
  }

  /** Every save writes the entry anew: the file is gone before it. */
  @Test
  void theLargeSavesWriteTheArray() throws IOException {
    PersistentBenchmark.LargeSave save = new PersistentBenchmark.LargeSave();
    save.setUp();
    PersistentBenchmark.LargeValue large = save.large;
    try {
      assertEquals(PersistentBenchmark.LARGE_BYTES, large.array.length * Double.BYTES);
      assertEquals(Digest.of(large.array), benchmark.largeSave_fleche(save));
      save.forget();
      assertFalse(large.values.contains(large.key));
      assertEquals(large.key, benchmark.largeSave_fleche_knownKey(save));
      assertArrayEquals(large.array, (double[]) large.values.load(large.key));
      benchmark.largeSave_baseline_filesWrite(save);
      assertArrayEquals(large.bytes, Files.readAllBytes(large.rawFile));
      save.forget();
      assertFalse(large.values.contains(large.key));
      assertFalse(Files.exists(large.rawFile));
    } finally {
      save.discard();
    }
    assertFalse(Files.exists(large.directory.path));
  }

  @Test
  void theLargeLoadsReadTheArray() throws IOException {
    PersistentBenchmark.LargeLoad load = new PersistentBenchmark.LargeLoad();
    load.setUp();
    PersistentBenchmark.LargeValue large = load.large;
    try {
      assertArrayEquals(large.array, (double[]) benchmark.largeLoad_fleche(load));
      byte[] bytes = benchmark.largeLoad_baseline_readAllBytes(load);
      double[] doubles = new double[PersistentBenchmark.LARGE_LENGTH];
      ByteBuffer.wrap(bytes).asDoubleBuffer().get(doubles);
      assertArrayEquals(large.array, doubles);
    } finally {
      load.discard();
    }
    assertFalse(Files.exists(large.directory.path));
  }

  @Test
  void everyCaseHasFlecheAndBaselineBenchmarks() {
    BenchmarkChecks.assertCases(
        PersistentBenchmark.class, Set.of("diskHit", "frontHit", "miss", "largeSave", "largeLoad"));
  }
}
