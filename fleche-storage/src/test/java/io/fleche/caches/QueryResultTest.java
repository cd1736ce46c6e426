package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.QueryResult;
import io.fleche.storages.Storages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Query results: re-iterable, chainable, terminal operations. */
class QueryResultTest {
  private final TrackingCalls calls = new TrackingCalls();
  private final Cache cache = Caches.of(Storages.valueMemory(), calls);

  private static List<Object> steps(QueryResult r) {
    return r.toList().stream().map(c -> c.argument("steps")).collect(Collectors.toList());
  }

  private void saveSteps(int... steps) {
    for (int s : steps) {
      cache.save(computed(s));
    }
  }

  @Test
  void aResult_isReIterable_andSeesLaterSaves() {
    saveSteps(1);
    QueryResult all = cache.query();
    List<LazyCall> first = new ArrayList<>();
    all.forEach(first::add);
    cache.save(computed(2));
    List<LazyCall> second = new ArrayList<>();
    all.forEach(second::add);

    assertEquals(1, first.size());
    assertEquals(2, second.size());
    assertEquals(2, all.count());
    assertSame(cache, all.cache());
  }

  @Test
  void chaining_isLazy_andReRunsTheQuery() {
    saveSteps(3, 1, 2);
    QueryResult sorted = cache.query().sortedBy("steps");
    QueryResult firstTwo = sorted.take(2);
    cache.save(computed(0));

    assertEquals(List.of(0, 1), steps(firstTwo));
    assertEquals(List.of(2, 3), steps(sorted.skip(2)));
    assertEquals(
        List.of(3, 2, 1, 0),
        steps(
            cache
                .query()
                .sorted(
                    Comparator.comparing((LazyCall c) -> (int) c.argument("steps")).reversed())));
    assertEquals(List.of(2, 3), steps(sorted.filter(c -> (int) c.argument("steps") >= 2)));
    assertThrows(IllegalArgumentException.class, () -> sorted.take(-1));
  }

  @Test
  void sortedBy_anArgumentACallLacks_fails() {
    saveSteps(1);
    cache.save(Call.of(RENDER, Map.of("width", 3)).withResult("w"));

    assertThrows(IllegalArgumentException.class, () -> cache.query().sortedBy("steps").toList());
  }

  @Test
  void unique_keepsTheFirstPerKey() {
    saveSteps(1, 2, 3, 4);
    cache.save(simulate(1, 0.5).withResult(0));

    assertEquals(2, cache.query().unique(c -> (int) c.argument("steps") % 2).count());
    assertEquals(4, cache.query().unique("steps").count());
    assertEquals(2, cache.query().unique("dt").count());
  }

  @Test
  void only_wantsExactlyOne() {
    assertThrows(NoSuchElementException.class, () -> cache.query().only());
    saveSteps(1);
    assertEquals(10, cache.query().only().result());
    saveSteps(2);
    assertThrows(IllegalStateException.class, () -> cache.query().only());
  }

  @Test
  void any_count_isEmpty() {
    assertTrue(cache.query().isEmpty());
    assertTrue(cache.query().any().isEmpty());
    assertEquals(0, cache.query().count());
    saveSteps(1, 2);

    assertFalse(cache.query().isEmpty());
    assertTrue(cache.query().any().isPresent());
    assertEquals(2, cache.query().count());
  }

  @Test
  void count_asksTheCallStorage_whileAChainedResultCountsItsCalls() {
    saveSteps(1, 2, 3);

    assertEquals(3, cache.query().count());
    assertEquals(1, calls.counted.get());
    assertEquals(0, calls.opened.get());
    assertEquals(2, cache.query().take(2).count());
    assertEquals(1, calls.counted.get());
    assertEquals(1, calls.opened.get());
  }

  @Test
  void count_throughOtherCaches_isTheNumberOfCallsTheyFind() {
    saveSteps(1, 2, 3);
    Cache other = Caches.memory();
    other.save(computed(3));
    other.save(computed(4));

    assertEquals(3, Caches.readOnly(cache).query().count());
    assertEquals(1, calls.counted.get());
    assertEquals(2, Caches.filtered(cache, c -> (int) c.argument("steps") > 1).query().count());
    assertEquals(4, Caches.stack(cache, other).query().count());
    assertEquals(4, Caches.pool(other, cache).query().count());
    assertEquals(1, calls.counted.get()); // the others count what they read
  }

  @Test
  void results_loadsEveryResult_nullsIncluded() {
    saveSteps(1);
    cache.save(simulate(2).withResult(null));

    List<Object> results = cache.query().sortedBy("steps").results();
    assertEquals(java.util.Arrays.asList(10, null), results);
  }

  @Test
  void latestAndOldest_goByTimestop_undatedCallsLosing() {
    cache.save(computed(1).withMetadata(finishedAt(200)));
    cache.save(computed(2).withMetadata(finishedAt(300.5)));
    cache.save(computed(3).withMetadata(finishedAt(100)));
    cache.save(computed(4)); // undated

    assertEquals(2, cache.query().latest().argument("steps"));
    assertEquals(3, cache.query().oldest().argument("steps"));
  }

  @Test
  void latest_withoutCalls_orWithoutDates_fails() {
    assertThrows(NoSuchElementException.class, () -> cache.query().latest());
    saveSteps(1);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> cache.query().oldest());
    assertTrue(e.getMessage().contains("Runtime"), e.getMessage());
  }

  @Test
  void evict_removesTheCallsFound_fromTheCache() {
    saveSteps(1, 2, 3);
    cache.save(render(1));

    assertEquals(3, cache.query(simulations()).evict());
    assertEquals(List.of("plot1"), cache.query().results());
  }

  @Test
  void groupBy_aFunction_inFirstSeenOrder_eachGroupReRunning() {
    saveSteps(1, 2, 3, 4, 5);
    Map<Boolean, QueryResult> groups =
        cache.query().sortedBy("steps").groupBy(c -> (int) c.argument("steps") % 2 == 0);

    assertEquals(List.of(false, true), new ArrayList<>(groups.keySet()));
    assertEquals(List.of(1, 3, 5), steps(groups.get(false)));
    cache.save(computed(6));
    assertEquals(List.of(2, 4, 6), steps(groups.get(true)));
  }

  @Test
  void groupBy_anArgument_keysByItsValue_comparedByDigest() {
    cache.save(Call.of(SIMULATE, Map.of("grid", new double[] {1, 2}, "n", 1)).withResult(1));
    cache.save(Call.of(SIMULATE, Map.of("grid", new double[] {1, 2}, "n", 2)).withResult(2));
    cache.save(Call.of(SIMULATE, Map.of("grid", new double[] {3}, "n", 3)).withResult(3));

    Map<Object, QueryResult> groups = cache.query().groupBy("grid");
    assertEquals(2, groups.size());
    groups.forEach(
        (grid, group) ->
            group.forEach(c -> assertEquals(Digest.of(grid), c.argumentDigests().get("grid"))));
    assertEquals(
        List.of(2L, 1L),
        groups.values().stream()
            .map(QueryResult::count)
            .sorted(Comparator.reverseOrder())
            .toList());
  }

  @Test
  void everyTerminalOperation_closesTheStreamsItOpens() {
    assertClosesStreams(cache);
  }

  @Test
  void everyTerminalOperation_closesTheStreamsItOpens_inAStack() {
    assertClosesStreams(Caches.stack(Caches.memory(), cache));
  }

  private void assertClosesStreams(Cache queried) {
    saveSteps(1, 2);
    cache.save(computed(3).withMetadata(finishedAt(1)));
    List<Consumer<QueryResult>> terminals =
        List.of(
            QueryResult::count,
            QueryResult::isEmpty,
            QueryResult::any,
            r -> r.take(1).only(),
            QueryResult::latest,
            QueryResult::results,
            QueryResult::toList,
            r -> r.iterator().next(),
            r -> r.groupBy("steps").values().forEach(QueryResult::count),
            r -> r.table(List.of("steps"), true),
            r -> r.transfer(Caches.memory(), false, false),
            QueryResult::evict);
    for (Consumer<QueryResult> t : terminals) {
      t.accept(queried.query());
    }

    assertTrue(calls.opened.get() >= terminals.size());
    assertEquals(calls.opened.get(), calls.closed.get());
  }
}
