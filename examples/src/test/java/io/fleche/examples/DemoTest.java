package io.fleche.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void run_computesEachDistinctCallOnce_andFindsItByQuery() {
    Demo demo = new Demo();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, demo.computations, out); // steps 20 and 10; the repeats hit
    assertTrue(out.contains("Merkle: a digest stands for its value: true"), out);
    assertTrue(out.contains("Query name=Demo.simulate, steps=20: 1 call(s)"), out);
  }

  @Test
  void memoizedSimulate_returnsTheSameValueOnAHit() {
    Demo demo = new Demo();
    double first = demo.memoizedSimulate(1, 0.01);
    double second = demo.memoizedSimulate(1, 0.01);
    assertEquals(first, second);
    assertEquals(1, demo.computations);
    assertEquals(demo.simulate(1, 0.01), first);
  }
}
