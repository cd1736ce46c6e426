package io.fleche.storages;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import io.fleche.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Crafts stored entries byte by byte, following the documented format rather than the code that
 * writes it: hand-made Smile payloads, unsigned frames, files at their documented place.
 */
final class Entries {
  private static final SmileFactory SMILE =
      SmileFactory.builder().disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build();

  interface Tokens {
    void write(JsonGenerator g) throws IOException;
  }

  private Entries() {}

  /** A Smile payload of the given tokens. */
  static byte[] smile(Tokens tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = SMILE.createGenerator(out)) {
      tokens.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An unsigned, uncompressed entry for {@code key}: header, payload, CRC-32C of key and both. */
  static byte[] frame(Digest key, String serializer, byte[] payload) {
    byte[] name = serializer.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'F', 'L', 'C', 2, 0, (byte) name.length});
    out.writeBytes(name);
    out.writeBytes(payload);
    CRC32C crc = new CRC32C();
    crc.update(key.toBytes());
    crc.update(out.toByteArray());
    int c = (int) crc.getValue();
    out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    return out.toByteArray();
  }

  /** The file of {@code key} under {@code root}: {@code root/ab/abcdef…}. */
  static Path file(Path root, Digest key) {
    String hex = key.toString();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** Writes {@code bytes} as the file of {@code key}. */
  static Path write(Path root, Digest key, byte[] bytes) {
    Path file = file(root, key);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
