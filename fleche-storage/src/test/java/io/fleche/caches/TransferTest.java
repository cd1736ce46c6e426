package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.storages.Storages;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Copying and moving calls between caches. */
class TransferTest {
  private final Cache source = Caches.memory();
  private final Cache target = Caches.memory();

  @Test
  void transfer_copiesRecordsAndValues() {
    Digest a = source.save(computed(1).withMetadata(Map.of("tags", Map.of("p", "x"))));
    Digest b = source.save(simulate(2).withResult(null));

    assertEquals(2, Caches.transfer(source, target, false, false));
    LazyCall copy = target.load(a);
    assertEquals(10, copy.result());
    assertEquals(1, copy.argument("steps"));
    assertEquals(source.load(a).digest(), copy.digest(), "same record, metadata included");
    assertNull(target.load(b).result());
    assertTrue(source.contains(a), "without pop the source keeps its calls");
  }

  @Test
  void aKeyTheTargetHolds_isSkippedWithAWarning_unlessOverwriting() {
    Digest key = source.save(simulate(1).withResult("new"));
    target.save(simulate(1).withResult("old"));

    try (LogCapture log = new LogCapture("io.fleche.query")) {
      assertEquals(0, Caches.transfer(source, target, false, false));
      List<String> warnings = log.messages(Level.WARNING);
      assertEquals(1, warnings.size());
      assertTrue(warnings.get(0).contains(key.toString()), "names the full key: " + warnings);
    }
    assertEquals("old", target.load(key).result());

    assertEquals(1, Caches.transfer(source, target, false, true));
    assertEquals("new", target.load(key).result());
  }

  @Test
  void pop_evictsFromTheSource_onlyWhatWasTransferred() {
    Digest moved = source.save(computed(1));
    Digest kept = source.save(simulate(2).withResult("new"));
    target.save(simulate(2).withResult("old"));

    assertEquals(1, source.query().transfer(target, true, false));
    assertFalse(source.contains(moved));
    assertTrue(target.contains(moved));
    assertTrue(source.contains(kept), "a skipped call stays in the source");
  }

  @Test
  void aQuery_transfersItsCallsOnly() {
    source.save(computed(1));
    source.save(render(1));

    assertEquals(1, source.query(simulations()).transfer(target, false, false));
    assertEquals(List.of(10), target.query().results());
  }

  @Test
  void intoAStack_checksEveryLayer_andWritesTheFirst() {
    Cache base = Caches.memory();
    Cache upper = Caches.memory();
    upper.save(simulate(1).withResult("upper"));
    source.save(computed(1));
    Digest fresh = source.save(computed(2));
    Cache stack = Caches.stack(base, upper);

    assertEquals(1, Caches.transfer(source, stack, false, false));
    assertTrue(base.contains(fresh));
    assertFalse(base.contains(computed(1).lookupKey()));
  }

  @Test
  void intoASizeLimitedCache_keepsItsLimit() {
    for (int i = 0; i < 5; i++) {
      source.save(computed(i));
    }
    TrackingCalls calls = new TrackingCalls();
    Cache limited = Caches.sizeLimited(Storages.valueMemory(), calls, 2);

    assertEquals(5, Caches.transfer(source, limited, false, false));
    assertEquals(2, count(calls));
  }
}
