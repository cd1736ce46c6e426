package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @Fleche(hashBytecode = true)}: the method's own bytecode takes part in its key. */
class HashBytecodeTest {
  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  private static Digest codeDigest(Class<?> type) {
    return Fleches.function(type, "compute").function().codeDigest();
  }

  @Test
  void differentBodies_differ_andEqualBodies_agree() {
    Digest plus = codeDigest(BytecodeSubjects.Plus.class);
    assertNotNull(plus);
    assertEquals(plus, codeDigest(BytecodeSubjects.AlsoPlus.class), "equal bodies");
    assertNotEquals(plus, codeDigest(BytecodeSubjects.Times.class), "different bodies");
    assertNull(codeDigest(BytecodeSubjects.NotHashed.class), "not asked for");
  }

  @Test
  void theCodeDigest_isPartOfTheKey_andOfTheRecord() {
    Cache cache = Caches.memory();
    FlecheFunction plus = Fleches.function(BytecodeSubjects.Plus.class, "compute");
    try (Scope s = Fleches.use(cache)) {
      BytecodeSubjects.runs.set(0);
      assertEquals(4, BytecodeSubjects.Plus.compute(3));
      assertEquals(4, BytecodeSubjects.Plus.compute(3));
      assertEquals(1, BytecodeSubjects.runs.get());
      assertTrue(cache.contains(plus.digest(3)));
    }
    assertEquals(plus.function().codeDigest(), cache.query().only().function().codeDigest());
  }
}
