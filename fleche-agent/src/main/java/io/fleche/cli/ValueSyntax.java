package io.fleche.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fleche.Digest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The values written on the command line for {@code --arg NAME=VALUE} and {@code --result VALUE}.
 *
 * <p>Java digests {@code 1}, {@code 1L} and {@code 1.0} differently, and a stored call does not
 * say which declared type each argument had. So a value is either <em>typed</em>, and matches only
 * that type, or <em>plain</em>, and matches every type it can be read as:
 *
 * <table>
 *   <caption>values and what they match</caption>
 *   <tr><th>written</th><th>matches</th></tr>
 *   <tr><td>{@code 100i}, {@code 100L}, {@code 1.5f}, {@code 1.5d}</td>
 *       <td>that {@code int}, {@code long}, {@code float}, {@code double}</td></tr>
 *   <tr><td>{@code "text"} (JSON string escapes)</td><td>that {@code String}</td></tr>
 *   <tr><td>{@code null}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code #} and 64 hex digits</td><td>a value with that digest (as {@code show}
 *       prints it): any type</td></tr>
 *   <tr><td>{@code [...]}, {@code {...}} (JSON)</td><td>lists and maps of any implementation,
 *       integers as {@code int} ({@code long} beyond), decimals as {@code double}; an array of
 *       numbers also as {@code int[]}, {@code long[]}, {@code double[]} and as lists of {@code
 *       long} or {@code double}; an array of strings also as {@code String[]}</td></tr>
 *   <tr><td>{@code 100}</td><td>{@code int}, {@code long}, {@code short} and {@code byte} (in
 *       range), {@code double}, {@code float}, {@code BigInteger}, {@code BigDecimal}, or the
 *       string {@code "100"}</td></tr>
 *   <tr><td>{@code 1.5}, {@code 1e3}</td><td>{@code double}, {@code float}, {@code BigDecimal},
 *       or the string</td></tr>
 *   <tr><td>{@code true}, {@code false}</td><td>{@code boolean}, or the string</td></tr>
 *   <tr><td>anything else</td><td>that string (a single character also as {@code char})</td></tr>
 * </table>
 *
 * <p>A typed value is one candidate, which queries push into the storage (SQL); a plain one is
 * matched against each stored call's digests.
 */
final class ValueSyntax {
  private static final ObjectMapper JSON = JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern TYPED = Pattern.compile("(.+)([iLfd])");

  private ValueSyntax() {}

  /**
   * The values {@code text} may stand for, the most likely first; one for a typed value.
   *
   * @throws IllegalArgumentException if a typed value or JSON is malformed
   */
  static List<Object> candidates(String text) {
    String t = text.strip();
    if (t.equals("null")) {
      return nullOnly();
    }
    if (t.startsWith("\"")) {
      return List.of(json(t, String.class));
    }
    if (t.startsWith("#")) {
      String hex = t.substring(1);
      if (!Digest.isDigest(hex)) {
        throw new IllegalArgumentException(
            "'" + t + "': a digest is # and " + Digest.HEX_LENGTH + " hex digits");
      }
      return List.of(Digest.fromHex(hex));
    }
    if (t.startsWith("[") || t.startsWith("{")) {
      return structured(json(t, Object.class));
    }
    java.util.regex.Matcher typed = TYPED.matcher(t);
    if (typed.matches() && DECIMAL.matcher(typed.group(1)).matches()) {
      return List.of(typed(typed.group(1), typed.group(2).charAt(0), t));
    }
    return plain(t);
  }

  private static List<Object> nullOnly() {
    List<Object> list = new ArrayList<>();
    list.add(null);
    return list;
  }

  /** The digests of the candidates. */
  static Set<Digest> digests(List<Object> candidates) {
    Set<Digest> out = new LinkedHashSet<>();
    candidates.forEach(c -> out.add(Digest.of(c)));
    return out;
  }

  private static Object typed(String number, char type, String text) {
    try {
      switch (type) {
        case 'i':
          return Integer.parseInt(number);
        case 'L':
          return Long.parseLong(number);
        case 'f':
          return Float.parseFloat(number);
        default:
          return Double.parseDouble(number);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid " + typeName(type), e);
    }
  }

  private static String typeName(char type) {
    return type == 'i' ? "int" : type == 'L' ? "long" : type == 'f' ? "float" : "double";
  }

  private static List<Object> plain(String t) {
    List<Object> out = new ArrayList<>();
    if (INTEGER.matcher(t).matches()) {
      BigInteger big = new BigInteger(t);
      if (big.bitLength() < 32) {
        out.add(big.intValue());
      }
      if (big.bitLength() < 64) {
        out.add(big.longValue());
      }
      if (big.bitLength() < 16) {
        out.add(big.shortValue());
      }
      if (big.bitLength() < 8) {
        out.add(big.byteValue());
      }
      out.add(Double.parseDouble(t));
      out.add(Float.parseFloat(t));
      out.add(big);
      out.add(new BigDecimal(t));
    } else if (DECIMAL.matcher(t).matches()) {
      out.add(Double.parseDouble(t));
      out.add(Float.parseFloat(t));
      out.add(new BigDecimal(t));
    } else if (t.equals("true") || t.equals("false")) {
      out.add(Boolean.parseBoolean(t));
    } else if (t.length() == 1) {
      out.add(t.charAt(0));
    }
    out.add(t);
    return out;
  }

  /** A JSON value as Jackson reads it, and for arrays of numbers or strings the array forms. */
  private static List<Object> structured(Object value) {
    List<Object> out = new ArrayList<>();
    out.add(value);
    if (value instanceof List && !((List<?>) value).isEmpty()) {
      List<?> list = (List<?>) value;
      if (list.stream().allMatch(x -> x instanceof Integer || x instanceof Long)) {
        if (list.stream().allMatch(x -> x instanceof Integer)) {
          out.add(list.stream().mapToInt(x -> (Integer) x).toArray());
        }
        out.add(list.stream().mapToLong(x -> ((Number) x).longValue()).toArray());
        out.add(map(list, x -> ((Number) x).longValue()));
      }
      if (list.stream().allMatch(x -> x instanceof Number)) {
        out.add(list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray());
        out.add(map(list, x -> ((Number) x).doubleValue()));
      }
      if (list.stream().allMatch(x -> x instanceof String)) {
        out.add(list.toArray(new String[0]));
      }
    }
    return out;
  }

  private static List<Object> map(List<?> list, Function<Object, Object> f) {
    List<Object> out = new ArrayList<>(list.size());
    list.forEach(x -> out.add(f.apply(x)));
    return out;
  }

  private static <T> T json(String text, Class<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
