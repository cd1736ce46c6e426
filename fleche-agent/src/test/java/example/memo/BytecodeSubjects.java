package example.memo;

import io.fleche.Fleche;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Methods of the same name and signature in different classes, keyed by their bytecode: {@link
 * Plus} and {@link AlsoPlus} have equal bodies, {@link Times} another one.
 */
class BytecodeSubjects {
  static final AtomicInteger runs = new AtomicInteger();

  static final class Plus {
    @Fleche(hashBytecode = true)
    static int compute(int x) {
      runs.incrementAndGet();
      return x + 1;
    }
  }

  static final class AlsoPlus {
    /** Other methods of the class do not count. */
    static int unrelated(int x) {
      return x * x * x;
    }

    @Fleche(hashBytecode = true)
    static int compute(int x) {
      runs.incrementAndGet();
      return x + 1;
    }
  }

  static final class Times {
    @Fleche(hashBytecode = true)
    static int compute(int x) {
      runs.incrementAndGet();
      return x * 2;
    }
  }

  static final class NotHashed {
    @Fleche
    static int compute(int x) {
      runs.incrementAndGet();
      return x + 1;
    }
  }
}
