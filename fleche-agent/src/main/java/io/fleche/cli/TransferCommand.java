package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.LazyCall;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fleche transfer --to NAME}: copies calls, with their values, into another configured
 * cache under the same keys ({@link Cache#transferOne}, atomic per key); a call the target holds
 * already is skipped unless {@code --overwrite}; {@code --move} evicts each transferred call from
 * the source. Calls are given by key or filters; none given: every call. A value stored in the
 * source that cannot be read here (an application class not on {@code --classpath}) fails its
 * call rather than being copied as a reference to nothing.
 */
@Command(
    name = "transfer",
    description = "Copy (or --move) calls and their values into another configured cache.")
final class TransferCommand extends CliCommand {
  @Option(names = "--to", required = true, paramLabel = "NAME", description = "The target cache.")
  String to;

  @Option(names = "--move", description = "Evict each transferred call from the source.")
  boolean move;

  @Option(names = "--overwrite", description = "Replace calls the target holds already.")
  boolean overwrite;

  @Mixin CallSelection selection;

  @Mixin DryRun dryRun;

  @Override
  public Integer call() {
    Cache source = cli.cache();
    String from = cli.cacheLabel();
    if (to.equals(from)) {
      throw usageError("--to names the source cache, " + to);
    }
    Cache target = cli.cache(to);
    List<LazyCall> calls = selection.calls(source);
    if (dryRun.enabled) {
      long there = calls.stream().filter(c -> target.contains(c.lookupKey())).count();
      String summary =
          "Would " + (move ? "move " : "copy ") + Values.count(calls.size(), "call") + " from " + from + " to " + to
              + (there == 0 ? "" : "; " + there + " of them are there already and would be "
                  + (overwrite ? "replaced" : "skipped"));
      dryRun.list(cli, summary, calls, source);
      return 0;
    }
    int copied = 0;
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (Progress progress = cli.progress("transfer", calls.size())) {
      for (LazyCall c : calls) {
        try {
          if (target.transferOne(Calls.strict(c, source), overwrite)) {
            copied++;
            if (move) {
              source.evict(c.lookupKey());
            }
          } else {
            skipped.add(c.lookupKey().toString());
          }
        } catch (RuntimeException e) {
          failed.add(c.lookupKey() + ": " + FlecheCli.oneLine(e));
        }
        progress.step();
      }
    }
    cli.out()
        .println(
            (move ? "Moved " : "Copied ") + Values.count(copied, "call") + " from " + from + " to " + to
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size()
                    + " that " + to + " holds already (--overwrite replaces them)"));
    failed.forEach(f -> cli.err().println("fleche: not transferred: " + f));
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          Values.count(failed.size(), "call") + " could not be transferred");
    }
    return 0;
  }
}
