package io.fleche.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.MetaData;
import io.fleche.QueryCall;
import io.fleche.metadata.Environment;
import io.fleche.metadata.Git;
import io.fleche.metadata.Runtime;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.sql.SqlDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caches by name from configuration, as Python fleche's {@code load_cache_config}. */
class ConfiguredCachesTest {
  @TempDir Path tmp;
  ConfigFiles files;
  RecordingFactory factory;

  @BeforeEach
  void fakeUser() {
    files = new ConfigFiles(tmp);
    factory = new RecordingFactory();
  }

  private ConfiguredCaches caches(String toml) {
    files.write(files.work, toml);
    return new ConfiguredCaches(files.load(), factory);
  }

  private ConfiguredCaches withoutFiles() {
    return new ConfiguredCaches(files.load(), factory);
  }

  @Test
  void withoutFilesTheDefaultIsTheMemoryCache() {
    ConfiguredCaches caches = withoutFiles();

    Cache cache = caches.cache(null);

    assertEquals("memory", cache.toString());
    assertSame(cache, caches.cache("default"));
    assertSame(cache, caches.cache("memory"));
    assertEquals(List.of("memory"), factory.built);
  }

  @Test
  void filesWithoutADefaultGiveTheMemoryCacheWithAWarning() {
    Path file = files.write(files.work, "[c]\ntemplate = 'void'\n");
    ConfiguredCaches caches = new ConfiguredCaches(files.load(), factory);

    try (ConfigLog log = new ConfigLog()) {
      assertSame(caches.cache("memory"), caches.cache(null));
      assertEquals(
          List.of(
              "WARNING No default cache ([default] cache = \"name\") in "
                  + file
                  + ": using the memory cache"),
          log.messages());
    }
  }

  @Test
  void explicitDefaultIsTheNamedCache() {
    ConfiguredCaches caches =
        caches("[default]\ncache = 'fast'\n[fast]\ntemplate = 'memory'\nmax_size = 5\n");

    Cache cache = caches.cache(null);

    assertEquals("sizeLimited(memory, memory, 5)", cache.toString());
    assertSame(cache, caches.cache("default"));
    assertSame(cache, caches.cache("fast"));
    assertEquals(1, factory.built.size());
  }

  @Test
  void inlineDefault() {
    ConfiguredCaches caches = caches("[default.cache]\ntemplate = 'void'\nread_only = true\n");

    assertEquals("readOnly(of(void, void))", caches.cache(null).toString());
    assertSame(caches.cache(null), caches.cache("default"));
  }

  @Test
  void namedCachesOfEveryShape() {
    ConfiguredCaches caches =
        caches(
            "[plain]\nvalues.type = 'memory'\nvalues.remaining_depth = 0\ncalls.type = 'memory'\n"
                + "[limited]\ntemplate = 'memory'\nmax_size = 3\nread_only = true\n"
                + "[fronted]\ntemplate = 'sql'\nroot = 'disk'\nfront = 1000\n"
                + "[[layered]]\ntemplate = 'memory'\n[[layered]]\ntemplate = 'void'\n"
                + "[[sources.pool]]\ntemplate = 'memory'\n"
                + "[[sources.pool]]\nvalues.type = 'void'\ncalls.type = 'memory'\n");

    assertEquals("of(memory, memory)", caches.cache("plain").toString());
    assertEquals("readOnly(sizeLimited(memory, memory, 3))", caches.cache("limited").toString());
    assertEquals("front(of(memory, memory), 1000)", caches.cache("fronted").toString());
    assertEquals("stack[of(memory, memory), of(void, void)]", caches.cache("layered").toString());
    assertEquals("pool[of(memory, memory), of(void, memory)]", caches.cache("sources").toString());
  }

  @Test
  void theSameNameGivesTheSameInstance() throws Exception {
    ConfiguredCaches caches = caches("[c]\ntemplate = 'memory'\n");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Cache>> got = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        got.add(
            pool.submit(
                () -> {
                  start.await();
                  return caches.cache("c");
                }));
      }
      start.countDown();
      for (Future<Cache> f : got) {
        assertSame(got.get(0).get(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of("of(memory, memory)"), factory.built);
  }

  @Test
  void reservedNamesIgnoreConfiguration() {
    ConfiguredCaches caches =
        caches("[memory]\ntemplate = 'void'\n[void]\ntemplate = 'memory'\n");

    assertEquals("memory", caches.cache("memory").toString());
    assertEquals("void", caches.cache("void").toString());
    assertSame(caches.cache("memory"), caches.cache("memory"));
    assertSame(caches.cache("void"), caches.cache("void"));
    assertEquals(List.of("memory", "void"), factory.built);
  }

  @Test
  void anUnknownNameGetsItsOwnInternedMemoryCache() {
    Path file = files.write(files.work, "[c]\ntemplate = 'void'\n");
    ConfiguredCaches caches = new ConfiguredCaches(files.load(), factory);

    Cache unknown;
    try (ConfigLog log = new ConfigLog()) {
      unknown = caches.cache("typo");
      assertEquals(
          List.of("WARNING No cache named 'typo' in " + file + ": using an in-memory cache"),
          log.messages());
    }

    assertEquals("memory", unknown.toString());
    assertSame(unknown, caches.cache("typo"));
    assertNotSame(unknown, caches.cache("memory"));
    assertNotSame(unknown, caches.cache("other"));
  }

  @Test
  void aDefaultNamingAMissingCacheIsAnInMemoryCache() {
    ConfiguredCaches caches = caches("[default]\ncache = 'missing'\n");

    assertEquals("memory", caches.cache(null).toString());
    assertSame(caches.cache(null), caches.cache("missing"));
  }

  @Test
  void defaultNamingAReservedCache() {
    ConfiguredCaches caches = caches("[default]\ncache = 'void'\n");

    assertSame(caches.cache("void"), caches.cache(null));
    assertEquals(List.of("void"), factory.built);
  }

  @Test
  void storageTypesOfLaterMilestonesAndBadOptionsAreClearErrors() {
    ConfiguredCaches caches =
        caches(
            "[sqlvalues]\nvalues.type = 'sql'\ncalls.type = 'memory'\n"
                + "[sqlserializer]\nvalues.type = 'sql'\nvalues.url = 'sqlite:///v.db'\n"
                + "values.serializer = 'kryo'\ncalls.type = 'memory'\n"
                + "[sqlroot]\nvalues.type = 'sql'\nvalues.url = 'sqlite:///v.db'\n"
                + "values.root = 'v'\ncalls.type = 'memory'\n"
                + "[nourl]\nvalues.type = 'memory'\ncalls.type = 'sql'\n"
                + "[postgres]\nvalues.type = 'memory'\ncalls.type = 'sql'\n"
                + "calls.url = 'postgresql://db/fleche'\n"
                + "[far]\ntype = 'ssh'\nhost = 'hpc'\n"
                + "[opt]\nvalues.type = 'memory'\nvalues.colour = 'red'\ncalls.type = 'memory'\n"
                + "[depth]\nvalues.type = 'memory'\nvalues.remaining_depth = -1\n"
                + "calls.type = 'memory'\n"
                + "[noroot]\nvalues.type = 'pickle'\ncalls.type = 'memory'\n"
                + "[badkey]\ntemplate = 'file'\nroot = 'c'\nsecret_key = ['not hex']\n"
                + "[badallow]\ntemplate = 'file'\nroot = 'c'\nallow = 'com.acme'\n"
                + "[badcompress]\ntemplate = 'java'\nroot = 'c'\ncompress = 'yes'\n"
                + "[badfront]\ntemplate = 'memory'\nfront = 0\n"
                + "[calldepth]\nvalues.type = 'memory'\ncalls.type = 'file'\ncalls.root = 'c'\n"
                + "calls.remaining_depth = 1\n"
                + "[hdf]\ntemplate = 'bagofholding_hdf'\nroot = 'c'\n");

    assertMessage(caches, "sqlvalues", "cache 'sqlvalues', values: storage type 'sql' needs a url");
    assertMessage(caches, "sqlserializer", "serializer must be one of [cloudpickle, dill, file,");
    assertMessage(caches, "sqlroot", "storage type 'sql' has no option 'root'");
    assertMessage(caches, "nourl", "cache 'nourl', calls: storage type 'sql' needs a url");
    assertMessage(
        caches, "postgres", "cache 'postgres', calls: Unsupported database URL postgresql://db");
    assertMessage(caches, "far", "remote caches (type = \"ssh\", host hpc) are not available");
    assertMessage(caches, "opt", "storage type 'memory' has no option 'colour'");
    assertMessage(caches, "depth", "remaining_depth must be 0 or more, got -1");
    assertMessage(caches, "noroot", "storage type 'pickle' needs a root directory");
    assertMessage(caches, "badkey", "a signing key must be hexadecimal");
    assertMessage(caches, "badallow", "allow must be a list of strings");
    assertMessage(caches, "badcompress", "compress must be true or false, got yes");
    assertMessage(caches, "badfront", "[badfront.front] must be a positive integer, got 0");
    assertMessage(caches, "calldepth", "storage type 'file' has no option 'remaining_depth'");
    assertMessage(caches, "hdf", "unknown storage type 'bagofholding_hdf'");
    // nothing was kept: asking again fails again
    assertThrows(IllegalArgumentException.class, () -> caches.cache("nourl"));
  }

  @Test
  void fileStorages_pythonAndJavaTypeNames_rootsRelativeToTheConfigFile() throws Exception {
    String key = "00112233445566778899aabbccddeeff";
    files.write(
        files.work,
        "[persistent]\ntemplate = 'pickle'\nroot = 'cache'\ncompress = true\n"
            + "secret_key = ['" + key + "']\nallow = ['org.example.']\n"
            + "[split]\nvalues.type = 'java'\nvalues.root = 'j/values'\nvalues.remaining_depth = 0\n"
            + "calls.type = 'smile'\ncalls.root = 'j/calls'\n"
            + "[legacy]\nvalues.type = 'dill'\nvalues.root = 'l/v'\nvalues.lock_timeout = 2.0\n"
            + "calls.type = 'cloudpickle'\ncalls.root = 'l/c'\n");
    ConfiguredCaches caches = new ConfiguredCaches(files.load(), new CachesFactory());
    io.fleche.FunctionId f = io.fleche.FunctionId.named("f");
    for (String name : List.of("persistent", "split", "legacy")) {
      io.fleche.Digest k =
          caches.cache(name).save(io.fleche.Call.of(f, java.util.Map.of("x", 1)).withResult(List.of(2)));
      assertEquals(List.of(2), new ConfiguredCaches(files.load(), new CachesFactory())
          .cache(name).load(k).result(), name + " persists on disk");
    }
    Path values = files.work.resolve("cache").resolve("values");
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(values)) {
      List<Path> entries = s.filter(java.nio.file.Files::isRegularFile).collect(java.util.stream.Collectors.toList());
      assertEquals(2, entries.size(), "argument 1 and result [2]: " + entries);
      byte[] bytes = java.nio.file.Files.readAllBytes(entries.get(0));
      assertEquals(0x03, bytes[5], "compressed and signed");
      assertEquals("smile", new String(bytes, 7, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertTrue(java.nio.file.Files.isDirectory(files.work.resolve("j/calls")));
    assertTrue(java.nio.file.Files.isDirectory(files.work.resolve("l/c")));
  }

  @Test
  void sqlCallsLiveInTheDatabaseAtTheUrl_relativeToTheFile() {
    ConfiguredCaches caches =
        caches(
            "[db]\nvalues.type = 'memory'\ncalls.type = 'sql'\n"
                + "calls.url = 'sqlite:///db/calls.db'\n");

    assertEquals("of(memory, memory)", caches.cache("db").toString());

    // the probe call that RecordingFactory saved is in the file
    try (SqlDatabase db = SqlDatabase.open("jdbc:sqlite:" + files.work.resolve("db/calls.db"));
        Stream<DigestedCall> stored = db.calls().query(QueryCall.builder().name("probe").build())) {
      assertEquals(1, stored.count());
    }
  }

  @Test
  void aWholeCacheInOneSqliteFile_valuesEncodedAsConfigured() {
    String key = "00112233445566778899aabbccddeeff";
    files.write(
        files.work,
        "[portable]\nvalues.type = 'sql'\nvalues.url = 'sqlite:///one.db'\n"
            + "values.serializer = 'java'\nvalues.secret_key = ['" + key + "']\n"
            + "calls.type = 'sql'\ncalls.url = 'sqlite:///one.db'\n");
    ConfiguredCaches caches = new ConfiguredCaches(files.load(), new CachesFactory());
    Digest k =
        caches.cache("portable").save(Call.of(FunctionId.named("f"), Map.of("x", 1)).withResult(List.of(2)));

    assertEquals(List.of("one.db"), listNames(files.work), "values and calls in one file");
    FileOptions java = FileOptions.defaults().serializer("java").signingKeysHex(List.of(key));
    try (SqlDatabase db = SqlDatabase.open("jdbc:sqlite:" + files.work.resolve("one.db"))) {
      DigestedCall stored = db.calls().load(k);
      assertEquals(List.of(2), db.values(java.codec()).load(stored.result()));
      ValueStorage otherKey =
          db.values(FileOptions.defaults().signingKeys(List.of(new byte[] {1})).codec());
      assertThrows(
          NoSuchElementException.class,
          () -> otherKey.load(stored.result()),
          "signed with the configured key: a reader with another key takes it for a miss");
    }
  }

  private static List<String> listNames(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".db"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertMessage(ConfiguredCaches caches, String name, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> caches.cache(name));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void defaultMetadataIsRuntime() {
    List<MetaData> metadata = withoutFiles().defaultMetadata();

    assertEquals(1, metadata.size());
    assertInstanceOf(Runtime.class, metadata.get(0));
  }

  @Test
  void configuredMetadataPluginsAreMadeOnce() {
    ConfiguredCaches caches = caches("[default]\nmetadata = ['Environment', 'Git']\n");

    List<MetaData> metadata = caches.defaultMetadata();

    assertInstanceOf(Environment.class, metadata.get(0));
    assertInstanceOf(Git.class, metadata.get(1));
    assertSame(metadata, caches.defaultMetadata());
  }

  @Test
  void tagsInConfigurationAreRejected() {
    ConfiguredCaches caches = caches("[default]\nmetadata = ['Runtime', 'Tags']\n");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, caches::defaultMetadata);
    assertTrue(e.getMessage().contains("Fleches.tags"), e.getMessage());
  }
}
