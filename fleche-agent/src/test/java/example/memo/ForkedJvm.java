package example.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM running a test program with {@code -javaagent:fleche.jar}, in a working directory
 * that is also its home (so only the test's {@code fleche.toml} is read).
 */
final class ForkedJvm {
  private final Path directory;
  private final List<String> launcher;
  private final Path agent;
  private final Path classes;

  ForkedJvm(Path directory) {
    this(directory, List.of(), agentJar(), testClasses());
  }

  /**
   * Started through {@code launcher}, a command that runs the java command it is given, with the
   * agent jar and test classes at the given places.
   */
  ForkedJvm(Path directory, List<String> launcher, Path agent, Path classes) {
    this.directory = directory;
    this.launcher = List.copyOf(launcher);
    this.agent = agent;
    this.classes = classes;
  }

  /** The compiled test programs. */
  static Path testClasses() {
    return Path.of(System.getProperty("fleche.testClasses"));
  }

  static Path agentJar() {
    Path agent = Path.of(System.getProperty("fleche.agentJar"));
    assertTrue(Files.isRegularFile(agent), "no agent jar at " + agent);
    return agent;
  }

  /** Starts {@code main} with {@code args}; its output and errors on its standard output. */
  Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agent);
    command.add("-Duser.home=" + directory);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", classes.toString(), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().remove("XDG_CONFIG_HOME");
    builder.environment().remove("FLECHE_SECRET_KEY");
    return builder.start();
  }

  /** Runs {@code main} to its end; asserts it succeeded; returns its output. */
  String run(Class<?> main, String... args) throws IOException, InterruptedException {
    Process p = start(main, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the forked JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
