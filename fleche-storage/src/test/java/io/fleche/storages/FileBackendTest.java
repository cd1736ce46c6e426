package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.caches.LogCapture;
import io.fleche.storage.SaveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layout, atomic replacement, and unreadable files as logged misses. */
class FileBackendTest {
  @TempDir Path root;

  private final Codec codec = FileOptions.defaults().signingKeys(List.of()).codec();

  private FileBackend<Object> backend() {
    return new FileBackend<>(root, codec, Object.class, false);
  }

  private static Set<Digest> keys(FileBackend<?> b) {
    try (Stream<Digest> s = b.list()) {
      return s.collect(Collectors.toSet());
    }
  }

  @Test
  void entries_liveInShardsNamedByTheirFirstTwoHexCharacters() throws Exception {
    FileBackend<Object> b = backend();
    Digest key = Digest.of("x");
    b.put(key, "x");
    String hex = key.toString();
    Path file = root.resolve(hex.substring(0, 2)).resolve(hex);
    assertTrue(Files.isRegularFile(file));
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      assertEquals(List.of(file), siblings.collect(Collectors.toList()), "no temporary file left");
    }
    assertEquals("x", b.get(key));
  }

  @Test
  void list_ignoresTemporaryDotAndForeignFiles() throws Exception {
    FileBackend<Object> b = backend();
    Digest key = Digest.of(1);
    b.put(key, 1);
    Path shard = Entries.file(root, key).getParent();
    Files.writeString(shard.resolve("." + key + ".12ab.tmp"), "partial");
    Files.writeString(shard.resolve(key + ".lock"), "");
    Files.writeString(shard.resolve(key.toString().toUpperCase()), "");
    Digest elsewhere = Digest.of(2);
    Files.writeString(shard.resolve(elsewhere.toString()), "in the wrong shard");
    Files.writeString(root.resolve("README"), "");
    Files.createDirectories(root.resolve("zz"));
    Files.writeString(root.resolve("zz").resolve("z".repeat(64)), "");
    assertEquals(Set.of(key), keys(b));
  }

  @Test
  void prefixCandidates_fromTheShardOfThePrefix_smallestFirst() {
    FileBackend<Object> b = backend();
    List<Digest> stored = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      stored.add(Digest.of(i));
      b.put(Digest.of(i), i);
    }
    Digest some = stored.get(7);
    String prefix = some.prefix(2);
    List<Digest> expected =
        stored.stream().filter(k -> k.startsWith(prefix)).sorted().collect(Collectors.toList());
    assertEquals(expected, b.prefixCandidates(prefix, 1000));
    assertEquals(expected.subList(0, 1), b.prefixCandidates(prefix, 1));
    assertEquals(List.of(some), b.prefixCandidates(some.prefix(10), 2));
    assertEquals(List.of(), new FileBackend<>(root.resolve("none"), codec, Object.class, false)
        .prefixCandidates("abcd", 2));
  }

  @Test
  void concurrentWritersAndReadersOfOneKey_seeOnlyCompleteFiles() throws Exception {
    FileBackend<Object> b = backend();
    Digest key = Digest.of("contended");
    double[][] versions = new double[4][];
    for (int v = 0; v < versions.length; v++) {
      versions[v] = new double[256 * 1024]; // 2 MiB: many write system calls per file
      Arrays.fill(versions[v], v);
    }
    b.put(key, versions[0]);
    int writers = 2;
    int readers = 2;
    CyclicBarrier start = new CyclicBarrier(writers + readers);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
    try {
      List<Future<Integer>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int seed = w;
        writes.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 40; i++) {
            b.put(key, versions[(seed + i) % versions.length]);
          }
          return 40;
        }));
      }
      List<Future<Integer>> reads = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        reads.add(pool.submit(() -> {
          start.await();
          int seen = 0;
          while (writing.get() || seen == 0) {
            double[] got = (double[]) b.get(key); // a miss or a partial file would throw here
            double first = got[0];
            assertEquals(versions[0].length, got.length);
            assertTrue(IntStream.of(0, got.length / 2, got.length - 1).allMatch(i -> got[i] == first));
            seen++;
          }
          return seen;
        }));
      }
      for (Future<Integer> f : writes) {
        assertEquals(40, f.get());
      }
      writing.set(false);
      for (Future<Integer> f : reads) {
        assertTrue(f.get() > 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Set.of(key), keys(b));
    try (Stream<Path> files = Files.list(Entries.file(root, key).getParent())) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void unreadableFile_isAMissLoggedOncePerKey_andOverwrittenByTheNextPut() throws Exception {
    FileBackend<Object> b = backend();
    Digest key = Digest.of(List.of(1, 2));
    b.put(key, List.of(1, 2));
    Path file = Entries.file(root, key);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    try (LogCapture log = new LogCapture("io.fleche.storage")) {
      assertThrows(NoSuchElementException.class, () -> b.get(key));
      assertThrows(NoSuchElementException.class, () -> b.get(key));
      List<String> warnings = log.messages(Level.WARNING);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
      assertTrue(warnings.get(0).contains("checksum mismatch"), warnings.get(0));
      b.put(key, List.of(1, 2));
      assertEquals(List.of(1, 2), b.get(key));
      Files.write(file, "foreign".getBytes());
      assertThrows(NoSuchElementException.class, () -> b.get(key));
      assertEquals(2, log.messages(Level.WARNING).size(), "logged again after a good write");
    }
  }

  @Test
  void entryOfTheWrongKind_isAMiss() {
    Digest key = Digest.of("not a call");
    backend().put(key, "not a call");
    FileBackend<DigestedCall> calls = new FileBackend<>(root, codec, DigestedCall.class, false);
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> calls.get(key));
    assertTrue(e.getMessage().contains("java.lang.String where a io.fleche.DigestedCall belongs"),
        e.getMessage());
  }

  @Test
  void failedWrite_isASaveException_andLeavesNoTemporaryFile() throws Exception {
    Digest key = Digest.of("blocked");
    Path shard = Entries.file(root, key).getParent();
    Files.createDirectories(root);
    Files.writeString(shard, "a file where the shard directory belongs");
    SaveException e = assertThrows(SaveException.class, () -> backend().put(key, "blocked"));
    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
    assertFalse(backend().contains(key));
  }

  @Test
  void missingRoot_listsNothing_andIsCreatedOnFirstPut() {
    FileBackend<Object> b = new FileBackend<>(root.resolve("a/b"), codec, Object.class, false);
    assertEquals(Set.of(), keys(b));
    assertFalse(b.contains(Digest.of(0)));
    b.evict(Digest.of(0));
    b.put(Digest.of(0), 0);
    assertEquals(Set.of(Digest.of(0)), keys(b));
  }
}
