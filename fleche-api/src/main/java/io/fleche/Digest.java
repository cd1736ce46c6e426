package io.fleche;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A SHA-256 content digest: the identity of a value, of a call and of every stored entry.
 *
 * <p>A digest is an immutable value compared by content. Its {@link #toString()} is 64 lowercase
 * hexadecimal characters and round-trips through {@link #fromHex(String)}. Digests of values are
 * computed with {@link #of(Object)} using Fleche's canonical encoding (see {@link
 * DigestFormat}): the same value has the same digest on every JVM, operating system, locale and
 * run.
 *
 * <p>A {@code Digest} passed where a value is expected digests to itself, at any depth, so a
 * structure may hold the digest of a sub-value instead of the sub-value (the Merkle property):
 *
 * <pre>{@code
 * Digest one = Digest.of(List.of(1, 2));
 * assert Digest.of(Map.of("xs", one)).equals(Digest.of(Map.of("xs", List.of(1, 2))));
 * }</pre>
 *
 * <p>Short prefixes (at least {@value #MIN_PREFIX_LENGTH} hex characters) identify stored entries
 * in tools; see {@link #isValidPrefix(String)} and {@link #startsWith(String)}.
 */
public final class Digest implements Comparable<Digest> {
  /** Number of bytes of a SHA-256 digest. */
  public static final int BYTES = 32;
  /** Number of hexadecimal characters of a digest's text form. */
  public static final int HEX_LENGTH = 64;
  /** The shortest prefix that may stand for a stored key. */
  public static final int MIN_PREFIX_LENGTH = 4;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // The 32 bytes as four big-endian longs: cheap equals/hashCode/compareTo, no array aliasing.
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private Digest(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /**
   * The digest of {@code value} in Fleche's canonical encoding.
   *
   * @throws UndigestableException if the value, or a part of it, cannot be digested; the message
   *     names the offending type and its path inside {@code value}
   */
  public static Digest of(Object value) {
    return Digester.digest(value);
  }

  /** A digest from its 32 raw bytes (copied). */
  public static Digest fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a digest has " + BYTES + " bytes, got " + bytes.length);
    }
    return fromBytes(bytes, 0);
  }

  static Digest fromBytes(byte[] b, int off) {
    return new Digest(
        readLong(b, off), readLong(b, off + 8), readLong(b, off + 16), readLong(b, off + 24));
  }

  /**
   * Parses the 64-character hexadecimal form (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hexadecimal characters
   */
  public static Digest fromHex(CharSequence hex) {
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "a digest has " + HEX_LENGTH + " hex characters, got " + hex.length() + ": " + hex);
    }
    long[] w = new long[4];
    for (int i = 0; i < HEX_LENGTH; i++) {
      int v = hexValue(hex.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not a hex digest: " + hex);
      }
      w[i >> 4] = (w[i >> 4] << 4) | v;
    }
    return new Digest(w[0], w[1], w[2], w[3]);
  }

  /** True if {@code s} is a 64-character hexadecimal digest. */
  public static boolean isDigest(CharSequence s) {
    return s.length() == HEX_LENGTH && isHex(s);
  }

  /**
   * True if {@code prefix} may stand for a stored key: at least {@value #MIN_PREFIX_LENGTH} and at
   * most {@value #HEX_LENGTH} hexadecimal characters.
   */
  public static boolean isValidPrefix(CharSequence prefix) {
    return prefix.length() >= MIN_PREFIX_LENGTH && prefix.length() <= HEX_LENGTH && isHex(prefix);
  }

  private static boolean isHex(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (hexValue(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of an ASCII hex digit, or -1. ({@link Character#digit(char, int)} would also accept
   * non-ASCII digits and fullwidth letters.)
   */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** True if this digest's hex form starts with {@code prefix} (compared case-insensitively). */
  public boolean startsWith(CharSequence prefix) {
    if (prefix.length() > HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase(prefix.charAt(i)) != HEX[nibble(i)]) {
        return false;
      }
    }
    return true;
  }

  private int nibble(int i) {
    long w = i < 16 ? w0 : i < 32 ? w1 : i < 48 ? w2 : w3;
    return (int) (w >>> (60 - 4 * (i & 15))) & 0xf;
  }

  /** The 32 raw bytes (a fresh copy). */
  public byte[] toBytes() {
    byte[] b = new byte[BYTES];
    writeTo(b, 0);
    return b;
  }

  void writeTo(byte[] b, int off) {
    writeLong(b, off, w0);
    writeLong(b, off + 8, w1);
    writeLong(b, off + 16, w2);
    writeLong(b, off + 24, w3);
  }

  /** The first {@code length} hex characters; {@code toString().substring(0, length)}. */
  public String prefix(int length) {
    return toString().substring(0, length);
  }

  /** 64 lowercase hexadecimal characters. */
  @Override
  public String toString() {
    char[] c = new char[HEX_LENGTH];
    for (int i = 0; i < HEX_LENGTH; i++) {
      c[i] = HEX[nibble(i)];
    }
    return new String(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest
        && ((Digest) o).w0 == w0
        && ((Digest) o).w1 == w1
        && ((Digest) o).w2 == w2
        && ((Digest) o).w3 == w3;
  }

  @Override
  public int hashCode() {
    return (int) w0; // SHA-256 bits are uniformly distributed
  }

  /** Unsigned lexicographic order of the bytes, which is also the order of the hex strings. */
  @Override
  public int compareTo(Digest o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c == 0) c = Long.compareUnsigned(w1, o.w1);
    if (c == 0) c = Long.compareUnsigned(w2, o.w2);
    if (c == 0) c = Long.compareUnsigned(w3, o.w3);
    return c;
  }

  /** Length of the common hex prefix of two digests (0 to 64). */
  public int commonPrefixLength(Digest o) {
    long[] a = {w0, w1, w2, w3};
    long[] b = {o.w0, o.w1, o.w2, o.w3};
    for (int i = 0; i < 4; i++) {
      long x = a[i] ^ b[i];
      if (x != 0) {
        return 16 * i + Long.numberOfLeadingZeros(x) / 4;
      }
    }
    return HEX_LENGTH;
  }

  private static long readLong(byte[] b, int off) {
    return (long) BIG_ENDIAN_LONG.get(b, off);
  }

  private static void writeLong(byte[] b, int off, long v) {
    BIG_ENDIAN_LONG.set(b, off, v);
  }
}
