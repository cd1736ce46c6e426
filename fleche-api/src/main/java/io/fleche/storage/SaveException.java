package io.fleche.storage;

import io.fleche.FlecheException;

/**
 * A storage refuses to store a value: it cannot be digested, copied or serialized, or the storage
 * is read-only or full. An argument that cannot be saved is kept as a digest-only reference; a
 * result that cannot be saved is not cached (the computed result is still returned).
 */
public class SaveException extends FlecheException {
  private static final long serialVersionUID = 1L;

  public SaveException(String message) {
    super(message);
  }

  public SaveException(String message, Throwable cause) {
    super(message, cause);
  }
}
