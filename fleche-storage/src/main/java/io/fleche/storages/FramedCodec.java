package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.SaveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The on-disk format of the file storages: a header, the bytes of a {@link Serializer}, and an
 * integrity trailer. One entry is one file (or one database blob):
 *
 * <pre>
 * offset   size  field
 * 0        4     magic: 89 46 4C 43 ("\x89FLC")
 * 4        1     format version: 02
 * 5        1     flags: bit 0 (01) the payload is compressed, bit 1 (02) the entry is signed;
 *                the other bits are 0
 * 6        1     n: length of the serializer's name, 1 to 32
 * 7        n     the serializer's name, ASCII ("smile", "java")
 * 7+n      4     only if compressed: length of the payload before compression, unsigned
 *                big-endian
 * ...      m     the payload: what the serializer wrote, or its zlib stream (RFC 1950, DEFLATE)
 * end-t    t     trailer over the entry's 32-byte key followed by every byte before the
 *                trailer: if signed, t = 32, the HMAC-SHA256 with the first signing key; else
 *                t = 4, the CRC-32C, big-endian
 * </pre>
 *
 * <p>The key (a value's digest, a call's lookup key) is not stored: it is the file's name, or the
 * blob's row. Covering it with the trailer binds an entry to its key, so that an entry copied or
 * renamed to another key — by accident or on purpose — does not verify there. Version 1 entries
 * (the same layout, trailer without the key) are not read.
 *
 * <p>Reading checks, in this order: magic, version, flags, serializer name, then the trailer
 * (before anything is decompressed or parsed): with signing keys configured an entry must be
 * signed and its HMAC must match one of the keys (compared in constant time, so keys can be
 * rotated: the first key signs, every key verifies); without keys a signed entry is read without
 * verification (as Python fleche reads signed pickles) and an unsigned one must match its CRC. A
 * compressed entry is decompressed whatever this codec's own setting, its declared length bounded
 * by DEFLATE's maximum ratio. Any failure is a {@link CorruptEntryException}.
 *
 * <p>The signature authenticates the header and the key too (serializer and flags cannot be
 * swapped, nor entries exchanged), and is checked before decompression, so an unsigned or forged
 * entry never reaches the inflater or the parser when keys are set.
 */
final class FramedCodec implements Codec {
  static final byte[] MAGIC = {(byte) 0x89, 'F', 'L', 'C'};
  static final int VERSION = 2;
  static final int COMPRESSED = 0x01;
  static final int SIGNED = 0x02;
  static final int HMAC_LENGTH = 32;
  static final int CRC_LENGTH = 4;

  /** DEFLATE expands at most about 1032 times; a larger declared length is forged. */
  private static final long MAX_INFLATION = 1032;

  private static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

  private final Serializer serializer;
  private final boolean compress;
  private final List<byte[]> keys;
  private final AllowList allowed;
  private final byte[] header;

  /**
   * @param keys signing keys, the first signs; empty: entries are not signed
   */
  FramedCodec(Serializer serializer, boolean compress, List<byte[]> keys, AllowList allowed) {
    this.serializer = serializer;
    this.compress = compress;
    this.keys = List.copyOf(keys);
    this.allowed = allowed;
    this.header = header(serializer.name(), (compress ? COMPRESSED : 0) | (keys.isEmpty() ? 0 : SIGNED));
  }

  private static byte[] header(String name, int flags) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] h = new byte[7 + n.length];
    System.arraycopy(MAGIC, 0, h, 0, 4);
    h[4] = VERSION;
    h[5] = (byte) flags;
    h[6] = (byte) n.length;
    System.arraycopy(n, 0, h, 7, n.length);
    return h;
  }

  @Override
  public byte[] encode(Digest key, Object value) {
    int hint = sizeHint(value);
    ByteSink out = new ByteSink(hint);
    out.write(header, 0, header.length);
    try {
      if (compress) {
        ByteSink raw = new ByteSink(hint);
        serializer.write(value, raw);
        out.writeInt(raw.size());
        deflate(raw, out);
      } else {
        serializer.write(value, out);
      }
    } catch (SaveException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new SaveException(
          "cannot serialize a " + value.getClass().getName() + " with " + serializer.name() + ": " + e,
          e);
    }
    byte[] k = key.toBytes();
    if (keys.isEmpty()) {
      CRC32C crc = new CRC32C();
      crc.update(k);
      crc.update(out.array(), 0, out.size());
      out.writeInt((int) crc.getValue());
    } else {
      Mac mac = mac(keys.get(0));
      mac.update(k);
      mac.update(out.array(), 0, out.size());
      byte[] tag = mac.doFinal();
      out.write(tag, 0, tag.length);
    }
    return out.toByteArray();
  }

  /** Room for a primitive array's bytes at once, so that the buffer does not grow by copies. */
  private static int sizeHint(Object value) {
    if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
      long bytes = (long) java.lang.reflect.Array.getLength(value) * 8;
      return (int) Math.min(Integer.MAX_VALUE - 64L, bytes + 128);
    }
    return 256;
  }

  private static void deflate(ByteSink raw, ByteSink out) {
    Deflater d = new Deflater(DEFLATE_LEVEL);
    try {
      d.setInput(raw.array(), 0, raw.size());
      d.finish();
      while (!d.finished()) {
        byte[] buf = out.ensure(Math.max(4096, raw.size() / 4));
        out.advance(d.deflate(buf, out.size(), buf.length - out.size()));
      }
    } finally {
      d.end();
    }
  }

  @Override
  public Object decode(Digest key, byte[] bytes) {
    try {
      return read(key.toBytes(), bytes);
    } catch (CorruptEntryException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // the failed allocation of a forged length is a corrupt entry, not a failing process
      throw new CorruptEntryException("unreadable entry: " + e, e);
    }
  }

  private Object read(byte[] key, byte[] b) throws IOException {
    if (b.length < 7 || !startsWithMagic(b)) {
      throw new CorruptEntryException("not a Fleche entry (no \\x89FLC header)");
    }
    if (b[4] != VERSION) {
      throw new CorruptEntryException("unsupported format version " + (b[4] & 0xff));
    }
    int flags = b[5] & 0xff;
    if ((flags & ~(COMPRESSED | SIGNED)) != 0) {
      throw new CorruptEntryException("unknown flags " + Integer.toHexString(flags));
    }
    int nameLength = b[6] & 0xff;
    int payload = 7 + nameLength;
    boolean signed = (flags & SIGNED) != 0;
    int end = b.length - (signed ? HMAC_LENGTH : CRC_LENGTH);
    if (nameLength == 0 || end < payload) {
      throw new CorruptEntryException("truncated entry");
    }
    String name = new String(b, 7, nameLength, StandardCharsets.US_ASCII);
    verify(key, b, end, signed);
    Serializer s = Serializers.find(name);
    if (s == null) {
      throw new CorruptEntryException("unknown serializer '" + name + "'");
    }
    if ((flags & COMPRESSED) == 0) {
      return s.read(b, payload, end - payload, allowed);
    }
    if (end < payload + 4) {
      throw new CorruptEntryException("truncated entry");
    }
    long rawLength = readInt(b, payload) & 0xffffffffL;
    byte[] raw = inflate(b, payload + 4, end - payload - 4, rawLength);
    return s.read(raw, 0, raw.length, allowed);
  }

  private static boolean startsWithMagic(byte[] b) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private void verify(byte[] key, byte[] b, int end, boolean signed) {
    if (!signed) {
      if (!keys.isEmpty()) {
        throw new CorruptEntryException("unsigned entry, but signing keys are set");
      }
      CRC32C crc = new CRC32C();
      crc.update(key);
      crc.update(b, 0, end);
      if ((int) crc.getValue() != readInt(b, end)) {
        throw new CorruptEntryException(
            "checksum mismatch: truncated or damaged entry, or the entry of another key");
      }
      return;
    }
    if (keys.isEmpty()) {
      return;
    }
    byte[] stored = java.util.Arrays.copyOfRange(b, end, b.length);
    for (byte[] signingKey : keys) {
      Mac mac = mac(signingKey);
      mac.update(key);
      mac.update(b, 0, end);
      if (MessageDigest.isEqual(mac.doFinal(), stored)) {
        return;
      }
    }
    throw new CorruptEntryException(
        "signature matches none of the signing keys (a forged entry, or the entry of another key)");
  }

  private static byte[] inflate(byte[] b, int off, int len, long rawLength) {
    if (rawLength > MAX_INFLATION * len + 64 || rawLength > Integer.MAX_VALUE - 8) {
      throw new CorruptEntryException("declared length " + rawLength + " is not plausible");
    }
    byte[] raw = new byte[(int) rawLength];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(b, off, len);
      int n = 0;
      byte[] beyond = new byte[1];
      while (!inflater.finished() && n <= raw.length) {
        int got =
            n < raw.length ? inflater.inflate(raw, n, raw.length - n) : inflater.inflate(beyond);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != raw.length || !inflater.finished() || inflater.getRemaining() != 0) {
        throw new CorruptEntryException("compressed payload does not match its declared length");
      }
      return raw;
    } catch (DataFormatException e) {
      throw new CorruptEntryException("damaged compressed payload: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return serializer.name()
        + (compress ? ", compressed" : "")
        + (keys.isEmpty() ? "" : ", signed")
        + (allowed.entries().isEmpty() ? "" : ", allow " + allowed.entries());
  }
}
