package io.fleche.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations as {@code --grace} reads them and as commands print them. */
class DurationTextTest {
  private final DurationText text = new DurationText();

  @Test
  void readsANumberAndAUnit_zeroAlone_andIso8601() {
    assertEquals(Duration.ofMillis(500), text.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), text.convert("30s"));
    assertEquals(Duration.ofMinutes(10), text.convert("10m"));
    assertEquals(Duration.ofHours(2), text.convert("2H"));
    assertEquals(Duration.ofDays(7), text.convert("7d"));
    assertEquals(Duration.ZERO, text.convert("0"));
    assertEquals(Duration.ofMinutes(90), text.convert("PT1H30M"));
    assertEquals(Duration.ofMinutes(90), text.convert("1h30m"));
  }

  @Test
  void refusesWhatIsNoDuration_orANegativeOne() {
    for (String bad : new String[] {"", "5", "5x", "m", "1.5h", "1h 30m", "99999999999999999999s", "-PT1S", "PT-5M"}) {
      TypeConversionException e =
          assertThrows(TypeConversionException.class, () -> text.convert(bad), bad);
      assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }
  }

  @Test
  void printsTheLargestUnitsFirst() {
    assertEquals("10m", DurationText.format(Duration.ofMinutes(10)));
    assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
    assertEquals("1d2h3m4s5ms", DurationText.format(Duration.parse("P1DT2H3M4.005S")));
    assertEquals("0s", DurationText.format(Duration.ZERO));
    Duration d = Duration.parse("P1DT2H3M4.005S");
    assertEquals(d, text.convert(DurationText.format(d)), "read back");
  }
}
