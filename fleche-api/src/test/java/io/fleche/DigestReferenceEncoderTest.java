package io.fleche;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
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
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Digest#of} against a second, deliberately naive encoder written from the javadoc of
 * {@link DigestFormat} alone: plain {@link MessageDigest}, explicit byte lists, no code shared with
 * {@code Digester}. The tags are spelled out as literals here on purpose.
 */
class DigestReferenceEncoderTest {

  // --- the reference encoder -------------------------------------------------------------------

  /** {@code SHA-256(tag ‖ u64le(length) ‖ content)}. */
  static byte[] node(int tag, byte[] content) {
    MessageDigest sha = sha256();
    sha.update((byte) tag);
    sha.update(le64(content.length));
    sha.update(content);
    return sha.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] le16(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8)};
  }

  static byte[] le32(int v) {
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static byte[] le64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static byte[] be64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[7 - i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] cat(List<byte[]> parts) {
    return cat(parts.toArray(new byte[0][]));
  }

  static byte[] one(int b) {
    return new byte[] {(byte) b};
  }

  /**
   * WTF-8 from its definition: walk the code points (an unpaired surrogate is a code point of its
   * own) and encode each as generalized UTF-8 of 1 to 4 bytes.
   */
  static byte[] wtf8(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x80) {
                out.write(cp);
              } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
              } else if (cp < 0x10000) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
              } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
              }
            });
    return out.toByteArray();
  }

  static byte[] textZero(String s) {
    return cat(wtf8(s), one(0));
  }

  static byte[] refNull() {
    return node(0x00, new byte[0]);
  }

  static byte[] refInt(int v) {
    return node(0x04, le32(v));
  }

  static byte[] refLong(long v) {
    return node(0x05, le64(v));
  }

  static byte[] refDouble(double v) {
    return node(0x08, le64(Double.doubleToLongBits(v)));
  }

  static byte[] refString(String s) {
    return node(0x09, wtf8(s));
  }

  static byte[] refList(List<byte[]> children) {
    return node(0x12, cat(children));
  }

  static byte[] refSet(List<byte[]> children) {
    List<byte[]> sorted = new ArrayList<>(children);
    sorted.sort(Arrays::compareUnsigned);
    return node(0x13, cat(sorted));
  }

  /**
   * Pairs of (key digest, value digest), given alternating, sorted by key then value as unsigned
   * bytes.
   */
  static byte[] refMap(byte[]... keysAndValues) {
    List<byte[]> joined = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      joined.add(cat(keysAndValues[i], keysAndValues[i + 1]));
    }
    joined.sort(Arrays::compareUnsigned);
    return node(0x14, cat(joined));
  }

  static byte[] refRecord(Class<?> c, List<byte[]> components) {
    return node(0x15, cat(textZero(c.getName()), cat(components)));
  }

  static byte[] refEnum(Enum<?> e) {
    return node(0x0E, cat(textZero(e.getDeclaringClass().getName()), wtf8(e.name())));
  }

  /**
   * A primitive array node: element code, rank, dimensions, then the element bytes or, over 256
   * KiB, the digests of 256 KiB chunks (tag 0x1F).
   */
  static byte[] refPrimitiveArray(char code, long[] shape, byte[] elements) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(code);
    content.write(shape.length);
    for (long s : shape) {
      content.writeBytes(le64(s));
    }
    int chunk = 256 * 1024;
    if (elements.length <= chunk) {
      content.writeBytes(elements);
    } else {
      for (int from = 0; from < elements.length; from += chunk) {
        int to = Math.min(elements.length, from + chunk);
        content.writeBytes(node(0x1F, Arrays.copyOfRange(elements, from, to)));
      }
    }
    return node(0x10, content.toByteArray());
  }

  static byte[] intElements(int[] a) {
    List<byte[]> parts = new ArrayList<>();
    for (int x : a) {
      parts.add(le32(x));
    }
    return cat(parts);
  }

  static byte[] doubleElements(double[] a) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length * 8);
    for (double x : a) {
      out.writeBytes(le64(Double.doubleToLongBits(x)));
    }
    return out.toByteArray();
  }

  /** A text field inlined in a call key: 0x09, u64le length, bytes; or 0x00 and length 0. */
  static byte[] inline(String s) {
    if (s == null) {
      return cat(one(0x00), le64(0));
    }
    byte[] b = wtf8(s);
    return cat(one(0x09), le64(b.length), b);
  }

  static byte[] refCallKey(FunctionId f, List<String> names, List<byte[]> valueDigests) {
    List<byte[]> shape = new ArrayList<>();
    shape.add(inline(f.name()));
    shape.add(inline(f.signature()));
    shape.add(inline(f.module()));
    shape.add(inline(f.version()));
    shape.add(inline(f.codeDigest() == null ? null : f.codeDigest().toString()));
    shape.add(le32(names.size()));
    for (String name : names) {
      shape.add(inline(name));
    }
    List<byte[]> key = new ArrayList<>();
    key.add(node(0x22, cat(shape)));
    key.addAll(valueDigests);
    return node(0x20, cat(key));
  }

  static void assertAgrees(byte[] reference, Object value) {
    assertEquals(
        Digest.fromBytes(reference).toString(),
        Digest.of(value).toString(),
        () -> "reference encoder and Digest.of disagree for " + describe(value));
  }

  private static String describe(Object value) {
    String s = String.valueOf(value);
    return (value == null ? "null" : value.getClass().getName())
        + " "
        + (s.length() > 80 ? s.substring(0, 80) + "..." : s);
  }

  // --- test types --------------------------------------------------------------------------------

  record Point(int x, String label) {}

  record Wrapper(Object inner, List<Integer> xs) {}

  enum Mode {
    FAST,
    SLOW {
      @Override
      public String toString() {
        return "slow with a body";
      }
    }
  }

  static class Base {
    int id = 7;
  }

  static class Derived extends Base {
    transient String cache = "ignored";
    static int counter = 3;
    String name = "n";
    long amount = 9L;
  }

  // --- the WTF-8 helper itself -------------------------------------------------------------------

  @Test
  void referenceWtf8_wellFormedText_equalsUtf8() {
    for (String s : List.of("", "abc", "é", "€", "日本語", "😀", "a😀b", "\u0000")) {
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), wtf8(s), s);
    }
  }

  @Test
  void referenceWtf8_unpairedSurrogates_encodeAsThreeBytes() {
    assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, wtf8("\uD800"));
    assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, wtf8("\uDC00"));
    // a low surrogate before a high one is two unpaired surrogates, not a pair
    assertArrayEquals(
        new byte[] {
          (byte) 0xED, (byte) 0xB0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80
        },
        wtf8("\uDC00\uD800"));
  }

  // --- scalars -----------------------------------------------------------------------------------

  @Test
  void digestOf_null_matchesReference() {
    assertAgrees(refNull(), null);
  }

  @Test
  void digestOf_integers_matchReference() {
    for (int v : new int[] {0, 1, -1, 42, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304}) {
      assertAgrees(refInt(v), v);
    }
  }

  @Test
  void digestOf_longs_matchReference() {
    for (long v : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L}) {
      assertAgrees(refLong(v), v);
    }
  }

  @Test
  void digestOf_doubles_matchReference() {
    double nonCanonicalNaN = Double.longBitsToDouble(0x7ff8000000000abcL);
    for (double v :
        new double[] {
          0.0,
          -0.0,
          1.5,
          -2.25e-300,
          Double.NaN,
          nonCanonicalNaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE
        }) {
      assertAgrees(refDouble(v), v);
    }
  }

  @Test
  void digestOf_otherScalars_matchReference() {
    assertAgrees(node(0x01, one(1)), true);
    assertAgrees(node(0x01, one(0)), false);
    assertAgrees(node(0x02, one(0xFE)), (byte) -2);
    assertAgrees(node(0x03, le16(0x1234)), (short) 0x1234);
    assertAgrees(node(0x06, le16('é')), 'é');
    assertAgrees(node(0x06, le16(0xD800)), '\uD800');
    assertAgrees(node(0x07, le32(Float.floatToIntBits(1.5f))), 1.5f);
    assertAgrees(node(0x07, le32(0x7fc00000)), Float.intBitsToFloat(0x7fc00123));
    assertAgrees(node(0x0A, new byte[] {0x00, (byte) 0x80}), BigInteger.valueOf(128));
    assertAgrees(node(0x0A, new byte[] {(byte) 0xFF}), BigInteger.valueOf(-1));
    assertAgrees(node(0x0B, cat(le32(2), new byte[] {0x00, (byte) 0x96})), new BigDecimal("1.50"));
    assertAgrees(
        node(0x0B, cat(le32(-3), new byte[] {0x07})), new BigDecimal("7E+3"));
    UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    assertAgrees(
        node(0x0C, cat(be64(u.getMostSignificantBits()), be64(u.getLeastSignificantBits()))), u);
    assertAgrees(node(0x0C, hex("00112233445566778899aabbccddeeff")), u);
    assertAgrees(node(0x0D, wtf8("java.lang.String")), String.class);
    assertAgrees(node(0x0D, wtf8("[I")), int[].class);
    LocalDate date = LocalDate.of(2024, 2, 29);
    assertAgrees(node(0x0F, cat(textZero("java.time.LocalDate"), wtf8("2024-02-29"))), date);
  }

  @Test
  void digestOf_strings_matchReference() {
    for (String s :
        List.of(
            "",
            "hello",
            "Iıİi",
            "naïve café",
            "€ 100",
            "😀 emoji",
            "\uD83D\uDE00",
            "unpaired high \uD800 here",
            "unpaired low \uDC00",
            "reversed pair \uDE00\uD83D",
            "trailing high \uD83D",
            "\u0000 nul")) {
      assertAgrees(refString(s), s);
    }
  }

  @Test
  void digestOf_enum_matchesReference() {
    assertAgrees(refEnum(Mode.FAST), Mode.FAST);
    // a constant with a body is an anonymous subclass; the declaring class is what counts
    assertAgrees(refEnum(Mode.SLOW), Mode.SLOW);
    assertAgrees(
        node(0x0E, cat(textZero("io.fleche.DigestReferenceEncoderTest$Mode"), wtf8("SLOW"))),
        Mode.SLOW);
  }

  // --- arrays ------------------------------------------------------------------------------------

  @Test
  void digestOf_smallIntArray_matchesReference() {
    int[] a = {1, -2, 0x01020304};
    assertAgrees(refPrimitiveArray('I', new long[] {3}, intElements(a)), a);
    assertAgrees(refPrimitiveArray('I', new long[] {0}, new byte[0]), new int[0]);
  }

  @Test
  void digestOf_otherPrimitiveArrays_matchReference() {
    assertAgrees(
        refPrimitiveArray('Z', new long[] {3}, new byte[] {1, 0, 1}),
        new boolean[] {true, false, true});
    assertAgrees(refPrimitiveArray('B', new long[] {2}, new byte[] {5, -1}), new byte[] {5, -1});
    assertAgrees(
        refPrimitiveArray('S', new long[] {2}, cat(le16(1), le16(0xFFFF))), new short[] {1, -1});
    assertAgrees(
        refPrimitiveArray('C', new long[] {2}, cat(le16('a'), le16(0xD800))),
        new char[] {'a', '\uD800'});
    assertAgrees(
        refPrimitiveArray('J', new long[] {2}, cat(le64(1), le64(-1))), new long[] {1, -1});
    assertAgrees(
        refPrimitiveArray(
            'F',
            new long[] {2},
            cat(le32(Float.floatToIntBits(-0.0f)), le32(Float.floatToIntBits(Float.NaN)))),
        new float[] {-0.0f, Float.intBitsToFloat(0x7fc00456)});
    assertAgrees(
        refPrimitiveArray('D', new long[] {2}, doubleElements(new double[] {0.5, -0.0})),
        new double[] {0.5, -0.0});
  }

  @Test
  void digestOf_rectangularIntMatrix_isOneRowMajorNode() {
    int[][] m = {{1, 2, 3}, {4, 5, 6}};
    assertAgrees(
        refPrimitiveArray('I', new long[] {2, 3}, intElements(new int[] {1, 2, 3, 4, 5, 6})), m);
  }

  @Test
  void digestOf_jaggedIntMatrix_isObjectArrayOfRows() {
    int[][] m = {{1, 2}, {3}, null};
    byte[] row0 = refPrimitiveArray('I', new long[] {2}, intElements(new int[] {1, 2}));
    byte[] row1 = refPrimitiveArray('I', new long[] {1}, intElements(new int[] {3}));
    assertAgrees(node(0x11, cat(textZero("[I"), row0, row1, refNull())), m);
  }

  @Test
  void digestOf_doubleArrayOverOneChunk_matchesChunkedReference() {
    double[] a = new double[40_000]; // 320000 bytes: one full chunk and a partial one
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.5;
    }
    assertAgrees(refPrimitiveArray('D', new long[] {a.length}, doubleElements(a)), a);
  }

  @Test
  void digestOf_doubleArrayOfManyChunks_matchesChunkedReference() {
    double[] a = new double[300_000]; // 2.4 MB: 10 chunks, hashed in parallel
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(i) * 1e6;
    }
    assertAgrees(refPrimitiveArray('D', new long[] {a.length}, doubleElements(a)), a);
  }

  @Test
  void digestOf_byteArraysAtTheChunkBoundary_matchReference() {
    byte[] exact = new byte[256 * 1024];
    byte[] plusOne = new byte[256 * 1024 + 1];
    for (int i = 0; i < plusOne.length; i++) {
      plusOne[i] = (byte) (i * 31);
      if (i < exact.length) {
        exact[i] = (byte) (i * 31);
      }
    }
    assertAgrees(refPrimitiveArray('B', new long[] {exact.length}, exact), exact);
    assertAgrees(refPrimitiveArray('B', new long[] {plusOne.length}, plusOne), plusOne);
  }

  @Test
  void digestOf_largeRectangularMatrixWithRowsAcrossChunks_matchesReference() {
    double[][] m = new double[100][333]; // 266400 bytes; rows of 2664 bytes straddle the boundary
    double[] flat = new double[100 * 333];
    for (int r = 0; r < 100; r++) {
      for (int c = 0; c < 333; c++) {
        m[r][c] = r * 1000 + c + 0.25;
        flat[r * 333 + c] = m[r][c];
      }
    }
    assertAgrees(refPrimitiveArray('D', new long[] {100, 333}, doubleElements(flat)), m);
  }

  @Test
  void digestOf_objectArray_matchesReference() {
    Object[] a = {1, "x", null};
    assertAgrees(
        node(0x11, cat(textZero("java.lang.Object"), refInt(1), refString("x"), refNull())), a);
    String[] s = {"a"};
    assertAgrees(node(0x11, cat(textZero("java.lang.String"), refString("a"))), s);
  }

  // --- containers --------------------------------------------------------------------------------

  @Test
  void digestOf_list_matchesReference() {
    List<Object> list = Arrays.asList(1, "two", null, 3L, List.of());
    assertAgrees(
        refList(
            List.of(refInt(1), refString("two"), refNull(), refLong(3), refList(List.of()))),
        list);
  }

  @Test
  void digestOf_set_sortsElementDigests() {
    Set<Object> set = new HashSet<>(List.of(1, 2, 3, "a", "b", 2.5));
    assertAgrees(
        refSet(
            List.of(
                refInt(1), refInt(2), refInt(3), refString("a"), refString("b"), refDouble(2.5))),
        set);
    assertAgrees(node(0x13, new byte[0]), Set.of());
  }

  @Test
  void digestOf_map_sortsPairsByKeyDigest() {
    Map<Object, Object> map = new HashMap<>();
    map.put("a", 1);
    map.put("b", List.of(2));
    map.put(3, null);
    map.put(null, "n");
    assertAgrees(
        refMap(
            refString("a"), refInt(1),
            refString("b"), refList(List.of(refInt(2))),
            refInt(3), refNull(),
            refNull(), refString("n")),
        map);
  }

  @Test
  void digestOf_optional_matchesReference() {
    assertAgrees(node(0x16, new byte[0]), Optional.empty());
    assertAgrees(node(0x16, refString("x")), Optional.of("x"));
  }

  @Test
  void digestOf_record_matchesReference() {
    assertAgrees(refRecord(Point.class, List.of(refInt(3), refString("p"))), new Point(3, "p"));
    assertAgrees(
        refRecord(
            Wrapper.class,
            List.of(
                refRecord(Point.class, List.of(refInt(-1), refNull())),
                refList(List.of(refInt(1), refInt(2))))),
        new Wrapper(new Point(-1, null), List.of(1, 2)));
  }

  @Test
  void digestOf_plainObject_superclassFieldsFirstThenByName() {
    byte[] expected =
        node(
            0x17,
            cat(
                textZero(Derived.class.getName()),
                textZero("id"),
                refInt(7),
                textZero("amount"),
                refLong(9),
                textZero("name"),
                refString("n")));
    assertAgrees(expected, new Derived());
  }

  @Test
  void digestOf_digest_isItsOwnDigest() {
    byte[] raw = refString("x");
    Digest d = Digest.fromBytes(raw);
    assertAgrees(raw, d);
    assertAgrees(refList(List.of(raw, refInt(1))), List.of(d, 1));
  }

  // --- calls -------------------------------------------------------------------------------------

  @Test
  void lookupKey_fullIdentity_matchesReference() {
    Digest code = Digest.of("bytecode");
    FunctionId f =
        new FunctionId("Physics.simulate", "(int,java.lang.String)", "org.x", "1.2", code);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", 100);
    args.put("label", "é\uD800");
    args.put("nothing", null);
    byte[] expected =
        refCallKey(
            f,
            List.of("steps", "label", "nothing"),
            List.of(refInt(100), refString("é\uD800"), refNull()));
    assertEquals(Digest.fromBytes(expected), Call.of(f, args).lookupKey());
  }

  @Test
  void lookupKey_absentIdentityFieldsAndNoArguments_matchesReference() {
    FunctionId f = FunctionId.named("f");
    assertEquals(
        Digest.fromBytes(refCallKey(f, List.of(), List.of())), Call.of(f, Map.of()).lookupKey());
    // an empty string is present, not absent
    FunctionId empty = new FunctionId("f", "", null, null, null);
    assertEquals(
        Digest.fromBytes(refCallKey(empty, List.of(), List.of())),
        Call.of(empty, Map.of()).lookupKey());
  }

  @Test
  void callDigest_withAndWithoutResult_matchesReference() {
    FunctionId f = FunctionId.named("g");
    Call pending = Call.of(f, Map.of("x", 1));
    byte[] key = refCallKey(f, List.of("x"), List.of(refInt(1)));
    // metadata: a map of namespace to map; integral numbers become Long
    Map<String, Map<String, Object>> meta = new TreeMap<>();
    meta.put("tags", Map.of("n", 3));
    byte[] metaDigest = refMap(refString("tags"), refMap(refString("n"), refLong(3)));
    byte[] emptyMeta = refMap();

    assertEquals(
        Digest.fromBytes(node(0x21, cat(key, one(0), emptyMeta))), pending.digest(), "pending");
    assertEquals(
        Digest.fromBytes(node(0x21, cat(key, one(1), refString("r"), emptyMeta))),
        pending.withResult("r").digest(),
        "with result");
    assertEquals(
        Digest.fromBytes(node(0x21, cat(key, one(1), refNull(), metaDigest))),
        pending.withResult(null).withMetadata(meta).digest(),
        "null result and metadata");
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
