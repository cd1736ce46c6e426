package io.fleche.storage;

/** What an operation on a key intends, for {@link KeyManagement#operation(io.fleche.Digest, Intent)}. */
public enum Intent {
  /** Reads only; may share the key with other readers. Never use it to guard read-modify-write. */
  READ,
  /** Writes, or reads in order to write: exclusive on the key. */
  WRITE
}
