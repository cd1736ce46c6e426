package io.fleche.storages;

import io.fleche.Digest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds values whose digests share a prefix, to exercise short-digest ambiguity. */
final class PrefixClash {
  private PrefixClash() {}

  /** The first two integers (counting from 0) whose digests share {@code length} hex characters. */
  static List<Integer> twoValuesSharing(int length) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; ; i++) {
      Integer other = seen.putIfAbsent(Digest.of(i).prefix(length), i);
      if (other != null) {
        return List.of(other, i);
      }
    }
  }
}
