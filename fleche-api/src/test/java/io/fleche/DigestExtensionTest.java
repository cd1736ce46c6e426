package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Digestible} and {@link DigestHook}s. Hooks are global state of the JVM: every test here
 * registers hooks only for its own test-only types, so the tests do not affect each other or the
 * rest of the suite. Hooks for JDK or shared types are tested in an {@link IsolatedFleche}.
 */
class DigestExtensionTest {

  // --- Digestible --------------------------------------------------------------------------------

  record CaseInsensitive(String text) implements Digestible {
    @Override
    public Digest digest() {
      return Digest.of(List.of("CaseInsensitive", text.toLowerCase(Locale.ROOT)));
    }
  }

  @Test
  void digestOf_digestible_usesItsOwnDigest() {
    CaseInsensitive a = new CaseInsensitive("Hello");
    assertEquals(a.digest(), Digest.of(a));
    assertEquals(Digest.of(a), Digest.of(new CaseInsensitive("HELLO")));
    assertNotEquals(Digest.of(a), Digest.of(new CaseInsensitive("world")));
    // the built-in record encoding would tell them apart
    assertNotEquals(Digest.of(a), Digest.of(new Object[] {"Hello"}));
  }

  @Test
  void digestOf_digestibleInsideContainers_isItsDigestAsAChild() {
    CaseInsensitive a = new CaseInsensitive("x");
    assertEquals(Digest.of(List.of(a.digest(), 1)), Digest.of(List.of(a, 1)));
    assertEquals(Digest.of(Map.of("k", a.digest())), Digest.of(Map.of("k", a)));
  }

  static final class NullDigestible implements Digestible {
    @Override
    public Digest digest() {
      return null;
    }
  }

  static final class FailingDigestible implements Digestible {
    @Override
    public Digest digest() {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void digestOf_digestibleReturningNullOrFailing_isUndigestable() {
    UndigestableException nul =
        assertThrows(UndigestableException.class, () -> Digest.of(List.of(new NullDigestible())));
    assertEquals(NullDigestible.class.getName(), nul.typeName());
    assertEquals("[0]", nul.path());
    assertTrue(nul.getMessage().contains("returned null"), nul.getMessage());

    UndigestableException failing =
        assertThrows(UndigestableException.class, () -> Digest.of(new FailingDigestible()));
    assertTrue(failing.getCause() instanceof IllegalStateException);
    assertTrue(failing.getMessage().contains("boom"), failing.getMessage());
  }

  // --- registered hooks --------------------------------------------------------------------------

  record Money(String currency, long cents, String display) {}

  @Test
  void registeredHook_forARecordType_winsOverTheBuiltInEncoding() {
    Money m = new Money("EUR", 1250, "12,50 €");
    Digest builtIn = Digest.of(m);
    Fleches.registerDigestHook(
        Money.class, x -> Digest.of(List.of("Money", x.currency(), x.cents())));
    assertEquals(Digest.of(List.of("Money", "EUR", 1250L)), Digest.of(m));
    assertNotEquals(builtIn, Digest.of(m), "the arm cached before registration is dropped");
    assertEquals(Digest.of(m), Digest.of(new Money("EUR", 1250, "€12.50")), "display ignored");
    assertEquals(
        Digest.of(List.of(Digest.of(List.of("Money", "EUR", 1250L)))), Digest.of(List.of(m)));
  }

  record HookedDigestible(String s) implements Digestible {
    @Override
    public Digest digest() {
      return Digest.of("from Digestible");
    }
  }

  @Test
  void registeredHook_forADigestibleType_winsOverDigestible() {
    assertEquals(Digest.of("from Digestible"), Digest.of(new HookedDigestible("a")));
    Fleches.registerDigestHook(HookedDigestible.class, x -> Digest.of("from the hook"));
    assertEquals(Digest.of("from the hook"), Digest.of(new HookedDigestible("a")));
  }

  record Versioned(int v) {}

  @Test
  void registeredHooks_forTheSameType_newestWins() {
    Fleches.registerDigestHook(Versioned.class, x -> Digest.of("first"));
    assertEquals(Digest.of("first"), Digest.of(new Versioned(1)));
    Fleches.registerDigestHook(DigestHook.of(Versioned.class, x -> Digest.of("second")));
    assertEquals(Digest.of("second"), Digest.of(new Versioned(1)));
  }

  interface Shape {}

  record Circle(double radius) implements Shape {}

  static class Square implements Shape {
    double side = 2;
  }

  static final class SmallSquare extends Square {}

  @Test
  void registeredHook_forASupertype_appliesToSubtypes() {
    Fleches.registerDigestHook(
        Shape.class, s -> Digest.of(List.of("Shape", s.getClass().getSimpleName())));
    assertEquals(Digest.of(List.of("Shape", "Circle")), Digest.of(new Circle(1)));
    assertEquals(Digest.of(List.of("Shape", "Square")), Digest.of(new Square()));
    assertEquals(Digest.of(List.of("Shape", "SmallSquare")), Digest.of(new SmallSquare()));
  }

  static class Animal {}

  static final class Cat extends Animal {}

  @Test
  void registeredHook_forASubtype_winsOverAnOlderSupertypeHook_andNotConversely() {
    Fleches.registerDigestHook(Animal.class, a -> Digest.of("animal"));
    Fleches.registerDigestHook(Cat.class, a -> Digest.of("cat"));
    assertEquals(Digest.of("cat"), Digest.of(new Cat()));
    assertEquals(Digest.of("animal"), Digest.of(new Animal()));
    // a newer supertype hook is consulted first, and matches the subtype too
    Fleches.registerDigestHook(Animal.class, a -> Digest.of("any animal"));
    assertEquals(Digest.of("any animal"), Digest.of(new Cat()));
  }

  record Counted(int n) {}

  @Test
  void registeredHook_isCalledOncePerOccurrence() {
    AtomicInteger calls = new AtomicInteger();
    Fleches.registerDigestHook(
        Counted.class,
        c -> {
          calls.incrementAndGet();
          return Digest.of(c.n());
        });
    Digest.of(List.of(new Counted(1), new Counted(2), Map.of("k", new Counted(3))));
    assertEquals(3, calls.get());
  }

  record BadHooked(int n) {}

  record NullHooked(int n) {}

  @Test
  void registeredHook_failingOrReturningNull_isUndigestable() {
    Fleches.registerDigestHook(
        BadHooked.class,
        x -> {
          throw new IllegalArgumentException("hook failed");
        });
    UndigestableException e =
        assertThrows(UndigestableException.class, () -> Digest.of(Map.of("b", new BadHooked(1))));
    assertEquals(BadHooked.class.getName(), e.typeName());
    assertEquals("[b]", e.path());
    assertTrue(e.getCause() instanceof IllegalArgumentException);

    Fleches.registerDigestHook(NullHooked.class, x -> null);
    UndigestableException n =
        assertThrows(UndigestableException.class, () -> Digest.of(new NullHooked(1)));
    assertTrue(n.getMessage().contains("returned null"), n.getMessage());
  }

  @Test
  void registerDigestHook_nulls_areRejected() {
    assertThrows(NullPointerException.class, () -> Fleches.registerDigestHook(null));
    assertThrows(NullPointerException.class, () -> DigestHook.of(null, x -> Digest.of(1)));
    assertThrows(NullPointerException.class, () -> DigestHook.of(String.class, null));
  }

  @Test
  void digestHookOf_exposesTypeAndFunction() {
    DigestHook<String> hook = DigestHook.of(String.class, s -> Digest.of(s.length()));
    assertSame(String.class, hook.type());
    assertEquals(Digest.of(3), hook.digest("abc"));
    assertTrue(hook.toString().contains("java.lang.String"), hook.toString());
  }

  // --- hooks for shared types, in an isolated copy of the API ------------------------------------

  @Test
  void registeredHook_forAJdkType_winsOverTheBuiltInFastPath() throws Exception {
    try (IsolatedFleche isolated = new IsolatedFleche()) {
      String before = isolated.digestHex("abc");
      assertEquals(Digest.of("abc").toString(), before);
      isolated.registerHook(String.class, s -> Digest.of(((String) s).length()).toString());
      assertEquals(Digest.of(3).toString(), isolated.digestHex("abc"));
      assertEquals(
          Digest.of(List.of(Digest.of(3), 1)).toString(), isolated.digestHex(List.of("xyz", 1)));
      assertEquals(Digest.of(7).toString(), isolated.digestHex(7), "other types unaffected");
    }
  }

  @Test
  void registeredHook_forASupertypeOfDigest_doesNotReHashDigests() throws Exception {
    // A Digest is its own digest and is never re-hashed (DigestFormat), whatever hooks exist:
    // Call.stash, LazyCall and every Merkle substitution rely on it.
    try (IsolatedFleche isolated = new IsolatedFleche()) {
      isolated.registerHook(Comparable.class, c -> Digest.of("hooked").toString());
      String hex = Digest.of(List.of(1, 2)).toString();
      assertEquals(hex, isolated.digestHex(isolated.digest(hex)));
      assertEquals(
          Digest.of(List.of(Digest.fromHex(hex))).toString(),
          isolated.digestHex(List.of(isolated.digest(hex))));
      assertEquals(Digest.of("hooked").toString(), isolated.digestHex("a string is Comparable"));
    }
  }

  // --- hooks found through ServiceLoader ---------------------------------------------------------

  @Test
  void discoveredHook_fromMetaInfServices_isUsed() {
    ServiceLoadedTestHook.Target t = new ServiceLoadedTestHook.Target("id-1", new Object());
    // without the hook, the Object component would make this undigestable
    assertEquals(Digest.of(List.of("service-loaded", "id-1")), Digest.of(t));
    assertEquals(Digest.of(List.of(Digest.of(t))), Digest.of(List.of(t)));
  }

  @Test
  void discoveredHooks_entryAfterABrokenOne_isStillUsed() {
    // the services file lists a class that does not exist before this hook
    assertEquals(
        Digest.of(List.of("after broken", "a")),
        Digest.of(new ServiceLoadedTestHook.AfterBroken.Target("a")));
  }

  @Test
  void registeredHook_winsOverADiscoveredOne() {
    ServiceLoadedTestHook.Overridden.Target t = new ServiceLoadedTestHook.Overridden.Target("b");
    assertEquals(Digest.of(List.of("discovered", "b")), Digest.of(t));
    Fleches.registerDigestHook(
        ServiceLoadedTestHook.Overridden.Target.class,
        x -> Digest.of(List.of("registered", x.id())));
    assertEquals(Digest.of(List.of("registered", "b")), Digest.of(t));
  }
}
