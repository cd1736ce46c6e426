package example.memo;

import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.caches.Caches;

/**
 * Run by {@link ForkedAgentIT} in a JVM started with {@code -javaagent:fleche.jar}: calls
 * memoized methods twice and prints how often their bodies ran.
 */
public final class TwiceProgram {
  private TwiceProgram() {}

  public static void main(String[] args) {
    Cache cache = Caches.memory();
    try (var c = Fleches.use(cache);
        var m = Fleches.meta()) {
      long first = Subjects.square(12, "abc");
      long second = Subjects.square(12, "abc");
      long fib = Subjects.fib(40);
      String none = Subjects.nothing(3);
      Subjects.nothing(3);
      System.out.println("square=" + first + "," + second);
      System.out.println("fib=" + fib);
      System.out.println("null=" + none);
      System.out.println("runs=" + Subjects.runs.get());
      System.out.println("stored=" + cache.query().count());
    }
  }
}
