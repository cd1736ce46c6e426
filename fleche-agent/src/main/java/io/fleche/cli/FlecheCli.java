package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Maintenance;
import io.fleche.config.ConfiguredCaches;
import io.fleche.config.FlecheConfig;
import java.io.Console;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code fleche.jar}: inspects and maintains the caches that {@code
 * fleche.toml} configures, found from the working directory exactly as the agent finds them.
 *
 * <pre>
 * java -jar fleche.jar config                                  # files read, caches they name
 * java -jar fleche.jar ls                                      # functions, calls, sizes
 * java -jar fleche.jar query --name Physics.simulate --arg steps=100 --format json
 * java -jar fleche.jar show 3f2a                               # one call, by a short key
 * java -jar fleche.jar evict --name Physics.simulate --dry-run
 * java -jar fleche.jar transfer --to archive --move --meta tags.project=alpha
 * java -jar fleche.jar stats --pid 4242                        # live counts of a running JVM
 * java -jar fleche.jar gc --dry-run                            # values no call refers to
 * java -jar fleche.jar verify --repair                         # read everything, remove the broken
 * java -jar fleche.jar redigest                                # re-key after a digest change
 * </pre>
 *
 * <p>Every command takes {@code --cache NAME} (default: the configured default cache), {@code -C
 * DIR}, {@code --classpath} and {@code --verbose}. Exit status: 0 on success, 1 when the command
 * fails (a one-line message on standard error; the stack trace with {@code --verbose}), 2 for a
 * usage error, 3 when {@code verify} found problems it did not repair. In code, {@link #run} runs one command line with given output streams.
 *
 * <p>The CLI never installs the agent: {@code fleche.jar} has no {@code Launcher-Agent-Class}, so
 * a command instruments nothing and records nothing.
 */
@Command(
    name = "fleche",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // --help and --version on every command
    versionProvider = FlecheCli.Version.class,
    description = "Inspect and maintain the caches that fleche.toml configures.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ConfigCommand.class,
      LsCommand.class,
      QueryCommand.class,
      ShowCommand.class,
      EvictCommand.class,
      TransferCommand.class,
      StatsCommand.class,
      GcCommand.class,
      VerifyCommand.class,
      RedigestCommand.class
    })
public final class FlecheCli implements Callable<Integer> {
  @Option(
      names = "--cache",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "The cache, by its name in fleche.toml (default: [default] cache).")
  String cacheName;

  @Option(
      names = {"-C", "--directory"},
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Run as if started in DIR: fleche.toml is looked for from there.")
  Path directory;

  @Option(
      names = {"-cp", "--classpath"},
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description =
          "Jars and class directories of the application, separated as in java -cp, to read"
              + " stored values of its types (their packages must be allowed too: allow = [...]"
              + " in fleche.toml).")
  String classpath;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors, and Fleche's informational log messages.")
  boolean verbose;

  @Spec CommandLine.Model.CommandSpec spec;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier clock;
  private ConfiguredCaches caches;

  private FlecheCli(PrintWriter out, PrintWriter err, boolean terminal, LongSupplier clock) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** Runs the command line {@code args} and exits with its status. */
  public static void main(String... args) {
    CliLogging.configure(List.of(args).contains("--verbose"));
    int status =
        run(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            isTerminal(),
            args);
    System.exit(status);
  }

  /**
   * Runs the command line {@code args} in this JVM, writing to {@code out} and {@code err}
   * (progress as plain lines, never a bar), and returns its exit status.
   *
   * <pre>{@code
   * int status = FlecheCli.run(System.out, System.err, "-C", "project", "ls", "--format", "csv");
   * }</pre>
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(
        new PrintWriter(out, true, StandardCharsets.UTF_8),
        new PrintWriter(err, true, StandardCharsets.UTF_8),
        false,
        args);
  }

  private static int run(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
    FlecheCli cli = new FlecheCli(out, err, terminal, System::nanoTime);
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          err.println("fleche: " + oneLine(e));
          if (cli.verbose) {
            e.printStackTrace(err);
          }
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (e, given) -> {
          err.println(
              "fleche: "
                  + oneLine(e)
                  + " (see '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          return 2;
        });
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try {
      return commandLine.execute(args);
    } finally {
      Thread.currentThread().setContextClassLoader(before);
      err.flush();
      out.flush();
    }
  }

  /** Without a command: the usage, and a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** The message of {@code e} (or its type) on one line. */
  static String oneLine(Throwable e) {
    return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** {@code message} on one line. */
  static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * True if standard input and output are a terminal: JDK 22+ always have a console, and say with
   * {@code Console.isTerminal()} whether it is one.
   */
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJdk22) {
      return true;
    }
  }

  // ---------------------------------------------------------------- for the commands

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  /** Progress of a long operation over {@code total} items ({@code -1}: unknown). */
  Progress progress(String label, long total) {
    return new Progress(err, terminal, label, total, clock);
  }

  /**
   * Runs a maintenance operation of the library, showing the progress of its tasks (labelled
   * {@code "label task"}), with the storages' warnings about unreadable entries silenced: the
   * operation reports those itself.
   */
  <R> R maintain(String label, Function<Maintenance.Progress, R> operation) {
    try (CliLogging.Quiet quiet = CliLogging.quietStorages();
        Progress.Tasks progress = new Progress.Tasks(label, this::progress)) {
      return operation.apply(progress);
    }
  }

  /** The configuration of the working directory (or {@code -C DIR}), read once. */
  synchronized ConfiguredCaches caches() {
    if (caches == null) {
      useClasspath();
      Path dir = directory != null ? directory : Path.of(System.getProperty("user.dir"));
      caches =
          new ConfiguredCaches(
              FlecheConfig.load(dir, Path.of(System.getProperty("user.home")), System.getenv()));
    }
    return caches;
  }

  FlecheConfig config() {
    return caches().config();
  }

  /** The cache of {@code --cache}, else the configured default. */
  Cache cache() {
    return cache(cacheName);
  }

  /** The name of the cache of {@code --cache}, else of the configured default. */
  String cacheLabel() {
    return cacheName != null ? cacheName : config().defaultCacheName().orElse(null);
  }

  /**
   * The cache configured as {@code name} ({@code null}: the default).
   *
   * @throws IllegalArgumentException if no such cache is configured: a command line does not fall
   *     back to an empty in-memory cache as a program does
   */
  Cache cache(String name) {
    FlecheConfig config = config();
    if (name == null) {
      if (config.defaultCacheName().isEmpty()) {
        throw new IllegalArgumentException(
            "No default cache: " + whereLooked(config) + " names none ([default] cache = \"NAME\");"
                + " give --cache NAME");
      }
    } else if (!config.cacheNames().contains(name)
        && !List.of("default", "memory", "void").contains(name)) {
      throw new IllegalArgumentException(
          "No cache named '" + name + "' in " + whereLooked(config) + "; configured: "
              + config.cacheNames());
    }
    return caches().cache(name);
  }

  private String whereLooked(FlecheConfig config) {
    return config.files().isEmpty()
        ? "no " + FlecheConfig.FILE_NAME + " was found (see 'fleche config')"
        : String.join(", ", config.files().stream().map(f -> f.path().toString()).toList());
  }

  /** Makes {@code --classpath} the context class loader, which storages resolve classes with. */
  private void useClasspath() {
    if (classpath == null || classpath.isBlank()) {
      return;
    }
    List<URL> urls = new ArrayList<>();
    for (String p : classpath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      try {
        urls.add(Path.of(p).toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a class path entry: " + p, e);
      }
    }
    Thread.currentThread()
        .setContextClassLoader(
            new URLClassLoader(urls.toArray(new URL[0]), FlecheCli.class.getClassLoader()));
  }

  /** The jar's {@code Implementation-Version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FlecheCli.class.getPackage().getImplementationVersion();
      return new String[] {"fleche " + (v == null ? "(development build)" : v)};
    }
  }
}
