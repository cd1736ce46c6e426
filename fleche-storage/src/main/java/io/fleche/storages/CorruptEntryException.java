package io.fleche.storages;

import io.fleche.FlecheException;

/**
 * A stored entry cannot be read back: truncated, tampered with, of a foreign format, or naming a
 * class that may not be instantiated. Storages log it and treat the entry as missing; the next
 * computation overwrites it.
 */
public final class CorruptEntryException extends FlecheException {
  private static final long serialVersionUID = 1L;

  public CorruptEntryException(String message) {
    super(message);
  }

  public CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
