package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.storage.SaveException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CopierTest {
  record Point(int x, int y) {}

  record Holder(List<Integer> values) {}

  static class Node {
    final String name;
    Node next;
    int[] data = {1};

    Node(String name) {
      this.name = name;
    }
  }

  @Test
  void immutableValues_areShared() {
    Point p = new Point(1, 2);
    LocalDate d = LocalDate.of(2026, 1, 1);
    assertSame(p, Copier.copy(p));
    assertSame(d, Copier.copy(d));
    assertSame("s", Copier.copy("s"));
  }

  @Test
  void recordsOfMutables_areRebuilt_whenAComponentIsCopied() {
    Holder h = new Holder(new ArrayList<>(List.of(1)));
    Holder c = (Holder) Copier.copy(h);
    assertNotSame(h, c);
    assertNotSame(h.values(), c.values());
    assertEquals(h, c);
  }

  @Test
  void sortedSets_keepTheirComparator() {
    TreeSet<String> set = new TreeSet<>(Comparator.reverseOrder());
    set.addAll(List.of("a", "c", "b"));
    @SuppressWarnings("unchecked")
    TreeSet<String> copy = (TreeSet<String>) Copier.copy(set);
    assertEquals(List.of("c", "b", "a"), new ArrayList<>(copy));
  }

  @Test
  void plainObjects_areCopiedFieldByField_keepingSharingAndCycles() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    Node copy = (Node) Copier.copy(a);
    assertNotSame(a, copy);
    assertSame(copy, copy.next.next);
    assertEquals("b", copy.next.name);
    assertNotSame(a.data, copy.data);
  }

  @Test
  void optionalsAndMaps_areDeep() {
    Optional<int[]> o = Optional.of(new int[] {1});
    @SuppressWarnings("unchecked")
    Optional<int[]> c = (Optional<int[]>) Copier.copy(o);
    assertNotSame(o.get(), c.get());
    Map<String, int[]> m = Map.of("k", new int[] {2});
    @SuppressWarnings("unchecked")
    Map<String, int[]> mc = (Map<String, int[]>) Copier.copy(m);
    assertNotSame(m.get("k"), mc.get("k"));
    assertThrows(UnsupportedOperationException.class, () -> mc.put("x", null));
  }

  @Test
  void jdkTypesWithoutACopyRule_areRefused() {
    SaveException e = assertThrows(SaveException.class, () -> Copier.copy(new Thread()));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
  }
}
