package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.caches.LogCapture;
import io.fleche.storage.ValueStorage;
import io.fleche.testgadgets.Benign;
import io.fleche.testgadgets.Gadget;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored entries naming classes outside the allow-list are logged misses; the class never runs. */
class AllowListTest {
  @TempDir Path root;

  private final Digest key = Digest.of("some value");

  @AfterEach
  void gadgetNeverInitialised() {
    assertNull(System.getProperty(Gadget.INITIALISED_PROPERTY), "the gadget class was initialised");
  }

  /** Loads the crafted entry through a default file storage and expects a logged miss. */
  private void assertRefused(String serializer, byte[] payload, String className) {
    Path file = Entries.write(root, key, Entries.frame(key, serializer, payload));
    ValueStorage values = Storages.valueFiles(root, FileOptions.defaults().signingKeys(List.of()));
    try (LogCapture log = new LogCapture("io.fleche.storage")) {
      NoSuchElementException miss = assertThrows(NoSuchElementException.class, () -> values.load(key));
      assertTrue(miss.getMessage().contains(className), miss.getMessage());
      List<String> warnings = log.messages(Level.WARNING);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
      assertTrue(warnings.get(0).contains("not allowed"), warnings.get(0));
    }
    assertTrue(values.contains(key), "the file stays until the next computation overwrites it");
    values.save("some value");
    assertEquals("some value", values.load(key));
  }

  private static byte[] smileObject(String className) {
    return Entries.smile(
        g -> {
          g.writeStartArray();
          g.writeNumber(SmileSerializer.OBJECT);
          g.writeString(className);
          g.writeStartObject();
          g.writeEndObject();
          g.writeEndArray();
        });
  }

  @Test
  void smileEntryNamingAGadgetThatIsNotOnTheClassPath() {
    String invoker = "org.apache.commons.collections.functors.InvokerTransformer";
    assertRefused(Serializers.SMILE, smileObject(invoker), invoker);
  }

  @Test
  void smileEntryNamingAGadgetOnTheClassPath_neverInitialisesIt() {
    assertRefused(Serializers.SMILE, smileObject(Gadget.class.getName()), Gadget.class.getName());
  }

  @Test
  void gadgetNamedAsRecordListClassOrClassValue_isRefusedToo() {
    for (int tag : new int[] {SmileSerializer.RECORD, SmileSerializer.LIST, SmileSerializer.CLASS}) {
      byte[] payload =
          Entries.smile(
              g -> {
                g.writeStartArray();
                g.writeNumber(tag);
                g.writeString("io.fleche.testgadgets.Gadget");
                g.writeEndArray();
              });
      assertRefused(Serializers.SMILE, payload, "io.fleche.testgadgets.Gadget");
    }
  }

  @Test
  void jdkClassesBeyondValuesAndCollections_areRefused() {
    assertRefused(Serializers.SMILE, smileObject("java.io.File"), "java.io.File");
    assertRefused(
        Serializers.SMILE,
        smileObject("javax.management.BadAttributeValueExpException"),
        "javax.management.BadAttributeValueExpException");
    byte[] pool =
        Entries.smile(
            g -> {
              g.writeStartArray();
              g.writeNumber(SmileSerializer.LIST);
              g.writeString("java.util.concurrent.ThreadPoolExecutor");
              g.writeEndArray();
            });
    assertRefused(Serializers.SMILE, pool, "java.util.concurrent.ThreadPoolExecutor");
  }

  @Test
  void javaSerializedGadget_isRefusedBeforeItsClassLoads() throws IOException {
    byte[] benign = jdkSerialized(new Benign());
    byte[] gadget = replace(benign, Benign.class.getName(), Gadget.class.getName());
    assertRefused(Serializers.JAVA, gadget, Gadget.class.getName());
  }

  @Test
  void javaSerializedFile_isRefused() throws IOException {
    assertRefused(Serializers.JAVA, jdkSerialized(new File("/etc/passwd")), "java.io.File");
  }

  private static byte[] jdkSerialized(Object o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(o);
    }
    return out.toByteArray();
  }

  private static byte[] replace(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertEquals(f.length, t.length);
    byte[] out = bytes.clone();
    outer:
    for (int i = 0; i + f.length <= out.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (out[i + j] != f[j]) {
          continue outer;
        }
      }
      System.arraycopy(t, 0, out, i, t.length);
      return out;
    }
    throw new AssertionError(from + " not in the stream");
  }

  @Test
  void configuredEntries_allowPackagesAndClasses_atNameBoundaries() {
    AllowList allow = new AllowList(List.of("io.fleche.testgadgets.", "com.acme.Result"));
    assertSame(Benign.class, allow.resolve(Benign.class.getName()));
    AllowList exact = new AllowList(List.of(Benign.class.getName()));
    assertSame(Benign.class, exact.resolve(Benign.class.getName()));
    AllowList prefixOnly = new AllowList(List.of("io.fleche.testgadget"));
    assertThrows(CorruptEntryException.class, () -> prefixOnly.resolve(Benign.class.getName()));
  }

  @Test
  void builtInTypes_primitivesAndArraysOfAllowedTypes() {
    AllowList allow = new AllowList(List.of());
    assertSame(int.class, allow.resolve("int"));
    assertSame(int[][].class, allow.resolve("[[I"));
    assertSame(String[].class, allow.resolve("[Ljava.lang.String;"));
    assertSame(java.util.ArrayList.class, allow.resolve("java.util.ArrayList"));
    assertSame(java.time.ZonedDateTime.class, allow.resolve("java.time.ZonedDateTime"));
    assertSame(Digest.class, allow.resolve("io.fleche.Digest"));
    assertThrows(CorruptEntryException.class, () -> allow.resolve("[Ljava.io.File;"));
    assertThrows(CorruptEntryException.class, () -> allow.resolve("java.util.Scanner"));
    assertThrows(CorruptEntryException.class, () -> allow.resolve("java.util.zip.ZipFile"));
  }

  // types for the run-time registration test; registration is global, so nothing else uses them
  static class Part {}

  static final class SubPart extends Part {}

  static final class Unrelated {}

  record Registered(List<Part> parts) {}

  static List<Registered> memoized() {
    return List.of();
  }

  @Test
  void registeredTypes_theirComponentTypes_andApplicationSubclasses() throws Exception {
    AllowList allow = new AllowList(List.of());
    assertThrows(CorruptEntryException.class, () -> allow.resolve(Registered.class.getName()));
    Serializers.allow(AllowListTest.class.getDeclaredMethod("memoized").getGenericReturnType());
    assertSame(Registered.class, allow.resolve(Registered.class.getName()));
    assertSame(Part.class, allow.resolve(Part.class.getName()));
    assertSame(SubPart.class, allow.resolve(SubPart.class.getName()));
    assertThrows(CorruptEntryException.class, () -> allow.resolve(Unrelated.class.getName()));
  }
}
