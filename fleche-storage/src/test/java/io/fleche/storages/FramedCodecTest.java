package io.fleche.storages;

import io.fleche.Digest;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framing, compression and signing of entries: what reads back and what is a corrupt entry. */
class FramedCodecTest {
  /** The key entries are encoded for. */
  private static final Digest AT = Digest.of("entry");

  private static final byte[] KEY_1 = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
  private static final byte[] KEY_2 = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0");
  private static final Object VALUE = Map.of("xs", List.of(1, 2L, "three"), "ys", new double[] {1.5});

  private static Codec codec(boolean compress, byte[]... keys) {
    return FileOptions.defaults().compress(compress).signingKeys(List.of(keys)).codec();
  }

  private static void assertSameValue(Object expected, Object actual) {
    assertEquals(io.fleche.Digest.of(expected), io.fleche.Digest.of(actual));
  }

  private static void assertCorrupt(Codec codec, byte[] bytes, String reason) {
    CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> codec.decode(AT, bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void header_namesFormatFlagsAndSerializer() {
    byte[] plain = codec(false).encode(AT, VALUE);
    assertArrayEquals(new byte[] {(byte) 0x89, 'F', 'L', 'C', 2, 0, 5, 's', 'm', 'i', 'l', 'e'},
        Arrays.copyOf(plain, 12));
    assertEquals(FramedCodec.COMPRESSED, codec(true).encode(AT, VALUE)[5]);
    assertEquals(FramedCodec.SIGNED, codec(false, KEY_1).encode(AT, VALUE)[5]);
    assertEquals(FramedCodec.SIGNED | FramedCodec.COMPRESSED, codec(true, KEY_1).encode(AT, VALUE)[5]);
  }

  @Test
  void everyCombination_roundTrips() {
    for (boolean compress : new boolean[] {false, true}) {
      for (byte[][] keys : new byte[][][] {{}, {KEY_1}}) {
        Codec c = codec(compress, keys);
        assertSameValue(VALUE, c.decode(AT, c.encode(AT, VALUE)));
        assertNull(c.decode(AT, c.encode(AT, null)));
      }
    }
  }

  @Test
  void compressedEntries_areReadWhateverTheSetting() {
    byte[] compressed = codec(true).encode(AT, new double[100_000]);
    assertTrue(compressed.length < 10_000, "zeros compress: " + compressed.length);
    assertArrayEquals(new double[100_000], (double[]) codec(false).decode(AT, compressed));
  }

  @Test
  void truncatedOrDamagedEntries_areCorrupt() {
    for (Codec c : List.of(codec(false), codec(true))) {
      byte[] ok = c.encode(AT, VALUE);
      for (int length : new int[] {0, 3, 7, 12, ok.length / 2, ok.length - 1}) {
        assertThrows(CorruptEntryException.class, () -> c.decode(AT, Arrays.copyOf(ok, length)));
      }
      for (int i = 4; i < ok.length; i++) {
        byte[] flipped = ok.clone();
        flipped[i] ^= 0x10;
        assertThrows(CorruptEntryException.class, () -> c.decode(AT, flipped), "byte " + i);
      }
    }
  }

  @Test
  void foreignFiles_areCorrupt() {
    Codec c = codec(false);
    assertCorrupt(c, "plain text".getBytes(), "not a Fleche entry");
    assertCorrupt(c, new byte[] {(byte) 0x80, 4, (byte) 0x95, '.'}, "not a Fleche entry"); // a pickle
    byte[] future = c.encode(AT, VALUE);
    future[4] = 3;
    assertCorrupt(c, future, "unsupported format version 3");
    byte[] unknownFlag = c.encode(AT, VALUE);
    unknownFlag[5] = 0x04;
    assertCorrupt(c, unknownFlag, "unknown flags");
    assertCorrupt(c, Entries.frame(AT, "pickle", new byte[] {1, 2}), "unknown serializer 'pickle'");
  }

  @Test
  void signed_tamperedTruncatedUnsignedAndWrongKey_areCorrupt() {
    Codec signed = codec(false, KEY_1);
    byte[] ok = signed.encode(AT, VALUE);
    assertSameValue(VALUE, signed.decode(AT, ok));
    assertEquals(32, ok.length - codec(false).encode(AT, VALUE).length + 4, "a 32-byte HMAC trailer");
    byte[] tampered = ok.clone();
    tampered[ok.length / 2] ^= 1;
    assertCorrupt(signed, tampered, "signature matches none");
    assertCorrupt(signed, Arrays.copyOf(ok, ok.length - 1), "signature matches none");
    assertCorrupt(signed, codec(false).encode(AT, VALUE), "unsigned entry, but signing keys are set");
    assertCorrupt(codec(false, KEY_2), ok, "signature matches none");
    byte[] flagsCleared = ok.clone();
    flagsCleared[5] = 0;
    assertCorrupt(signed, flagsCleared, "unsigned entry");
  }

  @Test
  void compressedAndSigned_isVerifiedBeforeInflating() {
    Codec signed = codec(true, KEY_1);
    byte[] ok = signed.encode(AT, VALUE);
    byte[] forged = ok.clone();
    forged[12] = (byte) 0x7f; // the declared length, inside the signed bytes
    assertCorrupt(signed, forged, "signature matches none");
  }

  @Test
  void forgedDecompressedLength_isRefusedWithoutAllocatingIt() {
    Codec c = codec(true);
    byte[] ok = c.encode(AT, VALUE);
    byte[] payload = Arrays.copyOfRange(ok, 12, ok.length - 4);
    payload[0] = 0x7f; // claims about 2 GiB
    byte[] forged = Entries.frame(AT, "smile", payload);
    forged[5] = FramedCodec.COMPRESSED;
    forged = reCrc(forged);
    assertCorrupt(c, forged, "not plausible");
  }

  private static byte[] reCrc(byte[] entry) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(AT.toBytes());
    crc.update(entry, 0, entry.length - 4);
    int v = (int) crc.getValue();
    byte[] out = entry.clone();
    for (int i = 0; i < 4; i++) {
      out[entry.length - 4 + i] = (byte) (v >>> (24 - 8 * i));
    }
    return out;
  }

  @Test
  void anEntryIsBoundToItsKey_signedOrNot() {
    Digest other = Digest.of("another entry");
    for (byte[][] keys : new byte[][][] {{}, {KEY_1}}) {
      for (boolean compress : new boolean[] {false, true}) {
        Codec c = codec(compress, keys);
        byte[] entry = c.encode(AT, VALUE);
        CorruptEntryException e =
            assertThrows(CorruptEntryException.class, () -> c.decode(other, entry));
        assertTrue(e.getMessage().contains("the entry of another key"), e.getMessage());
        assertSameValue(VALUE, c.decode(AT, entry));
      }
    }
  }

  @Test
  void keyRotation_firstKeySigns_anyKeyVerifies() {
    byte[] oldEntry = codec(false, KEY_1).encode(AT, VALUE);
    Codec rotated = codec(false, KEY_2, KEY_1);
    assertSameValue(VALUE, rotated.decode(AT, oldEntry));
    byte[] newEntry = rotated.encode(AT, VALUE);
    assertSameValue(VALUE, codec(false, KEY_2).decode(AT, newEntry));
    assertCorrupt(codec(false, KEY_1), newEntry, "signature matches none");
  }

  @Test
  void readersWithoutKeys_readSignedEntries() {
    assertSameValue(VALUE, codec(false).decode(AT, codec(true, KEY_1).encode(AT, VALUE)));
  }

  @Test
  void environmentKeys_areColonSeparatedHex() {
    List<byte[]> keys = FileOptions.keysFromEnvironment("0102:a1b2c3 ::");
    assertEquals(2, keys.size());
    assertArrayEquals(new byte[] {1, 2}, keys.get(0));
    assertArrayEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3}, keys.get(1));
    assertEquals(List.of(), FileOptions.keysFromEnvironment(null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileOptions.keysFromEnvironment("xyz"));
    assertTrue(e.getMessage().contains(FileOptions.SECRET_KEY_VARIABLE), e.getMessage());
  }
}
