package io.fleche.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fleche.Cache;
import io.fleche.LazyCall;
import io.fleche.QueryResult;
import io.fleche.Table;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints calls in a {@link Format}. Table and CSV have the columns of {@link QueryResult#table}
 * rearranged: {@code key}, {@code name}, the arguments, {@code result}, then {@code module} and
 * the metadata; a table shortens keys and summarizes values ({@link Values#brief}), CSV has full
 * keys and values as JSON unless they are plain text. JSON has a line per call, {@link #json}.
 */
final class CallWriter {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private CallWriter() {}

  /** Writes {@code calls} of {@code cache} to {@code out}, with every column. */
  static void write(Format format, List<LazyCall> found, Cache cache, PrintWriter out) {
    write(format, found, cache, List.of(), out);
  }

  /**
   * Writes {@code calls} of {@code cache} to {@code out}; a table or CSV has only {@code columns}
   * (in that order) unless it is empty.
   *
   * @throws IllegalArgumentException naming the columns there are if one of {@code columns} is
   *     not among them
   */
  static void write(
      Format format, List<LazyCall> found, Cache cache, List<String> columns, PrintWriter out) {
    List<LazyCall> calls = new ArrayList<>(found.size());
    found.forEach(c -> calls.add(Calls.tolerant(c, cache)));
    if (format == Format.json) {
      calls.forEach(c -> out.println(json(json(c))));
      return;
    }
    Table t = select(table(calls, cache, format == Format.table), columns);
    if (format == Format.table) {
      out.print(t);
    } else {
      Csv.write(t, out, CallWriter::csvCell);
    }
  }

  /** The calls as a table whose cells are the values themselves (briefs for a table). */
  private static Table table(List<LazyCall> calls, Cache cache, boolean forPeople) {
    Set<String> argumentNames = new LinkedHashSet<>();
    calls.forEach(c -> argumentNames.addAll(c.argumentNames()));
    Table base =
        new QueryResult(cache, calls::stream).table(new ArrayList<>(argumentNames), true, forPeople);
    List<String> all = base.columns();
    List<String> arguments = all.subList(all.size() - argumentNames.size(), all.size());
    List<String> columns = new ArrayList<>(List.of("key", "name"));
    columns.addAll(arguments);
    columns.add("result");
    all.stream().filter(c -> !columns.contains(c)).forEach(columns::add);
    if (!forPeople) {
      return new Table(columns, base.rows());
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : base.rows()) {
      Map<String, Object> brief = new LinkedHashMap<>();
      row.forEach((k, v) -> brief.put(k, v == null ? null : Values.brief(v, Table.MAX_CELL_WIDTH)));
      rows.add(brief);
    }
    return new Table(columns, rows);
  }

  private static Table select(Table t, List<String> columns) {
    if (columns.isEmpty() || t.size() == 0) {
      return t;
    }
    for (String c : columns) {
      if (!t.columns().contains(c)) {
        throw new IllegalArgumentException("No column " + c + "; the columns are " + t.columns());
      }
    }
    return new Table(columns, t.rows());
  }

  /** A CSV cell: plain text, numbers and booleans as they are, other values as JSON. */
  static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    Object tree = Values.json(v);
    return tree instanceof String ? (String) tree : json(tree);
  }

  /**
   * One call as a JSON object: {@code key}, {@code name}, {@code signature}, {@code module},
   * {@code version}, {@code code_digest}, {@code arguments} (values), {@code argument_digests},
   * {@code result} and {@code result_digest} ({@code null} while pending), {@code metadata}. Read
   * through {@link Calls#tolerant}, a value that cannot be read is {@code "<unreadable: reason>"}.
   */
  static Map<String, Object> json(LazyCall c) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("key", c.lookupKey().toString());
    o.put("name", c.name());
    o.put("signature", c.function().signature());
    o.put("module", c.function().module());
    o.put("version", c.function().version());
    o.put("code_digest", c.function().codeDigest() == null ? null : c.function().codeDigest().toString());
    Map<String, Object> arguments = new LinkedHashMap<>();
    c.argumentNames().forEach(n -> arguments.put(n, Values.json(c.argument(n))));
    o.put("arguments", arguments);
    Map<String, Object> digests = new LinkedHashMap<>();
    c.argumentDigests().forEach((n, d) -> digests.put(n, d.toString()));
    o.put("argument_digests", digests);
    o.put("result", c.hasResult() ? Values.json(c.result()) : null);
    o.put("result_digest", c.hasResult() ? c.resultDigest().toString() : null);
    o.put("metadata", c.metadata());
    return o;
  }

  /** {@code tree} as one line of JSON. */
  static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
