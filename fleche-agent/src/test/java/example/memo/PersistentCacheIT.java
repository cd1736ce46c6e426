package example.memo;

import static example.memo.PersistentPrograms.count;
import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A persistent cache (SQLite calls, value files) shared by real processes: runs that survive the
 * JVM, {@code kill -9} at random moments, and several JVMs writing at once.
 */
class PersistentCacheIT {

  @TempDir Path home;
  private ForkedJvm jvm;

  @BeforeEach
  void configure() throws Exception {
    Files.writeString(home.resolve("fleche.toml"), PersistentPrograms.CONFIG);
    jvm = new ForkedJvm(home);
  }

  private void assertAllStoredCallsCorrect(int expectedAtLeast, int expectedAtMost)
      throws Exception {
    String out = jvm.run(PersistentPrograms.class, "check");
    assertEquals(0, count(out, "bad"), out);
    assertEquals(0, count(out, "missing"), out);
    int ok = count(out, "ok");
    assertTrue(ok >= expectedAtLeast && ok <= expectedAtMost, ok + " stored\n" + out);
    assertFalse(out.contains("Exception"), out);
  }

  @Test
  void aSecondRun_hitsFromDisk() throws Exception {
    String first = jvm.run(PersistentPrograms.class, "write", "0", "50", "1");
    assertEquals(50, count(first, "computed"), first);
    String second = jvm.run(PersistentPrograms.class, "write", "0", "50", "1");
    assertEquals(0, count(second, "computed"), second);
    assertAllStoredCallsCorrect(50, 50);
  }

  @Test
  void killedAtRandomMoments_everyStoredCallIsCompleteAndCorrect() throws Exception {
    int n = 2000;
    Random random = new Random(20261126);
    int kills = 0;
    while (kills < 20) {
      Process writer = jvm.start(PersistentPrograms.class, "write", "0", String.valueOf(n), "1");
      int waitFor = 1 + random.nextInt(120); // progress lines to see before the kill
      boolean finished = true;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int seen = 0;
        while ((line = out.readLine()) != null) {
          assertFalse(line.startsWith("WRONG"), line);
          if (line.startsWith("done ") && ++seen == waitFor) {
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            finished = false;
            break;
          }
        }
      }
      assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
      if (finished) {
        break; // everything was computed before the kill came
      }
      kills++;
      assertAllStoredCallsCorrect(0, n);
    }
    assertTrue(kills >= 20, "only " + kills + " kills");
    // the next run recomputes only what was lost, and then everything is there
    String last = jvm.run(PersistentPrograms.class, "write", "0", String.valueOf(n), "1");
    assertTrue(count(last, "computed") < n, last);
    assertAllStoredCallsCorrect(n, n);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void severalJvmsWritingOverlappingKeys_loseNothing(int jvms) throws Exception {
    int n = 400;
    List<Process> writers = new ArrayList<>();
    for (int j = 0; j < jvms; j++) {
      // the same keys in different orders: 0..n forwards and from offsets
      writers.add(jvm.start(PersistentPrograms.class, "write", String.valueOf(j), String.valueOf(n), "1"));
    }
    for (Process w : writers) {
      String out = new String(w.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(w.waitFor(300, TimeUnit.SECONDS));
      assertEquals(0, w.exitValue(), out);
      assertFalse(out.contains("WRONG"), out);
      assertFalse(out.contains("WARNING"), out);
    }
    assertAllStoredCallsCorrect(n, n);
  }

  /**
   * Garbage collection in one JVM while another records calls: every call recorded and not
   * evicted is complete afterwards, and gc removed the values of the evicted ones.
   */
  @Test
  void gcInOneJvm_whileAnotherRecords_losesNothingARecordedCallNeeds() throws Exception {
    int n = 600;
    Process collector = jvm.start(PersistentPrograms.class, "gc", "3000");
    Process writer = jvm.start(PersistentPrograms.class, "write", "0", String.valueOf(n), "1");
    String written = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(writer.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, writer.exitValue(), written);
    assertFalse(written.contains("WRONG"), written);
    collector.getOutputStream().close(); // ends the gc loop after its current round
    String collected = new String(collector.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(collector.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, collector.exitValue(), collected);
    assertTrue(count(collected, "rounds") >= 1, collected);

    String out = jvm.run(PersistentPrograms.class, "check");
    assertEquals(0, count(out, "bad"), out);
    assertEquals(0, count(out, "missing"), out);
    assertEquals(n - count(collected, "evicted"), count(out, "ok"), out + collected);
    assertFalse(out.contains("Exception"), out);
  }
}
