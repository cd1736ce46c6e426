package io.fleche.cli;

import io.fleche.FlecheStats;
import io.fleche.FunctionStats;
import io.fleche.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleche stats}: the time figures of the cache's stored calls, a row per function — calls,
 * computing time recorded with them ({@code runtime.walltime}) in all and on average, value bytes,
 * first and last computed ({@link FunctionSummary}). With {@code --pid PID}: the live counts of
 * a running JVM that runs with the agent ({@link RunningJvm}), a row per cache and function —
 * hits (those of the front layer apart), misses, uncached calls and why, time computing, time the
 * hits saved; {@code --cache NAME} keeps one cache.
 */
@Command(
    name = "stats",
    description = {
      "Statistics of the cache's stored calls per function: calls, recorded computing time,"
          + " value bytes, first and last computed.",
      "With --pid: the live counts of a running JVM with the agent, per cache and function:"
          + " hits, front hits, misses, uncached (and why), computing time, time saved."
    })
final class StatsCommand extends CliCommand {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, csv or json; durations in seconds in csv and json.")
  Format format = Format.table;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "Read the live statistics of this running JVM (attaching to it).")
  Long pid;

  @Option(names = "--no-sizes", description = "Do not compute value sizes (faster).")
  boolean noSizes;

  @Override
  public Integer call() {
    if (pid == null) {
      stored();
    } else if (noSizes) {
      throw usageError("--no-sizes is for a cache's stored calls, not for a JVM's counts (--pid)");
    } else {
      running();
    }
    return 0;
  }

  private void stored() {
    List<FunctionSummary> functions = FunctionSummary.of(cli, cli.cache(), !noSizes);
    Table table =
        new Table(
            List.of("function", "signature", "calls", "computing", "mean", "bytes", "first", "last"),
            functions.stream().map(f -> f.row(format)).collect(Collectors.toList()));
    List<String> figures = new ArrayList<>();
    functions.stream()
        .map(FunctionSummary::computing)
        .filter(Objects::nonNull)
        .reduce(Double::sum)
        .ifPresent(s -> figures.add(Values.duration(s) + " computing recorded"));
    format.write(
        table,
        cli.out(),
        FunctionSummary.footer(functions, !noSizes, cli.cacheLabel(), figures.toArray(new String[0])));
  }

  private void running() {
    Map<String, FlecheStats> caches = RunningJvm.caches(pid);
    if (cli.cacheName != null) {
      if (!caches.containsKey(cli.cacheName)) {
        throw new IllegalArgumentException(
            "JVM " + pid + " has no cache named '" + cli.cacheName + "'; it has " + caches.keySet());
      }
      caches = Map.of(cli.cacheName, caches.get(cli.cacheName));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    FunctionStats total = FunctionStats.NONE;
    for (Map.Entry<String, FlecheStats> cache : caches.entrySet()) {
      for (Map.Entry<String, FunctionStats> function : cache.getValue().functions().entrySet()) {
        rows.add(row(cache.getKey(), function.getKey(), function.getValue()));
        total = total.plus(function.getValue());
      }
    }
    Table table =
        new Table(
            List.of("cache", "function", "signature", "hits", "front_hits", "misses", "uncached",
                "reasons", "computing", "saved"),
            rows);
    format.write(
        table,
        cli.out(),
        "JVM " + pid + ": " + Values.count(caches.size(), "cache") + ", "
            + Values.count(rows.size(), "function") + "; " + total.hits() + " hits ("
            + total.frontHits() + " front), " + total.misses() + " misses, "
            + total.uncachedTotal() + " uncached; computing " + Values.duration(seconds(total.computing()))
            + ", saved " + Values.duration(seconds(total.saved())));
  }

  /**
   * A function's counts as a row; the function ({@code com.acme.Physics.simulate(int,double)})
   * split into its name and signature.
   */
  private Map<String, Object> row(String cache, String function, FunctionStats s) {
    boolean forPeople = format == Format.table;
    int parameters = function.indexOf('(');
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("cache", cache);
    row.put("function", parameters < 0 ? function : function.substring(0, parameters));
    row.put("signature", parameters < 0 ? null : function.substring(parameters));
    row.put("hits", s.hits());
    row.put("front_hits", s.frontHits());
    row.put("misses", s.misses());
    row.put("uncached", s.uncachedTotal());
    row.put(
        "reasons",
        forPeople
            ? s.uncached().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "))
            : s.uncached());
    row.put("computing", FunctionSummary.seconds(seconds(s.computing()), forPeople));
    row.put("saved", FunctionSummary.seconds(seconds(s.saved()), forPeople));
    return row;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
