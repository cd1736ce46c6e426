package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.FlecheException;
import io.fleche.Maintenance.GcResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleche gc}: garbage collection ({@link Cache#gc}) — removes the stored values that no
 * call refers to, directly or as a part of a destructured value, such as the values of evicted
 * calls. Safe while programs record calls into the cache: values saved or used within {@code
 * --grace} (default 10 minutes) are kept, so a call being computed does not lose its arguments.
 * {@code --dry-run} ({@link Cache#gcDryRun}) reports what it would remove and removes nothing.
 * Values are read to find their parts: values of application classes need {@code --classpath}.
 */
@Command(
    name = "gc",
    description = "Remove the stored values that no call refers to (garbage collection).")
final class GcCommand extends CliCommand {
  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = DurationText.class,
      defaultValue = "10m",
      description =
          "Keep values saved or used less than this long ago, which calls being computed may"
              + " still need (default: ${DEFAULT-VALUE}; e.g. 30s, 2h, 0 when nothing records"
              + " into the cache).")
  Duration grace;

  @Option(names = "--dry-run", description = "Report what would be removed; remove nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Cache cache = cli.cache();
    GcResult result;
    try {
      result = cli.maintain("gc", p -> dryRun ? cache.gcDryRun(grace, p) : cache.gc(grace, p));
    } catch (FlecheException e) {
      Set<String> missing = MissingClasses.in(List.of(String.valueOf(e.getMessage())));
      if (missing.isEmpty()) {
        throw e;
      }
      throw new IllegalStateException(
          "Nothing removed: gc reads the values to find their parts, and some "
              + MissingClasses.hint(missing),
          e);
    }
    long bytes = result.bytesFreed();
    cli.out()
        .println(
            (dryRun ? "Would remove " : "Removed ")
                + Values.count(result.removed().size(), "value")
                + " that no call refers to from " + cli.cacheLabel() + ": "
                + Values.bytes(bytes) + (bytes < 1024 ? "" : " (" + bytes + " bytes)"));
    if (!grace.isZero()) {
      cli.out()
          .println(
              "Values saved or used in the last " + DurationText.format(grace)
                  + " are kept (--grace)");
    }
    return 0;
  }
}
