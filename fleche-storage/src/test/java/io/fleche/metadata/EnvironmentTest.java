package io.fleche.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  @Test
  void valuesAreThoseOfThisJvm() {
    Environment environment = new Environment();
    Map<String, Object> pre = environment.pre(null);

    assertEquals("environment", environment.name());
    assertEquals(
        List.of("hostname", "username", "cwd", "fleche_version", "java_version", "java_vendor"),
        List.copyOf(pre.keySet()));
    assertEquals(System.getProperty("user.name"), pre.get("username"));
    assertEquals(System.getProperty("user.dir"), pre.get("cwd"));
    assertEquals(System.getProperty("java.version"), pre.get("java_version"));
    assertEquals(System.getProperty("java.vendor"), pre.get("java_vendor"));
    // the tests run from classes, not from a jar with a manifest
    assertEquals("unknown", pre.get("fleche_version"));
    assertFalse(pre.get("hostname") instanceof String && ((String) pre.get("hostname")).isBlank());
    assertEquals(Map.of(), environment.post(pre, null));
    Metadata.assertJsonLike(pre);
  }
}
