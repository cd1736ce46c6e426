package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Call}, {@link DigestedCall}: lookup keys, full digests, metadata, stashing. */
class CallTest {
  static final Digest CODE = Digest.of("code v1");
  static final FunctionId F =
      new FunctionId("Physics.simulate", "(int,java.lang.String)", "org.example", "1.0", CODE);

  static Map<String, Object> args(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  static Call call() {
    return Call.of(F, args("steps", 100, "label", "run"));
  }

  // --- lookup key --------------------------------------------------------------------------------

  @Test
  void lookupKey_ignoresMetadataAndResult() {
    Digest key = call().lookupKey();
    assertEquals(key, call().withResult(42.0).lookupKey());
    assertEquals(key, call().withResult(null).lookupKey());
    assertEquals(key, call().withMetadata(Map.of("runtime", Map.of("ms", 5))).lookupKey());
    assertEquals(
        key,
        call()
            .withResult("x")
            .withMetadata(Map.of("tags", Map.of("a", "b")))
            .digested()
            .lookupKey());
  }

  @Test
  void lookupKey_dependsOnEveryIdentityField() {
    List<FunctionId> variants =
        List.of(
            F,
            new FunctionId("Physics.simulate2", F.signature(), F.module(), F.version(), CODE),
            new FunctionId(F.name(), "(long,java.lang.String)", F.module(), F.version(), CODE),
            new FunctionId(F.name(), null, F.module(), F.version(), CODE),
            new FunctionId(F.name(), F.signature(), "org.other", F.version(), CODE),
            new FunctionId(F.name(), F.signature(), null, F.version(), CODE),
            new FunctionId(F.name(), F.signature(), F.module(), "1.1", CODE),
            new FunctionId(F.name(), F.signature(), F.module(), null, CODE),
            new FunctionId(F.name(), F.signature(), F.module(), "", CODE),
            new FunctionId(F.name(), F.signature(), F.module(), F.version(), Digest.of("code v2")),
            new FunctionId(F.name(), F.signature(), F.module(), F.version(), null));
    Set<Digest> keys = new java.util.HashSet<>();
    for (FunctionId f : variants) {
      assertTrue(keys.add(Call.of(f, args("steps", 100, "label", "run")).lookupKey()), f::toString);
    }
  }

  @Test
  void lookupKey_fieldsDoNotRunIntoEachOther() {
    // moving text between adjacent identity fields must change the key
    Digest a = Call.of(new FunctionId("ab", "c", null, null, null), Map.of()).lookupKey();
    Digest b = Call.of(new FunctionId("a", "bc", null, null, null), Map.of()).lookupKey();
    Digest c = Call.of(new FunctionId("a", null, "bc", null, null), Map.of()).lookupKey();
    assertNotEquals(a, b);
    assertNotEquals(b, c);
    Digest x = Call.of(FunctionId.named("f"), args("ab", "c")).lookupKey();
    Digest y = Call.of(FunctionId.named("f"), args("a", "bc")).lookupKey();
    assertNotEquals(x, y);
  }

  @Test
  void lookupKey_overloadsDiffer() {
    FunctionId intVersion = new FunctionId("M.f", "(int)", "p", null, null);
    FunctionId longVersion = new FunctionId("M.f", "(long)", "p", null, null);
    assertNotEquals(
        Call.of(intVersion, Map.of("x", 1)).lookupKey(),
        Call.of(longVersion, Map.of("x", 1)).lookupKey());
  }

  @Test
  void lookupKey_dependsOnArgumentNamesOrderAndValues() {
    Digest key = call().lookupKey();
    assertEquals(key, Call.of(F, args("steps", 100, "label", "run")).lookupKey());
    assertNotEquals(key, Call.of(F, args("label", "run", "steps", 100)).lookupKey(), "order");
    assertNotEquals(key, Call.of(F, args("n", 100, "label", "run")).lookupKey(), "name");
    assertNotEquals(key, Call.of(F, args("steps", 101, "label", "run")).lookupKey(), "value");
    assertNotEquals(key, Call.of(F, args("steps", 100L, "label", "run")).lookupKey(), "type");
    assertNotEquals(key, Call.of(F, args("steps", 100)).lookupKey(), "count");
    assertNotEquals(
        key, Call.of(F, args("steps", 100, "label", "run", "x", null)).lookupKey(), "null arg");
    assertNotEquals(
        Call.of(F, args("steps", null)).lookupKey(),
        Call.of(F, args()).lookupKey(),
        "null vs none");
  }

  @Test
  void lookupKey_argumentReplacedByItsDigest_isUnchanged() {
    List<Object> data = List.of(1, List.of(2, 3), Map.of("k", new double[] {1.5}));
    Digest key = Call.of(F, args("data", data, "label", "run")).lookupKey();
    assertEquals(key, Call.of(F, args("data", Digest.of(data), "label", "run")).lookupKey());
    assertEquals(
        key,
        Call.of(
                F,
                args(
                    "data",
                    List.of(1, Digest.of(List.of(2, 3)), Map.of("k", new double[] {1.5})),
                    "label",
                    "run"))
            .lookupKey());
    assertEquals(
        key, Call.of(F, args("data", data, "label", Digest.of("run"))).lookupKey());
  }

  @Test
  void lookupKey_sameCallInEveryForm_isEqualAndSoIsTheDigest() {
    Call c =
        Call.of(F, args("steps", 100, "weights", new double[] {0.5, 1.5}, "none", null))
            .withResult(List.of(1, 2))
            .withMetadata(Map.of("runtime", Map.of("ms", 12)));
    MapValueStorage values = new MapValueStorage();
    DigestedCall digested = c.digested();
    DigestedCall stashed = c.stash(values);
    LazyCall lazy = stashed.fetch(values);
    assertEquals(digested, stashed);
    for (CallRecord r : List.of(c, digested, stashed, lazy, lazy.fetch())) {
      assertEquals(c.lookupKey(), r.lookupKey(), r::toString);
      assertEquals(c.digest(), r.digest(), r::toString);
      assertEquals(r.digest(), Digest.of(r), "a call record digests to its digest()");
    }
    assertNotEquals(c.lookupKey(), c.digest());
  }

  // --- full digest -------------------------------------------------------------------------------

  @Test
  void digest_dependsOnResultAndMetadata() {
    Call c = call();
    Set<Digest> digests =
        new java.util.HashSet<>(
            List.of(
                c.digest(),
                c.withResult(null).digest(),
                c.withResult(1).digest(),
                c.withResult(1L).digest(),
                c.withMetadata(Map.of("tags", Map.of())).digest(),
                c.withMetadata(Map.of("tags", Map.of("a", 1))).digest(),
                c.withMetadata(Map.of("other", Map.of("a", 1))).digest()));
    assertEquals(7, digests.size());
  }

  @Test
  void digest_nullResultDiffersFromNoResult() {
    Call pending = call();
    Call nullResult = call().withResult(null);
    assertFalse(pending.hasResult());
    assertTrue(nullResult.hasResult());
    assertNull(nullResult.result());
    assertNotEquals(pending.digest(), nullResult.digest());
    DigestedCall d = nullResult.digested();
    assertFalse(d.isPending());
    assertEquals(Digest.of(null), d.result());
    assertTrue(pending.digested().isPending());
    assertNull(pending.digested().result());
  }

  @Test
  void digest_resultReplacedByItsDigest_isUnchanged() {
    List<Integer> r = List.of(1, 2, 3);
    assertEquals(call().withResult(r).digest(), call().withResult(Digest.of(r)).digest());
    assertEquals(
        call().withResult(r).digest(), call().digested().withResult(Digest.of(r)).digest());
  }

  @Test
  void result_withoutResult_isAnIllegalState() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> call().result());
    assertTrue(e.getMessage().contains("Physics.simulate"), e.getMessage());
  }

  // --- metadata ----------------------------------------------------------------------------------

  @Test
  void metadata_integralAndFloatingNumbers_areCanonicalized() {
    Call asInt =
        call().withMetadata(Map.of("m", Map.of("n", 3, "x", 1.5f, "l", List.of((short) 1))));
    Call asLong = call().withMetadata(Map.of("m", Map.of("n", 3L, "x", 1.5, "l", List.of(1L))));
    assertEquals(asLong.digest(), asInt.digest());
    assertEquals(3L, asInt.metadata().get("m").get("n"));
    assertEquals(1.5, asInt.metadata().get("m").get("x"));
    assertEquals(
        call().withMetadata(Map.of("m", Map.of("n", java.math.BigInteger.valueOf(3)))).digest(),
        asLong.withMetadata(Map.of("m", Map.of("n", 3))).digest());
  }

  @Test
  void metadata_orderOfNamespacesAndKeys_doesNotMatter() {
    Map<String, Map<String, Object>> a = new LinkedHashMap<>();
    a.put("x", args("a", 1, "b", 2));
    a.put("y", args("c", List.of(1, 2)));
    Map<String, Map<String, Object>> b = new LinkedHashMap<>();
    b.put("y", args("c", List.of(1, 2)));
    b.put("x", args("b", 2, "a", 1));
    assertEquals(call().withMetadata(a).digest(), call().withMetadata(b).digest());
    assertNotEquals(
        call().withMetadata(a).digest(),
        call()
            .withMetadata(Map.of("y", args("c", List.of(2, 1)), "x", args("a", 1, "b", 2)))
            .digest(),
        "list order matters");
  }

  @Test
  void metadata_nonJsonValue_isRejectedNamingThePath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> call().withMetadata(Map.of("runtime", Map.of("thread", Thread.currentThread()))));
    assertTrue(e.getMessage().startsWith("metadata.runtime.thread: "), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());

    IllegalArgumentException nested =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                call()
                    .withMetadata(
                        Map.of("tags", Map.of("list", List.of("ok", Map.of("deep", new int[1]))))));
    assertTrue(nested.getMessage().startsWith("metadata.tags.list[1].deep: "), nested.getMessage());

    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(1, "x");
    IllegalArgumentException key =
        assertThrows(
            IllegalArgumentException.class,
            () -> call().withMetadata(Map.of("tags", Map.of("inner", badKey))));
    assertTrue(key.getMessage().startsWith("metadata.tags.inner: "), key.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> call().withMetadata(Map.of("tags", Map.of("set", Set.of(1)))));
  }

  @Test
  void metadata_numbersWithoutAJsonForm_areRejected_andBigDecimalsKeptExactWhenIntegral() {
    for (Object bad : List.of(Double.NaN, Float.POSITIVE_INFINITY, java.math.BigInteger.TWO.pow(64))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> call().withMetadata(Map.of("runtime", Map.of("x", bad))));
      assertTrue(e.getMessage().startsWith("metadata.runtime.x: "), e.getMessage());
    }
    Map<String, Object> stored =
        call()
            .withMetadata(
                Map.of("m", Map.of("big", new java.math.BigDecimal("12345678901234567.000"),
                    "frac", new java.math.BigDecimal("0.5"))))
            .metadata()
            .get("m");
    assertEquals(12345678901234567L, stored.get("big"));
    assertEquals(0.5, stored.get("frac"));
  }

  @Test
  void metadata_isACopyAndUnmodifiable() {
    Map<String, Object> tags = new HashMap<>(Map.of("a", 1));
    List<Object> list = new ArrayList<>(List.of(1));
    tags.put("list", list);
    Call c = call().withMetadata(Map.of("tags", tags));
    Digest before = c.digest();
    tags.put("b", 2);
    list.add(2);
    assertEquals(before, c.digest());
    assertEquals(Set.of("a", "list"), c.metadata().get("tags").keySet());
    assertThrows(UnsupportedOperationException.class, () -> c.metadata().put("x", Map.of()));
    assertThrows(
        UnsupportedOperationException.class, () -> c.metadata().get("tags").put("c", 3));
    assertThrows(
        UnsupportedOperationException.class,
        () -> ((List<?>) c.metadata().get("tags").get("list")).clear());
  }

  @Test
  void metadata_nullOrEmpty_isNoMetadata() {
    assertEquals(call().digest(), call().withMetadata(null).digest());
    assertEquals(call().digest(), call().withMetadata(Map.of()).digest());
    assertTrue(call().metadata().isEmpty());
  }

  // --- construction ------------------------------------------------------------------------------

  @Test
  void of_keepsArgumentOrderAndCopies() {
    Map<String, Object> a = args("z", 1, "a", 2, "m", null);
    Call c = Call.of(F, a);
    a.put("extra", 3);
    assertEquals(List.of("z", "a", "m"), c.argumentNames());
    assertEquals(List.of("z", "a", "m"), new ArrayList<>(c.arguments().keySet()));
    assertTrue(c.arguments().containsKey("m"));
    assertThrows(UnsupportedOperationException.class, () -> c.arguments().put("q", 1));
    assertEquals("Physics.simulate", c.name());
    assertSame(F, c.function());
  }

  @Test
  void of_nulls_areRejected() {
    assertThrows(NullPointerException.class, () -> Call.of(null, Map.of()));
    Map<String, Object> nullName = new HashMap<>();
    nullName.put(null, 1);
    assertThrows(NullPointerException.class, () -> Call.of(F, nullName));
    assertThrows(NullPointerException.class, () -> FunctionId.named(null));
    Map<String, Digest> nullDigest = new HashMap<>();
    nullDigest.put("x", null);
    assertThrows(NullPointerException.class, () -> DigestedCall.of(F, nullDigest, null, Map.of()));
  }

  // --- DigestedCall ------------------------------------------------------------------------------

  @Test
  void digestedCall_equalsByContentIncludingArgumentOrder() {
    DigestedCall a = call().withResult(1).digested();
    DigestedCall b = call().withResult(1).digested();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, call().withResult(2).digested());
    assertNotEquals(a, call().digested());
    assertNotEquals(a, a.withMetadata(Map.of("t", Map.of())));
    DigestedCall reordered =
        DigestedCall.of(F, Map.of("label", Digest.of("run")), Digest.of(1), Map.of());
    assertNotEquals(a, reordered);
  }

  @Test
  void digestedCall_withResultAndWithFunction() {
    DigestedCall pending = call().digested();
    DigestedCall done = pending.withResult(Digest.of(7));
    assertTrue(pending.isPending());
    assertFalse(done.isPending());
    assertEquals(call().withResult(7).digest(), done.digest());
    assertThrows(NullPointerException.class, () -> pending.withResult(null));
    FunctionId v2 = new FunctionId(F.name(), F.signature(), F.module(), "2.0", CODE);
    DigestedCall moved = done.withFunction(v2);
    assertNotEquals(done.lookupKey(), moved.lookupKey());
    assertEquals(Call.of(v2, args("steps", 100, "label", "run")).lookupKey(), moved.lookupKey());
    assertSame(pending, pending.digested());
  }

  // --- stash -------------------------------------------------------------------------------------

  @Test
  void stash_savesArgumentsAndResult_andKeepsDigestArguments() {
    MapValueStorage values = new MapValueStorage();
    Digest given = Digest.of("stored elsewhere");
    Call c = Call.of(F, args("steps", 100, "ref", given)).withResult(List.of("r"));
    DigestedCall stored = c.stash(values);
    assertEquals(c.digested(), stored);
    assertEquals(given, stored.arguments().get("ref"));
    assertEquals(100, values.values.get(Digest.of(100)));
    assertEquals(List.of("r"), values.values.get(Digest.of(List.of("r"))));
    assertFalse(values.values.containsKey(given), "a Digest argument is not saved as a value");
    assertEquals(2, values.saves.get());
  }

  @Test
  void stash_refusedArgument_isKeptAsADigestOnlyReference() {
    MapValueStorage values = new MapValueStorage(v -> v instanceof String);
    Call c = Call.of(F, args("steps", 100, "label", "run")).withResult(1);
    DigestedCall stored = c.stash(values);
    assertEquals(c.lookupKey(), stored.lookupKey());
    assertEquals(Digest.of("run"), stored.arguments().get("label"));
    assertFalse(values.contains(Digest.of("run")));
    // the lazy form then reads the argument as its digest
    assertEquals(Digest.of("run"), stored.fetch(values).argument("label"));
  }

  @Test
  void stash_refusedResult_failsWithSaveException() {
    MapValueStorage values = new MapValueStorage(v -> v instanceof String);
    Call c = Call.of(F, args("steps", 100)).withResult("refused");
    assertThrows(io.fleche.storage.SaveException.class, () -> c.stash(values));
  }

  @Test
  void stash_nullResult_isSavedAndPendingIsNot() {
    MapValueStorage values = new MapValueStorage();
    DigestedCall withNull = call().withResult(null).stash(values);
    assertEquals(Digest.of(null), withNull.result());
    assertTrue(values.contains(Digest.of(null)));
    DigestedCall pending = Call.of(F, args()).stash(values);
    assertTrue(pending.isPending());
  }

  @Test
  void toString_namesTheFunction() {
    assertTrue(call().withResult(3).toString().contains("Physics.simulate"));
    assertTrue(call().digested().toString().contains("pending"));
    assertTrue(call().toString().contains("steps"), call().toString());
  }
}
