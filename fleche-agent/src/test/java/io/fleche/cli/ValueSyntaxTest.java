package io.fleche.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the values written after --arg and --result match, by digest. */
class ValueSyntaxTest {
  private static boolean matches(String text, Object stored) {
    return ValueSyntax.digests(ValueSyntax.candidates(text)).contains(Digest.of(stored));
  }

  @Test
  void typedNumbers_matchOnlyTheirType() {
    assertEquals(List.of(100), ValueSyntax.candidates("100i"));
    assertEquals(List.of(100L), ValueSyntax.candidates("100L"));
    assertEquals(List.of(1.5f), ValueSyntax.candidates("1.5f"));
    assertEquals(List.of(1.5), ValueSyntax.candidates("1.5d"));
    assertEquals(List.of(100.0), ValueSyntax.candidates("100d"));
    assertEquals(List.of(-2e3), ValueSyntax.candidates("-2e3d"));
    assertFalse(matches("100L", 100));
    assertFalse(matches("100i", 100L));
  }

  @Test
  void plainNumbers_matchEveryTypeTheyCanBeReadAs() {
    for (Object stored :
        List.of(100, 100L, (short) 100, (byte) 100, 100.0, 100.0f, BigInteger.valueOf(100),
            new BigDecimal("100"), "100")) {
      assertTrue(matches("100", stored), stored.getClass().getName());
    }
    assertFalse(matches("100", '1'));
    assertTrue(matches("3000000000", 3_000_000_000L));
    assertFalse(ValueSyntax.candidates("3000000000").contains(-1294967296), "no int overflow");
    assertFalse(ValueSyntax.candidates("300").contains((byte) 44), "no byte overflow");
    for (Object stored : List.of(1.5, 1.5f, new BigDecimal("1.5"), "1.5")) {
      assertTrue(matches("1.5", stored), stored.getClass().getName());
    }
    assertFalse(matches("1.5", 1));
  }

  @Test
  void text_booleans_characters_null_andDigests() {
    assertEquals(List.of("7"), ValueSyntax.candidates("\"7\""));
    assertEquals(List.of("a \"quoted\" word"), ValueSyntax.candidates("\"a \\\"quoted\\\" word\""));
    assertTrue(matches("alpha", "alpha"));
    assertTrue(matches("true", true) && matches("true", "true"));
    assertTrue(matches("x", 'x') && matches("x", "x"));
    assertEquals(Arrays.asList((Object) null), ValueSyntax.candidates("null"));
    assertTrue(matches("\"null\"", "null") && !matches("null", "null"));
    Digest d = Digest.of(List.of(1, 2));
    assertTrue(matches("#" + d, List.of(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> ValueSyntax.candidates("#abc"));
  }

  @Test
  void json_listsMapsAndArrays() {
    assertTrue(matches("[1, 2, 3]", List.of(1, 2, 3)));
    assertTrue(matches("[1, 2, 3]", new int[] {1, 2, 3}));
    assertTrue(matches("[1, 2, 3]", new long[] {1, 2, 3}));
    assertTrue(matches("[1, 2, 3]", new double[] {1, 2, 3}));
    assertTrue(matches("[1, 2, 3]", List.of(1L, 2L, 3L)));
    assertTrue(matches("[1.5, 2]", List.of(1.5, 2.0)));
    assertTrue(matches("[\"a\", \"b\"]", new String[] {"a", "b"}));
    assertTrue(matches("[\"a\", \"b\"]", List.of("a", "b")));
    assertTrue(matches("{\"b\": [1], \"a\": \"x\"}", Map.of("a", "x", "b", List.of(1))));
    assertTrue(matches("[]", List.of()));
    assertFalse(matches("[1, 2, 3]", Set.of(1, 2, 3)), "a set is not a list");
  }

  @Test
  void malformedValues_areRefused_namingThem() {
    for (String bad : List.of("1.5i", "1.5L", "[1,", "\"open", "{\"a\": 1} x")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ValueSyntax.candidates(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
