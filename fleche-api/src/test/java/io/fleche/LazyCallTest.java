package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link LazyCall}: values are loaded through the loader on every access, never kept. */
class LazyCallTest {
  static final FunctionId F = new FunctionId("M.f", "(int,java.util.List)", "p", "1", null);

  MapValueStorage values = new MapValueStorage();

  DigestedCall storedCall(boolean withResult) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("n", 7);
    args.put("xs", List.of(1, 2));
    args.put("none", null);
    Call c = Call.of(F, args).withMetadata(Map.of("tags", Map.of("k", "v")));
    if (withResult) {
      c = c.withResult(List.of("result"));
    }
    DigestedCall d = c.stash(values);
    values.loads.set(0);
    return d;
  }

  @Test
  void argument_isLoadedOnEveryAccess() {
    LazyCall lazy = storedCall(true).fetch(values);
    assertEquals(0, values.loads.get(), "fetching loads nothing");
    assertEquals(7, lazy.argument("n"));
    assertEquals(List.of(1, 2), lazy.argument("xs"));
    assertNull(lazy.argument("none"));
    assertEquals(3, values.loads.get());
    lazy.argument("n");
    assertEquals(4, values.loads.get(), "not cached");
  }

  @Test
  void argumentsMap_loadsOnGetAndIteration_notOnKeysOrSize() {
    LazyCall lazy = storedCall(true).fetch(values);
    Map<String, Object> args = lazy.arguments();
    assertEquals(3, args.size());
    assertTrue(args.containsKey("xs"));
    assertFalse(args.containsKey("zz"));
    assertEquals(List.of("n", "xs", "none"), new ArrayList<>(args.keySet()));
    assertEquals(0, values.loads.get(), "keys and size load nothing");
    assertEquals(7, args.get("n"));
    assertEquals(1, values.loads.get());
    assertNull(args.get("zz"));
    assertEquals(1, values.loads.get(), "an unknown name loads nothing");
    Map<String, Object> copy = new LinkedHashMap<>(args);
    assertEquals(4, values.loads.get(), "iteration loads each value");
    assertEquals(List.of(1, 2), copy.get("xs"));
    assertThrows(UnsupportedOperationException.class, () -> args.put("n", 1));
  }

  @Test
  void digestsAndMetadata_needNoLoads() {
    DigestedCall stored = storedCall(true);
    LazyCall lazy = stored.fetch(values);
    assertEquals(stored.arguments(), lazy.argumentDigests());
    assertEquals(stored.lookupKey(), lazy.lookupKey());
    assertEquals(stored.digest(), lazy.digest());
    assertEquals(stored.metadata(), lazy.metadata());
    assertEquals(Digest.of(List.of("result")), lazy.resultDigest());
    assertEquals(List.of("n", "xs", "none"), lazy.argumentNames());
    assertEquals("M.f", lazy.name());
    assertTrue(lazy.hasResult());
    assertTrue(
        QueryCall.builder().argument("n", 7).result(List.of("result")).build().matches(lazy));
    assertEquals(0, values.loads.get());
  }

  @Test
  void missingArgumentValue_readsAsItsDigest() {
    DigestedCall stored = storedCall(true);
    values.evict(Digest.of(List.of(1, 2)));
    LazyCall lazy = stored.fetch(values);
    assertEquals(Digest.of(List.of(1, 2)), lazy.argument("xs"));
    assertEquals(Digest.of(List.of(1, 2)), lazy.arguments().get("xs"));
    Call fetched = lazy.fetch();
    assertEquals(Digest.of(List.of(1, 2)), fetched.arguments().get("xs"));
    assertEquals(stored.lookupKey(), fetched.lookupKey(), "a digest stands in for its value");
    assertEquals(stored.digest(), fetched.digest());
  }

  @Test
  void argument_unknownName_isRejectedNamingTheArguments() {
    LazyCall lazy = storedCall(true).fetch(values);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lazy.argument("zz"));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
    assertTrue(e.getMessage().contains("[n, xs, none]"), e.getMessage());
  }

  @Test
  void result_isLoadedOnEveryAccess() {
    LazyCall lazy = storedCall(true).fetch(values);
    assertEquals(List.of("result"), lazy.result());
    assertEquals(List.of("result"), lazy.result());
    assertEquals(2, values.loads.get());
  }

  @Test
  void result_pending_isAnIllegalState() {
    LazyCall lazy = storedCall(false).fetch(values);
    assertFalse(lazy.hasResult());
    assertNull(lazy.resultDigest());
    assertThrows(IllegalStateException.class, lazy::result);
    assertEquals(0, values.loads.get());
  }

  @Test
  void result_missingValue_isNoSuchElement() {
    DigestedCall stored = storedCall(true);
    values.evict(Digest.of(List.of("result")));
    assertThrows(NoSuchElementException.class, () -> stored.fetch(values).result());
  }

  @Test
  void result_storedNull_loadsNull() {
    DigestedCall stored = Call.of(F, Map.of("n", 1)).withResult(null).stash(values);
    LazyCall lazy = stored.fetch(values);
    assertTrue(lazy.hasResult());
    assertNull(lazy.result());
    assertEquals(Digest.of(null), lazy.resultDigest());
  }

  @Test
  void fetch_loadsEverythingIntoACall() {
    DigestedCall stored = storedCall(true);
    Call call = stored.fetch(values).fetch();
    assertEquals(4, values.loads.get(), "three arguments and the result");
    assertEquals(7, call.arguments().get("n"));
    assertEquals(List.of("result"), call.result());
    assertEquals(stored.metadata(), call.metadata());
    assertEquals(stored.lookupKey(), call.lookupKey());
    assertEquals(stored.digest(), call.digest());
    assertEquals(stored, call.digested());
  }

  @Test
  void fetch_ofPendingCall_hasNoResult() {
    DigestedCall stored = storedCall(false);
    Call call = stored.fetch(values).fetch();
    assertFalse(call.hasResult());
    assertEquals(stored.digest(), call.digest());
  }

  @Test
  void detach_returnsTheStoredForm() {
    DigestedCall stored = storedCall(true);
    LazyCall lazy = stored.fetch(values);
    assertSame(stored, lazy.detach());
    assertSame(stored, lazy.digested());
    assertEquals(0, values.loads.get());
  }

  @Test
  void equals_isByTheStoredCall() {
    DigestedCall stored = storedCall(true);
    LazyCall a = stored.fetch(values);
    LazyCall b = stored.fetch(new MapValueStorage());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, storedCall(false).fetch(values));
    assertNotEquals(a, stored);
    assertTrue(a.toString().startsWith("LazyDigestedCall[M.f"), a.toString());
  }

  @Test
  void fetch_nullLoader_isRejected() {
    assertThrows(NullPointerException.class, () -> storedCall(true).fetch(null));
  }
}
