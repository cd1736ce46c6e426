package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Maintenance.Problem;
import io.fleche.Maintenance.Problem.Kind;
import io.fleche.Maintenance.VerifyResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleche verify}: reads every call record and every value ({@link Cache#verify}) and prints
 * each problem — the key (its first {@value #KEY_LENGTH} hex digits), the {@link Kind kind}, the
 * details — then a summary. Exit status {@value #PROBLEMS} when problems were found and not
 * repaired, so that scripts tell a broken cache from a failed command (1).
 *
 * <p>{@code --repair} then removes the broken calls and values (a call is computed again when
 * next needed), in a second pass that verifies again. It refuses while a value names a class that
 * is not found here: such a value is sound for the application that has the class, so the
 * application's classes must be given with {@code --classpath} first.
 */
@Command(
    name = "verify",
    description = "Read every call and value, and report what is broken (--repair removes it).",
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:no problem found, or all repaired",
      "1:the command failed",
      "2:usage error",
      "3:problems found and not repaired"
    })
final class VerifyCommand extends CliCommand {
  /** The exit status when problems were found and not repaired. */
  static final int PROBLEMS = 3;

  /** How many hex digits of a key a problem shows: enough for {@code show}. */
  static final int KEY_LENGTH = 12;

  private static final Set<Kind> OF_CALLS =
      EnumSet.of(Kind.UNREADABLE_CALL, Kind.BROKEN_RESULT, Kind.BROKEN_ARGUMENT);
  private static final int KIND_WIDTH =
      Arrays.stream(Kind.values()).mapToInt(k -> k.name().length()).max().orElse(0);

  @Option(
      names = "--repair",
      description =
          "Remove the calls and values with problems; the calls are computed again when next"
              + " needed.")
  boolean repair;

  @Override
  public Integer call() {
    Cache cache = cli.cache();
    VerifyResult found = cli.maintain("verify", p -> cache.verify(false, p));
    PrintWriter out = cli.out();
    for (Problem p : found.problems()) {
      out.printf(
          "%-" + KEY_LENGTH + "s  %-" + KIND_WIDTH + "s  %s%n",
          p.key().prefix(KEY_LENGTH), p.kind(), FlecheCli.oneLine(p.message()));
    }
    out.println(
        "Verified " + Values.count(found.calls(), "call") + " and "
            + Values.count(found.values(), "value") + " in " + cli.cacheLabel() + ": "
            + (found.isClean() ? "no problems" : Values.count(found.problems().size(), "problem")));
    if (found.unstoredArguments() > 0) {
      out.println(
          Values.count(found.unstoredArguments(), "argument") + " of calls "
              + (found.unstoredArguments() == 1 ? "has" : "have")
              + " no stored value (kept by digest only, or lost since): not a problem");
    }
    Set<String> missing =
        MissingClasses.in(found.problems().stream().map(Problem::message).toList());
    if (found.isClean()) {
      return 0;
    }
    if (!repair) {
      if (!missing.isEmpty()) {
        out.println("Some " + MissingClasses.hint(missing) + " to read them");
      }
      out.println("Not repaired: 'fleche verify --repair' removes the " + broken(found));
      return PROBLEMS;
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Not repaired: some " + MissingClasses.hint(missing) + " first");
    }
    VerifyResult repaired = cli.maintain("repair", p -> cache.verify(true, p));
    out.println(
        "Repaired: removed the " + broken(repaired)
            + "; the calls are computed again when next needed");
    return 0;
  }

  /** {@code 2 calls and 1 value with problems}, {@code 1 call with problems}. */
  private static String broken(VerifyResult r) {
    long calls = r.problems().stream().filter(p -> OF_CALLS.contains(p.kind())).count();
    long values = r.problems().size() - calls;
    List<String> parts = new ArrayList<>();
    if (calls > 0) {
      parts.add(Values.count(calls, "call"));
    }
    if (values > 0) {
      parts.add(Values.count(values, "value"));
    }
    return String.join(" and ", parts) + " with problems";
  }
}
