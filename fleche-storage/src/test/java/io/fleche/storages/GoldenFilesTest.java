package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.FunctionId;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the on-disk format in {@code src/test/resources/io/fleche/storages/golden}: each
 * still decodes to its value, and encoding the value today gives the same bytes, so that any
 * change of the format is noticed (and needs a new format version). After a deliberate change,
 * regenerate them with {@code mvn -pl fleche-api,fleche-storage test -Dtest=GoldenFilesTest
 * -Dfleche.golden.write=true} and bump {@link FramedCodec#VERSION} if old files no longer read.
 */
class GoldenFilesTest {
  private static final Path SOURCES = Path.of("src/test/resources/io/fleche/storages/golden");
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";

  record Sample(String name, double[] data, Map<String, Integer> counts) {}

  static final class Plain {
    String label = "plain";
    long[] ids = {1, 2};
    Sample sample = new Sample("inner", new double[] {0.5}, new TreeMap<>(Map.of("a", 1)));
  }

  /** A golden file: its name, the options that wrote it, its value. */
  record Golden(String file, FileOptions options, Supplier<Object> value) {
    @Override
    public String toString() {
      return file;
    }

    /** The key the file is encoded for: its value's digest, as a value storage keys it. */
    Digest key() {
      return Digest.of(value.get());
    }

    Codec codec() {
      return options.allow(GoldenFilesTest.class.getName()).codec();
    }

    /** Deflate output depends on the zlib build: compressed files are compared by content. */
    boolean bytesAreStable() {
      return !file.contains("compressed");
    }
  }

  private static final FileOptions UNSIGNED = FileOptions.defaults().signingKeys(List.of());
  private static final FileOptions SIGNED = FileOptions.defaults().signingKeysHex(List.of(KEY));

  static List<Object> scalars() {
    return new ArrayList<>(Arrays.asList(
        null, true, 1, 2L, (short) 3, (byte) 4, 'c', 5.5f, 6.25, "seven",
        new BigDecimal("1.50"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        LocalDate.of(2026, 11, 26), Instant.ofEpochSecond(1_700_000_000L), Digest.of("x")));
  }

  static Object call() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", 10);
    args.put("dt", 0.1);
    return Call.of(new FunctionId("Physics.simulate", "(int,double)", "org.example", "1.0", null), args)
        .withResult(2.5)
        .withMetadata(Map.of("runtime", new TreeMap<>(Map.of("walltime", 1.5, "host", "h"))))
        .digested();
  }

  static Object destructured() {
    return new Parts.ListParts(ArrayList.class, List.of(1, new Parts.Ref(Digest.of(List.of(2)))));
  }

  static Stream<Golden> goldens() {
    return Stream.of(
        new Golden("scalars.smile", UNSIGNED, GoldenFilesTest::scalars),
        new Golden("double-array.smile", UNSIGNED,
            () -> new double[] {1.5, -0.0, Double.NaN, Double.MAX_VALUE}),
        new Golden("objects.smile", UNSIGNED, () -> List.of(new Plain(), new Plain())),
        new Golden("destructured.smile", UNSIGNED, GoldenFilesTest::destructured),
        new Golden("call.smile", UNSIGNED, GoldenFilesTest::call),
        new Golden("call-signed.smile", SIGNED, GoldenFilesTest::call),
        new Golden("scalars-compressed-signed.smile", SIGNED.compress(true), GoldenFilesTest::scalars),
        new Golden("list.java", UNSIGNED.serializer(Serializers.JAVA),
            () -> new ArrayList<>(List.of(1, "two", 3.0))));
  }

  private static byte[] golden(String file) throws IOException {
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("golden/" + file)) {
      assertNotNull(in, "missing golden file " + file);
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @MethodSource("goldens")
  void goldenFile_decodesToItsValue(Golden g) throws IOException {
    Object expected = g.value().get();
    Object decoded = g.codec().decode(g.key(), golden(g.file()));
    assertEquals(Digest.of(expected), Digest.of(decoded));
    if (expected != null) {
      assertEquals(expected.getClass(), decoded.getClass());
    }
  }

  @ParameterizedTest
  @MethodSource("goldens")
  void encodingToday_givesTheGoldenBytes(Golden g) throws IOException {
    byte[] now = g.codec().encode(g.key(), g.value().get());
    byte[] golden = golden(g.file());
    if (g.bytesAreStable()) {
      assertArrayEquals(golden, now, "the format of " + g.file() + " changed");
    } else {
      assertArrayEquals(Arrays.copyOf(golden, 16), Arrays.copyOf(now, 16), "header and length");
    }
  }

  @Test
  void write() throws IOException {
    Assumptions.assumeTrue(Boolean.getBoolean("fleche.golden.write"), "regenerates on request only");
    Files.createDirectories(SOURCES);
    for (Golden g : goldens().toList()) {
      Files.write(SOURCES.resolve(g.file()), g.codec().encode(g.key(), g.value().get()));
    }
  }
}
