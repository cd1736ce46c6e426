package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framing, compression and signing of entries: what reads back and what is a corrupt entry. */
class FramedCodecTest {
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
    CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> codec.decode(bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void header_namesFormatFlagsAndSerializer() {
    byte[] plain = codec(false).encode(VALUE);
    assertArrayEquals(new byte[] {(byte) 0x89, 'F', 'L', 'C', 1, 0, 5, 's', 'm', 'i', 'l', 'e'},
        Arrays.copyOf(plain, 12));
    assertEquals(FramedCodec.COMPRESSED, codec(true).encode(VALUE)[5]);
    assertEquals(FramedCodec.SIGNED, codec(false, KEY_1).encode(VALUE)[5]);
    assertEquals(FramedCodec.SIGNED | FramedCodec.COMPRESSED, codec(true, KEY_1).encode(VALUE)[5]);
  }

  @Test
  void everyCombination_roundTrips() {
    for (boolean compress : new boolean[] {false, true}) {
      for (byte[][] keys : new byte[][][] {{}, {KEY_1}}) {
        Codec c = codec(compress, keys);
        assertSameValue(VALUE, c.decode(c.encode(VALUE)));
        assertNull(c.decode(c.encode(null)));
      }
    }
  }

  @Test
  void compressedEntries_areReadWhateverTheSetting() {
    byte[] compressed = codec(true).encode(new double[100_000]);
    assertTrue(compressed.length < 10_000, "zeros compress: " + compressed.length);
    assertArrayEquals(new double[100_000], (double[]) codec(false).decode(compressed));
  }

  @Test
  void truncatedOrDamagedEntries_areCorrupt() {
    for (Codec c : List.of(codec(false), codec(true))) {
      byte[] ok = c.encode(VALUE);
      for (int length : new int[] {0, 3, 7, 12, ok.length / 2, ok.length - 1}) {
        assertThrows(CorruptEntryException.class, () -> c.decode(Arrays.copyOf(ok, length)));
      }
      for (int i = 4; i < ok.length; i++) {
        byte[] flipped = ok.clone();
        flipped[i] ^= 0x10;
        assertThrows(CorruptEntryException.class, () -> c.decode(flipped), "byte " + i);
      }
    }
  }

  @Test
  void foreignFiles_areCorrupt() {
    Codec c = codec(false);
    assertCorrupt(c, "plain text".getBytes(), "not a Fleche entry");
    assertCorrupt(c, new byte[] {(byte) 0x80, 4, (byte) 0x95, '.'}, "not a Fleche entry"); // a pickle
    byte[] future = c.encode(VALUE);
    future[4] = 2;
    assertCorrupt(c, future, "unsupported format version 2");
    byte[] unknownFlag = c.encode(VALUE);
    unknownFlag[5] = 0x04;
    assertCorrupt(c, unknownFlag, "unknown flags");
    assertCorrupt(c, Entries.frame("pickle", new byte[] {1, 2}), "unknown serializer 'pickle'");
  }

  @Test
  void signed_tamperedTruncatedUnsignedAndWrongKey_areCorrupt() {
    Codec signed = codec(false, KEY_1);
    byte[] ok = signed.encode(VALUE);
    assertSameValue(VALUE, signed.decode(ok));
    assertEquals(32, ok.length - codec(false).encode(VALUE).length + 4, "a 32-byte HMAC trailer");
    byte[] tampered = ok.clone();
    tampered[ok.length / 2] ^= 1;
    assertCorrupt(signed, tampered, "signature matches none");
    assertCorrupt(signed, Arrays.copyOf(ok, ok.length - 1), "signature matches none");
    assertCorrupt(signed, codec(false).encode(VALUE), "unsigned entry, but signing keys are set");
    assertCorrupt(codec(false, KEY_2), ok, "signature matches none");
    byte[] flagsCleared = ok.clone();
    flagsCleared[5] = 0;
    assertCorrupt(signed, flagsCleared, "unsigned entry");
  }

  @Test
  void compressedAndSigned_isVerifiedBeforeInflating() {
    Codec signed = codec(true, KEY_1);
    byte[] ok = signed.encode(VALUE);
    byte[] forged = ok.clone();
    forged[12] = (byte) 0x7f; // the declared length, inside the signed bytes
    assertCorrupt(signed, forged, "signature matches none");
  }

  @Test
  void forgedDecompressedLength_isRefusedWithoutAllocatingIt() {
    Codec c = codec(true);
    byte[] ok = c.encode(VALUE);
    byte[] payload = Arrays.copyOfRange(ok, 12, ok.length - 4);
    payload[0] = 0x7f; // claims about 2 GiB
    byte[] forged = Entries.frame("smile", payload);
    forged[5] = FramedCodec.COMPRESSED;
    forged = reCrc(forged);
    assertCorrupt(c, forged, "not plausible");
  }

  private static byte[] reCrc(byte[] entry) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(entry, 0, entry.length - 4);
    int v = (int) crc.getValue();
    byte[] out = entry.clone();
    for (int i = 0; i < 4; i++) {
      out[entry.length - 4 + i] = (byte) (v >>> (24 - 8 * i));
    }
    return out;
  }

  @Test
  void keyRotation_firstKeySigns_anyKeyVerifies() {
    byte[] oldEntry = codec(false, KEY_1).encode(VALUE);
    Codec rotated = codec(false, KEY_2, KEY_1);
    assertSameValue(VALUE, rotated.decode(oldEntry));
    byte[] newEntry = rotated.encode(VALUE);
    assertSameValue(VALUE, codec(false, KEY_2).decode(newEntry));
    assertCorrupt(codec(false, KEY_1), newEntry, "signature matches none");
  }

  @Test
  void readersWithoutKeys_readSignedEntries() {
    assertSameValue(VALUE, codec(false).decode(codec(true, KEY_1).encode(VALUE)));
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
