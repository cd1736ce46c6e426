package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The calls a command changes ({@code evict}, {@code transfer}): given by key (full or short), or
 * by {@link CallFilters}, not both.
 */
final class CallSelection {
  @Parameters(
      paramLabel = "KEY",
      arity = "0..*",
      description = "Calls by key, full or a unique prefix of at least 4 hex digits.")
  List<String> keys = new ArrayList<>();

  @Mixin CallFilters filters;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** True if neither keys nor filters are given. */
  boolean isEmpty() {
    return keys.isEmpty() && filters.isEmpty();
  }

  /**
   * The selected calls of {@code cache}, found now: each key's call (which must be stored, with
   * its result), or every call the filters match.
   *
   * @throws ParameterException if both keys and filters are given
   * @throws NoSuchElementException if a key names no call
   */
  List<LazyCall> calls(Cache cache) {
    if (keys.isEmpty()) {
      return filters.find(cache).toList();
    }
    if (!filters.isEmpty()) {
      throw new ParameterException(
          command.commandLine(), "Give keys or filters, not both");
    }
    Set<Digest> unique = new LinkedHashSet<>();
    for (String k : keys) {
      unique.add(cache.expand(k));
    }
    List<LazyCall> out = new ArrayList<>();
    for (Digest key : unique) {
      out.add(Calls.load(cache, key));
    }
    return out;
  }
}
