package example.memo;

import static example.memo.PersistentPrograms.count;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache directory made read-only with permissions, for a user they bind: when the tests run as
 * root (whom permissions do not stop), the programs run as {@code nobody} through {@code setpriv}.
 * Every call returns its own result; nothing is written.
 */
class ReadOnlyCacheIT {
  private static final int NOBODY = 65534;
  private static final int STORED = 10;
  private static final String SETPRIV = "/usr/bin/setpriv";

  @TempDir Path home;
  private ForkedJvm jvm;

  @BeforeEach
  void prepare() throws Exception {
    jvm = unprivileged();
    Files.writeString(home.resolve("fleche.toml"), PersistentPrograms.CONFIG);
    String out = jvm.run(PersistentPrograms.class, "compute", "0", String.valueOf(STORED), "1");
    assertEquals(STORED, count(out, "computed"), out);
  }

  @AfterEach
  void writable() throws IOException {
    if (Files.exists(home.resolve("store"))) { // so that it can be deleted
      setPermissions(home.resolve("store"), "rwxr-xr-x", "rw-r--r--");
    }
  }

  /**
   * The program that stored the calls ended without closing the database, as programs do: its
   * write-ahead log and index stay, and SQLite reads the database through them.
   */
  @Test
  void theCallsStoredBeforeHit_andTheOthersRunUncached() throws Exception {
    Map<String, FileTime> before = files();
    setPermissions(home.resolve("store"), "r-xr-xr-x", "r--r--r--");
    String out = jvm.run(PersistentPrograms.class, "compute", "0", String.valueOf(2 * STORED), "1");
    assertFalse(out.contains("WRONG"), out);
    assertEquals(STORED, count(out, "computed"), "the stored calls hit\n" + out);
    assertTrue(out.contains("the result was not cached"), out);
    assertTrue(out.contains("AccessDeniedException"), out);
    assertEquals(before, files(), "nothing is written");
  }

  /**
   * A database closed cleanly (its log merged into it and removed) cannot be opened in a directory
   * where SQLite cannot create the log: the cache does not resolve, every call runs uncached.
   */
  @Test
  void aDatabaseThatCannotBeOpened_runsEveryCallUncached() throws Exception {
    DiskCache.checkpoint(home.resolve("store")); // the last connection to close removes the log
    assertFalse(Files.exists(home.resolve("store/calls.db-wal")));
    Map<String, FileTime> before = files();
    setPermissions(home.resolve("store"), "r-xr-xr-x", "r--r--r--");
    String out = jvm.run(PersistentPrograms.class, "compute", "0", String.valueOf(2 * STORED), "1");
    assertFalse(out.contains("WRONG"), out);
    assertEquals(2 * STORED, count(out, "computed"), out);
    assertTrue(out.contains("cache 'disk', calls: SQLite"), out);
    assertTrue(out.contains("the call runs uncached"), out);
    assertEquals(before, files(), "nothing is written");
  }

  /** Every file under the home directory, with when it was last changed. */
  private Map<String, FileTime> files() throws IOException {
    Map<String, FileTime> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        out.put(home.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  private static void setPermissions(Path tree, String directories, String files)
      throws IOException {
    try (Stream<Path> all = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? directories : files));
      }
    }
  }

  /**
   * A JVM as this user if permissions bind them; for root, one run as {@code nobody} through
   * {@code setpriv} in a home it owns, with copies of the agent jar and test classes that it can
   * read wherever the build is (skips the test if there is no such command).
   */
  private ForkedJvm unprivileged() throws Exception {
    if ((Integer) Files.getAttribute(home, "unix:uid") != 0) {
      return new ForkedJvm(home);
    }
    List<String> setpriv =
        List.of(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(SETPRIV)),
        "the tests run as root, whom permissions do not stop, and there is no " + SETPRIV
            + " to run the program as nobody");
    Files.setAttribute(home, "unix:uid", NOBODY);
    Files.setAttribute(home, "unix:gid", NOBODY);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path agent = Files.copy(ForkedJvm.agentJar(), home.resolve("fleche.jar"));
    Path classes = home.resolve("classes");
    try (Stream<Path> all = Files.walk(ForkedJvm.testClasses())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.copy(p, classes.resolve(ForkedJvm.testClasses().relativize(p).toString()));
      }
    }
    setPermissions(home.resolve("classes"), "rwxr-xr-x", "rw-r--r--");
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rw-r--r--"));
    String check =
        run(setpriv, "sh", "-c", "test -r \"$0\" && test -r \"$1\" && test -w \"$2\"",
            agent.toString(),
            classes.resolve("example/memo/PersistentPrograms.class").toString(),
            home.toString());
    assertEquals("", check, "nobody must read " + agent + " and " + classes + " and write " + home);
    return new ForkedJvm(home, setpriv, agent, classes);
  }

  /** Runs {@code prefix} + {@code command}; its output if it failed, else "". */
  private static String run(List<String> prefix, String... command) throws Exception {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(command));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + out;
  }
}
