package io.fleche;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The surefire execution {@code foreign-locale} runs every {@code Digest*Test} again with a Turkish
 * default locale and an ISO-8859-9 default charset (see the module's pom). These tests make sure
 * that run really is foreign — otherwise it would pass vacuously — and check the locale-prone
 * parts of the API directly.
 */
class DigestForeignLocaleTest {
  static boolean foreignRun() {
    return "true".equals(System.getProperty("fleche.test.foreignLocale"));
  }

  @Test
  void foreignLocaleRun_hasTurkishLocaleAndANonUtf8DefaultCharset() {
    assumeTrue(foreignRun(), "only in the foreign-locale surefire execution");
    Locale locale = Locale.getDefault();
    assertEquals("tr", locale.getLanguage(), "default locale " + locale);
    Charset charset = Charset.defaultCharset();
    assertNotEquals(StandardCharsets.UTF_8, charset, "default charset");
    // JDK 17 and JDK 25 both honour -Dfile.encoding=ISO-8859-9 given on the command line
    // (JDK 18+ default to UTF-8 only when file.encoding is not set; see JEP 400).
    assertEquals("ISO-8859-9", charset.name(), "default charset");
    // and both really bite naive code:
    assertNotEquals("title", "TITLE".toLowerCase(), "Turkish dotless i");
    assertEquals("tıtle", "TITLE".toLowerCase());
    assertEquals("ı?", new String("ı€".getBytes()), "the default charset has no €");
  }

  @Test
  void digestOf_localeSensitiveText_usesWtf8Bytes() {
    // Digests of text never go through the default charset or locale-sensitive case mapping.
    for (String s : List.of("TITLE", "title", "Iıİi", "ğüşöç", "€", "😀")) {
      assertEquals(
          Digest.fromBytes(
              DigestReferenceEncoderTest.node(0x09, s.getBytes(StandardCharsets.UTF_8))),
          Digest.of(s),
          s);
    }
    assertNotEquals(Digest.of("TITLE".toLowerCase(Locale.ROOT)), Digest.of("tıtle"));
  }

  @Test
  void digestText_isAsciiLowercaseInEveryLocale() {
    Digest d = Digest.of(Map.of("İstanbul", List.of(1.5, -0.0f)));
    String hex = d.toString();
    assertTrue(hex.matches("[0-9a-f]{64}"), hex);
    assertEquals(d, Digest.fromHex(hex.toUpperCase(Locale.ROOT)));
    assertEquals(d, Digest.fromHex(hex.toUpperCase()));
    assertTrue(d.startsWith(hex.substring(0, 10).toUpperCase()));
    assertArrayEquals(d.toBytes(), Digest.fromHex(hex).toBytes());
  }

  @Test
  void digestOf_javaTime_doesNotDependOnLocaleFormatting() {
    // java.time's toString is locale-free; a decimal comma or localized digits would change it.
    assertEquals(
        Digest.fromBytes(
            DigestReferenceEncoderTest.node(
                0x0F,
                DigestReferenceEncoderTest.cat(
                    DigestReferenceEncoderTest.textZero("java.time.Duration"),
                    "PT1.5S".getBytes(StandardCharsets.US_ASCII)))),
        Digest.of(java.time.Duration.ofMillis(1500)));
  }
}
