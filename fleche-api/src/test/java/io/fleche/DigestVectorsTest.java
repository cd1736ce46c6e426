package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors: {@code digest-vectors.txt} freezes the encoding of {@link DigestFormat}
 * version 1. Each line is a case name, a tab and the expected digest; the values are built by
 * {@link #cases()}. If this test fails, the encoding changed: that needs a new format version and
 * a re-keying of stored caches, not a new vector file. (Renaming this class or its nested types
 * changes vectors too: their class names are part of the encoding.)
 *
 * <p>Every run also writes what it computed to {@code target/digest-vectors.computed.txt}.
 */
class DigestVectorsTest {
  static final String RESOURCE = "/digest-vectors.txt";

  // --- types whose class names are frozen into the vectors ---------------------------------------

  record Point(int x, int y) {}

  record Named(String name, Object value, List<Point> points) {}

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "a constant with a body";
      }
    }
  }

  static class Animal {
    String name = "rex";
    int legs = 4;
  }

  static class Dog extends Animal {
    static String kingdom = "not digested";
    transient int cachedHash = 1234;
    boolean goodBoy = true;
    Object toy = List.of("ball", 2);
  }

  // --- the cases ---------------------------------------------------------------------------------

  /** One vector: how to compute its digest, and the value it digests (null for call cases). */
  record Case(String name, Supplier<Object> value, Supplier<Digest> digest) {
    /** True if the value holds no fleche-api type, so an isolated copy of the API can digest it. */
    boolean portable() {
      return value != null && !name.startsWith("digest.");
    }
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // null and scalars
    value(c, "null", () -> null);
    value(c, "boolean.true", () -> true);
    value(c, "boolean.false", () -> false);
    value(c, "byte.minus2", () -> (byte) -2);
    value(c, "short.4660", () -> (short) 0x1234);
    value(c, "int.0", () -> 0);
    value(c, "int.1", () -> 1);
    value(c, "int.minus1", () -> -1);
    value(c, "int.min", () -> Integer.MIN_VALUE);
    value(c, "long.1", () -> 1L);
    value(c, "long.max", () -> Long.MAX_VALUE);
    value(c, "char.A", () -> 'A');
    value(c, "char.eAcute", () -> 'é');
    value(c, "char.unpairedHigh", () -> '\uD800');
    value(c, "float.1.5", () -> 1.5f);
    value(c, "float.minusZero", () -> -0.0f);
    value(c, "float.NaN", () -> Float.NaN);
    value(c, "double.zero", () -> 0.0);
    value(c, "double.minusZero", () -> -0.0);
    value(c, "double.NaN", () -> Double.NaN);
    value(c, "double.positiveInfinity", () -> Double.POSITIVE_INFINITY);
    value(c, "double.negativeInfinity", () -> Double.NEGATIVE_INFINITY);
    value(c, "double.1.0", () -> 1.0);
    value(c, "double.pi", () -> Math.PI);
    // text
    value(c, "string.empty", () -> "");
    value(c, "string.ascii", () -> "hello, world");
    value(c, "string.one", () -> "1");
    value(c, "string.nonAscii", () -> "naïve café – 100 €");
    value(c, "string.turkish", () -> "Iıİi");
    value(c, "string.emoji", () -> "smile 😀");
    value(c, "string.unpairedHighSurrogate", () -> "a\uD800b");
    value(c, "string.unpairedLowSurrogate", () -> "a\uDC00b");
    value(c, "string.nul", () -> "a\u0000b");
    // numbers with arbitrary precision, identifiers, classes, enums
    value(c, "bigInteger.zero", () -> BigInteger.ZERO);
    value(c, "bigInteger.minus2pow100", () -> BigInteger.TWO.pow(100).negate());
    value(c, "bigDecimal.1.0", () -> new BigDecimal("1.0"));
    value(c, "bigDecimal.1.00", () -> new BigDecimal("1.00"));
    value(c, "bigDecimal.negativeScale", () -> new BigDecimal("-12E+5"));
    value(c, "uuid", () -> UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    value(c, "class.String", () -> String.class);
    value(c, "class.intArray", () -> int[].class);
    value(c, "class.primitiveLong", () -> long.class);
    value(c, "enum.plain", () -> Color.RED);
    value(c, "enum.constantWithBody", () -> Color.GREEN);
    // java.time
    value(c, "time.Instant", () -> Instant.parse("2024-01-02T03:04:05.123456789Z"));
    value(c, "time.LocalDate", () -> LocalDate.of(2024, 2, 29));
    value(c, "time.LocalDateTime", () -> LocalDateTime.of(1999, 12, 31, 23, 59, 58));
    value(c, "time.Duration", () -> Duration.ofSeconds(3723, 5));
    value(
        c,
        "time.ZonedDateTime",
        () -> ZonedDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneId.of("Europe/Paris")));
    // primitive arrays
    value(c, "booleanArray", () -> new boolean[] {true, false, true});
    value(c, "byteArray", () -> new byte[] {0, 1, -1, 127, -128});
    value(c, "byteArray.empty", () -> new byte[0]);
    value(c, "shortArray", () -> new short[] {1, -1, Short.MAX_VALUE});
    value(c, "charArray", () -> new char[] {'h', 'é', '\uD83D', '\uDE00'});
    value(c, "intArray", () -> new int[] {1, 2, 3});
    value(c, "intArray.empty", () -> new int[0]);
    value(c, "longArray", () -> new long[] {1, 2, Long.MIN_VALUE});
    value(c, "floatArray", () -> new float[] {0.5f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY});
    value(c, "doubleArray", () -> new double[] {0.5, -0.0, Double.NaN, Double.MAX_VALUE});
    value(c, "intMatrix.rectangular", () -> new int[][] {{1, 2, 3}, {4, 5, 6}});
    value(c, "intMatrix.jagged", () -> new int[][] {{1, 2}, {3}});
    value(c, "intMatrix.nullRow", () -> new int[][] {{1, 2}, null});
    value(c, "intMatrix.zeroRows", () -> new int[0][]);
    value(c, "doubleCube", () -> new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    value(c, "doubleArray.chunked", () -> halves(40_000)); // 320000 bytes: 2 chunks
    value(c, "doubleArray.chunkedParallel", () -> halves(300_000)); // 2.4 MB: 10 chunks
    value(c, "byteArray.exactlyOneChunk", () -> bytes(256 * 1024));
    value(c, "byteArray.oneChunkPlusOneByte", () -> bytes(256 * 1024 + 1));
    value(c, "doubleMatrix.chunked", () -> matrix(100, 333));
    // object arrays and collections
    value(c, "objectArray", () -> new Object[] {1, "two", null, 3.0});
    value(c, "stringArray", () -> new String[] {"a", "b"});
    value(c, "objectArray.empty", () -> new Object[0]);
    value(c, "list.empty", List::of);
    value(c, "list.ints", () -> List.of(1, 2, 3));
    value(c, "list.withNull", () -> Arrays.asList("a", null));
    value(c, "set.empty", Set::of);
    value(c, "set.ints", () -> new HashSet<>(List.of(3, 1, 2)));
    value(c, "set.strings", () -> Set.of("x", "y", "z"));
    value(c, "map.empty", Map::of);
    value(c, "map.stringToInt", () -> new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3)));
    value(c, "map.mixedKeys", DigestVectorsTest::mixedKeyMap);
    value(c, "nested", DigestVectorsTest::nested);
    // records, plain objects, optionals
    value(c, "record.point", () -> new Point(3, -4));
    value(c, "record.nested", () -> new Named("n", Optional.of(1L), List.of(new Point(1, 2))));
    value(c, "object.inheritedAndTransient", Dog::new);
    value(c, "optional.empty", Optional::empty);
    value(c, "optional.present", () -> Optional.of("x"));
    // the Merkle pass-through
    value(
        c,
        "digest.passThrough",
        () -> Digest.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    value(c, "digest.inList", () -> List.of(Digest.of("x"), 1));
    // calls
    digest(c, "call.lookupKey.named", () -> Call.of(FunctionId.named("f"), Map.of()).lookupKey());
    digest(c, "call.lookupKey.full", () -> fullCall().lookupKey());
    digest(c, "call.digest.pending", () -> fullCall().digest());
    digest(
        c,
        "call.digest.resultAndMetadata",
        () ->
            fullCall()
                .withResult(List.of(1.5, "r"))
                .withMetadata(Map.of("runtime", Map.of("ms", 12, "host", "h"), "tags", Map.of()))
                .digest());
    digest(c, "call.digest.nullResult", () -> fullCall().withResult(null).digest());
    return c;
  }

  private static void value(List<Case> c, String name, Supplier<Object> value) {
    c.add(new Case(name, value, () -> Digest.of(value.get())));
  }

  private static void digest(List<Case> c, String name, Supplier<Digest> digest) {
    c.add(new Case(name, null, digest));
  }

  static double[] halves(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i * 0.5;
    }
    return a;
  }

  static byte[] bytes(int n) {
    byte[] a = new byte[n];
    for (int i = 0; i < n; i++) {
      a[i] = (byte) (i * 31 + 7);
    }
    return a;
  }

  static double[][] matrix(int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        m[r][k] = r * 1000 + k + 0.25;
      }
    }
    return m;
  }

  private static Map<Object, Object> mixedKeyMap() {
    Map<Object, Object> m = new HashMap<>();
    m.put(1, "int key");
    m.put(1L, "long key");
    m.put("1", "string key");
    m.put(null, "null key");
    m.put(List.of(1), null);
    return m;
  }

  private static Object nested() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("list", List.of(1, List.of(2, List.of(3))));
    m.put("set", Set.of("a"));
    m.put("array", new long[] {1, 2});
    m.put("record", new Point(0, 0));
    m.put("optional", Optional.of(Optional.empty()));
    return List.of(m, "tail");
  }

  static Call fullCall() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", 100);
    args.put("name", "run");
    args.put("weights", new double[] {0.25, 0.75});
    return Call.of(
        new FunctionId(
            "Physics.simulate",
            "(int,java.lang.String,double[])",
            "org.example.physics",
            "1.0.0",
            Digest.of("bytecode")),
        args);
  }

  // --- the file ----------------------------------------------------------------------------------

  static Map<String, String> readVectors() throws IOException {
    Map<String, String> vectors = new LinkedHashMap<>();
    try (InputStream in = DigestVectorsTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        assertEquals(2, parts.length, "line " + n + " is not 'name<TAB>digest': " + line);
        assertTrue(Digest.isDigest(parts[1]), "line " + n + ": not a digest: " + parts[1]);
        assertEquals(
            parts[1].toLowerCase(java.util.Locale.ROOT), parts[1], "line " + n + ": uppercase");
        String previous = vectors.put(parts[0], parts[1]);
        assertEquals(null, previous, "line " + n + ": duplicate case " + parts[0]);
      }
    }
    return vectors;
  }

  private static String computedFile(Map<String, String> computed) {
    StringBuilder s = new StringBuilder();
    computed.forEach((k, v) -> s.append(k).append('\t').append(v).append('\n'));
    return s.toString();
  }

  @Test
  void vectorFile_listsExactlyTheCasesInCode() throws IOException {
    Map<String, String> file = readVectors();
    List<String> names = new ArrayList<>();
    cases().forEach(k -> names.add(k.name()));
    assertEquals(names.size(), new HashSet<>(names).size(), "duplicate case names in code");
    assertEquals(names, new ArrayList<>(file.keySet()), "case names in file vs code");
    assertTrue(names.size() >= 45, "too few vectors: " + names.size());
  }

  @Test
  void digestOf_everyCase_equalsKnownAnswer() throws IOException {
    Map<String, String> file = readVectors();
    Map<String, String> computed = new LinkedHashMap<>();
    for (Case k : cases()) {
      computed.put(k.name(), k.digest().get().toString());
    }
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(
          target.resolve("digest-vectors.computed.txt"),
          computedFile(computed),
          StandardCharsets.UTF_8);
    }
    List<String> wrong = new ArrayList<>();
    computed.forEach(
        (name, hex) -> {
          if (!hex.equals(file.get(name))) {
            wrong.add(name + ": expected " + file.get(name) + ", got " + hex);
          }
        });
    if (!wrong.isEmpty()) {
      fail(
          "The canonical encoding changed for "
              + wrong.size()
              + " vector(s):\n  "
              + String.join("\n  ", wrong));
    }
  }

  @Test
  void digestOf_everyCaseTwice_isStable() {
    for (Case k : cases()) {
      assertEquals(k.digest().get(), k.digest().get(), k.name());
    }
  }

  @Test
  void digestOf_hookFreeFastPath_equalsKnownAnswers() throws IOException {
    // In this JVM a DigestHook is discovered through ServiceLoader, which disables the fast path
    // for String/Integer/Long/Digest. An isolated copy of the API has no hooks: same answers.
    Map<String, String> file = readVectors();
    int checked = 0;
    try (IsolatedFleche isolated = new IsolatedFleche()) {
      for (Case k : cases()) {
        if (k.portable()) {
          assertEquals(file.get(k.name()), isolated.digestHex(k.value().get()), k.name());
          checked++;
        }
      }
      assertEquals(
          file.get("digest.passThrough"),
          isolated.digestHex(isolated.digest(file.get("digest.passThrough"))));
      assertEquals(
          file.get("digest.inList"),
          isolated.digestHex(List.of(isolated.digest(Digest.of("x").toString()), 1)));
    }
    assertTrue(checked >= 80, "checked " + checked);
  }
}
