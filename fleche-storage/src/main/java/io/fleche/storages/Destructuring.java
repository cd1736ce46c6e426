package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.Digestible;
import io.fleche.UndigestableException;
import io.fleche.storage.StorageBackend;
import io.fleche.storages.Parts.ArrayParts;
import io.fleche.storages.Parts.ListParts;
import io.fleche.storages.Parts.MapParts;
import io.fleche.storages.Parts.RecordParts;
import io.fleche.storages.Parts.Ref;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Splits containers into content-addressed entries (the seed's {@code DestructuringMixin}), so
 * that shared sub-values are stored once.
 *
 * <p>Lists, maps, object arrays and records are containers; primitive arrays, sets, plain objects
 * and values with their own digest ({@link Digestible}, hooks) are opaque. A value's depth is 0
 * for scalars and empty containers, 1 + the deepest child for a container, and unbounded for an
 * opaque value. A sub-value whose depth is at least {@code remainingDepth} is stored as its own
 * entry under its digest and referred to from its parent; a shallower one stays inline in its
 * parent's entry. The value saved always gets an entry, under the key given. So with the default
 * depth 1 a flat list of numbers is one entry, nested containers and opaque values are split off,
 * and with depth 0 every sub-value, even a number, is its own entry.
 *
 * <p>Loading reassembles the original types (see {@link Containers}; records through their
 * canonical constructor). The entry of a container is stored under the digest of the original
 * value, so keys do not depend on the depth.
 */
final class Destructuring extends ForwardingKeys implements StorageBackend<Object> {
  static final int UNBOUNDED = Integer.MAX_VALUE;
  private static final System.Logger LOG = System.getLogger("io.fleche.storage");

  private final StorageBackend<Object> backend;
  private final int remainingDepth;

  Destructuring(StorageBackend<Object> backend, int remainingDepth) {
    super(backend);
    if (remainingDepth < 0) {
      throw new IllegalArgumentException("remainingDepth must be >= 0, got " + remainingDepth);
    }
    this.backend = backend;
    this.remainingDepth = remainingDepth;
  }

  /** A visited sub-value: what its parent holds for it, and its depth. */
  private record Node(Object repr, int depth) {}

  @Override
  public void put(Digest key, Object value) {
    backend.put(key, visit(value).repr);
  }

  private Node visit(Object v) {
    if (v == null || v instanceof Digestible) {
      return v == null ? new Node(null, 0) : new Node(v, UNBOUNDED);
    }
    Class<?> c = v.getClass();
    try {
      if (v instanceof List) {
        List<Object> items = new ArrayList<>();
        int depth = children((List<?>) v, items);
        return container(v, depth, items, () -> new ListParts(c, items));
      }
      if (v instanceof Map && !(v instanceof SortedMap && ((SortedMap<?, ?>) v).comparator() != null)) {
        Map<?, ?> m = (Map<?, ?>) v;
        List<Object> keys = new ArrayList<>(m.size());
        List<Object> values = new ArrayList<>(m.size());
        int depth = Math.max(children(m.keySet(), keys), children(m.values(), values));
        List<Object> both = new ArrayList<>(keys);
        both.addAll(values);
        return container(v, depth, both, () -> new MapParts(c, keys, values));
      }
      if (v instanceof Object[] && !leafIsPrimitive(c)) {
        List<Object> items = new ArrayList<>();
        int depth = children(Arrays.asList((Object[]) v), items);
        return container(v, depth, items, () -> new ArrayParts(c.getComponentType(), items));
      }
      if (c.isRecord()) {
        List<Object> items = new ArrayList<>();
        int depth = children(components(v), items);
        return container(v, depth, items, () -> new RecordParts(c, items));
      }
    } catch (UndigestableException e) {
      // a part without a digest of its own (the whole has one, through a hook): keep it whole
      return new Node(v, UNBOUNDED);
    }
    if (c.isArray() || v instanceof Set || !isScalar(v)) {
      return new Node(v, UNBOUNDED);
    }
    return new Node(v, 0);
  }

  /** Visits children, storing the deep ones; fills {@code reprs}; returns the container depth. */
  private int children(Iterable<?> items, List<Object> reprs) {
    int deepest = -1;
    for (Object x : items) {
      Node n = visit(x);
      deepest = Math.max(deepest, n.depth);
      if (n.depth >= remainingDepth) {
        Digest key = Digest.of(x);
        backend.put(key, n.repr);
        reprs.add(new Ref(key));
      } else {
        reprs.add(n.repr);
      }
    }
    return deepest < 0 ? 0 : deepest == UNBOUNDED ? UNBOUNDED : deepest + 1;
  }

  private static Node container(
      Object original, int depth, List<Object> reprs, java.util.function.Supplier<Parts> parts) {
    boolean split = reprs.stream().anyMatch(x -> x instanceof Ref);
    return new Node(split ? parts.get() : original, depth);
  }

  private static boolean leafIsPrimitive(Class<?> arrayClass) {
    Class<?> c = arrayClass;
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c.isPrimitive();
  }

  private static boolean isScalar(Object v) {
    return v instanceof Number
        || v instanceof CharSequence
        || v instanceof Boolean
        || v instanceof Character
        || v instanceof Enum
        || v instanceof Digest
        || v instanceof java.util.UUID
        || v instanceof Class
        || v.getClass().getName().startsWith("java.time.");
  }

  private static List<Object> components(Object record) {
    try {
      return Arrays.asList(Records.components(record));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the components of " + record.getClass(), e);
    }
  }

  @Override
  public Object get(Digest key) {
    Object entry = backend.get(key);
    // Parts are records: the class check first is cheap, an interface check that fails is not
    if (!(entry instanceof Record) || !(entry instanceof Parts)) {
      return entry;
    }
    try {
      return ((Parts) entry).rebuild(x -> part(key, ((Ref) x).key()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof NoSuchElementException) {
        throw new NoSuchElementException(
            "Entry " + key + " refers to a part that is no longer stored: " + e.getMessage());
      }
      throw new IllegalStateException("cannot reassemble entry " + key + ": " + e, e);
    }
  }

  /** The part under {@code key} of the entry under {@code parent}; logs a part that is gone. */
  private Object part(Digest parent, Digest key) {
    try {
      return get(key);
    } catch (NoSuchElementException e) {
      if (!backend.contains(key)) { // an unreadable part is reported by the backend
        LOG.log(
            System.Logger.Level.WARNING,
            "Cache entry {0} refers to part {1}, which is not stored (deleted or lost). The entry"
                + " is treated as missing and stored again when computed again.",
            parent,
            key);
      }
      throw e;
    }
  }

  /** The keys of the separately stored parts that the entry under {@code key} refers to. */
  @Override
  public Set<Digest> childDigests(Digest key) {
    Object entry = backend.get(key);
    return entry instanceof Parts
        ? ((Parts) entry).refs().collect(Collectors.toSet())
        : Set.of();
  }

  /** Touches the entry under {@code key} only, not its parts. */
  @Override
  public boolean touch(Digest key) {
    return backend.touch(key);
  }

  /** Evicts the entry under {@code key} only, not its parts. */
  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    return backend.evictIfStale(key, staleBefore);
  }

  /** Looks at the entry under {@code key} only, not its parts. */
  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    return backend.sizeIfStale(key, staleBefore);
  }

  /** The size of the entry under {@code key} alone; its parts are entries of their own. */
  @Override
  public OptionalLong sizeOf(Digest key) {
    return backend.sizeOf(key);
  }

  @Override
  public String toString() {
    return "Destructuring[depth " + (remainingDepth == UNBOUNDED ? "unbounded" : remainingDepth)
        + ", " + backend + "]";
  }
}
