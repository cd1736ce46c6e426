package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries in SQL agree with {@link QueryCall#matches} on random templates over random calls; the
 * SQL alone selects exactly the matches except where it may select more by design (numbers
 * compared as doubles, nested JSON values reduced to "key present"), and then counts in SQL too;
 * pages are read in index order, never sorted.
 */
class QueryPushdownTest {
  static final List<FunctionId> FUNCTIONS =
      List.of(
          new FunctionId("A.f", "(int)", "org.a", "1", null),
          new FunctionId("A.f", "(long)", "org.a", "1", null),
          new FunctionId("B.g", "()", null, null, Digest.of("bytecode")),
          new FunctionId("B.g", "()", "org.b", "2", null));
  static final List<String> ARGUMENTS = List.of("x", "y", "z");
  static final List<Object> VALUES = Arrays.asList(0, 1, 2L, null, "s");
  static final List<String> NAMESPACES = List.of("tags", "runtime", "env");
  static final List<String> KEYS = List.of("k1", "k2", "k3", "say \"hi\"");
  static final List<Object> JSON =
      Arrays.asList(
          "a", "b", "1", "[1]", "", 1L, 2L, 1.0, 2.5, -0.0, 0L, true, false, null, List.of(1L),
          Map.of("x", 1L), Long.MAX_VALUE);

  static final Dialect SQLITE = Dialect.of("jdbc:sqlite::memory:", Settings.DEFAULT);

  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();
  final Random random = new Random(20261126);
  SqlCallStorage calls;
  List<DigestedCall> stored = new ArrayList<>();

  @BeforeEach
  void saveRandomCalls() {
    calls = (SqlCallStorage) databases.open("jdbc:sqlite:" + dir.resolve("q.db")).calls();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> args = new LinkedHashMap<>();
      for (String a : ARGUMENTS) {
        if (random.nextDouble() < 0.6) {
          args.put(a, pick(VALUES));
        }
      }
      args.put("i", i); // distinct keys
      Call c = Call.of(pick(FUNCTIONS), args);
      if (random.nextDouble() < 0.8) {
        c = c.withResult(pick(VALUES));
      }
      DigestedCall d = c.digested().withMetadata(randomMetadata(0.5));
      calls.save(d);
      stored.add(d);
    }
  }

  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  Map<String, Map<String, Object>> randomMetadata(double p) {
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    for (String ns : NAMESPACES) {
      if (random.nextDouble() < p) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String k : KEYS) {
          if (random.nextDouble() < 0.5) {
            entries.put(k, pick(JSON));
          }
        }
        m.put(ns, entries);
      }
    }
    return m;
  }

  QueryCall randomTemplate() {
    FunctionId f = pick(FUNCTIONS);
    QueryCall.Builder b = QueryCall.builder();
    if (random.nextDouble() < 0.3) b.name(f.name());
    if (random.nextDouble() < 0.2) b.signature(f.signature());
    if (random.nextDouble() < 0.2) b.module(f.module());
    if (random.nextDouble() < 0.2) b.version(f.version());
    if (random.nextDouble() < 0.1) b.codeDigest(f.codeDigest());
    if (random.nextDouble() < 0.4) {
      for (String a : ARGUMENTS) {
        if (random.nextDouble() < 0.4) {
          double r = random.nextDouble();
          b.argument(a, r < 0.2 ? null : r < 0.3 ? Digest.of(null) : pick(VALUES));
        }
      }
    }
    if (random.nextDouble() < 0.2) b.result(pick(VALUES));
    if (random.nextDouble() < 0.6) {
      randomMetadata(0.4).forEach(b::metadata);
    }
    return b.build();
  }

  /** True if the SQL may select calls the template does not match (see the class comment). */
  static boolean mayOverselect(QueryCall t) {
    return t.metadata() != null
        && t.metadata().values().stream()
            .flatMap(filters -> filters.entrySet().stream())
            .anyMatch(
                e ->
                    e.getKey().contains("\"")
                        || e.getValue() instanceof Number
                        || e.getValue() instanceof List
                        || e.getValue() instanceof Map);
  }

  static Set<Digest> keys(Stream<DigestedCall> s) {
    try (s) {
      return s.map(DigestedCall::lookupKey).collect(Collectors.toSet());
    }
  }

  @Test
  void query_agreesWithMatches_onRandomTemplates() {
    int exact = 0;
    int nonEmpty = 0;
    for (int i = 0; i < 500; i++) {
      QueryCall t = randomTemplate();
      Set<Digest> expected = keys(stored.stream().filter(t::matches));
      Set<Digest> candidates = keys(calls.candidates(t));

      assertEquals(expected, keys(calls.query(t)), t::toString);
      assertTrue(candidates.containsAll(expected), t::toString);
      if (!mayOverselect(t)) {
        assertEquals(expected, candidates, () -> "SQL alone for " + t);
        exact++;
      }
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(exact > 250, "templates checked for exact pushdown: " + exact);
    assertTrue(nonEmpty > 100, "templates with matches: " + nonEmpty);
  }

  @Test
  void count_agreesWithTheQuery_onRandomTemplates_inSqlWhenExact() {
    int inSql = 0;
    for (int i = 0; i < 500; i++) {
      QueryCall t = randomTemplate();
      long expected = stored.stream().filter(t::matches).count();

      assertEquals(expected, calls.count(t), t::toString);
      boolean exact = CallQuery.count(t, SQLITE) != null;
      assertEquals(!mayOverselect(t), exact, t::toString);
      inSql += exact ? 1 : 0;
    }
    assertTrue(inSql > 250, "templates counted in SQL: " + inSql);
  }

  @Test
  void query_readsWholeRecords_acrossPages() {
    List<DigestedCall> byKey = new ArrayList<>(stored);
    byKey.sort((a, b) -> a.lookupKey().toString().compareTo(b.lookupKey().toString()));
    List<DigestedCall> found;
    try (Stream<DigestedCall> all = calls.query(QueryCall.any())) {
      found = all.collect(Collectors.toList());
    }

    assertEquals(byKey, found); // 300 calls: two pages
    for (int i = 0; i < found.size(); i++) {
      assertEquals(byKey.get(i).argumentNames(), found.get(i).argumentNames());
    }
  }

  @Test
  void query_metadataNumbersCompareByValue_andNeverEqualStrings() {
    Set<Digest> one = matching(1L);
    Set<Digest> oneAsString = matching("1");

    assertFalse(one.isEmpty());
    assertFalse(oneAsString.isEmpty());
    assertEquals(one, matching(1.0));
    assertTrue(Collections.disjoint(one, oneAsString));
    assertEquals(matching(0L), matching(-0.0));
  }

  /** The calls whose tags.k1 equals {@code value}, once the query agrees with matches. */
  private Set<Digest> matching(Object value) {
    QueryCall t = QueryCall.builder().metadata("tags", Map.of("k1", value)).build();
    Set<Digest> found = keys(calls.query(t));
    assertEquals(keys(stored.stream().filter(t::matches)), found);
    return found;
  }

  static final Map<String, QueryCall> INDEXED =
      Map.of(
          "argument",
          QueryCall.builder().argument("x", 1).build(),
          "name and argument",
          QueryCall.builder().name("A.f").argument("x", 1).build(),
          "argument and tag",
          QueryCall.builder().argument("x", 1).metadata("tags", Map.of("k1", "a")).build(),
          "tag",
          QueryCall.builder().metadata("tags", Map.of("k1", "a")).build(),
          "name and tag",
          QueryCall.builder().name("A.f").metadata("tags", Map.of("k1", "a")).build(),
          "module and namespace",
          QueryCall.builder().module("org.a").metadata("env", Map.of()).build(),
          "name and argument present",
          QueryCall.builder().name("B.g").argument("y", null).build(),
          "name, argument, tag",
          QueryCall.builder()
              .name("A.f")
              .argument("x", 1)
              .metadata("tags", Map.of("k1", "a"))
              .build());

  @Test
  void pages_ofIndexedFilters_readAnIndexInKeyOrder_withoutSorting() throws SQLException {
    for (Map.Entry<String, QueryCall> t : INDEXED.entrySet()) {
      Fragment page = CallQuery.page(t.getValue(), SQLITE);
      List<Object> params = new ArrayList<>(page.params());
      params.add(new byte[0]);
      params.add(10);
      String plan = plan(new Fragment(page.sql(), params));

      assertTrue(plan.contains("INDEX") || plan.contains("PRIMARY KEY"), t.getKey() + ":\n" + plan);
      assertFalse(plan.contains("SCAN"), t.getKey() + ":\n" + plan);
      assertFalse(plan.contains("TEMP B-TREE"), t.getKey() + ":\n" + plan);
      assertEquals(
          keys(stored.stream().filter(t.getValue()::matches)),
          keys(calls.query(t.getValue())),
          t.getKey());
    }
  }

  @Test
  void countByName_readsTheNameIndexOnly() throws SQLException {
    String plan = plan(CallQuery.count(QueryCall.builder().name("A.f").build(), SQLITE));

    assertTrue(plan.contains("COVERING INDEX calls_by_name"), plan);
  }

  /** SQLite's plan for {@code query}, one line per step. */
  private String plan(Fragment query) throws SQLException {
    try (Connection c = RawSql.connect(dir.resolve("q.db"));
        PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + query.sql())) {
      for (int i = 0; i < query.params().size(); i++) {
        s.setObject(i + 1, query.params().get(i));
      }
      StringBuilder b = new StringBuilder();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          b.append(rs.getString(4)).append('\n');
        }
      }
      return b.toString();
    }
  }
}
