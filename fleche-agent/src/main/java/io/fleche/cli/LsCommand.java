package io.fleche.cli;

import io.fleche.Table;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleche ls}: a row per function (name and signature) in the cache: its number of calls,
 * when the first was started and the last finished, and the bytes of the distinct values its
 * calls refer to ({@link FunctionSummary}). Sizes read every value's entry: {@code --no-sizes}
 * skips them.
 */
@Command(
    name = "ls",
    description = "List the functions in the cache: calls, first and last computed, value bytes.")
final class LsCommand extends CliCommand {
  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json.")
  Format format = Format.table;

  @Option(names = "--no-sizes", description = "Do not compute value sizes (faster).")
  boolean noSizes;

  @Override
  public Integer call() {
    List<FunctionSummary> functions = FunctionSummary.of(cli, cli.cache(), !noSizes);
    Table table =
        new Table(
            List.of("function", "signature", "calls", "first", "last", "bytes"),
            functions.stream().map(f -> f.row(format)).collect(Collectors.toList()));
    format.write(table, cli.out(), FunctionSummary.footer(functions, !noSizes, cli.cacheLabel()));
    return 0;
  }
}
