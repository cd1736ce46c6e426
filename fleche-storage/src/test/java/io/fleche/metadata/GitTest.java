package io.fleche.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
  private static final Map<String, Object> NOTHING = new HashMap<>();

  static {
    NOTHING.put("root", null);
    NOTHING.put("commit", null);
    NOTHING.put("branch", null);
    NOTHING.put("dirty", null);
  }

  @TempDir Path dir;

  @BeforeAll
  static void gitIsInstalled() {
    boolean found;
    try {
      found = new ProcessBuilder("git", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      found = false;
    }
    assumeTrue(found, "no git binary on the PATH");
  }

  /** Runs git in {@code dir} with a fixed identity; returns its trimmed output. */
  private String git(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false"));
    command.addAll(Arrays.asList(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  private String commitAFile() throws Exception {
    git("init", "-q");
    git("symbolic-ref", "HEAD", "refs/heads/main");
    Files.writeString(dir.resolve("a.txt"), "a\n");
    git("add", "a.txt");
    git("commit", "-q", "-m", "first");
    return git("rev-parse", "HEAD");
  }

  @Test
  void cleanCheckoutOfABranch() throws Exception {
    String commit = commitAFile();
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve(".gitkeep"), "");
    git("add", "sub/.gitkeep");
    git("commit", "-q", "-m", "second");
    commit = git("rev-parse", "HEAD");

    Map<String, Object> pre = new Git(sub).pre(null);

    assertEquals("git", new Git(sub).name());
    assertEquals(dir.toRealPath().toString(), pre.get("root"));
    assertEquals(commit, pre.get("commit"));
    assertEquals("main", pre.get("branch"));
    assertEquals(false, pre.get("dirty"));
    Metadata.assertJsonLike(pre);
  }

  @Test
  void modifiedAndUntrackedFilesAreDirty() throws Exception {
    commitAFile();
    Files.writeString(dir.resolve("a.txt"), "changed\n");
    assertEquals(true, new Git(dir).pre(null).get("dirty"));

    git("checkout", "-q", "a.txt");
    assertEquals(false, new Git(dir).pre(null).get("dirty"));
    Files.writeString(dir.resolve("new.txt"), "new\n");
    assertEquals(true, new Git(dir).pre(null).get("dirty"));
  }

  @Test
  void detachedHeadIsBranchHead() throws Exception {
    String commit = commitAFile();
    git("checkout", "-q", "--detach");

    Map<String, Object> pre = new Git(dir).pre(null);

    assertEquals(commit, pre.get("commit"));
    assertEquals("HEAD", pre.get("branch"));
    assertEquals(false, pre.get("dirty"));
  }

  @Test
  void outsideARepositoryAllAreNull() {
    assertEquals(NOTHING, new Git(dir).pre(null));
  }

  @Test
  void aRepositoryWithoutCommitsGivesNulls() throws Exception {
    git("init", "-q");
    assertEquals(NOTHING, new Git(dir).pre(null));
  }

  @Test
  void missingGitOrDirectoryGivesNulls() throws Exception {
    commitAFile();
    assertEquals(NOTHING, new Git(dir, dir.resolve("no-such-git").toString()).pre(null));
    assertEquals(NOTHING, new Git(dir.resolve("no-such-directory")).pre(null));
  }

  @Test
  void failingGitGivesNulls() throws Exception {
    Path fake = script("failing-git", "echo 'fatal: broken' >&2\nexit 1\n");
    assertEquals(NOTHING, new Git(dir, fake.toString()).pre(null));
  }

  @Test
  void hangingGitIsKilledAfterTheTimeout() throws Exception {
    Path pid = dir.resolve("git.pid");
    Path childPid = dir.resolve("child.pid");
    Path fake =
        script(
            "hanging-git",
            "echo $$ > '" + pid + "'\nsleep 60 &\necho $! > '" + childPid + "'\nwait\n");

    long start = System.nanoTime();
    Map<String, Object> pre = new Git(dir, fake.toString()).pre(null);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertEquals(NOTHING, pre);
    assertTrue(seconds >= 1.9 && seconds < 10, "returned after " + seconds + " s");
    for (Path file : List.of(pid, childPid)) {
      long id = Long.parseLong(Files.readString(file).strip());
      Optional<ProcessHandle> process = ProcessHandle.of(id);
      if (process.isPresent()) {
        process.get().onExit().get(5, TimeUnit.SECONDS);
        assertFalse(process.get().isAlive(), file.getFileName() + " still running");
      }
    }
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
