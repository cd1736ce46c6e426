package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the stored calls of one function (name and signature) add up to, for {@code ls} and
 * {@code stats}: the number of calls; when the first was started and the last finished (metadata
 * {@code runtime.timestart} and {@code timestop}); the computing time recorded with them
 * ({@code runtime.walltime}); the bytes of the distinct values they refer to (arguments and
 * results, destructured parts included; a value shared by several functions counts for each;
 * unknown where the storage cannot tell, as in memory). {@link #row} gives every figure as a
 * table row; a command shows the columns it wants.
 */
final class FunctionSummary {
  final String name;
  final String signature;
  long calls;
  private Double first;
  private Double last;
  private long timed;
  private double walltime;
  private final Set<Digest> values = new HashSet<>();
  /** The bytes of the values, once {@link #of} has asked the storage for them. */
  OptionalLong bytes = OptionalLong.empty();

  private FunctionSummary(String name, String signature) {
    this.name = name;
    this.signature = signature;
  }

  /**
   * The functions of {@code cache}'s stored calls, ordered by name and signature; with their
   * value sizes if {@code sizes} (reading every value's entry, each once).
   */
  static List<FunctionSummary> of(FlecheCli cli, Cache cache, boolean sizes) {
    Map<List<String>, FunctionSummary> functions =
        new TreeMap<>(Comparator.comparing(List::toString));
    try (Progress progress = cli.progress("calls", -1);
        Stream<LazyCall> calls = cache.query().stream()) {
      calls.forEach(
          c -> {
            String signature = String.valueOf(c.function().signature());
            functions
                .computeIfAbsent(
                    List.of(c.name(), signature), k -> new FunctionSummary(c.name(), signature))
                .add(c, sizes);
            progress.step();
          });
    }
    List<FunctionSummary> all = new ArrayList<>(functions.values());
    if (sizes) {
      Map<Digest, OptionalLong> known = sizes(cli, cache, all);
      all.forEach(f -> f.bytes = sum(f.values, known));
    }
    return all;
  }

  private void add(LazyCall c, boolean sizes) {
    calls++;
    Map<String, Object> runtime = c.metadata().getOrDefault("runtime", Map.of());
    first = min(first, runtime.get("timestart"));
    last = max(last, runtime.get("timestop"));
    if (runtime.get("walltime") instanceof Number) {
      timed++;
      walltime += ((Number) runtime.get("walltime")).doubleValue();
    }
    if (sizes) {
      values.addAll(c.argumentDigests().values());
      if (c.hasResult()) {
        values.add(c.resultDigest());
      }
    }
  }

  /** The computing time recorded with the calls, in seconds; {@code null} if none recorded it. */
  Double computing() {
    return timed == 0 ? null : walltime;
  }

  /**
   * This function as a row: {@code function}, {@code signature}, {@code calls}, {@code computing}
   * and {@code mean} (seconds, the mean over the calls that recorded their time), {@code bytes},
   * {@code first} and {@code last} (instants); for a table, times to the second and durations and
   * sizes for people. A cell is {@code null} where the figure is unknown.
   */
  Map<String, Object> row(Format format) {
    boolean forPeople = format == Format.table;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("function", name);
    row.put("signature", signature);
    row.put("calls", calls);
    row.put("computing", timed == 0 ? null : seconds(walltime, forPeople));
    row.put("mean", timed == 0 ? null : seconds(walltime / timed, forPeople));
    row.put("bytes", bytes.isEmpty() ? null : forPeople ? Values.bytes(bytes.getAsLong()) : bytes.getAsLong());
    row.put("first", time(first, forPeople));
    row.put("last", time(last, forPeople));
    return row;
  }

  /** {@code seconds}, for people as a {@link Values#duration}. */
  static Object seconds(double seconds, boolean forPeople) {
    return forPeople ? Values.duration(seconds) : (Object) seconds;
  }

  /**
   * The line under a table of {@code functions} of the cache {@code cacheName}: {@code 6
   * functions, 1008 calls, 12.3 KiB of values in disk} (the bytes if {@code sizes} were asked for
   * and all are known), with {@code figures} (such as the computing time) after the calls.
   */
  static String footer(
      List<FunctionSummary> functions, boolean sizes, String cacheName, String... figures) {
    StringBuilder line =
        new StringBuilder(Values.count(functions.size(), "function"))
            .append(", ")
            .append(Values.count(functions.stream().mapToLong(f -> f.calls).sum(), "call"));
    for (String figure : figures) {
      line.append(", ").append(figure);
    }
    long bytes = 0;
    for (FunctionSummary f : functions) {
      if (!sizes || f.bytes.isEmpty()) {
        return line.append(" in ").append(cacheName).toString();
      }
      bytes += f.bytes.getAsLong();
    }
    return line.append(", ").append(Values.bytes(bytes)).append(" of values in ").append(cacheName).toString();
  }

  /**
   * The size of every value the functions refer to, each asked once. Sizes read entries to find
   * their parts; an entry that cannot be read here (an application class not on the class path)
   * counts by itself, without the warnings of the storages' logger, which would be one per value.
   */
  private static Map<Digest, OptionalLong> sizes(
      FlecheCli cli, Cache cache, List<FunctionSummary> functions) {
    Set<Digest> all = new HashSet<>();
    functions.forEach(f -> all.addAll(f.values));
    Map<Digest, OptionalLong> sizes = new HashMap<>();
    try (CliLogging.Quiet quiet = CliLogging.quietStorages();
        Progress progress = cli.progress("sizes", all.size())) {
      for (Digest d : all) {
        sizes.put(d, cache.valueSize(d));
        progress.step();
      }
    }
    return sizes;
  }

  private static OptionalLong sum(Set<Digest> values, Map<Digest, OptionalLong> sizes) {
    long total = 0;
    for (Digest d : values) {
      OptionalLong s = sizes.get(d);
      if (s.isEmpty()) {
        return s;
      }
      total += s.getAsLong();
    }
    return OptionalLong.of(total);
  }

  private static Double min(Double a, Object b) {
    return b instanceof Number && (a == null || ((Number) b).doubleValue() < a) ? ((Number) b).doubleValue() : a;
  }

  private static Double max(Double a, Object b) {
    return b instanceof Number && (a == null || ((Number) b).doubleValue() > a) ? ((Number) b).doubleValue() : a;
  }

  /** Epoch seconds as an instant, to the second for people. */
  private static Object time(Double epochSeconds, boolean forPeople) {
    if (epochSeconds == null) {
      return null;
    }
    Instant t = Instant.EPOCH.plus(Math.round(epochSeconds * 1e6), ChronoUnit.MICROS);
    return (forPeople ? t.truncatedTo(ChronoUnit.SECONDS) : t).toString();
  }
}
