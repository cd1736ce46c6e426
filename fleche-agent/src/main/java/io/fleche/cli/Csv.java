package io.fleche.cli;

import io.fleche.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** RFC 4180 CSV: a header line, a line per row; fields with commas, quotes or newlines quoted. */
final class Csv {
  private Csv() {}

  /** Writes {@code table}, each cell turned into text by {@code cell}. */
  static void write(Table table, PrintWriter out, Function<Object, String> cell) {
    line(table.columns(), out);
    for (Map<String, Object> row : table.rows()) {
      line(table.columns().stream().map(c -> cell.apply(row.get(c))).collect(Collectors.toList()), out);
    }
  }

  private static void line(List<String> fields, PrintWriter out) {
    out.print(fields.stream().map(Csv::field).collect(Collectors.joining(",")));
    out.print("\r\n");
  }

  private static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
