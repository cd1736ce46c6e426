package io.fleche.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The filters of {@code query}, {@code evict} and {@code transfer}: which stored calls a command
 * acts on. Everything given must hold; nothing given matches every call. Identity fields,
 * metadata and typed values (see {@link ValueSyntax}) are pushed into the storage's query (SQL);
 * plain values are then matched against each call's digests.
 */
final class CallFilters {
  private static final ObjectMapper JSON = JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The function, by its class-qualified name: Physics.simulate.")
  String name;

  @Option(
      names = "--signature",
      paramLabel = "TYPES",
      description = "Its erased parameter types: '(int,java.lang.String)'.")
  String signature;

  @Option(names = "--module", paramLabel = "PACKAGE", description = "Its package.")
  String module;

  @Option(
      names = "--arg",
      paramLabel = "NAME=VALUE",
      description =
          "An argument's value (repeatable). Typed: 100i 100L 1.5f 1.5d \"text\" null #DIGEST"
              + " [JSON]; plain (100, 1.5, true, text) matches each type it can be read as.")
  List<String> arguments = new ArrayList<>();

  @Option(
      names = "--result",
      paramLabel = "VALUE",
      description = "The result's value, written as for --arg.")
  String result;

  @Option(
      names = "--meta",
      paramLabel = "NS.KEY[=VALUE]",
      description =
          "Metadata (repeatable): tags.project=alpha; NS.KEY: the key is present; NS: the"
              + " namespace is present. VALUE is JSON (numbers compare by value), else text.")
  List<String> metadata = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** True if no filter is given. */
  boolean isEmpty() {
    return name == null
        && signature == null
        && module == null
        && arguments.isEmpty()
        && result == null
        && metadata.isEmpty();
  }

  /**
   * The calls of {@code cache} that the filters match, queried when used.
   *
   * @throws ParameterException if a filter is malformed
   */
  QueryResult find(Cache cache) {
    QueryCall.Builder template = QueryCall.builder().name(name).signature(signature).module(module);
    Predicate<LazyCall> rest = null;
    for (String a : arguments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw usage("--arg takes NAME=VALUE, got '" + a + "'");
      }
      String argument = a.substring(0, eq);
      List<Object> values = candidates(a.substring(eq + 1), "--arg " + argument);
      if (values.size() == 1) {
        template.argument(argument, values.get(0) == null ? Digest.of(null) : values.get(0));
      } else {
        template.argument(argument, null); // present: pushed down; the value is checked below
        Set<Digest> digests = ValueSyntax.digests(values);
        rest = and(rest, c -> digests.contains(c.argumentDigests().get(argument)));
      }
    }
    if (result != null) {
      List<Object> values = candidates(result, "--result");
      if (values.size() == 1) {
        template.result(values.get(0));
      } else {
        Set<Digest> digests = ValueSyntax.digests(values);
        rest = and(rest, c -> c.hasResult() && digests.contains(c.resultDigest()));
      }
    }
    metadataTemplate().forEach(template::metadata);
    QueryResult found = cache.query(template.build());
    return rest == null ? found : found.filter(rest);
  }

  private static Predicate<LazyCall> and(Predicate<LazyCall> a, Predicate<LazyCall> b) {
    return a == null ? b : a.and(b);
  }

  private List<Object> candidates(String text, String option) {
    try {
      return ValueSyntax.candidates(text);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  /** {@code --meta} as namespace to (key to value; {@code null}: present). */
  private Map<String, Map<String, Object>> metadataTemplate() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String m : metadata) {
      int eq = m.indexOf('=');
      String path = eq < 0 ? m : m.substring(0, eq);
      int dot = path.indexOf('.');
      if (path.isEmpty() || dot == 0 || dot == path.length() - 1 || dot < 0 && eq >= 0) {
        throw usage("--meta takes NS.KEY=VALUE, NS.KEY or NS, got '" + m + "'");
      }
      Map<String, Object> filters =
          out.computeIfAbsent(dot < 0 ? path : path.substring(0, dot), k -> new LinkedHashMap<>());
      if (dot >= 0) {
        filters.put(path.substring(dot + 1), eq < 0 ? null : jsonOrText(m.substring(eq + 1)));
      }
    }
    return out;
  }

  private static Object jsonOrText(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException notJson) {
      return text;
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
