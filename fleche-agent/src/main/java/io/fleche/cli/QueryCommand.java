package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.LazyCall;
import io.fleche.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fleche query}: the stored calls that match the filters, in the storage's order (newest
 * first with {@code --latest}), as a table, CSV or JSON lines ({@link CallWriter}).
 */
@Command(
    name = "query",
    description = "List the stored calls that match the filters, with arguments and results.")
final class QueryCommand extends CliCommand {
  @Mixin CallFilters filters;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (a line per call).")
  Format format = Format.table;

  @Option(
      names = "--columns",
      paramLabel = "COLUMN",
      split = ",",
      description = "Only these columns of a table or CSV, in this order: key,name,steps,result.")
  List<String> columns = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N calls.")
  Long limit;

  @Option(
      names = "--latest",
      paramLabel = "N",
      arity = "0..1",
      fallbackValue = "1",
      description =
          "Only the N calls (default 1) that finished last, newest first (metadata"
              + " runtime.timestop; calls without it come last).")
  Long latest;

  @Override
  public Integer call() {
    if (limit != null && limit < 0 || latest != null && latest < 1) {
      throw usageError("--limit must be 0 or more, --latest 1 or more");
    }
    Cache cache = cli.cache();
    QueryResult found = filters.find(cache);
    if (latest != null) {
      found = found.sorted(Comparator.comparingDouble(QueryCommand::timestop).reversed()).take(latest);
    }
    if (limit != null) {
      found = found.take(limit);
    }
    List<LazyCall> calls = found.toList();
    CallWriter.write(format, calls, cache, columns, cli.out());
    return 0;
  }

  /** Metadata {@code runtime.timestop}, or minus infinity. */
  static double timestop(LazyCall c) {
    Object stop = c.metadata().getOrDefault("runtime", Map.of()).get("timestop");
    return stop instanceof Number ? ((Number) stop).doubleValue() : Double.NEGATIVE_INFINITY;
  }
}
