package io.fleche.metadata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** Assertions shared by the metadata tests. */
final class Metadata {
  private Metadata() {}

  /** Every value is a JSON scalar: what a call record stores in its metadata. */
  static void assertJsonLike(Map<String, Object> values) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      assertTrue(
          v == null
              || v instanceof String
              || v instanceof Boolean
              || v instanceof Long
              || v instanceof Integer
              || v instanceof Double,
          e.getKey() + " = " + v + " is not a JSON scalar");
    }
  }
}
