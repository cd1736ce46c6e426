package io.fleche.caches;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.FunctionId;
import io.fleche.storages.Storages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Cache#modifications()}: what in-process front layers rely on to notice changes. */
class ModificationsTest {
  private static Call call(int x) {
    return Call.of(FunctionId.named("f"), Map.of("x", x)).withResult(x * 2);
  }

  @Test
  void aMemoryCache_countsEveryCompletedWrite() {
    Cache c = Caches.memory();
    long start = c.modifications();
    assertTrue(start >= 0);
    c.save(call(1));
    assertEquals(start + 1, c.modifications());
    try (var p = c.prepare(Call.of(FunctionId.named("f"), Map.of("x", 2)))) {
      assertEquals(start + 1, c.modifications(), "admitting a call changes no record");
      p.commit(4, Map.of());
    }
    assertEquals(start + 2, c.modifications());
    c.evict(call(1).lookupKey());
    assertEquals(start + 3, c.modifications());
    c.load(call(2).lookupKey());
    assertEquals(start + 3, c.modifications(), "reads change nothing");
  }

  @Test
  void cachesOverStoragesOthersMayWrite_cannotTell() {
    Cache c = Caches.of(Storages.valueMemory(), Storages.callMemory());
    assertEquals(-1, c.modifications());
    assertEquals(-1, Caches.stack(Caches.memory(), c).modifications());
    assertEquals(-1, Caches.readOnly(c).modifications());
  }

  @Test
  void wrappersAndStacks_followTheirMembers() {
    Cache a = Caches.memory();
    Cache b = Caches.memory();
    Cache stack = Caches.stack(a, b);
    long before = stack.modifications();
    b.save(call(1));
    assertEquals(before + 1, stack.modifications());
    Cache readOnly = Caches.readOnly(a);
    long ro = readOnly.modifications();
    a.save(call(2));
    assertEquals(ro + 1, readOnly.modifications());
    assertEquals(Caches.refreshing(a).modifications(), a.modifications());
  }
}
