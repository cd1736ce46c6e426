package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.LazyCall;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} of the commands that change a cache: list the calls they would act on, in a
 * {@link Format}, and change nothing.
 */
final class DryRun {
  @Option(names = "--dry-run", description = "List the calls instead; change nothing.")
  boolean enabled;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "How --dry-run lists the calls: table, csv or json.")
  Format format = Format.table;

  /**
   * If this is a dry run: prints {@code summary} (after a table; on standard error before CSV or
   * JSON, which stay parseable) and the calls, and returns true.
   */
  boolean list(FlecheCli cli, String summary, List<LazyCall> calls, Cache cache) {
    if (!enabled) {
      return false;
    }
    CallWriter.write(format, calls, cache, cli.out());
    cli.out().flush();
    (format == Format.table ? cli.out() : cli.err()).println(summary);
    return true;
  }
}
