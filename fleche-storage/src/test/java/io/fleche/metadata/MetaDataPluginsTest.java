package io.fleche.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Call;
import io.fleche.MetaData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaDataPluginsTest {
  /** A plugin configured by its class name. */
  public static final class Custom implements MetaData {
    @Override
    public String name() {
      return "custom";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      return Map.of("answer", 42L);
    }
  }

  /** Not usable from configuration: no no-argument constructor. */
  public static final class NeedsArgument implements MetaData {
    public NeedsArgument(String name) {}

    @Override
    public String name() {
      return "needs";
    }
  }

  @Test
  void builtInsByTheirPascalCaseNames() {
    assertInstanceOf(Runtime.class, MetaDataPlugins.byName("Runtime"));
    assertInstanceOf(Environment.class, MetaDataPlugins.byName("Environment"));
    assertInstanceOf(Git.class, MetaDataPlugins.byName("Git"));
    assertNotSame(MetaDataPlugins.byName("Runtime"), MetaDataPlugins.byName("Runtime"));
  }

  @Test
  void classesByTheirFullyQualifiedNames() {
    MetaData custom = MetaDataPlugins.byName(Custom.class.getName());
    assertEquals("custom", custom.name());
    assertInstanceOf(Runtime.class, MetaDataPlugins.byName(Runtime.class.getName()));
  }

  @Test
  void tagsAreSetInCode() {
    for (String name : new String[] {"Tags", "io.fleche.Tags"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> MetaDataPlugins.byName(name));
      assertTrue(e.getMessage().contains("Fleches.tags"), e.getMessage());
    }
  }

  @Test
  void unusableNamesAreRefusedWithTheReason() {
    assertMessage("unknown metadata plugin 'runtime'", "runtime");
    assertMessage("unknown metadata plugin 'com.example.Nope'", "com.example.Nope");
    assertMessage("must be a public class implementing io.fleche.MetaData", "java.lang.String");
    assertMessage("needs a public no-argument constructor", NeedsArgument.class.getName());
  }

  private static void assertMessage(String expected, String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetaDataPlugins.byName(name));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
