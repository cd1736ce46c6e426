package io.fleche.metadata;

import io.fleche.Call;
import io.fleche.MetaData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code git} namespace: the state of the git working tree a call was computed in — {@code
 * root} (the top-level directory), {@code commit} (of {@code HEAD}), {@code branch} ({@code
 * "HEAD"} when detached) and {@code dirty} ({@code true} if {@code git status --porcelain} lists
 * anything, untracked files included). Collected before the body runs.
 *
 * <p>All four are {@code null} outside a repository, in a repository without commits, and when
 * {@code git} is missing, fails or does not answer within 2 seconds; the plugin never throws. A
 * command that times out is killed together with its child processes.
 *
 * <p>Each computed call runs {@code git} twice (a few milliseconds; hits record no metadata) and
 * nothing is cached between calls, so every record tells the state of the tree when its call
 * started, also when files are edited or commits made while a program runs. {@code git} runs
 * with {@code GIT_OPTIONAL_LOCKS=0}, so it never takes the index lock and cannot disturb, or be
 * disturbed by, the user's own git commands.
 *
 * <p>In {@code fleche.toml}: {@code metadata = ["Runtime", "Git"]}.
 */
public final class Git implements MetaData {
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Path directory;
  private final String executable;

  /** The repository of the working directory ({@code user.dir}). */
  public Git() {
    this(Path.of(System.getProperty("user.dir")));
  }

  /** The repository that {@code directory} belongs to. */
  public Git(Path directory) {
    this(directory, "git");
  }

  /** Runs {@code executable} (a path, or a name looked up on the {@code PATH}) as git. */
  Git(Path directory, String executable) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.executable = Objects.requireNonNull(executable, "executable");
  }

  @Override
  public String name() {
    return "git";
  }

  @Override
  public Map<String, Object> pre(Call call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("root", null);
    m.put("commit", null);
    m.put("branch", null);
    m.put("dirty", null);
    String[] head = lines(run("rev-parse", "--show-toplevel", "HEAD", "--abbrev-ref", "HEAD"));
    String status = head.length == 3 ? run("status", "--porcelain") : null;
    if (status != null) {
      m.put("root", head[0]);
      m.put("commit", head[1]);
      m.put("branch", head[2]);
      m.put("dirty", !status.isBlank());
    }
    return Collections.unmodifiableMap(m);
  }

  private static String[] lines(String output) {
    return output == null || output.isBlank() ? new String[0] : output.strip().split("\\R");
  }

  /** The standard output of {@code git args}, or null if it fails or times out. */
  private String run(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = executable;
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return null; // no git, no such directory
    }
    // read on another thread, so that a full pipe cannot stall the process past the timeout
    FutureTask<byte[]> output = new FutureTask<>(process.getInputStream()::readAllBytes);
    Thread reader = new Thread(output, "fleche-git-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    try {
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_NANOS, TimeUnit.NANOSECONDS) || process.exitValue() != 0) {
        return null;
      }
      byte[] out = output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (IOException | ExecutionException | TimeoutException e) {
      return null;
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "Git[" + directory + "]";
  }
}
