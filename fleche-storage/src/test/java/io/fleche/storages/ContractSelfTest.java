package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.StorageBackend;
import io.fleche.storage.ValueStorage;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The conformance suites catch broken storages (a suite that passes everything proves nothing). */
class ContractSelfTest {
  /** A value storage that drops every value. */
  private static ValueStorage dropping() {
    return Storages.values(new VoidBackend<>());
  }

  /** A value storage that keeps references to what it was given (no copies). */
  private static ValueStorage aliasing() {
    return Storages.values(new MemoryBackend<>(v -> v));
  }

  /** A call storage that files every call under the digest of its name alone. */
  private static CallStorage keyedByName() {
    MemoryBackend<DigestedCall> memory = new MemoryBackend<>(c -> c);
    return Storages.calls(
        new StorageBackend<>() {
          @Override
          public void put(Digest key, DigestedCall value) {
            memory.put(Digest.of(value.name()), value);
          }

          @Override
          public DigestedCall get(Digest key) {
            return memory.get(key);
          }

          @Override
          public Stream<Digest> list() {
            return memory.list();
          }

          @Override
          public void evict(Digest key) {
            memory.evict(key);
          }
        });
  }

  /** A call storage that loses metadata. */
  private static CallStorage forgetful() {
    return Storages.calls(new MemoryBackend<>(c -> c.withMetadata(Map.of())));
  }

  private static ValueStorageContract valueSuite(ValueStorage s) {
    ValueStorageContract suite =
        new ValueStorageContract() {
          @Override
          ValueStorage create() {
            return s;
          }
        };
    suite.setUp();
    return suite;
  }

  private static CallStorageContract callSuite(CallStorage s) {
    CallStorageContract suite =
        new CallStorageContract() {
          @Override
          CallStorage create() {
            return s;
          }
        };
    suite.setUp();
    return suite;
  }

  /** A test of the suite fails (an assertion, or an exception the storage should not throw). */
  private static void assertSuiteFails(Executable suiteTest) {
    assertThrows(Throwable.class, suiteTest);
  }

  @Test
  void valueSuite_failsAStorageThatDropsValues() {
    assertSuiteFails(valueSuite(dropping())::save_nullValue_isStoredAndLoaded);
    assertSuiteFails(valueSuite(dropping())::load_returnsAnEqualValue);
  }

  @Test
  void valueSuite_failsAStorageThatAliasesValues() {
    assertSuiteFails(valueSuite(aliasing())::mutatingASavedValue_doesNotChangeTheStoredOne);
  }

  @Test
  void callSuite_failsAStorageThatIgnoresTheLookupKey() {
    assertSuiteFails(callSuite(keyedByName())::save_returnsTheLookupKey_andLoadReturnsTheRecord);
    assertSuiteFails(callSuite(keyedByName())::overloads_neverShareKeys);
  }

  @Test
  void callSuite_failsAStorageThatLosesMetadata() {
    assertSuiteFails(callSuite(forgetful())::query_byMetadata_plainEquality_presence_andNamespaces);
  }
}
