package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged fleche.jar as a real {@code -javaagent} in a fresh JVM. */
class ForkedAgentIT {
  private static Path agent() {
    Path agent = Path.of(System.getProperty("fleche.agentJar"));
    assertTrue(Files.isRegularFile(agent), "no agent jar at " + agent);
    return agent;
  }

  private static String run(Class<?> main) throws IOException, InterruptedException {
    return run(List.of("-javaagent:" + agent(), "-cp", System.getProperty("fleche.testClasses")), main);
  }

  private static String run(List<String> options, Class<?> main)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add(main.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the forked JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void javaagent_memoizesInAFreshJvm() throws Exception {
    String out = run(TwiceProgram.class);
    assertTrue(out.contains("square=147,147"), out);
    assertTrue(out.contains("fib=102334155"), out);
    assertTrue(out.contains("null=null"), out);
    // square once, fib(0..40) once each, nothing once
    assertTrue(out.contains("runs=" + (1 + 41 + 1)), out);
    assertTrue(out.contains("stored=" + (1 + 41 + 1)), out);
    // misuse is reported once per method when the class is instrumented, naming it
    assertTrue(out.contains("@Fleche on void method example.memo.Subjects.noResult(int)"), out);
    assertTrue(out.contains("example.memo.Subjects.lazy(int), which returns a Stream"), out);
    assertTrue(out.contains("@Fleche(ignore = \"nope\") on example.memo.Subjects.unknownIgnore(int)"), out);
    assertEquals(3, out.lines().filter(l -> l.startsWith("WARNING")).count(), out);
  }

  @Test
  void installedAtRunTime_classesLoadedBefore_areKeyedByParameterName() throws Exception {
    String out =
        run(
            List.of(
                "-XX:+EnableDynamicAgentLoading",
                "-cp",
                agent() + java.io.File.pathSeparator + System.getProperty("fleche.testClasses")),
            LateInstallProgram.class);
    assertTrue(out.contains("names=[x, label]"), out);
    // square, quiet and annotatedIgnore once each, needsParameterAnnotation(3, null) twice
    assertTrue(out.contains("runs=5"), out);
    assertEquals(1, out.lines().filter(l -> l.startsWith("WARNING")).count(), out);
    assertTrue(out.contains("required parameter label is null"), out);
  }

  @Test
  void install_afterTheClassLoaded_retransformsIt_andSameThreadReentryComputes() throws Exception {
    String out =
        run(
            List.of(
                "-XX:+EnableDynamicAgentLoading",
                "-cp",
                System.getProperty("fleche.testClasses") + java.io.File.pathSeparator + agent()),
            ReentryAfterInstallProgram.class);
    assertTrue(out.contains("before=2"), out);
    assertTrue(out.contains("cube=27,27"), out);
    assertTrue(out.contains("after=1"), out);
    assertTrue(out.contains("reentrant=6"), out);
    assertTrue(out.contains("reentrantRuns=2"), out);
  }
}
