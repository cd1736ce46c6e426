package io.fleche.cli;

/**
 * How a command prints rows: an aligned table for people (keys shortened, large values
 * summarized), CSV (a header line, full keys, values as JSON where they are not plain text), or
 * JSON lines (one object per row, full keys, values as JSON).
 */
enum Format {
  table,
  csv,
  json
}
