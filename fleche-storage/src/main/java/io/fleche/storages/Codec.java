package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.SaveException;

/**
 * Turns stored values into bytes and back, for storages that keep bytes (files, database blobs):
 * a serializer with its framing (format header, optional compression and signature).
 *
 * <p>Decoding never trusts its input: bytes that are not a complete, valid encoding — truncated,
 * tampered with, unsigned where a signature is required, naming a class outside the allowed ones,
 * written for another key — raise {@link CorruptEntryException}, which storages log and treat as a
 * miss.
 */
public interface Codec {
  /**
   * The bytes of {@code value}, stored under {@code key}.
   *
   * @param key the key the bytes are stored under; a codec may bind the bytes to it, so that an
   *     entry copied or renamed to another key does not decode there
   * @throws SaveException if the value cannot be encoded
   */
  byte[] encode(Digest key, Object value);

  /**
   * The value {@link #encode} wrote for {@code key}.
   *
   * @throws CorruptEntryException if {@code bytes} are not a valid encoding for {@code key}
   */
  Object decode(Digest key, byte[] bytes);
}
