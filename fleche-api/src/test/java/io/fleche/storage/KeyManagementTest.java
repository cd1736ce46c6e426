package io.fleche.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The default methods of {@link KeyManagement}: short digests (spec §3.8). */
class KeyManagementTest {

  /** The least a storage implements: a set of keys. Counts how often it is listed. */
  static final class Keys implements KeyManagement {
    final TreeSet<Digest> keys = new TreeSet<>();
    final AtomicInteger listings = new AtomicInteger();

    Keys(Digest... ks) {
      keys.addAll(List.of(ks));
    }

    @Override
    public Stream<Digest> list() {
      listings.incrementAndGet();
      // deliberately unsorted, as the interface allows
      List<Digest> l = new ArrayList<>(keys.descendingSet());
      return l.stream();
    }

    @Override
    public boolean contains(Digest key) {
      return keys.contains(key);
    }

    @Override
    public void evict(Digest key) {
      keys.remove(key);
    }
  }

  /** The digest whose hex is {@code prefix} followed by {@code fill}s. */
  static Digest d(String prefix, char fill) {
    return Digest.fromHex(prefix + String.valueOf(fill).repeat(64 - prefix.length()));
  }

  static final Digest A1 = d("abcd0123451", '0'); // A1 and A2 share 10 hex characters
  static final Digest A2 = d("abcd0123452", '0');
  static final Digest B = d("b", '7');
  static final Digest C = d("c0ffee", '1');

  static Keys store() {
    return new Keys(A1, A2, B, C);
  }

  // --- expand ------------------------------------------------------------------------------------

  @Test
  void expand_uniquePrefix_returnsTheKey() {
    Keys k = store();
    assertEquals(B, k.expand("b777"));
    assertEquals(C, k.expand("c0ff"));
    assertEquals(C, k.expand("C0FFEE"), "case-insensitive");
    assertEquals(A1, k.expand("abcd01234510"));
    assertEquals(A2, k.expand("abcd0123452"));
  }

  @Test
  void expand_fullKey_passesThroughStoredOrNot() {
    Keys k = store();
    assertEquals(A1, k.expand(A1.toString()));
    Digest absent = d("ffff", 'f');
    assertEquals(absent, k.expand(absent.toString()));
    assertEquals(absent, k.expand(absent.toString().toUpperCase(Locale.ROOT)));
    assertEquals(0, k.listings.get(), "a full key needs no listing");
  }

  @Test
  void expand_prefixShorterThanFour_isNoSuchElement() {
    Keys k = store();
    for (String s : List.of("", "a", "ab", "abc", "c0f")) {
      NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> k.expand(s));
      assertTrue(e.getMessage().contains("4 to 64"), e.getMessage());
    }
  }

  @Test
  void expand_notHexOrTooLong_isNoSuchElement() {
    Keys k = store();
    assertThrows(NoSuchElementException.class, () -> k.expand("abcz"));
    assertThrows(NoSuchElementException.class, () -> k.expand(A1 + "0"));
    assertThrows(NoSuchElementException.class, () -> k.expand("ab cd"));
  }

  @Test
  void expand_noMatch_isNoSuchElement() {
    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> store().expand("dead"));
    assertEquals("No entry for short digest dead", e.getMessage());
  }

  @Test
  void expand_ambiguousPrefix_namesCandidatesAndNeededLength() {
    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> store().expand("abcd"));
    assertEquals(
        "Short digest abcd is ambiguous; expands to: ["
            + A1
            + ", "
            + A2
            + "]; need at least 11 characters.",
        e.getMessage());
    assertEquals("abcd", e.prefix());
    assertEquals(List.of(A1, A2), e.candidates());
    assertThrows(UnsupportedOperationException.class, () -> e.candidates().add(B));
    // the prefix is reported as given
    AmbiguousDigestException upper =
        assertThrows(AmbiguousDigestException.class, () -> store().expand("ABCD012345"));
    assertTrue(upper.getMessage().startsWith("Short digest ABCD012345 is ambiguous"));
  }

  @Test
  void expand_manyMatches_reportsTheTwoSmallest() {
    Keys k = new Keys(d("aaaa3", '0'), d("aaaa1", '0'), d("aaaa2", '0'), d("aaaa0f", '0'));
    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> k.expand("aaaa"));
    assertEquals(List.of(d("aaaa0f", '0'), d("aaaa1", '0')), e.candidates());
    assertTrue(e.getMessage().endsWith("need at least 5 characters."), e.getMessage());
  }

  @Test
  void ambiguousDigestException_needsOneMoreThanTheCommonPrefix() {
    Digest x = d("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", '0');
    Digest y = d("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", '1');
    AmbiguousDigestException e = new AmbiguousDigestException("0123", List.of(x, y));
    assertTrue(e.getMessage().endsWith("need at least 64 characters."), e.getMessage());
  }

  // --- prefixCandidates --------------------------------------------------------------------------

  @Test
  void prefixCandidates_sortedAndLimited() {
    Keys k = store();
    assertEquals(List.of(A1, A2), k.prefixCandidates("abcd", 10));
    assertEquals(List.of(A1), k.prefixCandidates("abcd", 1));
    assertEquals(List.of(A2), k.prefixCandidates("abcd0123452", 10));
    assertEquals(List.of(), k.prefixCandidates("dead", 10));
    assertEquals(List.of(A1, A2, B, C), k.prefixCandidates("", 10));
  }

  // --- shrink ------------------------------------------------------------------------------------

  @Test
  void shrink_givesTheShortestUnambiguousPrefix_atLeastFour() {
    Keys k = store();
    assertEquals("abcd0123451", k.shrink(A1));
    assertEquals("abcd0123452", k.shrink(A2));
    assertEquals("b777", k.shrink(B));
    assertEquals("c0ff", k.shrink(C));
    assertEquals(List.of("c0ff", "abcd0123451"), k.shrink(List.of(C, A1)));
  }

  @Test
  void shrink_severalKeys_listsTheStorageOnce() {
    Keys k = store();
    k.shrink(List.of(A1, A2, B, C));
    assertEquals(1, k.listings.get());
  }

  @Test
  void shrink_keysDifferingOnlyInTheLastCharacter_needAllSixtyFour() {
    Digest x = d("", '0');
    Digest y = Digest.fromHex("0".repeat(63) + "1");
    Keys k = new Keys(x, y);
    assertEquals(x.toString(), k.shrink(x));
    assertEquals(y.toString(), k.shrink(y));
  }

  @Test
  void shrink_keyNotStored_isNoSuchElement() {
    assertThrows(NoSuchElementException.class, () -> store().shrink(d("dead", '0')));
    assertThrows(NoSuchElementException.class, () -> new Keys().shrink(A1));
  }

  @Test
  void shrink_thenExpand_roundTripsForRandomKeys() {
    Random r = new Random(5);
    Keys k = new Keys();
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      b[0] = (byte) (r.nextInt(4)); // crowd the keys so that prefixes get longer
      k.keys.add(Digest.fromBytes(b));
    }
    List<Digest> all = new ArrayList<>(k.keys);
    List<String> shorts = k.shrink(all);
    for (int i = 0; i < all.size(); i++) {
      String s = shorts.get(i);
      assertTrue(s.length() >= 4);
      assertEquals(all.get(i), k.expand(s), s);
      if (s.length() > 4) {
        String shorter = s.substring(0, s.length() - 1);
        assertThrows(AmbiguousDigestException.class, () -> k.expand(shorter), shorter);
      }
    }
  }

  // --- contains and evict by string --------------------------------------------------------------

  @Test
  void containsString_fullKeysAndUniquePrefixes() {
    Keys k = store();
    assertTrue(k.contains(A1.toString()));
    assertTrue(k.contains("c0ffee"));
    assertTrue(k.contains("C0FF"));
    assertFalse(k.contains(d("dead", '0').toString()), "full key not stored");
    assertFalse(k.contains("dead"), "no match");
    assertFalse(k.contains("c0f"), "too short");
    assertFalse(k.contains("not hex"));
  }

  @Test
  void containsString_ambiguousPrefix_isAnError() {
    // As in the reference (spec §3.8): only "no such key" reads as false.
    assertThrows(AmbiguousDigestException.class, () -> store().contains("abcd"));
  }

  @Test
  void evictString_byUniquePrefix() {
    Keys k = store();
    k.evict("c0ff");
    assertFalse(k.contains(C));
    assertThrows(AmbiguousDigestException.class, () -> k.evict("abcd"));
    assertTrue(k.contains(A1) && k.contains(A2), "an ambiguous evict removes nothing");
    assertThrows(NoSuchElementException.class, () -> k.evict("dead"));
    k.evict(A1.toString());
    assertFalse(k.contains(A1));
    assertEquals(A2, k.expand("abcd"), "no longer ambiguous");
  }

  @Test
  void operation_byDefault_holdsNothing() {
    Scope s = store().operation(A1, Intent.WRITE);
    assertSame(Scope.NONE, s);
    s.close();
  }
}
