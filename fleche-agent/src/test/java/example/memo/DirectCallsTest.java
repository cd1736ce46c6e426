package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import example.memo.ContractSubjects.Scaler;
import io.fleche.agent.FlecheAgent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MemoBehaviourContract} by plain calls of methods the agent rewrote. */
class DirectCallsTest extends MemoBehaviourContract {
  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
    ContractSubjects.fibRecursion = ContractSubjects::fib;
  }

  @Test
  void theSubjects_areInstrumented() {
    ContractSubjects.runs.set(0);
    ContractSubjects.quiet(41, true);
    ContractSubjects.quiet(41, true);
    assertEquals(1, ContractSubjects.runs.get());
  }

  @Override
  Calls calls() {
    return new Calls() {
      @Override
      public long square(int x, String label) {
        return ContractSubjects.square(x, label);
      }

      @Override
      public long square(long x, String label) {
        return ContractSubjects.square(x, label);
      }

      @Override
      public long fib(int n) {
        return ContractSubjects.fib(n);
      }

      @Override
      public String nothing(int x) {
        return ContractSubjects.nothing(x);
      }

      @Override
      public int failing(int x) {
        return ContractSubjects.failing(x);
      }

      @Override
      public int quiet(int x, boolean verbose) {
        return ContractSubjects.quiet(x, verbose);
      }

      @Override
      public int annotatedIgnore(int x, StringBuilder log) {
        return ContractSubjects.annotatedIgnore(x, log);
      }

      @Override
      public int needsLabel(int x, String label) {
        return ContractSubjects.needsLabel(x, label);
      }

      @Override
      public int needsParameterAnnotation(int x, String label) {
        return ContractSubjects.needsParameterAnnotation(x, label);
      }

      @Override
      public CompletableFuture<Integer> later(int x, CompletableFuture<Void> gate) {
        return ContractSubjects.later(x, gate);
      }

      @Override
      public List<Integer> mutable(int n) {
        return ContractSubjects.mutable(n);
      }

      @Override
      public int slow(int x) {
        try {
          return ContractSubjects.slow(x);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public int scale(Scaler receiver, int x) {
        return receiver.scale(x);
      }

      @Override
      public int shared(Scaler receiver, int x) {
        return receiver.shared(x);
      }
    };
  }
}
