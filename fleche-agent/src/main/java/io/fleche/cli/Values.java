package io.fleche.cli;

import io.fleche.Digest;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored values for people and for machines: a short text that fits a width (large values
 * summarized by type and shape), and a JSON-like tree.
 */
final class Values {
  private static final String ELLIPSIS = "…";

  private Values() {}

  /**
   * The type and shape of {@code v}: {@code double[1000]}, {@code int[3][4]}, {@code List[12]},
   * {@code Map[3]}, {@code String[5000 chars]}, else the class's simple name.
   */
  static String type(Object v) {
    if (v == null) {
      return "null";
    }
    Class<?> c = v.getClass();
    if (c.isArray()) {
      StringBuilder dims = new StringBuilder();
      Object level = v;
      Class<?> component = c;
      while (component.isArray()) {
        int n = level == null ? 0 : Array.getLength(level);
        dims.append('[').append(n).append(']');
        level = n > 0 ? Array.get(level, 0) : null;
        component = component.getComponentType();
      }
      return component.getSimpleName() + dims;
    }
    if (v instanceof CharSequence) {
      return "String[" + ((CharSequence) v).length() + " chars]";
    }
    if (v instanceof List) {
      return "List[" + ((List<?>) v).size() + "]";
    }
    if (v instanceof java.util.Set) {
      return "Set[" + ((Collection<?>) v).size() + "]";
    }
    if (v instanceof Collection) {
      return c.getSimpleName() + "[" + ((Collection<?>) v).size() + "]";
    }
    if (v instanceof Map) {
      return "Map[" + ((Map<?, ?>) v).size() + "]";
    }
    return c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
  }

  /**
   * {@code v} as text of at most {@code width} characters: whole if it fits, else its {@link
   * #type} and as much of its beginning as fits, ending in an ellipsis. Builds no more text than
   * it shows, however large the value.
   */
  static String brief(Object v, int width) {
    StringBuilder text = new StringBuilder();
    render(v, text, width + 1);
    if (text.length() <= width) {
      return text.toString();
    }
    String head = type(v) + " ";
    int room = Math.max(0, width - head.length() - ELLIPSIS.length());
    return (head + text.substring(0, Math.min(room, text.length()))).stripTrailing() + ELLIPSIS;
  }

  /** Appends {@code v}'s text to {@code out}, stopping once it holds {@code limit} characters. */
  private static void render(Object v, StringBuilder out, int limit) {
    if (out.length() >= limit) {
      return;
    }
    if (v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      out.append('[');
      for (int i = 0; i < n && out.length() < limit; i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(Array.get(v, i), out, limit);
      }
      out.append(']');
    } else if (v instanceof Collection) {
      elements((Collection<?>) v, out, limit, "[", "]");
    } else if (v instanceof Map) {
      List<Object> entries = new ArrayList<>(((Map<?, ?>) v).entrySet());
      elements(entries, out, limit, "{", "}");
    } else if (v instanceof Map.Entry) {
      render(((Map.Entry<?, ?>) v).getKey(), out, limit);
      out.append('=');
      render(((Map.Entry<?, ?>) v).getValue(), out, limit);
    } else {
      String s = String.valueOf(v);
      out.append(s, 0, Math.min(s.length(), Math.max(0, limit - out.length())));
    }
  }

  private static void elements(
      Collection<?> items, StringBuilder out, int limit, String open, String close) {
    out.append(open);
    boolean first = true;
    for (Object x : items) {
      if (out.length() >= limit) {
        break;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      render(x, out, limit);
    }
    out.append(close);
  }

  /**
   * {@code v} as a JSON-like tree (maps, lists, strings, numbers, booleans, null) for Jackson:
   * arrays and collections as lists, maps with their keys as text, records as objects of their
   * components, enums by name, a {@link Digest} as hex, non-finite floating point numbers and
   * {@code java.time} values as text; any other object as {@code "<class name>"}.
   */
  static Object json(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof java.math.BigInteger
        || v instanceof java.math.BigDecimal) {
      return v;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? v : String.valueOf(d);
    }
    if (v instanceof Character || v instanceof Digest || v instanceof Calls.Unreadable) {
      return v.toString();
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(json(Array.get(v, i)));
      }
      return out;
    }
    if (v instanceof Collection) {
      List<Object> out = new ArrayList<>();
      ((Collection<?>) v).forEach(x -> out.add(json(x)));
      return out;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(json(k)), json(x)));
      return out;
    }
    if (v instanceof Record) {
      return recordJson((Record) v);
    }
    String type = v.getClass().getName();
    if (type.startsWith("java.time.") || v instanceof java.util.UUID) {
      return v.toString();
    }
    return "<" + type + ">";
  }

  private static Map<String, Object> recordJson(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        out.put(c.getName(), json(c.getAccessor().invoke(r)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        out.put(c.getName(), "<unreadable: " + e + ">");
      }
    }
    return out;
  }

  /** {@code 1 call}, {@code 2 calls}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@code 1536} as {@code 1.5 KiB}: bytes in binary units, one decimal. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /**
   * {@code seconds} for people, to three significant digits or so: {@code 850 µs}, {@code 12.3
   * ms}, {@code 4.56 s}, {@code 2 min 3 s}, {@code 1 h 2 min}.
   */
  static String duration(double seconds) {
    if (seconds < 1e-3) {
      return String.format(java.util.Locale.ROOT, "%.0f µs", seconds * 1e6);
    }
    if (seconds < 1) {
      return String.format(java.util.Locale.ROOT, "%.1f ms", seconds * 1e3);
    }
    if (seconds < 60) {
      return String.format(java.util.Locale.ROOT, "%.2f s", seconds);
    }
    long s = Math.round(seconds);
    return s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
  }
}
