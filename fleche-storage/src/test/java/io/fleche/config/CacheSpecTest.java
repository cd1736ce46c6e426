package io.fleche.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.config.CacheSpec.Plain;
import io.fleche.config.CacheSpec.Pool;
import io.fleche.config.CacheSpec.Remote;
import io.fleche.config.CacheSpec.Stack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache shapes of {@code fleche.toml}, as Python fleche's {@code cache_from_config}. */
class CacheSpecTest {
  private static final StorageSpec MEMORY = new StorageSpec("memory", Map.of());

  @TempDir Path tmp;
  ConfigFiles files;
  Path file;

  @BeforeEach
  void fakeUser() {
    files = new ConfigFiles(tmp);
  }

  private CacheSpec spec(String toml) {
    file = files.write(files.work, toml);
    return files.load().cache("c").orElseThrow();
  }

  private void assertRejected(String expected, String toml) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(toml));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void plainCache() {
    Plain c =
        (Plain)
            spec("[c]\nvalues.type = 'memory'\nvalues.remaining_depth = 2\ncalls.type = 'void'\n");

    assertEquals(new StorageSpec("memory", Map.of("remaining_depth", 2L)), c.values());
    assertEquals(new StorageSpec("void", Map.of()), c.calls());
    assertEquals(OptionalLong.empty(), c.maxSize());
    assertFalse(c.readOnly());
  }

  @Test
  void maxSizeAndReadOnly() {
    Plain c =
        (Plain)
            spec("[c]\nvalues = {type = 'memory'}\ncalls = {type = 'memory'}\n"
                + "max_size = 100\nread_only = true\n");

    assertEquals(OptionalLong.of(100), c.maxSize());
    assertTrue(c.readOnly());
  }

  @Test
  void arrayOfTablesIsAStack() {
    Stack c =
        (Stack)
            spec("[[c]]\ntemplate = 'memory'\n[[c]]\ntemplate = 'void'\nread_only = true\n"
                + "[[c]]\n[[c.pool]]\ntemplate = 'memory'\n");

    assertEquals(
        List.of(
            new Plain(MEMORY, MEMORY, OptionalLong.empty(), false),
            new Plain(
                new StorageSpec("void", Map.of()),
                new StorageSpec("void", Map.of()),
                OptionalLong.empty(),
                true),
            new Pool(List.of(new Plain(MEMORY, MEMORY, OptionalLong.empty(), false)))),
        c.layers());
  }

  @Test
  void poolOfCachesAndStacks() {
    Pool c =
        (Pool)
            spec(
                "[c]\npool = [{template = 'memory'}, [{template = 'memory'}],"
                    + " {template = 'void'}]\n");

    assertEquals(3, c.members().size());
    assertTrue(c.members().get(1) instanceof Stack);
    assertEquals(List.of(), ((Pool) spec("[c]\npool = []\n")).members());
  }

  @Test
  void templates() {
    assertEquals(
        new Plain(MEMORY, MEMORY, OptionalLong.of(7), true),
        spec("[c]\ntemplate = 'memory'\nmax_size = 7\nread_only = true\n"));

    Path root = files.work.resolve("store");
    assertEquals(
        new Plain(
            new StorageSpec("file", Map.of("root", root.resolve("values").toString())),
            new StorageSpec("file", Map.of("root", root.resolve("calls").toString())),
            OptionalLong.empty(),
            false),
        spec("[c]\ntemplate = 'file'\nroot = 'store'\n"));

    assertEquals(
        new Plain(
            new StorageSpec("file", Map.of("root", root.resolve("values").toString())),
            new StorageSpec("sql", Map.of("url", "jdbc:sqlite:" + root.resolve("calls.db"))),
            OptionalLong.empty(),
            false),
        spec("[c]\ntemplate = 'sql'\nroot = 'store'\n"));

    assertEquals(
        new Plain(
            new StorageSpec("java", Map.of("root", root.resolve("values").toString())),
            new StorageSpec("sql", Map.of("url", "jdbc:postgresql://db/fleche")),
            OptionalLong.empty(),
            false),
        spec(
            "[c]\ntemplate = 'sql'\nroot = 'store'\nvalues = 'java'\n"
                + "url = 'jdbc:postgresql://db/fleche'\n"));
  }

  @Test
  void fileTemplates_passFileOptionsToTheirFileStorages() {
    Path root = files.work.resolve("store");
    Map<String, Object> options =
        Map.of("compress", true, "secret_key", List.of("00ff"), "allow", List.of("com.acme."), "sync", true);
    String toml = "compress = true\nsecret_key = ['00ff']\nallow = ['com.acme.']\nsync = true\n";
    Map<String, Object> values = new java.util.HashMap<>(options);
    values.put("root", root.resolve("values").toString());
    Map<String, Object> calls = new java.util.HashMap<>(options);
    calls.put("root", root.resolve("calls").toString());
    assertEquals(
        new Plain(new StorageSpec("pickle", values), new StorageSpec("pickle", calls),
            OptionalLong.empty(), false),
        spec("[c]\ntemplate = 'pickle'\nroot = 'store'\n" + toml));
    Plain sql = (Plain) spec("[c]\ntemplate = 'sql'\nroot = 'store'\n" + toml);
    assertEquals(new StorageSpec("file", values), sql.values());
    assertRejected("[c] unknown key 'compress'", "[c]\ntemplate = 'memory'\ncompress = true\n");
  }

  @Test
  void remoteCache() {
    assertEquals(
        new Remote(
            "hpc", Map.of("cache_name", "shared", "ssh_options", List.of("-p", "2222")), true),
        spec("[c]\ntype = 'ssh'\nhost = 'hpc'\ncache_name = 'shared'\n"
            + "ssh_options = ['-p', '2222']\nread_only = true\n"));
  }

  @Test
  void malformedTablesAreRejectedNamingFileAndTable() {
    assertRejected("[c] unknown key 'readonly'", "[c]\ntemplate = 'memory'\nreadonly = true\n");
    assertRejected(
        "[c] unknown key 'valus'", "[c]\nvalus.type = 'memory'\ncalls.type = 'memory'\n");
    assertRejected("[c] a cache needs values and calls", "[c]\nvalues.type = 'memory'\n");
    assertRejected("[c.values.type] is missing", "[c]\nvalues = {}\ncalls.type = 'memory'\n");
    assertRejected("[c.calls] must be a table", "[c]\nvalues.type = 'memory'\ncalls = 'memory'\n");
    assertRejected(
        "[c.max_size] must be a positive integer, got 0",
        "[c]\ntemplate = 'memory'\nmax_size = 0\n");
    assertRejected(
        "[c.max_size] must be a positive integer", "[c]\ntemplate = 'memory'\nmax_size = '10'\n");
    assertRejected(
        "[c.read_only] must be true or false", "[c]\ntemplate = 'memory'\nread_only = 1\n");
    assertRejected("[c] template 'file' needs a root", "[c]\ntemplate = 'file'\n");
    assertRejected("[c] unknown key 'root'", "[c]\ntemplate = 'memory'\nroot = 'x'\n");
    assertRejected("[c.template] must be a string", "[c]\ntemplate = 1\n");
    assertRejected("[c[1]] a stack cannot contain a stack", "c = [{template = 'memory'}, []]\n");
    assertRejected("[c] a stack needs at least one layer", "c = []\n");
    assertRejected("[c.pool] must be an array", "[c]\npool = {template = 'memory'}\n");
    assertRejected("[c.pool[0]] unknown key 'x'", "[c]\npool = [{x = 1}]\n");
    assertRejected("[c.type] unknown cache type 'memory'", "[c]\ntype = 'memory'\n");
    assertRejected("[c.host] is missing", "[c]\ntype = 'ssh'\n");
    assertRejected("[c] must be a table", "c = 3\n");
  }
}
