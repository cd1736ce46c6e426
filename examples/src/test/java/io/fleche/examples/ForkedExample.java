package io.fleche.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example as the README does: a fresh JVM with {@code -javaagent:fleche.jar}. */
final class ForkedExample {
  private ForkedExample() {}

  /**
   * Runs {@code main} in {@code workingDirectory}, which is also the JVM's home directory, so that
   * only the {@code fleche.toml} placed there is read; returns what it printed.
   */
  static String run(Class<?> main, Path workingDirectory) throws Exception {
    Path agent = Path.of(System.getProperty("fleche.agentJar"));
    assertTrue(Files.isRegularFile(agent), "build the agent first (mvn verify): " + agent);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agent,
                    "--enable-native-access=ALL-UNNAMED", // sqlite-jdbc loads a native library
                    "-Duser.home=" + workingDirectory,
                    "-cp",
                    System.getProperty("fleche.examplesClasses"),
                    main.getName()))
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true);
    builder.environment().remove("XDG_CONFIG_HOME");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), main.getSimpleName() + " did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
