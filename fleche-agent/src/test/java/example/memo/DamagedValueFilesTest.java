package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.Fleches;
import io.fleche.agent.FlecheAgent;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Storages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A value file of a cache like the {@code sql} template's (calls in SQLite, values as files),
 * damaged between two runs of a call: the call returns its own result, computed again, a warning
 * names the damaged entry, and the entry is repaired — the next call hits, and the file holds the
 * value its name promises.
 */
class DamagedValueFilesTest {
  /** Damage to one value file; {@code other} is another value file, whole. */
  enum FileDamage {
    TRUNCATED,
    ZERO_FILLED,
    FLIPPED,
    REPLACED_BY_ANOTHER_VALUE,
    DELETED;

    void apply(Path file, Path other) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      switch (this) {
        case TRUNCATED:
          Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
          break;
        case ZERO_FILLED:
          Files.write(file, new byte[bytes.length]);
          break;
        case FLIPPED:
          for (int i = bytes.length / 3; i < bytes.length / 3 + 4; i++) {
            bytes[i] ^= (byte) 0xFF;
          }
          Files.write(file, bytes);
          break;
        case REPLACED_BY_ANOTHER_VALUE:
          Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
          break;
        case DELETED:
          Files.delete(file);
          break;
        default:
          throw new AssertionError(this);
      }
    }
  }

  @TempDir Path root;
  private Scope metaScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void reset() {
    metaScope = Fleches.meta();
    DamageSubjects.runs.set(0);
  }

  @AfterEach
  void release() {
    metaScope.close();
  }

  @ParameterizedTest
  @EnumSource(FileDamage.class)
  void aResultOfOneFile(FileDamage damage) throws IOException {
    recovers(DamageSubjects::samples, DamageSubjects::samplesOf, damage);
  }

  @ParameterizedTest
  @EnumSource(FileDamage.class)
  void theFileOfAListThatRefersToItsParts(FileDamage damage) throws IOException {
    recovers(DamageSubjects::series, DamageSubjects::seriesOf, damage);
  }

  @ParameterizedTest
  @EnumSource(FileDamage.class)
  void aPartOfAList(FileDamage damage) throws IOException {
    List<double[]> parts = DamageSubjects.seriesOf(1);
    Digest second = Digest.of(parts.get(1));
    Digest first = Digest.of(parts.get(0));
    recovers(DamageSubjects::series, DamageSubjects::seriesOf, damage, second, first);
  }

  /** The file of the result of 1 damaged, the file of the result of 2 the other value. */
  private void recovers(IntFunction<?> f, IntFunction<?> expected, FileDamage damage)
      throws IOException {
    Digest one = Digest.of(expected.apply(1));
    recovers(f, expected, damage, one, Digest.of(expected.apply(2)));
  }

  /**
   * Calls {@code f} on 1 and 2, damages the value file {@code target} (part of the result of 1)
   * with {@code other} as the value file to copy, and calls again.
   */
  private void recovers(
      IntFunction<?> f, IntFunction<?> expected, FileDamage damage, Digest target, Digest other)
      throws IOException {
    Digest result = Digest.of(expected.apply(1));
    try (DiskCache disk = DiskCache.open(root);
        Scope s = Fleches.use(disk.cache)) {
      assertSameResult(expected.apply(1), f.apply(1));
      assertSameResult(expected.apply(2), f.apply(2));
      assertEquals(2, DamageSubjects.runs.get());
      damage.apply(disk.valueFile(target), disk.valueFile(other));
      try (LogCapture log = new LogCapture()) {
        assertSameResult(expected.apply(1), f.apply(1));
        assertEquals(3, DamageSubjects.runs.get(), "computed again");
        List<String> named = log.warnings(target.toString());
        named.addAll(log.warnings(result.toString()));
        assertFalse(named.isEmpty(), "no warning names " + target + " or " + result);
      }
      assertSameResult(expected.apply(1), f.apply(1));
      assertSameResult(expected.apply(2), f.apply(2));
      assertEquals(3, DamageSubjects.runs.get(), "both hit");
    }
    // repaired: a storage opened afresh reads the value each key names
    ValueStorage values = Storages.valueFiles(root.resolve("values"), FileOptions.defaults());
    assertEquals(target, Digest.of(values.load(target)));
    assertEquals(result, Digest.of(values.load(result)));
  }

  private static void assertSameResult(Object expected, Object actual) {
    if (expected instanceof List) {
      assertArrayEquals(((List<?>) expected).toArray(), ((List<?>) actual).toArray());
    } else {
      assertArrayEquals((double[]) expected, (double[]) actual);
    }
  }
}
