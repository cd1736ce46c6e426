package io.fleche.storage;

import io.fleche.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Key operations every storage has: list, contains, evict, and short-digest resolution. Keys are
 * {@link Digest}s; methods taking a {@code String} also accept a unique prefix of at least {@value
 * Digest#MIN_PREFIX_LENGTH} hex characters.
 *
 * <p>Every compound operation on a key runs inside {@link #operation(Digest, Intent)}, the hook
 * through which decorators add locks, transactions or other resources scoped to the operation.
 */
public interface KeyManagement {
  /**
   * All keys, in no particular order. Close the stream (try-with-resources): storages backed by
   * files or databases hold resources while it is open.
   */
  Stream<Digest> list();

  /** True if an entry is stored under {@code key}. */
  boolean contains(Digest key);

  /** Removes the entry under {@code key}; nothing happens if there is none. */
  void evict(Digest key);

  /**
   * The resource held around one operation on {@code key}; the default holds nothing. Decorators
   * (locks) override it and chain to the storage they wrap.
   */
  default Scope operation(Digest key, Intent intent) {
    return Scope.NONE;
  }

  /** True if {@code key} (full or a unique prefix) names a stored entry. */
  default boolean contains(String key) {
    try {
      return contains(expand(key));
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  /**
   * Removes the entry named by {@code key} (full or a unique prefix).
   *
   * @throws NoSuchElementException if a prefix matches nothing
   * @throws AmbiguousDigestException if a prefix matches several keys
   */
  default void evict(String key) {
    evict(expand(key));
  }

  /**
   * Up to {@code limit} stored keys starting with the lowercase hex {@code prefix}, smallest
   * first. Storages with an index override this scan.
   */
  default List<Digest> prefixCandidates(String prefix, int limit) {
    try (Stream<Digest> keys = list()) {
      return keys.filter(k -> k.startsWith(prefix))
          .sorted()
          .limit(limit)
          .collect(Collectors.toList());
    }
  }

  /**
   * The full key for a full key or a unique prefix of at least {@value Digest#MIN_PREFIX_LENGTH}
   * hex characters. A full key is returned as it is, stored or not.
   *
   * @throws NoSuchElementException if the prefix is too short or matches nothing
   * @throws AmbiguousDigestException if it matches several keys
   */
  default Digest expand(String key) {
    if (Digest.isDigest(key)) {
      return Digest.fromHex(key);
    }
    if (!Digest.isValidPrefix(key)) {
      throw new NoSuchElementException(
          "Not a key: "
              + key
              + " (a short digest has "
              + Digest.MIN_PREFIX_LENGTH
              + " to "
              + Digest.HEX_LENGTH
              + " hex characters)");
    }
    String prefix = key.toLowerCase(Locale.ROOT);
    List<Digest> found = prefixCandidates(prefix, 2);
    if (found.isEmpty()) {
      throw new NoSuchElementException("No entry for short digest " + key);
    }
    if (found.size() > 1) {
      throw new AmbiguousDigestException(key, found);
    }
    return found.get(0);
  }

  /**
   * The shortest prefix (at least {@value Digest#MIN_PREFIX_LENGTH} characters) that names
   * {@code key} unambiguously among the keys stored now. It may become ambiguous as the storage
   * grows: use it for display.
   *
   * @throws NoSuchElementException if {@code key} is not stored
   */
  default String shrink(Digest key) {
    return shrink(List.of(key)).get(0);
  }

  /** {@link #shrink(Digest)} for several keys, listing the storage once. */
  default List<String> shrink(Collection<Digest> keys) {
    List<Digest> all;
    try (Stream<Digest> s = list()) {
      all = s.sorted().distinct().collect(Collectors.toList());
    }
    List<String> out = new ArrayList<>(keys.size());
    for (Digest k : keys) {
      int i = Collections.binarySearch(all, k);
      if (i < 0) {
        throw new NoSuchElementException("No entry for key " + k);
      }
      int lcp = 0;
      if (i > 0) {
        lcp = Math.max(lcp, k.commonPrefixLength(all.get(i - 1)));
      }
      if (i + 1 < all.size()) {
        lcp = Math.max(lcp, k.commonPrefixLength(all.get(i + 1)));
      }
      out.add(k.prefix(Math.min(Digest.HEX_LENGTH, Math.max(Digest.MIN_PREFIX_LENGTH, lcp + 1))));
    }
    return out;
  }
}
