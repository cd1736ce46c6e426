package io.fleche.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress on a terminal and in a log, driven by a clock the test moves. */
class ProgressTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final StringWriter text = new StringWriter();

  private Progress progress(boolean terminal, long total) {
    return new Progress(new PrintWriter(text), terminal, "copy", total, now::get);
  }

  private void advance(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aQuickOperation_printsNothing() {
    for (boolean terminal : new boolean[] {true, false}) {
      try (Progress p = progress(terminal, 10)) {
        for (int i = 0; i < 10; i++) {
          p.step();
        }
      }
    }
    assertEquals("", text.toString());
  }

  @Test
  void onATerminal_aBarIsRedrawnInPlace_andEndsWithItsFinalState() {
    try (Progress p = progress(true, 40)) {
      for (int i = 0; i < 40; i++) {
        advance(60); // a redraw every other step at most
        p.step();
      }
    }
    String out = text.toString();
    assertTrue(out.startsWith("\rcopy [#-----------------------------] 2/40 5%"), out);
    assertEquals(21, out.split("\r", -1).length - 1, "20 redraws and the final one\n" + out);
    assertTrue(out.endsWith("\rcopy [" + "#".repeat(30) + "] 40/40 100%\n"), out);
    assertEquals(out.length() - 1, out.indexOf('\n'), "one line, redrawn, ended once");
  }

  @Test
  void inALog_aPlainLineEveryFewSeconds_andNoBar() {
    try (Progress p = progress(false, -1)) {
      for (int i = 1; i <= 12; i++) {
        advance(1000);
        p.step();
      }
    }
    assertEquals("copy: 5\ncopy: 10\n", text.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void tasks_eachGetAProgress_labelledByTask_andATaskCountingAgainStartsAnother() {
    List<String> opened = new ArrayList<>();
    try (Progress.Tasks tasks =
        new Progress.Tasks(
            "gc",
            (label, total) -> {
              opened.add(label + " " + total);
              return new Progress(new PrintWriter(text), true, label, total, now::get);
            })) {
      for (String task : List.of("calls", "calls", "values")) {
        for (int i = 1; i <= 4; i++) {
          advance(Progress.REDRAW_MILLIS);
          tasks.update(task, i, 4);
        }
      }
    }
    assertEquals(List.of("gc calls 4", "gc calls 4", "gc values 4"), opened);
    String out = text.toString();
    assertEquals(3, out.chars().filter(c -> c == '\n').count(), "a bar per task, each ended\n" + out);
    assertTrue(out.endsWith("\rgc values [" + "#".repeat(30) + "] 4/4 100%\n"), out);
  }

  @Test
  void withATotal_theLogLinesShowIt() {
    try (Progress p = progress(false, 8)) {
      for (int i = 0; i < 8; i++) {
        advance(Progress.LINE_SECONDS * 1000);
        p.step();
      }
    }
    assertTrue(text.toString().startsWith("copy: 1/8 12%"), text.toString());
    assertTrue(text.toString().contains("copy: 8/8 100%"), text.toString());
  }
}
