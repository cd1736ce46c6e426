package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.storage.SaveException;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Values round-trip through the Smile serializer with their exact types; what it refuses. */
class SmileSerializerTest {
  /** The key entries are encoded for. */
  private static final Digest AT = Digest.of("entry");

  private static final Codec CODEC =
      FileOptions.defaults().signingKeys(List.of()).allow(SmileSerializerTest.class.getName()).codec();

  enum Planet {
    MERCURY {
      @Override
      int order() {
        return 1;
      }
    };

    abstract int order();
  }

  /** A comparator that is itself a value: sorted collections keep it. */
  static final class ByLength implements Comparator<String> {
    @Override
    public int compare(String a, String b) {
      return Integer.compare(a.length(), b.length()) != 0
          ? Integer.compare(a.length(), b.length())
          : a.compareTo(b);
    }
  }

  static class Base {
    int shadowed = 1;
    final String fixed;

    Base(String fixed) {
      this.fixed = fixed;
    }
  }

  static final class Derived extends Base {
    int shadowed = 2;
    List<Object> more = new ArrayList<>(List.of(1L, 'x'));

    Derived() {
      super("set by the constructor");
    }
  }

  static final class Node {
    Node next;
  }

  static Stream<Object> values() {
    TreeSet<String> byLength = new TreeSet<>(new ByLength());
    byLength.addAll(List.of("ccc", "a", "bb"));
    return Stream.of(
        (short) -3,
        (byte) 7,
        'λ',
        1.25f,
        Long.MIN_VALUE,
        Integer.MAX_VALUE,
        new BigInteger("-123456789012345678901234567890"),
        new BigDecimal("-0.000"),
        new boolean[] {true, false},
        new char[] {'a', 'λ'},
        new short[] {-1, 2},
        new long[] {Long.MAX_VALUE},
        new float[] {Float.NaN, -0f},
        new byte[0],
        new long[][] {{1}, {}},
        new Object[] {1, "two", null},
        new LinkedList<>(List.of(1, 2)),
        Collections.unmodifiableList(new ArrayList<>(List.of("u"))),
        Map.of(List.of(1), Set.of("non-string keys")),
        new TreeMap<>(Map.of(3, "c", 1, "a")),
        byLength,
        Planet.MERCURY,
        Month.MAY,
        ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHours(-5)),
        LocalTime.NOON,
        Duration.ofNanos(-1),
        Period.of(1, -2, 3),
        ZoneId.of("America/New_York"),
        ZoneOffset.UTC,
        int.class,
        String[].class,
        Digest.of("d"),
        new Derived());
  }

  @ParameterizedTest
  @MethodSource("values")
  void roundTrip_keepsTypeAndContent(Object v) {
    Object back = CODEC.decode(AT, CODEC.encode(AT, v));
    assertEquals(v.getClass(), back.getClass());
    assertEquals(Digest.of(v), Digest.of(back), () -> Arrays.deepToString(new Object[] {v, back}));
  }

  @Test
  void sortedCollectionsKeepTheirComparator_andPlainObjectsEveryField() {
    TreeSet<?> set = (TreeSet<?>) CODEC.decode(AT, CODEC.encode(AT, values().filter(TreeSet.class::isInstance).findFirst().get()));
    assertEquals(List.of("a", "bb", "ccc"), new ArrayList<>(set));
    assertEquals(ByLength.class, set.comparator().getClass());
    Derived d = (Derived) CODEC.decode(AT, CODEC.encode(AT, new Derived()));
    assertEquals(2, d.shadowed);
    assertEquals(1, ((Base) d).shadowed);
    assertEquals("set by the constructor", d.fixed);
    assertEquals(List.of(1L, 'x'), d.more);
  }

  @Test
  void classesTheSerializerCannotStore_areSaveExceptions() {
    for (Object v :
        List.of(
            new File("x"),
            Executors.newSingleThreadExecutor(),
            (Runnable) () -> {},
            new TreeSet<>(Comparator.reverseOrder()),
            Thread.currentThread())) {
      SaveException e = assertThrows(SaveException.class, () -> CODEC.encode(AT, v), v::toString);
      assertTrue(e.getMessage().contains("cannot store"), e.getMessage());
    }
    Node cycle = new Node();
    cycle.next = new Node();
    cycle.next.next = cycle;
    assertTrue(assertThrows(SaveException.class, () -> CODEC.encode(AT, cycle)).getMessage().contains("cycles"));
  }

  @Test
  void malformedPayloads_areCorrupt() {
    List<Entries.Tokens> malformed =
        List.of(
            g -> g.writeNumber(1L << 40), // a bare 64-bit integer is no value
            g -> {
              g.writeStartArray();
              g.writeNumber(99);
              g.writeEndArray();
            },
            g -> {
              g.writeStartArray();
              g.writeNumber(SmileSerializer.LIST);
              g.writeNumber(0); // a class number before any class
              g.writeEndArray();
            },
            g -> {
              g.writeStartArray();
              g.writeNumber(SmileSerializer.LIST);
              g.writeString("java.util.ArrayList");
              g.writeStartArray();
              g.writeNumber(SmileSerializer.MAP);
              g.writeNumber(0); // an ArrayList is no Map
              g.writeEndArray();
              g.writeEndArray();
            },
            g -> {
              g.writeStartArray();
              g.writeNumber(SmileSerializer.PRIMITIVE_ARRAY);
              g.writeNumber(7);
              g.writeBinary(new byte[7]); // not whole doubles
              g.writeEndArray();
            },
            g -> {
              g.writeStartArray();
              g.writeNumber(SmileSerializer.OBJECT);
              g.writeString(Derived.class.getName());
              g.writeStartObject();
              g.writeNumberField("noSuchField", 1);
              g.writeEndObject();
              g.writeEndArray();
            },
            g -> {
              g.writeString("a");
              g.writeString("b"); // bytes after the value
            });
    for (Entries.Tokens t : malformed) {
      byte[] entry = Entries.frame(AT, Serializers.SMILE, Entries.smile(t));
      assertThrows(CorruptEntryException.class, () -> CODEC.decode(AT, entry));
    }
  }

  @Test
  void nesting_withinTheLimitRoundTrips_beyondItIsRefusedWhenWritten() {
    Object v = 0;
    for (int i = 0; i < SmileSerializer.MAX_NESTING; i++) {
      v = List.of(v);
    }
    assertEquals(v, CODEC.decode(AT, CODEC.encode(AT, v)));
    Object deeper = List.of(v);
    SaveException e = assertThrows(SaveException.class, () -> CODEC.encode(AT, deeper));
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }
}
