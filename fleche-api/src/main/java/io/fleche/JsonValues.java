package io.fleche;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON-like values for metadata: {@code String}, {@code Boolean}, {@code Long}, {@code
 * Double}, {@code null}, lists and string-keyed maps of them, immutable. Integral numbers become
 * {@code Long} and floating-point ones {@code Double} (a {@code BigDecimal} an exact {@code Long}
 * when integral, else the nearest {@code Double}), so that a value reads back from JSON with the
 * same digest. NaN, infinities and integers beyond 64 bits have no JSON form and are refused.
 */
final class JsonValues {
  private JsonValues() {}

  static Map<String, Map<String, Object>> metadata(Map<String, ? extends Map<String, ?>> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Map<String, ?>> e : m.entrySet()) {
      String ns = requireKey(e.getKey(), "metadata");
      out.put(ns, object(e.getValue(), "metadata." + ns));
    }
    return Collections.unmodifiableMap(out);
  }

  static Map<String, Object> object(Map<?, ?> m, String path) {
    if (m == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException(
            path + ": keys must be strings, got " + typeOf(e.getKey()));
      }
      String k = (String) e.getKey();
      out.put(k, value(e.getValue(), path + "." + k));
    }
    return Collections.unmodifiableMap(out);
  }

  static Object value(Object v, String path) {
    if (v == null || v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + ": JSON has no NaN or infinity, got " + d);
      }
      return d;
    }
    if (v instanceof BigInteger) {
      if (((BigInteger) v).bitLength() >= 64) {
        throw new IllegalArgumentException(
            path + ": integers in metadata must fit in 64 bits; store " + v + " as a string");
      }
      return ((BigInteger) v).longValue();
    }
    if (v instanceof BigDecimal) {
      // JSON numbers are read back as long or double: keep an integral value exact
      BigDecimal b = ((BigDecimal) v).stripTrailingZeros();
      if (b.scale() <= 0 && b.precision() - b.scale() < 19) {
        return b.longValueExact();
      }
      return value(b.doubleValue(), path);
    }
    if (v instanceof Character || v instanceof Enum) {
      return v.toString();
    }
    if (v instanceof Map) {
      return object((Map<?, ?>) v, path);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object x : (List<?>) v) {
        out.add(value(x, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        path + ": metadata values must be JSON-like (string, number, boolean, null, list, map),"
            + " got " + typeOf(v));
  }

  /**
   * Equality of JSON values as a query compares metadata: numbers by value ({@code 3} equals
   * {@code 3.0}), everything else by {@code equals}.
   */
  static boolean equal(Object template, Object stored) {
    if (template instanceof Number && stored instanceof Number) {
      if (template instanceof Long && stored instanceof Long) {
        return template.equals(stored);
      }
      return ((Number) template).doubleValue() == ((Number) stored).doubleValue();
    }
    return java.util.Objects.equals(template, stored);
  }

  private static String requireKey(String k, String path) {
    if (k == null) {
      throw new IllegalArgumentException(path + ": null namespace");
    }
    return k;
  }

  private static String typeOf(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }
}
