package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link QueryCall#matches} against the reference semantics (spec §6.1). */
class QueryCallTest {
  static final Digest CODE = Digest.of("code");
  static final FunctionId F =
      new FunctionId("Physics.simulate", "(int,double[])", "org.ex", "1.0", CODE);

  static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Arguments steps=100, weights=[0.5], seed=null; result "done"; runtime and tags metadata. */
  static Call stored() {
    Map<String, Map<String, Object>> meta = new LinkedHashMap<>();
    meta.put("runtime", args("ms", 12, "host", "h1", "gpus", List.of(0, 1)));
    meta.put("tags", args("project", "alpha", "note", null));
    return Call.of(F, args("steps", 100, "weights", new double[] {0.5}, "seed", null))
        .withResult("done")
        .withMetadata(meta);
  }

  static Call pending() {
    return Call.of(F, args("steps", 100, "weights", new double[] {0.5}, "seed", null));
  }

  static QueryCall.Builder q() {
    return QueryCall.builder();
  }

  /** Matches on every form of the call must agree. */
  static boolean matches(QueryCall template, Call call) {
    MapValueStorage values = new MapValueStorage();
    DigestedCall stashed = call.stash(values);
    boolean live = template.matches(call);
    assertEquals(live, template.matches(call.digested()), "DigestedCall disagrees");
    assertEquals(live, template.matches(stashed.fetch(values)), "LazyCall disagrees");
    assertEquals(0, values.loads.get(), "matching loads no values");
    return live;
  }

  @Test
  void any_matchesEveryCall() {
    assertTrue(matches(QueryCall.any(), stored()));
    assertTrue(matches(QueryCall.any(), pending()));
    assertTrue(matches(QueryCall.any(), Call.of(FunctionId.named("other"), Map.of())));
    assertTrue(matches(q().build(), stored()));
  }

  @Test
  void identityFields_mustEqual_andUnsetOnesAreWildcards() {
    assertTrue(matches(q().name("Physics.simulate").build(), stored()));
    assertFalse(matches(q().name("Physics.simulat").build(), stored()));
    assertTrue(matches(q().signature("(int,double[])").build(), stored()));
    assertFalse(matches(q().signature("(long,double[])").build(), stored()));
    assertTrue(matches(q().module("org.ex").build(), stored()));
    assertFalse(matches(q().module("org").build(), stored()));
    assertTrue(matches(q().version("1.0").build(), stored()));
    assertFalse(matches(q().version("1").build(), stored()));
    assertTrue(matches(q().codeDigest(CODE).build(), stored()));
    assertFalse(matches(q().codeDigest(Digest.of("other code")).build(), stored()));
    assertTrue(
        matches(q().name("Physics.simulate").module("org.ex").version("1.0").build(), stored()));
    assertFalse(matches(q().name("Physics.simulate").version("2.0").build(), stored()));
  }

  @Test
  void identityField_templateValueNeverMatchesAnAbsentStoredValue() {
    Call anonymous = Call.of(FunctionId.named("Physics.simulate"), Map.of());
    assertTrue(matches(q().name("Physics.simulate").build(), anonymous));
    assertFalse(matches(q().version("1.0").build(), anonymous));
    assertFalse(matches(q().module("org.ex").build(), anonymous));
  }

  @Test
  void forFunction_matchesThatFunctionOnly() {
    assertTrue(matches(QueryCall.forFunction(F).build(), stored()));
    FunctionId v2 = new FunctionId(F.name(), F.signature(), F.module(), "2.0", CODE);
    assertFalse(matches(QueryCall.forFunction(v2).build(), stored()));
    // unset identity fields of the function are wildcards
    assertTrue(
        matches(QueryCall.forFunction(FunctionId.named("Physics.simulate")).build(), stored()));
  }

  @Test
  void arguments_areASubset_comparedByDigest() {
    assertTrue(matches(q().argument("steps", 100).build(), stored()));
    assertFalse(matches(q().argument("steps", 101).build(), stored()));
    assertFalse(matches(q().argument("steps", 100L).build(), stored()), "100L is not 100");
    assertTrue(matches(q().argument("weights", new double[] {0.5}).build(), stored()));
    assertTrue(
        matches(
            q().argument("steps", 100).argument("weights", new double[] {0.5}).build(), stored()));
    assertFalse(
        matches(
            q().argument("steps", 100).argument("weights", new double[] {0.6}).build(), stored()));
    assertTrue(matches(q().arguments(Map.of()).build(), stored()), "empty subset");
  }

  @Test
  void argument_givenAsDigest_matchesAsItself() {
    assertTrue(matches(q().argument("weights", Digest.of(new double[] {0.5})).build(), stored()));
    assertTrue(matches(q().argument("steps", Digest.of(100)).build(), stored()));
    assertFalse(matches(q().argument("steps", Digest.of(101)).build(), stored()));
    // a string that looks like a digest is hashed as a string
    assertFalse(matches(q().argument("steps", Digest.of(100).toString()).build(), stored()));
  }

  @Test
  void argument_missingFromTheStoredCall_neverMatches() {
    assertFalse(matches(q().argument("nope", 1).build(), stored()));
    assertFalse(matches(q().argument("nope", null).build(), stored()));
    assertFalse(matches(q().argument("steps", 100).argument("nope", null).build(), stored()));
  }

  @Test
  void argument_nullTemplateValue_meansPresentWithAnyValue() {
    assertTrue(matches(q().argument("steps", null).build(), stored()));
    assertTrue(matches(q().argument("seed", null).build(), stored()), "stored null is present");
    Map<String, Object> both = new HashMap<>();
    both.put("steps", null);
    both.put("seed", null);
    assertTrue(matches(q().arguments(both).build(), stored()));
    QueryCall template = q().argument("steps", null).build();
    assertTrue(template.argumentDigests().containsKey("steps"));
    assertNull(template.argumentDigests().get("steps"));
  }

  @Test
  void argument_storedNull_isMatchedByTheDigestOfNull() {
    assertTrue(matches(q().argument("seed", Digest.of(null)).build(), stored()));
    assertFalse(matches(q().argument("steps", Digest.of(null)).build(), stored()));
  }

  @Test
  void result_mustBeCommittedWithThatDigest() {
    assertTrue(matches(q().result("done").build(), stored()));
    assertTrue(matches(q().result(Digest.of("done")).build(), stored()));
    assertFalse(matches(q().result("other").build(), stored()));
    assertFalse(matches(q().result(null).build(), stored()));
  }

  @Test
  void result_nullTemplate_matchesANullResultOnly() {
    Call nullResult = pending().withResult(null);
    assertTrue(matches(q().result(null).build(), nullResult));
    assertTrue(matches(q().result(Digest.of(null)).build(), nullResult));
    assertFalse(matches(q().result("done").build(), nullResult));
    assertTrue(q().result(null).build().hasResult());
    assertEquals(Digest.of(null), q().result(null).build().resultDigest());
  }

  @Test
  void result_pendingCallsNeverMatchAResultTemplate() {
    assertFalse(matches(q().result(null).build(), pending()));
    assertFalse(matches(q().result("done").build(), pending()));
    assertTrue(matches(q().build(), pending()), "no result template: pending matches");
    assertFalse(q().build().hasResult());
    assertNull(q().build().resultDigest());
  }

  @Test
  void metadata_numbersCompareByValue_acrossIntegralAndFloatingPoint() {
    assertTrue(matches(q().metadata("runtime", Map.of("ms", 12.0)).build(), stored()));
    assertFalse(matches(q().metadata("runtime", Map.of("ms", 12.5)).build(), stored()));
  }

  @Test
  void metadata_plainEquality_withIntegralTemplateValuesCanonicalized() {
    assertTrue(matches(q().metadata("runtime", Map.of("ms", 12)).build(), stored()));
    assertTrue(matches(q().metadata("runtime", Map.of("ms", 12L)).build(), stored()));
    assertTrue(matches(q().metadata("runtime", Map.of("ms", (short) 12)).build(), stored()));
    assertFalse(matches(q().metadata("runtime", Map.of("ms", 13)).build(), stored()));
    assertFalse(matches(q().metadata("runtime", Map.of("ms", "12")).build(), stored()));
    assertTrue(matches(q().metadata("runtime", Map.of("gpus", List.of(0, 1))).build(), stored()));
    assertFalse(matches(q().metadata("runtime", Map.of("gpus", List.of(1, 0))).build(), stored()));
    assertTrue(
        matches(q().metadata("runtime", Map.of("ms", 12, "host", "h1")).build(), stored()),
        "keys AND together");
    assertFalse(matches(q().metadata("runtime", Map.of("ms", 12, "host", "h2")).build(), stored()));
    assertTrue(
        matches(
            q().metadata("runtime", Map.of("ms", 12))
                .metadata("tags", Map.of("project", "alpha"))
                .build(),
            stored()),
        "namespaces AND together");
    assertFalse(
        matches(
            q().metadata("runtime", Map.of("ms", 12))
                .metadata("tags", Map.of("project", "beta"))
                .build(),
            stored()));
  }

  @Test
  void metadata_emptyFilters_meanNamespacePresent() {
    assertTrue(matches(q().metadata("tags", Map.of()).build(), stored()));
    assertTrue(matches(q().metadata("tags", null).build(), stored()));
    assertFalse(matches(q().metadata("absent", Map.of()).build(), stored()));
    assertFalse(matches(q().metadata("tags", Map.of()).build(), pending()), "no metadata at all");
  }

  @Test
  void metadata_nullTemplateValue_meansKeyPresent() {
    Map<String, Object> keyPresent = new HashMap<>();
    keyPresent.put("host", null);
    assertTrue(matches(q().metadata("runtime", keyPresent).build(), stored()));
    Map<String, Object> nullStored = new HashMap<>();
    nullStored.put("note", null);
    assertTrue(matches(q().metadata("tags", nullStored).build(), stored()), "stored null value");
    Map<String, Object> absentKey = new HashMap<>();
    absentKey.put("nope", null);
    assertFalse(matches(q().metadata("runtime", absentKey).build(), stored()));
  }

  @Test
  void metadata_templateValueNotJson_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> q().metadata("runtime", Map.of("t", new Object())).build());
    assertTrue(e.getMessage().startsWith("runtime.t: "), e.getMessage());
  }

  @Test
  void everyConstraintTogether_allMustHold() {
    QueryCall all =
        QueryCall.forFunction(F)
            .argument("steps", 100)
            .argument("seed", null)
            .result("done")
            .metadata("tags", Map.of("project", "alpha"))
            .build();
    assertTrue(matches(all, stored()));
    assertFalse(matches(all, pending()));
    assertFalse(matches(all, stored().withResult("other")));
    assertFalse(matches(all, stored().withMetadata(Map.of("tags", Map.of("project", "beta")))));
  }

  @Test
  void publicParts_matchIndependently() {
    QueryCall t = q().argument("steps", 100).metadata("tags", Map.of("project", "alpha")).build();
    assertTrue(t.argumentsMatch(stored().digested().arguments()));
    assertFalse(t.argumentsMatch(Map.of("steps", Digest.of(1))));
    assertFalse(t.argumentsMatch(Map.of()));
    assertTrue(t.metadataMatches(stored().metadata()));
    assertFalse(t.metadataMatches(Map.of()));
    assertTrue(QueryCall.any().argumentsMatch(Map.of()));
    assertTrue(QueryCall.any().metadataMatches(Map.of()));
  }

  @Test
  void accessors_andToString_describeTheTemplate() {
    QueryCall t =
        q().name("f").argument("x", 1).result(2).metadata("tags", Map.of("a", 1)).build();
    assertEquals("f", t.name());
    assertNull(t.version());
    assertEquals(Map.of("x", 1), t.arguments());
    assertEquals(Map.of("x", Digest.of(1)), t.argumentDigests());
    assertEquals(2, t.result());
    assertEquals(Map.of("tags", Map.of("a", 1L)), t.metadata());
    assertNull(QueryCall.any().arguments());
    assertNull(QueryCall.any().metadata());
    String s = t.toString();
    assertTrue(s.startsWith("QueryCall[") && s.contains("name=f") && s.contains("result=2"), s);
    assertEquals("QueryCall[]", QueryCall.any().toString());
  }
}
