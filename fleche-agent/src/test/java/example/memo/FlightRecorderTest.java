package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memoized calls appear in a Flight Recorder recording: hits, misses, saves and uncached calls. */
class FlightRecorderTest {
  private static final String SQUARE = "example.memo.Subjects.square(int,java.lang.String)";

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  /** The Fleche events of this thread that {@code calls} made, in the order they were committed. */
  private static List<RecordedEvent> record(Path dir, Runnable calls) throws Exception {
    Path file = dir.resolve("fleche.jfr");
    try (Recording recording = new Recording()) {
      for (String type : List.of("Hit", "Miss", "Save", "Uncached")) {
        recording.enable("io.fleche." + type).withoutThreshold();
      }
      recording.start();
      calls.run();
      recording.stop();
      recording.dump(file);
    }
    String thread = Thread.currentThread().getName();
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("io.fleche."))
        .filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName()))
        .collect(Collectors.toList());
  }

  private static List<String> types(List<RecordedEvent> events) {
    return events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList());
  }

  @Test
  void aMiss_itsSave_aHit_aFrontLayerHit_andAnUncachedCall_areRecorded(@TempDir Path dir)
      throws Exception {
    Cache cache = Caches.memory();
    List<RecordedEvent> events =
        record(
            dir,
            () -> {
              try (Scope s = Fleches.use(cache)) {
                for (int i = 0; i < 3; i++) {
                  Subjects.square(4, "jfr"); // a miss, a hit, a hit from the front layer
                }
                ContractSubjects.needsLabel(1, null); // uncached: the label is required
              }
            });
    assertEquals(
        List.of("io.fleche.Miss", "io.fleche.Save", "io.fleche.Hit", "io.fleche.Hit",
            "io.fleche.Uncached"),
        types(events));
    String key;
    try (Scope s = Fleches.use(cache)) {
      key = Fleches.function(Subjects.class, "square").digest(4, "jfr").prefix(12);
    }
    for (RecordedEvent e : events.subList(0, 4)) {
      assertEquals(SQUARE, e.getString("method"), e.toString());
      assertEquals(key, e.getString("key"), e.toString());
      assertFalse(e.getDuration().isNegative(), e.toString());
    }
    assertFalse(events.get(2).getBoolean("front"), "read from the cache");
    assertTrue(events.get(3).getBoolean("front"));
    assertEquals(Duration.ZERO, events.get(3).getDuration(), "nothing read, nothing to time");

    RecordedEvent uncached = events.get(4);
    assertEquals(
        "example.memo.ContractSubjects.needsLabel(int,java.lang.String)",
        uncached.getString("method"));
    assertNull(uncached.getString("key"), "never digested");
    assertEquals("required", uncached.getString("reason"));
    assertTrue(uncached.getString("message").contains("label is null"), uncached.toString());
  }

  @Test
  void eventsThatAreNotEnabled_areNotRecorded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("misses.jfr");
    Cache cache = Caches.memory();
    try (Recording recording = new Recording()) {
      recording.disable("io.fleche.Hit");
      recording.disable("io.fleche.Save");
      recording.disable("io.fleche.Uncached");
      recording.enable("io.fleche.Miss");
      recording.start();
      try (Scope s = Fleches.use(cache)) {
        Subjects.square(5, "jfr");
        Subjects.square(5, "jfr");
      }
      recording.stop();
      recording.dump(file);
    }
    List<String> recorded =
        types(
            RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.fleche."))
                .filter(e -> e.getString("method").equals(SQUARE))
                .collect(Collectors.toList()));
    assertEquals(List.of("io.fleche.Miss"), recorded);
  }
}
