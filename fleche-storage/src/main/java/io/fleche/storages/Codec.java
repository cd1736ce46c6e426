package io.fleche.storages;

import io.fleche.storage.SaveException;

/**
 * Turns stored values into bytes and back, for storages that keep bytes (files, database blobs):
 * a serializer with its framing (format header, optional compression and signature).
 *
 * <p>Decoding never trusts its input: bytes that are not a complete, valid encoding — truncated,
 * tampered with, unsigned where a signature is required, naming a class outside the allowed ones —
 * raise {@link CorruptEntryException}, which storages log and treat as a miss.
 */
public interface Codec {
  /**
   * The bytes of {@code value}.
   *
   * @throws SaveException if the value cannot be encoded
   */
  byte[] encode(Object value);

  /**
   * The value {@link #encode} wrote.
   *
   * @throws CorruptEntryException if {@code bytes} are not a valid encoding
   */
  Object decode(byte[] bytes);
}
