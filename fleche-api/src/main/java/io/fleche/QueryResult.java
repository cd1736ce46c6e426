package io.fleche;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The calls a query found. Re-iterable: every iteration, stream or terminal operation runs the
 * query again and reflects the cache as it is then. Chaining ({@link #take}, {@link #skip}, {@link
 * #filter}, {@link #sorted}, {@link #unique}, ...) is lazy and returns a new result that runs the
 * query again too; terminal operations ({@link #only}, {@link #count}, {@link #latest}, {@link
 * #table}, ...) run it now. Nothing loads a value unless it needs one: a call's arguments and
 * result are loaded when read.
 *
 * <pre>{@code
 * QueryResult runs = cache.query(QueryCall.builder().name("Physics.simulate").build());
 * LazyCall newest = runs.latest();                         // by metadata runtime.timestop
 * List<Object> big = runs.filter(c -> (int) c.argument("steps") > 100).results();
 * Map<Object, QueryResult> bySteps = runs.groupBy("steps");
 * System.out.println(runs.sortedBy("steps").take(10).table(List.of("steps"), true));
 * runs.transfer(archive, true, false);                     // move them to another cache
 * }</pre>
 */
public final class QueryResult implements Iterable<LazyCall> {
  private static final System.Logger LOG = System.getLogger("io.fleche.query");

  private final Cache cache;
  private final Supplier<Stream<LazyCall>> calls;
  private final LongSupplier count; // null: count the stream

  /**
   * @param cache the cache the calls come from (for eviction and transfer)
   * @param calls runs the query; each call returns a fresh stream
   */
  public QueryResult(Cache cache, Supplier<Stream<LazyCall>> calls) {
    this(cache, calls, null);
  }

  /**
   * A result that {@link #count()}s with {@code count} rather than by reading the calls; chained
   * results count their streams.
   *
   * @param cache the cache the calls come from (for eviction and transfer)
   * @param calls runs the query; each call returns a fresh stream
   * @param count how many calls {@code calls} would find now (e.g. counted by the storage)
   */
  public QueryResult(Cache cache, Supplier<Stream<LazyCall>> calls, LongSupplier count) {
    this.cache = Objects.requireNonNull(cache);
    this.calls = Objects.requireNonNull(calls);
    this.count = count;
  }

  /** The cache the calls come from. */
  public Cache cache() {
    return cache;
  }

  /** The calls, queried now. Close the stream. */
  public Stream<LazyCall> stream() {
    return calls.get();
  }

  /** Iterates over the calls found now (the query's stream is read to its end and closed). */
  @Override
  public Iterator<LazyCall> iterator() {
    return toList().iterator();
  }

  private QueryResult then(UnaryOperator<Stream<LazyCall>> step) {
    return new QueryResult(cache, () -> step.apply(calls.get()));
  }

  // ---------------------------------------------------------------- chaining (lazy)

  /** The first {@code n} calls. */
  public QueryResult take(long n) {
    requireNonNegative(n);
    return then(s -> s.limit(n));
  }

  /** All calls but the first {@code n}. */
  public QueryResult skip(long n) {
    requireNonNegative(n);
    return then(s -> s.skip(n));
  }

  private static void requireNonNegative(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + n);
    }
  }

  /** The calls {@code predicate} accepts. */
  public QueryResult filter(Predicate<? super LazyCall> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(s -> s.filter(predicate));
  }

  /** The calls in {@code order} (use {@code order.reversed()} for descending). */
  public QueryResult sorted(Comparator<? super LazyCall> order) {
    Objects.requireNonNull(order, "order");
    return then(s -> s.sorted(order));
  }

  /**
   * The calls in the natural order of their argument {@code argument} (loaded once per call; {@code
   * null} first).
   *
   * @throws IllegalArgumentException (when run) if a call has no such argument
   * @throws ClassCastException (when run) if the values are not mutually comparable
   */
  public QueryResult sortedBy(String argument) {
    Comparator<Object> natural = Comparator.nullsFirst(QueryResult::compareNaturally);
    return then(
        s ->
            s.map(c -> new SimpleImmutableEntry<>(c.argument(argument), c))
                .sorted(Comparator.comparing(SimpleImmutableEntry::getKey, natural))
                .map(SimpleImmutableEntry::getValue));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNaturally(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** Of the calls with equal {@code key} ({@link Object#equals}), the first. */
  public QueryResult unique(Function<? super LazyCall, ?> key) {
    Objects.requireNonNull(key, "key");
    return then(
        s -> {
          Set<Object> seen = new HashSet<>();
          return s.filter(c -> seen.add(key.apply(c)));
        });
  }

  /**
   * Of the calls with equal argument {@code argument}, the first. Values are compared by digest, so
   * nothing is loaded and arrays compare by content.
   *
   * @throws IllegalArgumentException (when run) if a call has no such argument
   */
  public QueryResult unique(String argument) {
    return unique(c -> argumentDigest(c, argument));
  }

  private static Digest argumentDigest(LazyCall call, String argument) {
    Digest d = call.argumentDigests().get(argument);
    if (d == null) {
      throw new IllegalArgumentException(
          call.name() + " has no argument " + argument + "; it has " + call.argumentNames());
    }
    return d;
  }

  // ---------------------------------------------------------------- terminal

  /** The calls found now, in order. */
  public List<LazyCall> toList() {
    try (Stream<LazyCall> s = stream()) {
      return s.collect(Collectors.toList());
    }
  }

  /**
   * The one call found.
   *
   * @throws NoSuchElementException if there is none
   * @throws IllegalStateException if there are several
   */
  public LazyCall only() {
    List<LazyCall> two = take(2).toList();
    if (two.isEmpty()) {
      throw new NoSuchElementException("The query found no calls");
    }
    if (two.size() > 1) {
      throw new IllegalStateException(
          "The query found more than one call: " + two.get(0) + ", " + two.get(1) + ", ...");
    }
    return two.get(0);
  }

  /** The first call found, if any. */
  public Optional<LazyCall> any() {
    try (Stream<LazyCall> s = stream()) {
      return s.findFirst();
    }
  }

  /** How many calls are found now. */
  public long count() {
    if (count != null) {
      return count.getAsLong();
    }
    try (Stream<LazyCall> s = stream()) {
      return s.count();
    }
  }

  /** True if no call is found now. */
  public boolean isEmpty() {
    return any().isEmpty();
  }

  /**
   * The call that finished last, by metadata {@code runtime.timestop}; calls without it lose to
   * calls with it.
   *
   * @throws NoSuchElementException if no call is found
   * @throws IllegalStateException if no call found has {@code runtime.timestop}
   */
  public LazyCall latest() {
    return byTimestop(Comparator.naturalOrder());
  }

  /**
   * The call that finished first, by metadata {@code runtime.timestop}; calls without it lose to
   * calls with it.
   *
   * @throws NoSuchElementException if no call is found
   * @throws IllegalStateException if no call found has {@code runtime.timestop}
   */
  public LazyCall oldest() {
    return byTimestop(Comparator.reverseOrder());
  }

  /** The dated call greatest in {@code order} of timestop (the first of equals). */
  private LazyCall byTimestop(Comparator<Double> order) {
    List<LazyCall> all = toList();
    if (all.isEmpty()) {
      throw new NoSuchElementException("The query found no calls");
    }
    LazyCall best = null;
    Double bestStop = null;
    for (LazyCall c : all) {
      Double stop = timestop(c);
      if (stop != null && (bestStop == null || order.compare(stop, bestStop) > 0)) {
        best = c;
        bestStop = stop;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "None of the "
              + all.size()
              + " calls found has metadata runtime.timestop: record the Runtime metadata"
              + " (io.fleche.metadata.Runtime, the default; Fleches.meta(new Runtime()))");
    }
    return best;
  }

  private static Double timestop(LazyCall call) {
    Map<String, Object> runtime = call.metadata().get("runtime");
    Object stop = runtime == null ? null : runtime.get("timestop");
    return stop instanceof Number ? ((Number) stop).doubleValue() : null;
  }

  /** Evicts every call found from {@link #cache()}; returns how many. */
  public int evict() {
    List<LazyCall> found = toList();
    found.forEach(c -> cache.evict(c.lookupKey()));
    return found.size();
  }

  /**
   * The results of the calls found, loaded now, in order ({@code null} results included).
   *
   * @throws IllegalStateException if a call is pending
   * @throws NoSuchElementException if a result value is no longer stored
   */
  public List<Object> results() {
    List<Object> out = new ArrayList<>();
    forEach(c -> out.add(c.result()));
    return out;
  }

  /**
   * The calls found, grouped by {@code key}, groups in first-seen order. Each group re-runs this
   * query when used, keeping the calls whose key equals the group's.
   */
  public <K> Map<K, QueryResult> groupBy(Function<? super LazyCall, K> key) {
    Objects.requireNonNull(key, "key");
    Map<K, QueryResult> groups = new LinkedHashMap<>();
    for (LazyCall c : this) {
      groups.computeIfAbsent(key.apply(c), k -> filter(x -> Objects.equals(key.apply(x), k)));
    }
    return groups;
  }

  /**
   * The calls found, grouped by argument {@code argument}: keyed by the argument's value (loaded
   * once per group), one group per distinct value by digest, groups in first-seen order. Each group
   * re-runs this query when used.
   *
   * @throws IllegalArgumentException if a call has no such argument
   */
  public Map<Object, QueryResult> groupBy(String argument) {
    Map<Object, QueryResult> groups = new LinkedHashMap<>();
    Set<Digest> seen = new HashSet<>();
    for (LazyCall c : this) {
      Digest d = argumentDigest(c, argument);
      if (seen.add(d)) {
        groups.put(c.argument(argument), filter(x -> d.equals(argumentDigest(x, argument))));
      }
    }
    return groups;
  }

  /**
   * Copies every call found into {@code target} ({@link Cache#transferOne}, atomic per key): a call
   * whose key the target holds already is skipped, with a warning naming the key, unless {@code
   * overwrite}. With {@code pop}, a call transferred is evicted from {@link #cache()}. Values are
   * copied by loading them and saving them in the target.
   *
   * @return the number of calls transferred
   */
  public int transfer(Cache target, boolean pop, boolean overwrite) {
    Objects.requireNonNull(target, "target");
    int transferred = 0;
    for (LazyCall c : this) {
      if (target.transferOne(c, overwrite)) {
        transferred++;
        if (pop) {
          cache.evict(c.lookupKey());
        }
      } else {
        LOG.log(
            System.Logger.Level.WARNING,
            "Not transferred: {0} holds a call under {1} already",
            target,
            c.lookupKey());
      }
    }
    return transferred;
  }

  // ---------------------------------------------------------------- table

  /** {@code table(List.of(), false)}: keys, names, modules and metadata. */
  public Table table() {
    return table(List.of(), false);
  }

  /** {@link #table(List, boolean, boolean)} with keys shrunk to their shortest unique prefix. */
  public Table table(List<String> arguments, boolean results) {
    return table(arguments, results, true);
  }

  /**
   * The calls found as a table, a row per call. Columns, in order:
   *
   * <ul>
   *   <li>{@code key}: the lookup key, shrunk to its shortest unambiguous prefix in {@link
   *       #cache()} if {@code shrinkKeys}, else in full;
   *   <li>{@code name}, {@code module};
   *   <li>{@code result} if {@code results} (loaded; {@code null} for a pending call, admitted but
   *       not committed);
   *   <li>every metadata key of every namespace, flattened ({@code walltime}, {@code tags}' keys,
   *       ...); a key found in several namespaces, or named like a column above, is written {@code
   *       namespace.key}; {@code timestart} and {@code timestop} (epoch seconds) as {@link
   *       Instant}s;
   *   <li>the {@code arguments} asked for (loaded), {@code null} where a call has none of that
   *       name; an argument named like an earlier column is written {@code a_<name>}.
   * </ul>
   *
   * @throws io.fleche.storage.AmbiguousDigestException if a key cannot be shrunk
   */
  public Table table(List<String> arguments, boolean results, boolean shrinkKeys) {
    List<LazyCall> found = toList();
    List<String> keys =
        shrinkKeys
            ? cache.shrink(found.stream().map(LazyCall::lookupKey).collect(Collectors.toList()))
            : found.stream().map(c -> c.lookupKey().toString()).collect(Collectors.toList());

    List<String> columns = new ArrayList<>(List.of("key", "name", "module"));
    if (results) {
      columns.add("result");
    }
    Map<String, Map<String, String>> metadataColumns = metadataColumns(found, columns);
    metadataColumns.values().forEach(m -> columns.addAll(m.values()));
    Map<String, String> argumentColumns = new LinkedHashMap<>();
    for (String a : new LinkedHashSet<>(arguments)) {
      argumentColumns.put(a, columns.contains(a) ? "a_" + a : a);
    }
    columns.addAll(argumentColumns.values());

    List<Map<String, Object>> rows = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      LazyCall c = found.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", keys.get(i));
      row.put("name", c.name());
      row.put("module", c.function().module());
      if (results) {
        row.put("result", c.hasResult() ? c.result() : null);
      }
      for (Map.Entry<String, Map<String, Object>> ns : c.metadata().entrySet()) {
        Map<String, String> named = metadataColumns.get(ns.getKey());
        ns.getValue().forEach((k, v) -> row.put(named.get(k), metadataValue(k, v)));
      }
      argumentColumns.forEach(
          (a, col) -> row.put(col, c.argumentDigests().containsKey(a) ? c.argument(a) : null));
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /**
   * Namespace to (metadata key to column name): the key itself, or {@code namespace.key} if the key
   * is in several namespaces or among {@code taken}.
   */
  private static Map<String, Map<String, String>> metadataColumns(
      List<LazyCall> calls, List<String> taken) {
    Map<String, Set<String>> namespacesOfKey = new LinkedHashMap<>();
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    for (LazyCall c : calls) {
      for (Map.Entry<String, Map<String, Object>> ns : c.metadata().entrySet()) {
        for (String k : ns.getValue().keySet()) {
          namespacesOfKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(ns.getKey());
          columns.computeIfAbsent(ns.getKey(), x -> new LinkedHashMap<>()).put(k, k);
        }
      }
    }
    columns.forEach(
        (ns, keys) ->
            keys.replaceAll(
                (k, col) ->
                    namespacesOfKey.get(k).size() > 1 || taken.contains(k) ? ns + "." + k : k));
    return columns;
  }

  private static Object metadataValue(String key, Object value) {
    if ((key.equals("timestart") || key.equals("timestop")) && value instanceof Number) {
      long micros = Math.round(((Number) value).doubleValue() * 1e6);
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
    return value;
  }

  @Override
  public String toString() {
    return "QueryResult[" + cache + "]";
  }
}
