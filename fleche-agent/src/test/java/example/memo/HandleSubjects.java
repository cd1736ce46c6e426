package example.memo;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Fleche;
import io.fleche.Fleches;
import io.fleche.Ignored;
import io.fleche.MetaData;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Memoized methods reached through function handles in {@link FunctionHandleTest}. */
class HandleSubjects {
  static final AtomicInteger runs = new AtomicInteger();
  /** The thread that ran the last body, and the cache active there. */
  static volatile Thread lastThread;

  static volatile Cache lastCache;

  @Fleche
  static double simulate(int steps, double dt) {
    runs.incrementAndGet();
    lastThread = Thread.currentThread();
    lastCache = Fleches.cache();
    return steps * dt;
  }

  @Fleche
  static long fib(int n) {
    runs.incrementAndGet();
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  @Fleche
  static int scaled(int x, @Ignored String note) {
    runs.incrementAndGet();
    return 3 * x;
  }

  static int notMemoized(int x) {
    return x;
  }

  /** Metadata {@code sequence.n}: a number that grows with every computed call. */
  static final class Sequence implements MetaData {
    static final AtomicLong next = new AtomicLong();

    @Override
    public String name() {
      return "sequence";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      return Map.of("n", next.incrementAndGet());
    }
  }
}
