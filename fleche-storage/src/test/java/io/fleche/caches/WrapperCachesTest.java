package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Read-only, refreshing and filtered caches. */
class WrapperCachesTest {
  private final Cache inner = Caches.memory();

  @Test
  void readOnly_readsTheInnerCache() {
    Digest key = inner.save(computed(1));
    Cache readOnly = Caches.readOnly(inner);

    assertTrue(readOnly.contains(key));
    assertEquals(10, readOnly.load(key).result());
    assertEquals(10, readOnly.loadValue(Digest.of(10)));
    assertEquals(key, readOnly.expand(key.prefix(10)));
    assertEquals(inner.shrink(List.of(key)), readOnly.shrink(List.of(key)));
    assertEquals(1, readOnly.query().count());
    assertSame(readOnly, readOnly.query().cache());
  }

  @Test
  void readOnly_refusesWrites_withoutTouchingTheInnerCache() {
    Digest key = inner.save(computed(1));
    Cache readOnly = Caches.readOnly(inner);

    assertThrows(RejectedException.class, () -> readOnly.save(computed(2)));
    assertThrows(RejectedException.class, () -> readOnly.evict(key));
    assertThrows(RejectedException.class, () -> readOnly.query().evict());
    assertThrows(RejectedException.class, () -> readOnly.transferOne(inner.load(key), true));
    assertFalse(inner.contains(computed(2).lookupKey()));
    assertTrue(inner.contains(key));
  }

  @Test
  void refreshing_missesEveryLookup_butWritesThrough() {
    Digest key = inner.save(computed(1));
    Cache refreshing = Caches.refreshing(inner);

    assertFalse(refreshing.contains(key));
    assertThrows(NoSuchElementException.class, () -> refreshing.load(key));
    assertEquals(10, refreshing.loadValue(Digest.of(10)));
    assertEquals(1, refreshing.query().count(), "queries see the stored calls");

    PreparedCall p = refreshing.prepare(simulate(1));
    p.commit(11, null);
    assertEquals(11, inner.load(key).result(), "the record is replaced");
    refreshing.save(computed(2));
    assertTrue(inner.contains(computed(2).lookupKey()));
    refreshing.evict(key);
    assertFalse(inner.contains(key));
  }

  @Test
  void refreshing_hitsWhatWasRecomputedThroughIt() {
    Digest key = inner.save(computed(1));
    Digest other = inner.save(computed(2));
    Cache refreshing = Caches.refreshing(inner);

    try (PreparedCall p = refreshing.prepare(simulate(1))) {
      p.commit(11, null);
    }
    assertTrue(refreshing.contains(key), "recomputed: fresh");
    assertEquals(11, refreshing.load(key).result());
    assertFalse(refreshing.contains(other), "not recomputed yet: still a miss");
    assertThrows(NoSuchElementException.class, () -> refreshing.load(other));
    assertFalse(Caches.refreshing(inner).contains(key), "a new refreshing cache misses again");

    refreshing.evict(key);
    assertFalse(refreshing.contains(key));
    assertThrows(NoSuchElementException.class, () -> refreshing.load(key));
  }

  @Test
  void filtered_byPredicate_hidesTheOtherCalls() {
    Digest small = inner.save(computed(1));
    Digest large = inner.save(computed(100));
    Cache filtered = Caches.filtered(inner, c -> (int) c.argument("steps") > 10);

    assertEquals(1000, filtered.load(large).result());
    assertThrows(NoSuchElementException.class, () -> filtered.load(small));
    assertTrue(filtered.contains(large));
    assertFalse(filtered.contains(small));
    assertFalse(filtered.contains(computed(7).lookupKey()));
    assertEquals(
        List.of(large), filtered.query().toList().stream().map(LazyCall::lookupKey).toList());
  }

  @Test
  void filtered_byTemplate_matchesLikeAQuery() {
    inner.save(computed(1));
    Digest plot = inner.save(render(1));
    Cache plots = Caches.filtered(inner, QueryCall.builder().name("Plot.render").build());

    assertEquals("plot1", plots.load(plot).result());
    assertThrows(NoSuchElementException.class, () -> plots.load(computed(1).lookupKey()));
    assertEquals(List.of("plot1"), plots.query().results());
    assertEquals(0, plots.query(simulations()).count());
    assertTrue(plots.toString().contains("Plot.render"), plots.toString());
  }

  @Test
  void filtered_isReadOnly() {
    Digest key = inner.save(computed(100));
    Cache filtered = Caches.filtered(inner, c -> true);

    assertThrows(RejectedException.class, () -> filtered.save(computed(2)));
    assertThrows(RejectedException.class, () -> filtered.evict(key));
    assertThrows(RejectedException.class, () -> filtered.prepare(simulate(3)).commit(1, null));
    assertTrue(inner.contains(key));
    assertFalse(inner.contains(simulate(3).lookupKey()));
  }
}
