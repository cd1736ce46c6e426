package io.fleche.cli;

import io.fleche.Maintenance;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The progress of a long operation, on standard error: on a terminal a bar redrawn in place (at
 * most every {@value #REDRAW_MILLIS} ms, finished with a newline when the operation ends);
 * otherwise (a file, a pipe, a CI log) a plain line every {@value #LINE_SECONDS} seconds. An
 * operation shorter than that prints nothing. A command reports each item it finished:
 *
 * <pre>{@code
 * try (Progress progress = cli.progress("transfer", calls.size())) {
 *   for (LazyCall c : calls) {
 *     ...
 *     progress.step();
 *   }
 * }
 * }</pre>
 *
 * <p>A library operation that reports its progress by tasks ({@link Maintenance.Progress}) is
 * shown by {@link Tasks}: a progress per task.
 *
 * <p>Not thread-safe: one thread reports.
 */
final class Progress implements AutoCloseable {
  static final long REDRAW_MILLIS = 100;
  static final long LINE_SECONDS = 5;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final String label;
  private final long total;
  private final LongSupplier nanoTime;
  private final long interval;
  private long done;
  private long lastShown;
  private boolean drawn;

  /**
   * @param total the number of items, or {@code -1} if unknown (a count is shown, no bar)
   * @param nanoTime the clock ({@link System#nanoTime()})
   */
  Progress(PrintWriter err, boolean terminal, String label, long total, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.label = label;
    this.total = total;
    this.nanoTime = nanoTime;
    this.interval =
        terminal
            ? TimeUnit.MILLISECONDS.toNanos(REDRAW_MILLIS)
            : TimeUnit.SECONDS.toNanos(LINE_SECONDS);
    this.lastShown = nanoTime.getAsLong();
  }

  /** One more item done. */
  void step() {
    stepTo(done + 1);
  }

  /** {@code n} items done. */
  void stepTo(long n) {
    done = n;
    long now = nanoTime.getAsLong();
    if (now - lastShown >= interval) {
      lastShown = now;
      show();
    }
  }

  private void show() {
    if (terminal) {
      err.print("\r" + bar());
      drawn = true;
    } else {
      err.println(label + ": " + count());
    }
    err.flush();
  }

  /** {@code label [#####-----] 12/40 30%}, or {@code label 12} without a total. */
  String bar() {
    if (total <= 0) {
      return label + " " + done;
    }
    int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    return label + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + count();
  }

  private String count() {
    return total <= 0 ? String.valueOf(done) : done + "/" + total + " " + (done * 100 / total) + "%";
  }

  /** Ends a bar that was drawn with its final state. */
  @Override
  public void close() {
    if (drawn) {
      err.println("\r" + bar());
      err.flush();
    }
  }

  /**
   * Shows the tasks of a library operation, each as a {@link Progress} of its own, labelled
   * {@code "<label> <task>"}; a task that starts counting again (as in a cache of several
   * members) starts a new one.
   *
   * <pre>{@code
   * try (Progress.Tasks progress = new Progress.Tasks("gc", cli::progress)) {
   *   cache.gc(grace, progress);
   * }
   * }</pre>
   */
  static final class Tasks implements Maintenance.Progress, AutoCloseable {
    private final String label;
    private final BiFunction<String, Long, Progress> open;
    private String task;
    private long total;
    private long done;
    private Progress current;

    /** @param open opens the progress of a label and a total */
    Tasks(String label, BiFunction<String, Long, Progress> open) {
      this.label = label;
      this.open = open;
    }

    @Override
    public void update(String task, long done, long total) {
      if (current == null || !task.equals(this.task) || total != this.total || done < this.done) {
        close();
        current = open.apply(label + " " + task, total);
        this.task = task;
        this.total = total;
      }
      this.done = done;
      current.stepTo(done);
    }

    /** Ends the current task's progress. */
    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
