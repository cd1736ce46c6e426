package io.fleche.cli;

import io.fleche.Table;
import java.io.PrintWriter;

/**
 * How a command prints rows: an aligned table for people (keys shortened, large values
 * summarized), CSV (a header line, full keys, values as JSON where they are not plain text), or
 * JSON lines (one object per row, full keys, values as JSON).
 */
enum Format {
  table,
  csv,
  json;

  /**
   * Writes {@code rows}, whose cells are plain values (text, numbers, or maps and lists in JSON):
   * a table followed by the line {@code footer}, CSV, or JSON lines.
   */
  void write(Table rows, PrintWriter out, String footer) {
    switch (this) {
      case json:
        rows.rows().forEach(r -> out.println(CallWriter.json(r)));
        break;
      case csv:
        Csv.write(rows, out, CallWriter::csvCell);
        break;
      default:
        out.print(rows);
        out.println(footer);
    }
  }
}
