package io.fleche.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs TaggedRuns as its javadoc says: with the agent, next to a copy of examples/fleche.toml. */
class TaggedRunsTest {
  @TempDir Path workingDirectory;

  @Test
  void taggedRuns_recordsEachProjectsComputedCalls_andFindsThemByTag() throws Exception {
    Path config = Path.of(System.getProperty("fleche.examplesDir"), "fleche.toml");
    Files.copy(config, workingDirectory.resolve("fleche.toml"));
    String out = ForkedExample.run(TaggedRuns.class, workingDirectory);

    assertTrue(out.contains("Default cache (from fleche.toml): Cache["), out);
    assertTrue(out.contains("SqlCallStorage[SQLite"), "the examples' cache is on disk\n" + out);
    assertTrue(
        out.contains("project alpha: damping ratios [0.01, 0.02, 0.05], 3 computed, 0 from the cache"),
        out);
    assertTrue(
        out.contains("project beta: damping ratios [0.02, 0.05, 0.1], 1 computed, 2 from the cache"),
        out);
    assertTrue(out.contains("Calls recorded under project alpha: 3"), out);
    assertTrue(out.contains("Calls recorded under project beta: 1"), out);

    List<String> lines = out.lines().toList();
    List<String> alphaRows = rowsAfter(lines, "Calls recorded under project alpha");
    assertEquals(3, alphaRows.size(), out);
    assertTrue(alphaRows.stream().allMatch(r -> r.contains(" alpha ")), out);
    assertTrue(alphaRows.get(0).contains(" 0.01 "), "sorted by damping ratio\n" + out);
    List<String> betaRows = rowsAfter(lines, "Calls recorded under project beta");
    assertEquals(1, betaRows.size(), out);
    assertTrue(betaRows.get(0).contains(" 0.1 ") && betaRows.get(0).contains(" beta "), out);
    // the amplitude decays as exp(-2π ζ t): the last period starts at t = 19, exp(-0.38π) = 0.303
    assertTrue(alphaRows.get(0).matches(".* 0\\.30\\d* .*"), alphaRows.get(0));
    assertFalse(out.contains("WARNING"), out);
  }

  /** The table rows printed after the line starting with {@code title} (header and rule skipped). */
  private static List<String> rowsAfter(List<String> lines, String title) {
    int at = 0;
    while (!lines.get(at).startsWith(title)) {
      at++;
    }
    assertTrue(lines.get(at + 1).startsWith("key"), lines.get(at + 1));
    assertTrue(lines.get(at + 2).startsWith("---"), lines.get(at + 2));
    int end = at + 3;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    return lines.subList(at + 3, end);
  }
}
