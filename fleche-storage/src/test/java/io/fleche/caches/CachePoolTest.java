package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.RejectedException;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The read-only union of caches. */
class CachePoolTest {
  private final Cache first = Caches.memory();
  private final Cache second = Caches.memory();
  private final Cache pool = Caches.pool(first, second);

  @Test
  void writes_areRefused_withoutTouchingAMember() {
    Digest key = first.save(computed(1));

    assertThrows(RejectedException.class, () -> pool.save(computed(2)));
    assertThrows(RejectedException.class, () -> pool.evict(key));
    assertThrows(RejectedException.class, () -> pool.prepare(simulate(3)).commit(30, null));
    assertTrue(first.contains(key));
    assertFalse(first.contains(computed(2).lookupKey()));
    assertFalse(second.contains(computed(2).lookupKey()));
    assertThrows(
        NoSuchElementException.class,
        () -> first.loadValue(Digest.of(3)),
        "nothing stored at prepare");
  }

  @Test
  void load_returnsTheFirstHit_andCopiesNothing() {
    Digest key = second.save(computed(1));
    first.save(simulate(2).withResult("first"));
    second.save(simulate(2).withResult("second"));

    assertEquals(10, pool.load(key).result());
    assertFalse(first.contains(key));
    assertEquals("first", pool.load(simulate(2).lookupKey()).result());
    assertThrows(NoSuchElementException.class, () -> pool.load(computed(9).lookupKey()));
  }

  @Test
  void loadValue_andContains_spanTheMembers() {
    Digest key = second.save(computed(1));

    assertTrue(pool.contains(key));
    assertFalse(pool.contains(computed(2).lookupKey()));
    assertEquals(10, pool.loadValue(Digest.of(10)));
  }

  @Test
  void query_isTheUnion_theFirstOfAKeyWinning() {
    first.save(simulate(1).withResult("first"));
    second.save(simulate(1).withResult("second"));
    second.save(computed(2));

    assertEquals(List.of("first", 20), pool.query().results());
  }

  @Test
  void expand_andShrink_spanTheMembers() {
    Digest a = first.save(computed(1));
    Digest b = second.save(computed(2));

    assertEquals(b, pool.expand(b.prefix(10)));
    List<String> shrunk = pool.shrink(List.of(a, b));
    assertEquals(a, pool.expand(shrunk.get(0)));
    assertEquals(b, pool.expand(shrunk.get(1)));
  }

  @Test
  void anEmptyPool_holdsNothing() {
    Cache empty = Caches.pool();

    assertFalse(empty.contains(computed(1).lookupKey()));
    assertThrows(NoSuchElementException.class, () -> empty.load(computed(1).lookupKey()));
    assertThrows(NoSuchElementException.class, () -> empty.expand("abcd"));
    assertTrue(empty.query().isEmpty());
    assertEquals(List.of(), empty.shrink(List.of()));
  }

  @Test
  void aPool_isATransferSource() {
    first.save(computed(1));
    second.save(computed(2));
    Cache target = Caches.memory();

    assertEquals(2, Caches.transfer(pool, target, false, false));
    assertEquals(2, target.query().count());
  }

  @Test
  void membersMayBeAnyCache() {
    Cache base = Caches.memory();
    Cache upper = Caches.memory();
    Digest key = upper.save(computed(1));
    Digest other = first.save(computed(2));
    Cache mixed = Caches.pool(Caches.stack(base, upper), Caches.readOnly(first));

    assertEquals(10, mixed.load(key).result());
    assertTrue(base.contains(key), "the stack member copies as stacks do");
    assertEquals(20, mixed.load(other).result());
    assertEquals(2, mixed.query().count());
  }
}
