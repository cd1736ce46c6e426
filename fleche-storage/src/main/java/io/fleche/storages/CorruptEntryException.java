package io.fleche.storages;

import io.fleche.FlecheException;

/**
 * A stored entry cannot be read back: truncated, tampered with, of a foreign format, or naming a
 * class that may not be instantiated. Storages log it and treat the entry as missing; the next
 * computation overwrites it.
 */
public final class CorruptEntryException extends FlecheException {
  /**
   * How the message about an entry that names a class this JVM cannot find begins, followed by the
   * class's name: the entry may be sound, and readable where that class is (the application that
   * stored it).
   */
  public static final String CLASS_NOT_FOUND = "The stored entry names a class that is not found: ";

  private static final long serialVersionUID = 1L;

  public CorruptEntryException(String message) {
    super(message);
  }

  public CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
