package io.fleche.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The base of the subcommands of {@link FlecheCli}: {@link #cli} gives the run's caches, output
 * and progress. A command is a picocli {@code @Command} class extending this one, listed in
 * {@link FlecheCli}'s {@code subcommands}; {@link #call()} returns its exit status and throws on
 * failure (a one-line message; {@link #usageError} for a mistake in the command line).
 */
abstract class CliCommand implements Callable<Integer> {
  @ParentCommand FlecheCli cli;
  @Spec CommandSpec spec;

  /** A usage error (exit status 2) naming the problem. */
  ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
