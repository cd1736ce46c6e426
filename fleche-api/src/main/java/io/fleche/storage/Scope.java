package io.fleche.storage;

/** A resource held around an operation (a lock, a transaction); closing it releases it. */
@FunctionalInterface
public interface Scope extends AutoCloseable {
  /** A scope that holds nothing. */
  Scope NONE = () -> {};

  @Override
  void close();
}
