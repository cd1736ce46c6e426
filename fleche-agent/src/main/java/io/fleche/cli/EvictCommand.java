package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.LazyCall;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fleche evict}: removes call records, given by key or by the filters of {@code query}
 * ({@code --all} for every call); their values stay until garbage collection. {@code --dry-run}
 * lists the calls instead and changes nothing.
 */
@Command(
    name = "evict",
    description = "Remove stored calls by key or by filters; values stay until garbage collection.")
final class EvictCommand extends CliCommand {
  @Mixin CallSelection selection;

  @Option(names = "--all", description = "Every call of the cache (instead of keys or filters).")
  boolean all;

  @Mixin DryRun dryRun;

  @Override
  public Integer call() {
    if (selection.isEmpty() != all) {
      throw usageError(
          all ? "--all takes no keys or filters" : "Name the calls: keys, filters, or --all");
    }
    Cache cache = cli.cache();
    List<LazyCall> calls = selection.calls(cache);
    if (dryRun.list(cli, "Would evict " + Values.count(calls.size(), "call") + " from " + cli.cacheLabel(), calls, cache)) {
      return 0;
    }
    try (Progress progress = cli.progress("evict", calls.size())) {
      for (LazyCall c : calls) {
        cache.evict(c.lookupKey());
        progress.step();
      }
    }
    cli.out()
        .println(
            "Evicted " + Values.count(calls.size(), "call") + " from " + cli.cacheLabel()
                + "; their values stay until garbage collection");
    return 0;
  }
}
