package io.fleche.junit;

import io.fleche.Fleche;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Memoized methods for the extension's tests; {@link #runs} tells computations from hits. */
class Squares {
  static final AtomicInteger runs = new AtomicInteger();

  @Fleche
  static long square(int x) {
    runs.incrementAndGet();
    return (long) x * x;
  }

  @Fleche
  static List<Integer> upTo(int n) {
    runs.incrementAndGet();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  @Fleche
  static int failing(int x) {
    runs.incrementAndGet();
    throw new IllegalStateException("no " + x);
  }
}
