package io.fleche;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls as a table ({@link QueryResult#table}): named columns and a row per call, each row a map
 * from column name to value ({@code null} where a call has no value). {@link #toString()} prints it
 * as aligned text.
 *
 * <pre>{@code
 * Table t = cache.query().table(List.of("steps"), true);
 * t.columns();                 // [key, name, module, result, timestart, ..., steps]
 * t.column("steps");           // one value per row
 * System.out.println(t);
 * }</pre>
 */
public final class Table {
  /** Widest a cell is printed; longer values are cut and end in an ellipsis. */
  public static final int MAX_CELL_WIDTH = 40;

  private final List<String> columns;
  private final List<Map<String, Object>> rows;

  /**
   * @param columns the column names, in order
   * @param rows one map per row from column name to value; values of columns it lacks are null
   */
  public Table(List<String> columns, List<Map<String, Object>> rows) {
    this.columns = List.copyOf(columns);
    List<Map<String, Object>> copy = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> r = new LinkedHashMap<>();
      this.columns.forEach(c -> r.put(c, row.get(c)));
      copy.add(Collections.unmodifiableMap(r));
    }
    this.rows = Collections.unmodifiableList(copy);
  }

  /** The column names, in order. */
  public List<String> columns() {
    return columns;
  }

  /** The rows, each a map from every column name (in column order) to a value or null. */
  public List<Map<String, Object>> rows() {
    return rows;
  }

  /**
   * The values of one column, a value per row.
   *
   * @throws IllegalArgumentException if there is no such column
   */
  public List<Object> column(String name) {
    if (!columns.contains(name)) {
      throw new IllegalArgumentException("No column " + name + "; the columns are " + columns);
    }
    List<Object> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(r.get(name)));
    return Collections.unmodifiableList(values);
  }

  /** The number of rows. */
  public int size() {
    return rows.size();
  }

  /**
   * The table as aligned text: a header, a rule, a line per row; cells left-aligned, null cells
   * empty, values longer than {@value #MAX_CELL_WIDTH} characters cut with an ellipsis.
   */
  @Override
  public String toString() {
    List<String[]> lines = new ArrayList<>(rows.size() + 1);
    lines.add(columns.toArray(new String[0]));
    for (Map<String, Object> row : rows) {
      lines.add(columns.stream().map(c -> cell(row.get(c))).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, lines.get(0), widths);
    String[] rule = new String[widths.length];
    for (int i = 0; i < widths.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    appendLine(out, rule, widths);
    lines.subList(1, lines.size()).forEach(line -> appendLine(out, line, widths));
    return out.toString();
  }

  private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String cell(Object value) {
    String s;
    if (value == null) {
      s = "";
    } else if (value instanceof Object[]) {
      s = Arrays.deepToString((Object[]) value);
    } else if (value.getClass().isArray()) {
      s = Arrays.deepToString(new Object[] {value});
      s = s.substring(1, s.length() - 1);
    } else {
      s = value.toString();
    }
    s = s.replaceAll("\\s+", " ");
    return s.length() > MAX_CELL_WIDTH ? s.substring(0, MAX_CELL_WIDTH - 1) + "…" : s;
  }
}
