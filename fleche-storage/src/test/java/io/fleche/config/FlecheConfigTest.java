package io.fleche.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, merging, path resolution and the {@code [default]} table. */
class FlecheConfigTest {
  @TempDir Path tmp;
  ConfigFiles files;

  @BeforeEach
  void fakeUser() {
    files = new ConfigFiles(tmp);
    files.xdg = files.outside.resolve("xdg");
  }

  private static List<Path> read(FlecheConfig config) {
    return config.files().stream().map(ConfigFile::path).collect(Collectors.toList());
  }

  /** The root of the values storage of the plain cache {@code name}. */
  private static Object valuesRoot(FlecheConfig config, String name) {
    return ((CacheSpec.Plain) config.cache(name).orElseThrow()).values().options().get("root");
  }

  @Test
  void withoutFilesNothingIsConfigured() {
    FlecheConfig config = files.load();

    assertEquals(List.of(), config.files());
    assertEquals(Set.of(), config.cacheNames());
    assertEquals(Optional.empty(), config.defaultCacheName());
    assertEquals(Optional.empty(), config.cache("anything"));
    assertEquals(List.of("Runtime"), config.defaultMetadata());
  }

  @Test
  void walksFromTheWorkingDirectoryUpToHomeThenXdg() {
    Path inWork = files.write(files.work, "[a]\ntemplate = 'memory'\n");
    Path inProject = files.write(files.project, "[b]\ntemplate = 'memory'\n");
    Path inHome = files.write(files.home, "[c]\ntemplate = 'memory'\n");
    files.write(files.outside, "[above_home]\ntemplate = 'memory'\n");
    Path inXdg = files.writeXdg(files.xdg, "[d]\ntemplate = 'memory'\n");

    FlecheConfig config = files.load();

    assertEquals(List.of(inWork, inProject, inHome, inXdg), read(config));
    assertEquals(List.of("a", "b", "c", "d"), List.copyOf(config.cacheNames()));
  }

  @Test
  void walksToTheFileSystemRootOutsideHome() {
    Path elsewhere = files.outside.resolve("elsewhere").resolve("deep");
    files.write(files.outside.resolve("elsewhere"), "[e]\ntemplate = 'memory'\n");
    files.write(files.home, "[h]\ntemplate = 'memory'\n");

    FlecheConfig config = FlecheConfig.load(elsewhere, files.home, Map.of());

    assertTrue(config.cacheNames().contains("e"));
    assertFalse(config.cacheNames().contains("h"), "home is not an ancestor");
  }

  @Test
  void xdgDefaultsToDotConfigUnderHome() {
    Path dotConfig = files.writeXdg(files.home.resolve(".config"), "[x]\ntemplate='void'\n");
    Path xdg = files.writeXdg(files.xdg, "[y]\ntemplate='void'\n");

    assertEquals(List.of(xdg), read(files.load()));
    files.xdg = null;
    assertEquals(List.of(dotConfig), read(files.load()));
    FlecheConfig relative =
        FlecheConfig.load(files.work, files.home, Map.of("XDG_CONFIG_HOME", "rel"));
    assertEquals(List.of(dotConfig), read(relative), "a relative XDG_CONFIG_HOME is ignored");
  }

  @Test
  void aFileReachedTwiceIsReadOnce() throws Exception {
    Path file = files.write(files.project, "[x]\ntemplate='memory'\n");
    Path link = files.xdg.resolve("fleche").resolve(FlecheConfig.XDG_FILE_NAME);
    java.nio.file.Files.createDirectories(link.getParent());
    java.nio.file.Files.createSymbolicLink(link, file);

    assertEquals(List.of(file.toRealPath()), read(FlecheConfig.load(files.project, files.home,
        Map.of("XDG_CONFIG_HOME", files.xdg.toString()))));
  }

  @Test
  void closerTopLevelTablesReplaceFartherOnesEntirely() {
    files.writeXdg(
        files.xdg,
        "[default]\ncache = 'shared'\nmetadata = ['Git']\n"
            + "[shared]\ntemplate = 'memory'\n"
            + "[c]\ntemplate = 'memory'\nmax_size = 10\nread_only = true\n");
    files.write(files.home, "[c]\nvalues.type = 'void'\ncalls.type = 'void'\n");
    files.write(files.work, "[default]\nmetadata = ['Runtime', 'Environment']\n");

    FlecheConfig config = files.load();

    CacheSpec.Plain c = (CacheSpec.Plain) config.cache("c").orElseThrow();
    assertEquals("void", c.values().type());
    assertFalse(c.maxSize().isPresent(), "max_size of the farther [c] is gone");
    assertFalse(c.readOnly());
    assertTrue(config.cache("shared").isPresent(), "tables only in farther files remain");
    assertEquals(List.of("Runtime", "Environment"), config.defaultMetadata());
    assertEquals(Optional.empty(), config.defaultCacheName(), "[default] is replaced as a whole");
  }

  @Test
  void rootTrueStopsTheWalk() {
    Path inWork = files.write(files.work, "[a]\ntemplate = 'memory'\n");
    Path inProject = files.write(files.project, "[default]\nroot = true\n[b]\ntemplate='memory'\n");
    files.write(files.home, "[c]\ntemplate = 'memory'\n");
    files.writeXdg(files.xdg, "[d]\ntemplate = 'memory'\n");

    FlecheConfig config = files.load();

    assertEquals(List.of(inWork, inProject), read(config));
    assertEquals(Set.of("a", "b"), config.cacheNames());
  }

  @Test
  void rootIsOnlyAMarkerInTheDefaultTable() {
    files.write(files.work, "[default]\nroot = false\n[a]\ntemplate = 'memory'\nroot = 'x'\n");
    files.write(files.home, "[c]\ntemplate = 'memory'\n");

    assertEquals(Set.of("a", "c"), files.load().cacheNames());
  }

  @Test
  void relativePathsAreResolvedAgainstTheirFile() {
    files.write(
        files.project,
        "[rel]\ntemplate = 'file'\nroot = 'cache'\n"
            + "[up]\ntemplate = 'file'\nroot = '../shared/./cache'\n"
            + "[abs]\ntemplate = 'file'\nroot = '/var/cache/fleche'\n"
            + "[tilde]\ntemplate = 'file'\nroot = '~/.cache/fleche'\n"
            + "[explicit]\nvalues = { type = 'file', root = 'v' }\n"
            + "calls = { type = 'sql', url = 'sqlite:///calls.db' }\n");
    files.write(files.work, "[near]\ntemplate = 'file'\nroot = 'cache'\n");

    FlecheConfig config = files.load();

    assertEquals(files.project.resolve("cache/values").toString(), valuesRoot(config, "rel"));
    assertEquals(
        files.home.resolve("projects/shared/cache/values").toString(), valuesRoot(config, "up"));
    assertEquals("/var/cache/fleche/values", valuesRoot(config, "abs"));
    assertEquals(
        files.home.resolve(".cache/fleche/values").toString(), valuesRoot(config, "tilde"));
    assertEquals(files.project.resolve("v").toString(), valuesRoot(config, "explicit"));
    assertEquals(files.work.resolve("cache/values").toString(), valuesRoot(config, "near"));
    CacheSpec.Plain explicit = (CacheSpec.Plain) config.cache("explicit").orElseThrow();
    assertEquals(
        "sqlite:///" + files.project.resolve("calls.db"), explicit.calls().options().get("url"));
  }

  @Test
  void sqliteUrlsAreResolvedOtherUrlsAreNot() {
    Path dir = files.project;
    Path home = files.home;
    assertEquals("sqlite:///" + dir.resolve("db/c.db"), Toml.url("sqlite:///db/c.db", dir, home));
    assertEquals("sqlite:////abs/c.db", Toml.url("sqlite:////abs/c.db", dir, home));
    assertEquals("sqlite:///:memory:", Toml.url("sqlite:///:memory:", dir, home));
    assertEquals("sqlite://", Toml.url("sqlite://", dir, home));
    assertEquals(
        "jdbc:sqlite:" + dir.resolve("c.db") + "?journal_mode=WAL",
        Toml.url("jdbc:sqlite:c.db?journal_mode=WAL", dir, home));
    assertEquals("jdbc:sqlite:" + home.resolve("c.db"), Toml.url("jdbc:sqlite:~/c.db", dir, home));
    assertEquals("jdbc:sqlite::memory:", Toml.url("jdbc:sqlite::memory:", dir, home));
    assertEquals(
        "jdbc:sqlite:file:c.db?mode=ro", Toml.url("jdbc:sqlite:file:c.db?mode=ro", dir, home));
    assertEquals(
        "jdbc:postgresql://db/fleche", Toml.url("jdbc:postgresql://db/fleche", dir, home));
    assertEquals("postgresql://db/fleche", Toml.url("postgresql://db/fleche", dir, home));
  }

  @Test
  void sshTablesKeepTheirPaths() {
    files.write(files.work, "[far]\ntype = 'ssh'\nhost = 'cluster'\nworkdir = 'runs'\n");

    CacheSpec.Remote far = (CacheSpec.Remote) files.load().cache("far").orElseThrow();

    assertEquals("cluster", far.host());
    assertEquals(Map.of("workdir", "runs"), far.options());
  }

  @Test
  void syntaxErrorsSkipTheFileWithItsLine() {
    Path broken = files.write(files.work, "[a]\ntemplate = \n[b]\n");
    Path good = files.write(files.home, "[c]\ntemplate = 'memory'\n");

    FlecheConfig config;
    try (ConfigLog log = new ConfigLog()) {
      config = files.load();
      assertEquals(
          List.of(
              "SEVERE Ignoring "
                  + broken
                  + ": TOML syntax error at line 2, column 12: Newline not permitted here"),
          log.messages());
    }

    assertEquals(List.of(broken, good), read(config));
    ConfigFile skipped = config.files().get(0);
    assertFalse(skipped.read());
    assertTrue(skipped.error().contains("line 2"), skipped.error());
    assertTrue(config.files().get(1).read());
    assertEquals(Set.of("c"), config.cacheNames());
  }

  @Test
  void aBrokenFileDoesNotStopTheWalkEvenIfItSaidRootTrue() {
    files.write(files.work, "[default]\nroot = true\n[a\n");
    files.write(files.home, "[c]\ntemplate = 'memory'\n");

    assertEquals(Set.of("c"), files.load().cacheNames());
  }

  @Test
  void reservedNamesAreNotConfigurable() {
    files.write(files.work, "[memory]\ntemplate = 'void'\n[void]\ntemplate = 'memory'\n");

    FlecheConfig config = files.load();

    assertEquals(Set.of(), config.cacheNames());
    assertEquals(Optional.empty(), config.cache("memory"));
  }

  @Test
  void defaultCacheByNameOrInline() {
    files.write(files.work, "[default]\ncache = 'fast'\n[fast]\ntemplate = 'memory'\n");
    assertEquals(Optional.of("fast"), files.load().defaultCacheName());
    assertEquals(Optional.empty(), files.load().cache("default"));

    files.write(files.work, "[default.cache]\ntemplate = 'memory'\nmax_size = 3\n");
    FlecheConfig inline = files.load();
    assertEquals(Optional.of("default"), inline.defaultCacheName());
    CacheSpec.Plain spec = (CacheSpec.Plain) inline.cache("default").orElseThrow();
    assertEquals(3, spec.maxSize().getAsLong());
    assertEquals(Set.of(), inline.cacheNames());
  }

  @Test
  void metadataList() {
    files.write(files.work, "[default]\nmetadata = ['Runtime', 'Environment', 'Git']\n");
    assertEquals(List.of("Runtime", "Environment", "Git"), files.load().defaultMetadata());

    files.write(files.work, "[default]\nmetadata = []\n");
    assertEquals(List.of(), files.load().defaultMetadata());

    files.write(files.work, "[default]\nmetadata = 'Git'\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> files.load().defaultMetadata());
    assertTrue(e.getMessage().contains("metadata must be an array"), e.getMessage());
  }

  @Test
  void malformedDefaultTablesNameTheirFile() {
    Path file = files.write(files.work, "[default]\ncahce = 'fast'\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> files.load().defaultCacheName());
    assertTrue(e.getMessage().startsWith(file + ": [default] unexpected cahce"), e.getMessage());

    files.write(files.work, "default = 'fast'\n");
    assertThrows(IllegalArgumentException.class, () -> files.load().defaultMetadata());

    files.write(files.work, "[default]\ncache = 'default'\n");
    e = assertThrows(IllegalArgumentException.class, () -> files.load().defaultCacheName());
    assertTrue(e.getMessage().contains("names itself"), e.getMessage());
  }
}
