package io.fleche.caches;

import static io.fleche.caches.GcTest.assertComplete;
import static io.fleche.caches.GcTest.data;
import static io.fleche.caches.GcTest.fit;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.Maintenance.Problem;
import io.fleche.Maintenance.Problem.Kind;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.VerifyResult;
import io.fleche.caches.StoredCaches.Opened;
import io.fleche.storages.Storages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Verification finds each kind of damage, never throws on it, and repair leaves a clean cache. */
class VerifyTest {
  @TempDir Path dir;

  record Point(int x, List<Integer> ys) {}

  /** Values of many shapes, which destructure into parts and must reassemble to their digest. */
  static List<Object> shapes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("xs", List.of(1, 2));
    map.put("none", null);
    return List.of(
        List.of(1, List.of(2, List.of(3))),
        map,
        new TreeMap<>(Map.of("b", List.of(1), "a", List.of(2))),
        new Point(1, List.of(2, 3)),
        new Object[] {"a", List.of(1), new int[] {2}},
        new String[] {"x", null},
        Set.of(1, 2),
        new double[] {1.5, -0.0},
        "plain",
        42L);
  }

  /** Saves one call per shape; returns their keys. */
  static List<Digest> record(Cache cache) {
    List<Object> shapes = shapes();
    return java.util.stream.IntStream.range(0, shapes.size())
        .mapToObj(i -> cache.save(fit(shapes.get(i), i).withResult(shapes.get(i))))
        .collect(Collectors.toList());
  }

  static Map<Digest, Kind> found(VerifyResult r) {
    Map<Digest, Kind> m = new LinkedHashMap<>();
    r.problems().forEach(p -> m.put(p.key(), p.kind()));
    return m;
  }

  /** Repairs, then checks that the cache verifies clean and that {@code intact} still load. */
  static void assertRepairs(Opened c, List<Digest> intact) {
    VerifyResult repaired = c.cache().verify(true);
    assertTrue(repaired.repaired());
    VerifyResult again = c.cache().verify(false);
    assertTrue(again.isClean(), () -> "after repair: " + again.problems());
    for (Digest key : intact) {
      assertComplete(c, key);
    }
  }

  static Path file(Path root, Digest key) {
    String hex = key.toString();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }

  @ParameterizedTest
  @EnumSource(StoredCaches.Kind.class)
  void verify_aSoundCache_findsNothing_andEveryShapeDigestsBack(StoredCaches.Kind kind) {
    for (int depth : new int[] {0, 1}) {
      try (StoredCaches stored = new StoredCaches(kind, dir.resolve("d" + depth), depth)) {
        Opened c = stored.open();
        List<Digest> keys = record(c.cache());

        VerifyResult r = c.cache().verify(false);

        assertTrue(r.isClean(), () -> r.problems().toString());
        assertEquals(keys.size(), r.calls());
        assertEquals(c.valueKeys().size(), r.values());
        assertEquals(0, r.unstoredArguments());
        assertFalse(r.repaired());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StoredCaches.Kind.class)
  void verify_findsAMissingResult_andAValueUnderAnotherValuesKey(StoredCaches.Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      List<Digest> keys = record(c.cache());
      Digest missingResult = c.cache().save(fit("m", 100).withResult("lost result"));
      Digest wrongValue = c.cache().save(fit("w", 101).withResult("right"));
      c.values().evict(Digest.of("lost result"));
      c.values().save("another value", Digest.of("right")); // under a key not its digest

      VerifyResult r = c.cache().verify(false);

      assertEquals(
          Map.of(
              missingResult, Kind.BROKEN_RESULT,
              wrongValue, Kind.BROKEN_RESULT,
              Digest.of("right"), Kind.WRONG_DIGEST),
          found(r));
      assertEquals(Set.of(missingResult, wrongValue), Set.copyOf(keysOf(r, Kind.BROKEN_RESULT)));
      Problem wrong = r.problems().get(2);
      assertEquals(Digest.of("right"), wrong.key(), "calls first, then values");
      assertTrue(wrong.message().contains("digests to " + Digest.of("another value")), wrong.message());
      Problem missing = r.problems().get(r.problems().get(0).key().equals(missingResult) ? 0 : 1);
      assertTrue(missing.message().contains("not stored"), missing.message());
      assertRepairs(c, keys);
      assertFalse(c.cache().contains(missingResult));
      assertFalse(c.cache().contains(wrongValue));
    }
  }

  private static List<Digest> keysOf(VerifyResult r, Kind kind) {
    return r.problems().stream().filter(p -> p.kind() == kind).map(Problem::key).toList();
  }

  @Test
  void verify_findsDamagedFiles_andRepairRemovesThem() throws IOException {
    try (StoredCaches stored = new StoredCaches(StoredCaches.Kind.FILES, dir, 1)) {
      Opened c = stored.open();
      List<Digest> intact = record(c.cache());
      Path values = dir.resolve("values");
      Digest truncated = c.cache().save(fit("t", 1).withResult("truncated result"));
      Path t = file(values, Digest.of("truncated result"));
      Files.write(t, Arrays.copyOf(Files.readAllBytes(t), 10));
      Digest flipped = c.cache().save(fit("flipped argument", 2).withResult("r2"));
      Path f = file(values, Digest.of("flipped argument"));
      byte[] bytes = Files.readAllBytes(f);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(f, bytes);
      Digest replaced = c.cache().save(fit("p", 3).withResult("replaced"));
      Files.copy(file(values, Digest.of("r2")), file(values, Digest.of("replaced")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<Object> nested = List.of(List.of(7, 8), new int[] {9});
      Digest partLost = c.cache().save(fit(nested, 4).withResult("r4"));
      Files.delete(file(values, Digest.of(List.of(7, 8))));
      Digest unreadableCall = c.cache().save(fit("c", 5).withResult("r5"));
      Files.write(file(dir.resolve("calls"), unreadableCall), new byte[] {1, 2, 3});

      VerifyResult r = c.cache().verify(false);

      Map<Digest, Kind> expected = new LinkedHashMap<>();
      expected.put(truncated, Kind.BROKEN_RESULT);
      expected.put(flipped, Kind.BROKEN_ARGUMENT);
      expected.put(replaced, Kind.BROKEN_RESULT);
      expected.put(partLost, Kind.BROKEN_ARGUMENT);
      expected.put(unreadableCall, Kind.UNREADABLE_CALL);
      expected.put(Digest.of("truncated result"), Kind.UNREADABLE_VALUE);
      expected.put(Digest.of("flipped argument"), Kind.UNREADABLE_VALUE);
      expected.put(Digest.of("replaced"), Kind.UNREADABLE_VALUE); // its trailer names r2's key
      expected.put(Digest.of(nested), Kind.UNREADABLE_VALUE);
      assertEquals(expected, found(r));
      assertEquals(r.problems().size(), expected.size(), "each once: " + r.problems());
      assertRepairs(c, intact);
      assertFalse(Files.exists(t));
      assertFalse(c.cache().contains(unreadableCall));
      assertTrue(c.values().contains(Digest.of("r5")), "a sound value stays (for gc to judge)");
    }
  }

  @Test
  void verify_withSigningKeys_findsEveryUnsignedEntry() {
    try (StoredCaches stored = new StoredCaches(StoredCaches.Kind.FILES, dir, 1)) {
      Opened c = stored.open();
      Digest key = c.cache().save(fit("unsigned", 1).withResult("unsigned result"));
      var signed = StoredCaches.OPTIONS.signingKeysHex(List.of("00112233445566778899aabbccddeeff"));
      Cache strict =
          Caches.of(
              Storages.valueFiles(dir.resolve("values"), signed),
              Storages.callFiles(dir.resolve("calls"), signed));

      VerifyResult r = strict.verify(false);

      assertEquals(Kind.UNREADABLE_CALL, found(r).get(key));
      assertEquals(Kind.UNREADABLE_VALUE, found(r).get(Digest.of("unsigned result")));
      assertEquals(4, r.problems().size(), r.problems().toString()); // the call and 3 values
      assertTrue(r.problems().get(0).message().toLowerCase().contains("sign"), r.problems().get(0).message());
    }
  }

  @Test
  void verify_findsBadDatabaseRows() throws SQLException {
    try (StoredCaches stored = new StoredCaches(StoredCaches.Kind.SQLITE, dir, 1)) {
      Opened c = stored.open();
      List<Digest> intact = record(c.cache());
      Digest badBlob = c.cache().save(fit("b", 1).withResult("bad blob"));
      Digest badArgument = c.cache().save(fit("a", 2).withResult("r"));
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"))) {
        update(db, "UPDATE value_blobs SET data = ? WHERE key = ?", new byte[] {0, 1},
            Digest.of("bad blob").toBytes());
        update(db, "UPDATE arguments SET value = ? WHERE call_key = ? AND name = 'n'",
            new byte[] {1, 2, 3}, badArgument.toBytes());
      }

      VerifyResult r = c.cache().verify(false);

      assertEquals(
          Map.of(
              badBlob, Kind.BROKEN_RESULT,
              badArgument, Kind.UNREADABLE_CALL,
              Digest.of("bad blob"), Kind.UNREADABLE_VALUE),
          found(r));
      assertRepairs(c, intact);
    }
  }

  private static void update(Connection db, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      assertEquals(1, s.executeUpdate());
    }
  }

  @Test
  void verify_countsArgumentsKeptAsDigestOnlyReferences_andRepairKeepsTheirCalls() {
    try (StoredCaches stored = new StoredCaches(StoredCaches.Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      Digest key = c.cache().save(fit(new Fixtures.Unstorable("handle"), 1).withResult("r"));

      VerifyResult r = c.cache().verify(true);

      assertTrue(r.isClean(), r.problems().toString());
      assertEquals(1, r.unstoredArguments());
      assertTrue(c.cache().contains(key));
    }
  }

  @Test
  void verify_reportsItsProgress() {
    try (StoredCaches stored = new StoredCaches(StoredCaches.Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      List<Digest> keys = record(c.cache());
      Map<String, long[]> last = new LinkedHashMap<>();

      c.cache().verify(false, (task, done, total) -> last.put(task, new long[] {done, total}));

      assertEquals(List.of("calls", "values"), List.copyOf(last.keySet()));
      assertArrayEquals(new long[] {keys.size(), keys.size()}, last.get("calls"));
      long values = c.valueKeys().size();
      assertArrayEquals(new long[] {values, values}, last.get("values"));
    }
  }

  @Test
  void verify_ofAnEmptyCache_isClean() {
    VerifyResult r = Caches.memory().verify(false, Progress.NONE);
    assertEquals(new VerifyResult(0, 0, List.of(), 0, false), r);
  }
}
