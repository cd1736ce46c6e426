package io.fleche.benchmarks;

/** An index advanced by every invocation, cycling over a case's arguments. */
final class Cursor {
  private final int period;
  private int next;
  /** Invocations so far. */
  long calls;

  Cursor(int period) {
    this.period = period;
  }

  /** This invocation's index: 0, 1, ..., {@code period - 1}, 0, ... */
  int advance() {
    calls++;
    int i = next;
    next = i + 1 == period ? 0 : i + 1;
    return i;
  }
}
