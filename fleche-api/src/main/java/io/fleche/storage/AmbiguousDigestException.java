package io.fleche.storage;

import io.fleche.Digest;
import io.fleche.FlecheException;
import java.util.List;

/** A short digest matches more than one stored key. */
public final class AmbiguousDigestException extends FlecheException {
  private static final long serialVersionUID = 1L;

  private final String prefix;
  private final transient List<Digest> candidates;

  /**
   * @param prefix the short digest as given
   * @param candidates at least two matching keys, in ascending order
   */
  public AmbiguousDigestException(String prefix, List<Digest> candidates) {
    super(
        "Short digest "
            + prefix
            + " is ambiguous; expands to: "
            + candidates
            + "; need at least "
            + (candidates.get(0).commonPrefixLength(candidates.get(1)) + 1)
            + " characters.");
    this.prefix = prefix;
    this.candidates = List.copyOf(candidates);
  }

  /** The short digest as given. */
  public String prefix() {
    return prefix;
  }

  /** Matching keys found (at least two; not necessarily all). */
  public List<Digest> candidates() {
    return candidates;
  }
}
