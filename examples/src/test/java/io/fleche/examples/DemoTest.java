package io.fleche.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo as the README does: a fresh JVM with {@code -javaagent:fleche.jar}. */
class DemoTest {
  @TempDir Path workingDirectory; // no fleche.toml here: the default in-memory cache

  private String run(Class<?> main) throws Exception {
    return ForkedExample.run(main, workingDirectory);
  }

  @Test
  void demo_missesThenHits_andPrintsTheRecordedCalls() throws Exception {
    String out = run(Demo.class);
    List<String> orbit = out.lines().filter(l -> l.contains("orbitEnergyDrift(")).toList();
    assertEquals(5, orbit.size(), out);
    assertTrue(orbit.get(0).contains(" miss "), out);
    assertTrue(orbit.get(1).contains(" hit "), out);
    assertTrue(orbit.get(2).contains(" miss "), out);
    assertTrue(orbit.get(3).contains(" hit "), out);
    assertTrue(orbit.get(4).contains(" hit "), out);
    // the second partitions(100, 100) runs no body at all
    List<String> partitions = out.lines().filter(l -> l.contains("partitions(100, 100)")).toList();
    assertEquals(2, partitions.size(), out);
    assertTrue(partitions.get(0).contains("190569292"), out);
    assertTrue(partitions.get(1).contains("(0 bodies run)"), out);
    // the query table lists both integrations with their arguments and results
    assertTrue(out.contains("steps"), out);
    assertTrue(out.contains("2000000"), out);
    assertTrue(out.contains("1000000"), out);
    assertFalse(out.contains("WARNING"), out);
  }
}
