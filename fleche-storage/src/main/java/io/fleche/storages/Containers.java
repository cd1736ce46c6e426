package io.fleche.storages;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a collection of a given class from its elements, for copies and for reassembling
 * destructured values.
 *
 * <p>The JDK's immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of}) come back
 * immutable and {@code Collections.unmodifiable*} views come back unmodifiable. A class with a
 * public no-argument constructor ({@code ArrayList}, {@code HashMap}, {@code TreeMap}, most user
 * collections) is instantiated and filled; sorted collections keep their comparator. Anything else
 * comes back as an {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap} with the same
 * elements in the same order.
 */
final class Containers {
  private static final ClassValue<Constructor<?>> NO_ARG =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
          if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return null;
          }
          try {
            return type.getConstructor();
          } catch (NoSuchMethodException | SecurityException e) {
            return null;
          }
        }
      };

  private Containers() {}

  static List<Object> list(Class<?> type, List<Object> items) {
    String name = type.getName();
    if (name.startsWith("java.util.ImmutableCollections$")) {
      return List.copyOf(items);
    }
    if (name.startsWith("java.util.Collections$Unmodifiable")) {
      return Collections.unmodifiableList(new ArrayList<>(items));
    }
    List<Object> out = instance(type, null, List.class);
    if (out == null) {
      return new ArrayList<>(items);
    }
    out.addAll(items);
    return out;
  }

  static Set<Object> set(Class<?> type, Comparator<?> comparator, Collection<Object> items) {
    String name = type.getName();
    if (name.startsWith("java.util.ImmutableCollections$")) {
      return Set.copyOf(items);
    }
    if (name.startsWith("java.util.Collections$Unmodifiable")) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(items));
    }
    Set<Object> out = instance(type, comparator, Set.class);
    if (out == null) {
      out = comparator != null ? newTreeSet(comparator) : new LinkedHashSet<>();
    }
    out.addAll(items);
    return out;
  }

  static Map<Object, Object> map(
      Class<?> type, Comparator<?> comparator, List<Object> keys, List<Object> values) {
    String name = type.getName();
    Map<Object, Object> out;
    boolean immutable = name.startsWith("java.util.ImmutableCollections$");
    boolean unmodifiable = name.startsWith("java.util.Collections$Unmodifiable");
    out = immutable || unmodifiable ? null : instance(type, comparator, Map.class);
    if (out == null) {
      out = comparator != null ? newTreeMap(comparator) : new LinkedHashMap<>();
    }
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), values.get(i));
    }
    if (immutable) {
      return Map.copyOf(out);
    }
    return unmodifiable ? Collections.unmodifiableMap(out) : out;
  }

  /** The comparator of a sorted set or map, or null. */
  static Comparator<?> comparatorOf(Object collection) {
    if (collection instanceof SortedSet) {
      return ((SortedSet<?>) collection).comparator();
    }
    if (collection instanceof SortedMap) {
      return ((SortedMap<?, ?>) collection).comparator();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <C> C instance(Class<?> type, Comparator<?> comparator, Class<?> kind) {
    if (comparator != null) {
      try {
        return (C) type.getConstructor(Comparator.class).newInstance(comparator);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    Constructor<?> c = NO_ARG.get(type);
    if (c == null || !kind.isAssignableFrom(type)) {
      return null;
    }
    try {
      return (C) c.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<Object> newTreeSet(Comparator<?> comparator) {
    return new TreeSet<>((Comparator<Object>) comparator);
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> newTreeMap(Comparator<?> comparator) {
    return new TreeMap<>((Comparator<Object>) comparator);
  }
}
