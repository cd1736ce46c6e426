package io.fleche;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The maintenance operations a cache does not implement, and their results. */
class MaintenanceTest {
  /** A cache implementing nothing but {@link Cache}'s default methods. */
  private static final Cache BARE =
      (Cache)
          Proxy.newProxyInstance(
              Cache.class.getClassLoader(),
              new Class<?>[] {Cache.class},
              (proxy, method, args) -> {
                if (method.isDefault()) {
                  return InvocationHandler.invokeDefault(proxy, method, args);
                }
                if (method.getName().equals("toString")) {
                  return "BareCache";
                }
                throw new AssertionError("not expected: " + method);
              });

  private static void assertUnsupported(String what, Executable e) {
    UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, e);
    assertEquals("BareCache cannot " + what, u.getMessage());
  }

  @Test
  void aCacheThatDoesNotImplementThem_refusesNamingItself() {
    assertUnsupported("collect garbage", BARE::gc);
    assertUnsupported(
        "collect garbage", () -> BARE.gc(Duration.ZERO, Maintenance.Progress.NONE));
    assertUnsupported(
        "collect garbage", () -> BARE.gcDryRun(Duration.ZERO, Maintenance.Progress.NONE));
    assertUnsupported("verify its entries", () -> BARE.verify(false));
    assertUnsupported("re-key its calls", BARE::redigest);
  }

  @Test
  void results_areImmutableCopies() {
    Set<Digest> removed = new HashSet<>(Set.of(Digest.of(1)));
    Maintenance.GcResult gc = new Maintenance.GcResult(removed, 10);
    removed.add(Digest.of(2));
    assertEquals(Set.of(Digest.of(1)), gc.removed());
    assertThrows(UnsupportedOperationException.class, () -> gc.removed().clear());

    Maintenance.Problem p =
        new Maintenance.Problem(Digest.of(1), Maintenance.Problem.Kind.WRONG_DIGEST, "m");
    Maintenance.VerifyResult v = new Maintenance.VerifyResult(1, 1, List.of(p), 0, false);
    assertFalse(v.isClean());
    assertTrue(new Maintenance.VerifyResult(1, 1, List.of(), 3, true).isClean());
    assertThrows(NullPointerException.class, () -> new Maintenance.Problem(null, p.kind(), "m"));
  }
}
