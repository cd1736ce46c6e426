package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import example.memo.ContractSubjects.Scaler;
import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoBehaviourContract} through {@link FlecheFunction} handles, in a JVM where no agent
 * was ever installed (the {@code without-agent} surefire execution): the handles drive the
 * dispatcher around plain reflective calls.
 */
class HandleCallsWithoutAgentTest extends MemoBehaviourContract {
  private static final FlecheFunction SQUARE_INT =
      Fleches.function(ContractSubjects.class, "square", int.class, String.class);
  private static final FlecheFunction SQUARE_LONG =
      Fleches.function(ContractSubjects.class, "square", long.class, String.class);
  private static final FlecheFunction FIB = Fleches.function(ContractSubjects.class, "fib");
  private static final FlecheFunction NOTHING =
      Fleches.function(ContractSubjects.class, "nothing");
  private static final FlecheFunction FAILING =
      Fleches.function(ContractSubjects.class, "failing");
  private static final FlecheFunction QUIET = Fleches.function(ContractSubjects.class, "quiet");
  private static final FlecheFunction ANNOTATED_IGNORE =
      Fleches.function(ContractSubjects.class, "annotatedIgnore");
  private static final FlecheFunction NEEDS_LABEL =
      Fleches.function(ContractSubjects.class, "needsLabel");
  private static final FlecheFunction NEEDS_PARAMETER_ANNOTATION =
      Fleches.function(ContractSubjects.class, "needsParameterAnnotation");
  private static final FlecheFunction LATER = Fleches.function(ContractSubjects.class, "later");
  private static final FlecheFunction MUTABLE =
      Fleches.function(ContractSubjects.class, "mutable");
  private static final FlecheFunction SLOW = Fleches.function(ContractSubjects.class, "slow");
  private static final FlecheFunction SCALE = Fleches.function(Scaler.class, "scale");
  private static final FlecheFunction SHARED = Fleches.function(Scaler.class, "shared");

  @BeforeAll
  static void recurseThroughTheHandle() {
    ContractSubjects.fibRecursion = n -> (Long) call(FIB, n);
  }

  @AfterAll
  static void restoreRecursion() {
    ContractSubjects.fibRecursion = ContractSubjects::fib;
  }

  @Test
  void noAgent_isInstalled_soDirectCallsAreNotMemoized() {
    assertEquals(0, FlecheAgent.instrumentedMethods());
    Cache cache = Caches.memory();
    try (Scope s = Fleches.use(cache)) {
      int before = ContractSubjects.runs.get();
      ContractSubjects.quiet(40, true);
      ContractSubjects.quiet(40, true);
      assertEquals(before + 2, ContractSubjects.runs.get());
      assertEquals(0, cache.query().count());
    }
  }

  /** Calls a handle, rethrowing what the method threw. */
  @SuppressWarnings("unchecked")
  private static <T> T call(FlecheFunction f, Object... arguments) {
    try {
      return (T) f.call(arguments);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  Calls calls() {
    return new Calls() {
      @Override
      public long square(int x, String label) {
        return call(SQUARE_INT, x, label);
      }

      @Override
      public long square(long x, String label) {
        return call(SQUARE_LONG, x, label);
      }

      @Override
      public long fib(int n) {
        return call(FIB, n);
      }

      @Override
      public String nothing(int x) {
        return call(NOTHING, x);
      }

      @Override
      public int failing(int x) {
        return call(FAILING, x);
      }

      @Override
      public int quiet(int x, boolean verbose) {
        return call(QUIET, x, verbose);
      }

      @Override
      public int annotatedIgnore(int x, StringBuilder log) {
        return call(ANNOTATED_IGNORE, x, log);
      }

      @Override
      public int needsLabel(int x, String label) {
        return call(NEEDS_LABEL, x, label);
      }

      @Override
      public int needsParameterAnnotation(int x, String label) {
        return call(NEEDS_PARAMETER_ANNOTATION, x, label);
      }

      @Override
      public CompletableFuture<Integer> later(int x, CompletableFuture<Void> gate) {
        return call(LATER, x, gate);
      }

      @Override
      public List<Integer> mutable(int n) {
        return call(MUTABLE, n);
      }

      @Override
      public int slow(int x) {
        return call(SLOW, x);
      }

      @Override
      public int scale(Scaler receiver, int x) {
        return call(SCALE, receiver, x);
      }

      @Override
      public int shared(Scaler receiver, int x) {
        return call(SHARED, receiver, x);
      }
    };
  }
}
