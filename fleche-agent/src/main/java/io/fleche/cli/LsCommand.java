package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleche ls}: a row per function (name and signature) in the cache: its number of calls,
 * when the first was started and the last finished (metadata {@code runtime.timestart} and
 * {@code timestop}, empty without them), and the bytes of the distinct values its calls refer to
 * (arguments and results, destructured parts included; a value shared by several functions counts
 * for each; empty where the storage cannot tell, as in memory). Sizes read every value's entry:
 * {@code --no-sizes} skips them.
 */
@Command(
    name = "ls",
    description = "List the functions in the cache: calls, first and last computed, value bytes.")
final class LsCommand extends CliCommand {
  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json.")
  Format format = Format.table;

  @Option(names = "--no-sizes", description = "Do not compute value sizes (faster).")
  boolean noSizes;

  /** What one function's calls add up to. */
  private static final class Function {
    long calls;
    Double first;
    Double last;
    final Set<Digest> values = new HashSet<>();
  }

  @Override
  public Integer call() {
    Cache cache = cli.cache();
    Map<List<String>, Function> functions = new TreeMap<>(Comparator.comparing(List::toString));
    try (Progress progress = cli.progress("ls", -1);
        Stream<LazyCall> calls = cache.query().stream()) {
      calls.forEach(
          c -> {
            Function f =
                functions.computeIfAbsent(
                    List.of(c.name(), String.valueOf(c.function().signature())),
                    k -> new Function());
            f.calls++;
            Map<String, Object> runtime = c.metadata().getOrDefault("runtime", Map.of());
            f.first = min(f.first, runtime.get("timestart"));
            f.last = max(f.last, runtime.get("timestop"));
            if (!noSizes) {
              f.values.addAll(c.argumentDigests().values());
              if (c.hasResult()) {
                f.values.add(c.resultDigest());
              }
            }
            progress.step();
          });
    }
    Map<Digest, OptionalLong> sizes = noSizes ? Map.of() : sizes(cache, functions);
    List<String> columns = List.of("function", "signature", "calls", "first", "last", "bytes");
    List<Map<String, Object>> rows = new ArrayList<>();
    long calls = 0;
    OptionalLong bytes = OptionalLong.of(0);
    for (Entry<List<String>, Function> e : functions.entrySet()) {
      Function f = e.getValue();
      OptionalLong size = noSizes ? OptionalLong.empty() : sum(f.values, sizes);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("function", e.getKey().get(0));
      row.put("signature", e.getKey().get(1));
      row.put("calls", f.calls);
      row.put("first", time(f.first, format == Format.table));
      row.put("last", time(f.last, format == Format.table));
      row.put("bytes", size.isEmpty() ? null : format == Format.table ? Values.bytes(size.getAsLong()) : size.getAsLong());
      rows.add(row);
      calls += f.calls;
      bytes = bytes.isPresent() && size.isPresent() ? OptionalLong.of(bytes.getAsLong() + size.getAsLong()) : OptionalLong.empty();
    }
    PrintWriter out = cli.out();
    Table table = new Table(columns, rows);
    switch (format) {
      case json:
        rows.forEach(r -> out.println(CallWriter.json(r)));
        break;
      case csv:
        Csv.write(table, out, v -> v == null ? "" : v.toString());
        break;
      default:
        out.print(table);
        out.println(
            Values.count(functions.size(), "function") + ", " + Values.count(calls, "call")
                + (bytes.isPresent() && !noSizes ? ", " + Values.bytes(bytes.getAsLong()) + " of values" : "")
                + " in " + cli.cacheLabel());
    }
    return 0;
  }

  /**
   * The size of every value the functions refer to, each asked once. Sizes read entries to find
   * their parts; an entry that cannot be read here (an application class not on the class path)
   * counts by itself, without the warnings of the storages' logger, which would be one per value.
   */
  private Map<Digest, OptionalLong> sizes(Cache cache, Map<List<String>, Function> functions) {
    Set<Digest> all = new HashSet<>();
    functions.values().forEach(f -> all.addAll(f.values));
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
