package example.memo;

import io.fleche.Call;
import io.fleche.Fleche;
import io.fleche.MetaData;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Memoized methods run against caches that fail ({@link CacheFaultsTest}) and with arguments that
 * cannot be digested ({@link UndigestableCallsTest}). A warning is logged once per method and
 * kind of fault, so each scenario has a method of its own.
 */
class FaultSubjects {
  static final AtomicInteger runs = new AtomicInteger();

  @Fleche
  static int onLoadFault(int x) {
    runs.incrementAndGet();
    return 2 * x + 1;
  }

  @Fleche
  static int onAnyFault(int x) {
    runs.incrementAndGet();
    return 2 * x + 3;
  }

  @Fleche
  static int alsoOnLoadFault(int x) {
    runs.incrementAndGet();
    return 2 * x + 2;
  }

  @Fleche
  static int onPrepareFault(int x) {
    runs.incrementAndGet();
    return 2 * x + 3;
  }

  @Fleche
  static int onCommitFault(int x) {
    runs.incrementAndGet();
    return 2 * x + 4;
  }

  @Fleche
  static CompletableFuture<Integer> laterOnCommitFault(int x) {
    runs.incrementAndGet();
    return CompletableFuture.supplyAsync(() -> 2 * x + 5);
  }

  @Fleche
  static int onReadOnly(int x) {
    runs.incrementAndGet();
    return 2 * x + 6;
  }

  @Fleche
  static int onFullDisk(int x) {
    runs.incrementAndGet();
    return 2 * x + 9;
  }

  @Fleche(meta = FailingPre.class)
  static int withFailingPre(int x) {
    runs.incrementAndGet();
    return 2 * x + 7;
  }

  @Fleche(meta = FailingPost.class)
  static int withFailingPost(int x) {
    runs.incrementAndGet();
    return 2 * x + 8;
  }

  /** A result holding a thread: it cannot be digested, so no cache can store it. */
  static final class Handle {
    final int value;
    final Thread owner = Thread.currentThread();

    Handle(int value) {
      this.value = value;
    }
  }

  @Fleche
  static Handle unstorableResult(int x) {
    runs.incrementAndGet();
    return new Handle(x);
  }

  /** A receiver holding a thread: it cannot be digested, so its calls cannot be keyed. */
  static final class Worker {
    final int base;
    final Thread thread = Thread.currentThread();

    Worker(int base) {
      this.base = base;
    }

    @Fleche
    int plus(int x) {
      runs.incrementAndGet();
      return base + x;
    }
  }

  @Fleche
  static int applyTwice(IntUnaryOperator op, int x) {
    runs.incrementAndGet();
    return op.applyAsInt(op.applyAsInt(x));
  }

  /** Fails before the body runs. */
  public static final class FailingPre implements MetaData {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      throw new IllegalStateException("no clock");
    }
  }

  /** Fails after the body ran. */
  public static final class FailingPost implements MetaData {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Map<String, Object> post(Map<String, Object> pre, Call call) {
      throw new IllegalStateException("no clock");
    }
  }
}
