package io.fleche;

/**
 * A value that supplies its own digest, instead of the built-in encoding of {@link DigestFormat}.
 *
 * <p>Use it for types whose identity is not their fields (a handle to a dataset identified by its
 * checksum), or to leave caches and derived state out:
 *
 * <pre>{@code
 * record Dataset(String name, Path file, long checksum) implements Digestible {
 *   public Digest digest() {
 *     return Digest.of(List.of("Dataset", name, checksum)); // the path does not matter
 *   }
 * }
 * }</pre>
 *
 * <p>The digest must depend only on the value's content: equal values, equal digests, in every
 * JVM and run. Registered {@link DigestHook}s take precedence over this interface.
 */
public interface Digestible {
  /** This value's digest. */
  Digest digest();
}
