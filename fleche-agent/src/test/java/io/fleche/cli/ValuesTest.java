package io.fleche.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values for people (briefs) and machines (JSON trees). */
class ValuesTest {
  record Point(int x, List<Double> ys) {}

  enum Mode {
    FAST
  }

  @Test
  void type_namesShapes() {
    assertEquals("double[3]", Values.type(new double[3]));
    assertEquals("int[2][5]", Values.type(new int[2][5]));
    assertEquals("List[2]", Values.type(List.of(1, 2)));
    assertEquals("Map[1]", Values.type(Map.of("a", 1)));
    assertEquals("String[4 chars]", Values.type("abcd"));
    assertEquals("Point", Values.type(new Point(1, List.of())));
  }

  @Test
  void brief_isWholeWhenItFits_elseTypeAndBeginning() {
    assertEquals("[1.0, 2.0]", Values.brief(new double[] {1, 2}, 40));
    assertEquals("{a=[1, 2]}", Values.brief(Map.of("a", List.of(1, 2)), 40));
    assertEquals("null", Values.brief(null, 40));
    double[] big = new double[10_000_000];
    String b = Values.brief(big, 40);
    assertEquals(40, b.length(), b);
    assertTrue(b.startsWith("double[10000000] [0.0, 0.0,"), b);
    assertTrue(b.endsWith("…"), b);
    String text = "x".repeat(500);
    assertEquals("String[500 chars] " + "x".repeat(21) + "…", Values.brief(text, 40));
    List<Object> nested = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      nested.add(List.of(i, "v" + i));
    }
    assertTrue(Values.brief(nested, 30).startsWith("List[1000] [[0, v0], [1, v1]"));
  }

  @Test
  void json_treesForJackson() {
    assertEquals(List.of(1.0, 2.0), Values.json(new double[] {1, 2}));
    assertEquals(List.of("NaN", 1.0), Values.json(new double[] {Double.NaN, 1}));
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("x", 1);
    point.put("ys", List.of(0.5));
    assertEquals(point, Values.json(new Point(1, List.of(0.5))));
    assertEquals(Map.of("1", "FAST"), Values.json(Map.of(1, Mode.FAST)));
    assertEquals(Digest.of(1).toString(), Values.json(Digest.of(1)));
    assertEquals("1970-01-01T00:00:00Z", Values.json(Instant.EPOCH));
    assertEquals("<java.lang.Thread>", Values.json(Thread.currentThread()));
    assertEquals(Arrays.asList("a", null), Values.json(new String[] {"a", null}));
  }

  @Test
  void bytes_inBinaryUnits() {
    assertEquals("999 B", Values.bytes(999));
    assertEquals("1.5 KiB", Values.bytes(1536));
    assertEquals("32.0 MiB", Values.bytes(32L << 20));
  }

  @Test
  void duration_inTheUnitThatFits() {
    assertEquals("850 µs", Values.duration(0.00085));
    assertEquals("12.3 ms", Values.duration(0.0123));
    assertEquals("4.56 s", Values.duration(4.5612));
    assertEquals("2 min 3 s", Values.duration(123.4));
    assertEquals("1 h 2 min", Values.duration(3725));
  }
}
