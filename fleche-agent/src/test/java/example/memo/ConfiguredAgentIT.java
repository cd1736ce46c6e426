package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleche.toml} and the agent's arguments, end to end: {@link ConfigProgram} in a fresh JVM
 * started with {@code -javaagent:fleche.jar} in a temporary working directory that is also its
 * home, so that no real configuration is read.
 */
class ConfiguredAgentIT {
  private static final String CONFIG =
      String.join(
          "\n",
          "[default]",
          "cache = \"small\"",
          "metadata = [\"Runtime\", \"Environment\"]",
          "",
          "[small]",
          "template = \"memory\"",
          "max_size = 2",
          "");

  @TempDir Path home;

  /** Runs ConfigProgram with the agent and {@code options} before the class name. */
  private String run(String agentArguments, String... options) throws Exception {
    Path agent = Path.of(System.getProperty("fleche.agentJar"));
    assertTrue(Files.isRegularFile(agent), "no agent jar at " + agent);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agent + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
    command.add("-Duser.home=" + home);
    command.addAll(List.of(options));
    command.addAll(List.of("-cp", System.getProperty("fleche.testClasses"), ConfigProgram.class.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    builder.environment().remove("XDG_CONFIG_HOME");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the forked JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("sum=36"), out);
    assertTrue(out.contains("runs=3"), out);
    assertTrue(out.contains("misses=3"), out);
    return out;
  }

  private void configure() throws Exception {
    Files.writeString(home.resolve("fleche.toml"), CONFIG);
  }

  @Test
  void theConfiguredDefaultCache_andMetadata_areUsed() throws Exception {
    configure();
    String out = run("");
    assertTrue(out.contains("cache=SizeLimitedCache[2,"), out);
    assertTrue(out.contains("stored=2"), "max_size = 2 keeps two of three calls\n" + out);
    assertTrue(out.contains("cached=2"), out);
    assertTrue(out.contains("namespaces=[environment, runtime]"), out);
    assertTrue(out.contains("mbean=io.fleche:type=Cache,name=small"), "the configured name\n" + out);
    assertTrue(out.contains("environment.cwd=" + home.toRealPath()), out);
    assertTrue(
        out.contains("environment.java_version=" + System.getProperty("java.version")), out);
    assertFalse(out.contains("WARNING"), out);
  }

  @Test
  void withoutConfiguration_theDefaultIsAnUnboundedMemoryCache_withRuntimeMetadata()
      throws Exception {
    String out = run("");
    assertTrue(out.contains("stored=3"), out);
    assertTrue(out.contains("namespaces=[runtime]"), out);
    assertTrue(out.contains("mbean=io.fleche:type=Cache,name=memory"), out);
    assertFalse(out.contains("WARNING"), out);
  }

  @Test
  void theAgentArgument_cache_overridesTheConfiguredDefault() throws Exception {
    configure();
    String out = run("cache=memory");
    assertTrue(out.contains("stored=3"), out);
    assertTrue(out.contains("cached=3"), out);
    assertTrue(out.contains("namespaces=[environment, runtime]"), "metadata still configured\n" + out);
  }

  @Test
  void theSystemProperty_winsOverTheAgentArgument() throws Exception {
    configure();
    String out = run("cache=memory", "-Dfleche.cache=small");
    assertTrue(out.contains("stored=2"), out);
  }

  @Test
  void verbose_logsEveryMemoizedMethod() throws Exception {
    configure();
    String out = run("verbose");
    assertTrue(out.contains("Fleche agent installed"), out);
    assertTrue(out.contains("memoizing example.memo.ConfigProgram.cube(int)"), out);
    assertEquals(
        1, out.lines().filter(l -> l.contains("memoizing ")).count(), "one memoized method\n" + out);
    assertTrue(out.contains("stored=2"), out);
  }
}
