package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metadata recorded through the agent: defaults, tags, annotation plugins, merging, queries. */
class AgentMetadataTest {
  private Cache cache;
  private Scope cacheScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void activate() {
    cache = Caches.memory();
    cacheScope = Fleches.use(cache); // the metadata stays the configured default
    MetadataSubjects.runs.set(0);
  }

  @AfterEach
  void deactivate() {
    cacheScope.close();
  }

  private LazyCall record(String name, int x) {
    return cache
        .query(QueryCall.builder().name("MetadataSubjects." + name).argument("x", x).build())
        .only();
  }

  private static double number(Map<String, Object> namespace, String key) {
    Object v = namespace.get(key);
    assertInstanceOf(Number.class, v, key + " in " + namespace);
    return ((Number) v).doubleValue();
  }

  @Test
  void runtime_isRecordedByDefault_onAMiss() {
    assertEquals("runtime", Fleches.metadata().get(0).name(), "the configured default");
    double before = System.currentTimeMillis() / 1000.0;
    MetadataSubjects.plain(1);
    double after = System.currentTimeMillis() / 1000.0;

    Map<String, Object> runtime = record("plain", 1).metadata().get("runtime");
    assertNotNull(runtime);
    double start = number(runtime, "timestart");
    double stop = number(runtime, "timestop");
    assertTrue(start <= stop, runtime.toString());
    assertTrue(number(runtime, "walltime") >= 0, runtime.toString());
    assertEquals(stop - start, number(runtime, "walltime"), 1e-6);
    assertTrue(start >= before - 0.01 && stop <= after + 0.01, before + " " + runtime + " " + after);
    assertTrue(number(runtime, "cputime") >= 0, runtime.toString());
    assertFalse(runtime.containsKey("systime"), runtime.toString());
  }

  @Test
  void aHit_recordsNothing() {
    MetadataSubjects.plain(2);
    LazyCall first = record("plain", 2);
    double start = number(first.metadata().get("runtime"), "timestart");

    assertEquals(3, MetadataSubjects.plain(2));
    assertEquals(3, MetadataSubjects.plain(2));
    assertEquals(1, MetadataSubjects.runs.get());

    LazyCall again = record("plain", 2);
    assertEquals(start, number(again.metadata().get("runtime"), "timestart"));
    assertEquals(first.digest(), again.digest(), "the stored record is unchanged");
  }

  @Test
  void tags_areRecordedUnderTags_andNestedTagsMerge() {
    try (Scope alpha = Fleches.tags(Map.of("project", "alpha", "stage", "a"))) {
      MetadataSubjects.plain(3);
      try (Scope b = Fleches.tags(Map.of("stage", "b"))) {
        MetadataSubjects.plain(4);
      }
    }
    try (Scope beta = Fleches.project("beta")) {
      MetadataSubjects.plain(5);
    }
    MetadataSubjects.plain(6);

    assertEquals(Map.of("project", "alpha", "stage", "a"), record("plain", 3).metadata().get("tags"));
    assertEquals(
        Map.of("project", "alpha", "stage", "b"),
        record("plain", 4).metadata().get("tags"),
        "the inner tag wins");
    assertEquals(Map.of("project", "beta"), record("plain", 5).metadata().get("tags"));
    assertFalse(record("plain", 6).metadata().containsKey("tags"), "the scopes were closed");
    assertTrue(record("plain", 4).metadata().containsKey("runtime"), "tags add to the default");
  }

  @Test
  void annotationPlugins_addTheirNamespace_afterTheActiveOnes() {
    assertEquals(3, MetadataSubjects.stamped(1));
    Map<String, Map<String, Object>> metadata = record("stamped", 1).metadata();
    assertEquals(List.of("runtime", "stamp"), List.copyOf(metadata.keySet()));
    Map<String, Object> stamp = metadata.get("stamp");
    assertEquals("annotation", stamp.get("by"));
    assertEquals(1, ((Number) stamp.get("argument")).intValue(), "pre sees the arguments");
    assertEquals(3, ((Number) stamp.get("result")).intValue(), "post sees the result");

    try (Scope none = Fleches.meta()) {
      MetadataSubjects.stamped(2);
    }
    assertEquals(Set.of("stamp"), record("stamped", 2).metadata().keySet(), "no active plugins");
  }

  @Test
  void pluginsSharingAName_mergeIntoOneNamespace() {
    try (Scope alpha = Fleches.project("alpha")) {
      MetadataSubjects.tagged(1);
    }
    assertEquals(
        Map.of("project", "alpha", "source", "annotation"),
        record("tagged", 1).metadata().get("tags"));

    try (Scope shared = Fleches.meta(new MetadataSubjects.PrePost(), new MetadataSubjects.PreOnly())) {
      MetadataSubjects.plain(7);
    }
    assertEquals(
        Map.of("phase", "post", "a", 1L, "b", 2L),
        record("plain", 7).metadata().get("shared"),
        "pre of every plugin first, then post: a later plugin's pre cannot undo an earlier post");
  }

  @Test
  void queriesByMetadata_findTheTaggedCalls() {
    try (Scope alpha = Fleches.project("alpha")) {
      MetadataSubjects.plain(10);
      MetadataSubjects.stamped(10);
    }
    try (Scope beta = Fleches.project("beta")) {
      MetadataSubjects.plain(11);
    }
    MetadataSubjects.stamped(11);

    QueryCall alpha = QueryCall.builder().metadata("tags", Map.of("project", "alpha")).build();
    assertEquals(
        Set.of("MetadataSubjects.plain", "MetadataSubjects.stamped"),
        Set.copyOf(cache.query(alpha).stream().map(LazyCall::name).toList()));
    assertEquals(3, cache.query(QueryCall.builder().metadata("tags", Map.of()).build()).count());

    FlecheFunction stamped = Fleches.function(MetadataSubjects.class, "stamped");
    assertEquals(2, stamped.query(Map.of(), Map.of("stamp", Map.of("by", "annotation"))).count());
    assertEquals(
        11,
        stamped.query(Map.of(), Map.of("stamp", Map.of("result", 13))).only().argument("x"),
        "metadata numbers match by value");
    FlecheFunction plain = Fleches.function(MetadataSubjects.class, "plain");
    assertEquals(
        11, plain.query(Map.of(), Map.of("tags", Map.of("project", "beta"))).only().argument("x"));
  }
}
