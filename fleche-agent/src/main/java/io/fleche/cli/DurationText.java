package io.fleche.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line: numbers with units, {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, {@code 7d}, {@code 1h30m} ({@code 0} alone too), or ISO-8601 as {@code
 * Duration.parse} reads it ({@code PT1H30M}); printed in the first form.
 */
final class DurationText implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern PARTS = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
  private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
  private static final List<Duration> SIZES =
      List.of(
          Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1),
          Duration.ofMillis(1));

  @Override
  public Duration convert(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    try {
      if (PARTS.matcher(t).matches()) {
        Duration sum = Duration.ZERO;
        for (Matcher m = PART.matcher(t); m.find(); ) {
          Duration unit = SIZES.get(UNITS.indexOf(m.group(2)));
          sum = sum.plus(unit.multipliedBy(Long.parseLong(m.group(1))));
        }
        return sum;
      }
      Duration d = Duration.parse(text.strip());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // not a duration: the message below
    }
    throw new TypeConversionException(
        "'" + text + "' is not a duration: write e.g. 30s, 10m, 2h, 7d or PT1H30M");
  }

  /** {@code d} as {@code 1h30m}, {@code 10m}, {@code 0s}; below a millisecond is dropped. */
  static String format(Duration d) {
    StringBuilder out = new StringBuilder();
    Duration rest = d;
    for (int i = 0; i < UNITS.size(); i++) {
      long n = rest.dividedBy(SIZES.get(i));
      if (n > 0) {
        out.append(n).append(UNITS.get(i));
        rest = rest.minus(SIZES.get(i).multipliedBy(n));
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
