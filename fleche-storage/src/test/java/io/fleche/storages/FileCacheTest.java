package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.Digestible;
import io.fleche.FunctionId;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import io.fleche.caches.Caches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caches over the file storages: persistence, and values the serializer cannot store. */
class FileCacheTest {
  @TempDir Path root;

  private static final FunctionId LOAD = new FunctionId("Data.load", "(Handle,int)", "org.example", null, null);

  /** Digestible by what it names, but a lambda: no serializer can store it. */
  private static final Digestible HANDLE = () -> Digest.of("dataset-7");

  /** A fresh cache over the same directories, as the next run of a program would build. */
  private Cache cache() {
    FileOptions options = FileOptions.defaults().signingKeys(List.of());
    return Caches.of(
        Storages.valueFiles(root.resolve("values"), options),
        Storages.callFiles(root.resolve("calls"), options));
  }

  private static Call call(Object data, int n) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("data", data);
    args.put("n", n);
    return Call.of(LOAD, args);
  }

  @Test
  void callsPersist_acrossCacheInstances() {
    Digest key = cache().save(call("plain", 3).withResult(List.of(1.5, 2.5)));
    LazyCall hit = cache().load(key);
    assertEquals(List.of(1.5, 2.5), hit.result());
    assertEquals("plain", hit.argument("data"));
  }

  /** The bytes of every file under {@code dir}. */
  private static long bytesUnder(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void valueSize_isTheBytesOfTheValuesFiles_partsIncludedOnce() throws Exception {
    double[] shared = new double[1000];
    List<Object> nested = List.of(shared, List.of(shared, "x"), 7);
    Cache cache = cache();
    cache.save(call("plain", 5).withResult(nested));
    // the stored values: "plain", 5 (inline in nothing: its own entry), the list and its parts
    long all = bytesUnder(root.resolve("values"));
    long arguments =
        cache.valueSize(Digest.of("plain")).getAsLong() + cache.valueSize(Digest.of(5)).getAsLong();
    assertEquals(all - arguments, cache.valueSize(Digest.of(nested)).getAsLong());
    assertTrue(
        cache.valueSize(Digest.of(shared)).getAsLong() > 8000, "the array is stored once, whole");
    assertTrue(cache.valueSize(Digest.of("never stored")).isEmpty());
    assertTrue(Caches.memory().valueSize(Digest.of(nested)).isEmpty(), "memory cannot tell");
    assertEquals(
        cache.valueSize(Digest.of(nested)),
        Caches.stack(Caches.memory(), cache).valueSize(Digest.of(nested)),
        "a stack asks its layers");
  }

  @Test
  void unserializableArgument_isKeptAsADigestOnlyReference() {
    Digest key = cache().save(call(HANDLE, 3).withResult(42));
    assertEquals(call(HANDLE, 3).lookupKey(), key);
    LazyCall hit = cache().load(key);
    assertEquals(42, hit.result());
    assertEquals(3, hit.argument("n"));
    assertEquals(Digest.of(HANDLE), hit.argumentDigests().get("data"));
    assertEquals(Digest.of(HANDLE), hit.argument("data"), "not stored: read back as its digest");
    assertEquals(
        List.of(key),
        cache().query(QueryCall.builder().argument("data", Digest.of(HANDLE)).build()).stream()
            .map(LazyCall::lookupKey)
            .collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void unserializableResult_isRefused_andNothingIsRecorded() {
    Cache cache = cache();
    Call call = call("plain", 4);
    RejectedException saved =
        assertThrows(RejectedException.class, () -> cache.save(call.withResult(HANDLE)));
    assertTrue(saved.getMessage().contains("cannot store"), saved.getMessage());
    try (PreparedCall prepared = cache.prepare(call)) {
      assertThrows(RejectedException.class, () -> prepared.commit(HANDLE, Map.of()));
    }
    assertFalse(cache.contains(call.lookupKey()));
    assertFalse(cache().contains(call.lookupKey()));
  }

  @Test
  void damagedResultFile_isAMiss_andTheNextComputationOverwritesIt() throws Exception {
    Digest key = cache().save(call("plain", 5).withResult("result"));
    Path resultFile = Entries.file(root.resolve("values"), Digest.of("result"));
    Files.write(resultFile, new byte[] {(byte) 0x89, 'F', 'L', 'C'});
    assertThrows(NoSuchElementException.class, () -> cache().load(key).result());
    cache().save(call("plain", 5).withResult("result"));
    assertEquals("result", cache().load(key).result());
  }

  @Test
  void aResultFileHoldingAnotherValue_isAMiss_andTheNextComputationOverwritesIt()
      throws Exception {
    Digest key = cache().save(call("plain", 6).withResult("result"));
    cache().save(call("plain", 7).withResult("another result"));
    Path values = root.resolve("values");
    Files.copy(
        Entries.file(values, Digest.of("another result")),
        Entries.file(values, Digest.of("result")),
        StandardCopyOption.REPLACE_EXISTING);
    assertThrows(NoSuchElementException.class, () -> cache().load(key).result());
    cache().save(call("plain", 6).withResult("result"));
    assertEquals("result", cache().load(key).result());
  }
}
