package example.memo;

import io.fleche.Cache;
import io.fleche.Fleche;
import io.fleche.Fleches;
import io.fleche.caches.Caches;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link ForkedAgentIT} WITHOUT {@code -javaagent}: a class with a memoized method is
 * loaded and called first, then the agent is attached ({@link Fleches#install()}) and must
 * retransform the already loaded class.
 */
public final class ReentryAfterInstallProgram {
  static final AtomicInteger runs = new AtomicInteger();

  private ReentryAfterInstallProgram() {}

  @Fleche
  static int cube(int x) {
    runs.incrementAndGet();
    return x * x * x;
  }

  /** Re-enters its own key once (depth is ignored): the inner call must compute, not wait. */
  @Fleche(ignore = "depth")
  static int sameKeyTwice(int x, int depth) {
    runs.incrementAndGet();
    return depth == 0 ? sameKeyTwice(x, 1) + 1 : x;
  }

  public static void main(String[] args) {
    Cache cache = Caches.memory();
    try (var c = Fleches.use(cache);
        var m = Fleches.meta()) {
      cube(2); // runs uninstrumented
      cube(2);
      System.out.println("before=" + runs.get());
      Fleches.install();
      runs.set(0);
      System.out.println("cube=" + cube(3) + "," + cube(3));
      System.out.println("after=" + runs.get());
      runs.set(0);
      // the same key re-entered on the same thread while it is being computed
      System.out.println("reentrant=" + sameKeyTwice(5, 0));
      System.out.println("reentrantRuns=" + runs.get());
    }
  }
}
