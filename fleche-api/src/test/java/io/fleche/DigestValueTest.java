package io.fleche;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Digest} as a value: text and byte forms, equality, order, prefixes. */
class DigestValueTest {
  static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  /** A digest whose hex form is {@code prefix} padded with {@code fill}. */
  static Digest hex(String prefix, char fill) {
    return Digest.fromHex(prefix + String.valueOf(fill).repeat(64 - prefix.length()));
  }

  static List<Digest> randomDigests(int n, long seed) {
    Random r = new Random(seed);
    List<Digest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      out.add(Digest.fromBytes(b));
    }
    return out;
  }

  @Test
  void fromHex_toString_roundTrips() {
    assertEquals(HEX, Digest.fromHex(HEX).toString());
    for (Digest d : randomDigests(200, 1)) {
      assertEquals(d, Digest.fromHex(d.toString()));
      assertEquals(64, d.toString().length());
      assertEquals(HexFormat.of().formatHex(d.toBytes()), d.toString());
    }
  }

  @Test
  void fromHex_uppercase_isAcceptedAndPrintedLowercase() {
    Digest upper = Digest.fromHex(HEX.toUpperCase(Locale.ROOT));
    assertEquals(Digest.fromHex(HEX), upper);
    assertEquals(HEX, upper.toString());
    String mixed = "0123456789ABCDEF0123456789abcdef" + HEX.substring(32);
    assertEquals(Digest.fromHex(HEX), Digest.fromHex(mixed));
  }

  @Test
  void fromHex_badInput_isRejected() {
    for (String bad :
        List.of(
            "",
            HEX.substring(1),
            HEX + "0",
            "g" + HEX.substring(1),
            " " + HEX.substring(1),
            HEX.substring(1) + "\n",
            "-" + HEX.substring(1),
            "0x" + HEX.substring(2),
            // non-ASCII characters that Character.digit would read as hex digits
            "\u0663" + HEX.substring(1), // ARABIC-INDIC DIGIT THREE
            "\uFF21" + HEX.substring(1), // FULLWIDTH LATIN CAPITAL LETTER A
            "\uFF10" + HEX.substring(1))) { // FULLWIDTH DIGIT ZERO
      assertThrows(IllegalArgumentException.class, () -> Digest.fromHex(bad), bad);
      assertFalse(Digest.isDigest(bad), bad);
    }
    assertThrows(NullPointerException.class, () -> Digest.fromHex(null));
  }

  @Test
  void fromBytes_wrongLength_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Digest.fromBytes(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Digest.fromBytes(new byte[33]));
  }

  @Test
  void fromBytes_copiesItsInput_andToBytesReturnsACopy() {
    byte[] b = HexFormat.of().parseHex(HEX);
    Digest d = Digest.fromBytes(b);
    b[0] = 0x7f;
    assertEquals(HEX, d.toString(), "mutating the input does not change the digest");
    byte[] out = d.toBytes();
    assertArrayEquals(HexFormat.of().parseHex(HEX), out);
    out[0] = 0x7f;
    assertEquals(HEX, d.toString(), "mutating the output does not change the digest");
    assertNotSame(d.toBytes(), d.toBytes());
  }

  @Test
  void equalsAndHashCode_areByContent() {
    Digest a = Digest.fromHex(HEX);
    Digest b = Digest.fromHex(HEX.toUpperCase(Locale.ROOT));
    assertNotSame(a, b);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", 'e'));
    assertNotEquals(a, HEX, "not equal to its text");
    assertNotEquals(a, null);
    Set<Digest> set = new HashSet<>(randomDigests(500, 2));
    set.addAll(randomDigests(500, 2));
    assertEquals(500, set.size());
    // digests differing in any single nibble differ
    for (int i = 0; i < 64; i++) {
      char[] c = HEX.toCharArray();
      c[i] = c[i] == 'f' ? '0' : 'f';
      assertNotEquals(a, Digest.fromHex(new String(c)), "nibble " + i);
    }
  }

  @Test
  void compareTo_isTheOrderOfTheHexStrings() {
    List<Digest> digests = randomDigests(300, 3);
    // make sure some share long prefixes and some have the top bit set
    digests.add(hex("8000", '0'));
    digests.add(hex("7fff", 'f'));
    digests.add(hex("ffffffffffffffff", 'f'));
    digests.add(hex("ffffffffffffffff", '0'));
    digests.add(hex("0", '0'));
    List<Digest> byDigest = new ArrayList<>(digests);
    byDigest.sort(Comparator.naturalOrder());
    List<Digest> byHex = new ArrayList<>(digests);
    byHex.sort(Comparator.comparing(Digest::toString));
    assertEquals(byHex, byDigest);
    for (int i = 0; i < 50; i++) {
      Digest a = digests.get(i);
      Digest b = digests.get(i + 1);
      assertEquals(
          Integer.signum(a.toString().compareTo(b.toString())), Integer.signum(a.compareTo(b)));
      assertEquals(-Integer.signum(a.compareTo(b)), Integer.signum(b.compareTo(a)));
      assertEquals(0, a.compareTo(Digest.fromHex(a.toString())));
    }
  }

  @Test
  void startsWith_comparesHexCaseInsensitively() {
    Digest d = Digest.fromHex(HEX);
    assertTrue(d.startsWith(""));
    assertTrue(d.startsWith("0"));
    assertTrue(d.startsWith("0123"));
    assertTrue(d.startsWith("0123456789ABCDEF"));
    assertTrue(d.startsWith(HEX));
    assertTrue(d.startsWith(HEX.toUpperCase(Locale.ROOT)));
    assertFalse(d.startsWith("1"));
    assertFalse(d.startsWith("0124"));
    assertFalse(d.startsWith(HEX.substring(0, 63) + "e"));
    assertFalse(d.startsWith(HEX + "0"));
    assertFalse(d.startsWith("012g"));
    assertFalse(d.startsWith("\u0660123"), "a non-ASCII digit is not a hex digit");
  }

  @Test
  void isValidPrefix_needsFourToSixtyFourHexCharacters() {
    assertFalse(Digest.isValidPrefix(""));
    assertFalse(Digest.isValidPrefix("abc"));
    assertTrue(Digest.isValidPrefix("abcd"));
    assertTrue(Digest.isValidPrefix("ABCD"));
    assertTrue(Digest.isValidPrefix("0123456789"));
    assertTrue(Digest.isValidPrefix(HEX));
    assertFalse(Digest.isValidPrefix(HEX + "0"));
    assertFalse(Digest.isValidPrefix("abcg"));
    assertFalse(Digest.isValidPrefix("ab d"));
    assertFalse(Digest.isValidPrefix("\u0661\u0662\u0663\u0664"), "Arabic-Indic digits");
    assertFalse(Digest.isValidPrefix("\uFF21\uFF22\uFF23\uFF24"), "fullwidth letters");
    assertTrue(Digest.isDigest(HEX));
    assertFalse(Digest.isDigest("abcd"));
  }

  @Test
  void commonPrefixLength_countsSharedHexCharacters() {
    Digest base = hex("", '0');
    assertEquals(64, base.commonPrefixLength(base));
    assertEquals(64, base.commonPrefixLength(hex("", '0')));
    for (int n : new int[] {0, 1, 10, 15, 16, 17, 31, 32, 33, 47, 48, 63}) {
      Digest other = hex("0".repeat(n) + "8", '0');
      assertEquals(n, base.commonPrefixLength(other), "shared " + n);
      assertEquals(n, other.commonPrefixLength(base), "shared " + n + ", reversed");
      Digest low = hex("0".repeat(n) + "1", '0');
      assertEquals(n, base.commonPrefixLength(low), "low nibble differs after " + n);
    }
    for (Digest a : randomDigests(50, 4)) {
      Digest b = randomDigests(1, a.hashCode()).get(0);
      String x = a.toString();
      String y = b.toString();
      int lcp = 0;
      while (lcp < 64 && x.charAt(lcp) == y.charAt(lcp)) lcp++;
      assertEquals(lcp, a.commonPrefixLength(b));
    }
  }

  @Test
  void prefix_isTheStartOfTheHexForm() {
    Digest d = Digest.fromHex(HEX);
    assertEquals("0123", d.prefix(4));
    assertEquals(HEX, d.prefix(64));
    assertEquals("", d.prefix(0));
  }

  @Test
  void digestOf_isDeterministicAcrossThreads() throws Exception {
    Object value = List.of("x", 1, new double[100_000], List.of(List.of(2L)));
    Digest expected = Digest.of(value);
    List<Thread> threads = new ArrayList<>();
    List<Digest> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 20; i++) {
                  results.add(Digest.of(value));
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(80, results.size());
    results.forEach(r -> assertEquals(expected, r));
  }

  @Test
  void digestOf_insideAParallelStream_equalsSequential() {
    // chunked arrays are hashed on the common pool, which here also runs the outer tasks
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double[] big = new double[40_000 + i * 1000];
      java.util.Arrays.fill(big, i);
      values.add(List.of(i, big, java.util.Map.of("k", new long[5000 * (i % 3)])));
    }
    List<Digest> sequential = new ArrayList<>();
    values.forEach(v -> sequential.add(Digest.of(v)));
    List<Digest> parallel =
        values.parallelStream().map(Digest::of).collect(java.util.stream.Collectors.toList());
    assertEquals(sequential, parallel);
    assertEquals(40, new HashSet<>(parallel).size());
  }
}
