package io.fleche.storages.sql;

import io.fleche.Digest;
import io.fleche.QueryCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL that finds the candidates of a {@link QueryCall}: every call it matches, and possibly a
 * few more, which {@link QueryCall#matches} removes afterwards. Identity fields and the result are
 * compared on the {@code calls} row; each argument filter is a join on the arguments index (name,
 * value digest); each metadata namespace a join on its row, with its scalar filters compared
 * through the dialect's JSON access and the other filters reduced to "key present".
 *
 * <p>A page is ordered by the key column of the table expected to drive the search, so that SQLite
 * reads its index in key order and stops at the page's end: the arguments index for an argument
 * value, else the calls for a name (by their name index), else the first metadata namespace, else
 * the calls. Ordered by another table's column (equal, but SQLite does not know it), every page
 * would read and sort all the remaining matches. An argument filter that only requires the
 * argument is kept off the arguments index, which is not in key order for a name alone.
 *
 * <p>The SQL selects exactly the matches unless a metadata filter compares a number (as a double,
 * see {@link Dialect#jsonEquals}), holds a list or an object (reduced to "key present") or names a
 * key the dialect cannot name (dropped); only an exact query can be counted in SQL.
 */
final class CallQuery {
  /** The columns of a call row, in the order {@link SqlCallStorage} reads them. */
  static final String COLUMNS =
      "c.key, c.name, c.signature, c.module, c.version, c.code_digest, c.result";

  private final StringBuilder joins = new StringBuilder();
  private final List<Object> joinParams = new ArrayList<>();
  private final StringBuilder where = new StringBuilder();
  private final List<Object> whereParams = new ArrayList<>();
  private boolean exact = true;
  private String order; // the key column pages are ordered by; null: not chosen yet

  private CallQuery(QueryCall template, Dialect dialect) {
    arguments(template);
    identity(template);
    metadata(template, dialect);
  }

  /**
   * A page of candidates: the SQL selects {@link #COLUMNS} of the candidates in key order and
   * ends with two more placeholders, for the key to start after and the page size.
   */
  static Fragment page(QueryCall template, Dialect dialect) {
    CallQuery q = new CallQuery(template, dialect);
    return q.select(COLUMNS, "c.key > ? ORDER BY " + q.orderColumn() + " LIMIT ?");
  }

  /**
   * The SQL that counts the matches of {@code template}, or {@code null} if the SQL would count
   * candidates that do not match.
   */
  static Fragment count(QueryCall template, Dialect dialect) {
    CallQuery q = new CallQuery(template, dialect);
    return q.exact ? q.select("count(*)", "1 = 1") : null;
  }

  private Fragment select(String columns, String last) {
    List<Object> params = new ArrayList<>(joinParams);
    params.addAll(whereParams);
    return new Fragment(
        "SELECT " + columns + " FROM calls c" + joins + " WHERE " + where + last, params);
  }

  private String orderColumn() {
    return order == null ? "c.key" : order;
  }

  private void identity(QueryCall t) {
    equal("c.name", t.name());
    if (t.name() != null) {
      orderBy("c.key"); // by the calls' name index
    }
    equal("c.signature", t.signature());
    equal("c.module", t.module());
    equal("c.version", t.version());
    equal("c.code_digest", t.codeDigest());
    if (t.hasResult()) {
      equal("c.result", t.resultDigest()); // a pending call (NULL) never matches
    }
  }

  private void equal(String column, Object value) {
    if (value != null) {
      where.append(column).append(" = ? AND ");
      whereParams.add(value instanceof Digest ? ((Digest) value).toBytes() : value);
    }
  }

  private void arguments(QueryCall t) {
    if (t.argumentDigests() == null) {
      return;
    }
    int i = 0;
    for (Map.Entry<String, Digest> e : t.argumentDigests().entrySet()) {
      String a = "a" + i++;
      if (e.getValue() == null) {
        join("arguments", a, "+" + a + ".name", e.getKey()); // '+': not by the index
      } else {
        join("arguments", a, a + ".name", e.getKey());
        joins.append(" AND ").append(a).append(".value = ?");
        joinParams.add(e.getValue().toBytes());
        orderBy(a + ".call_key");
      }
    }
  }

  private void metadata(QueryCall t, Dialect dialect) {
    if (t.metadata() == null) {
      return;
    }
    int i = 0;
    for (Map.Entry<String, Map<String, Object>> ns : t.metadata().entrySet()) {
      String m = "m" + i++;
      join("metadata", m, m + ".name", ns.getKey());
      orderBy(m + ".call_key");
      for (Map.Entry<String, Object> filter : ns.getValue().entrySet()) {
        Object v = filter.getValue();
        boolean scalar =
            v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double;
        Fragment f =
            scalar
                ? dialect.jsonEquals(m + ".data", filter.getKey(), v)
                : dialect.jsonHas(m + ".data", filter.getKey());
        exact &= f != null && (v == null || v instanceof String || v instanceof Boolean);
        if (f != null) {
          joins.append(" AND ").append(f.sql());
          joinParams.addAll(f.params());
        }
      }
    }
  }

  /**
   * Joins the row of {@code table} (arguments, metadata) named {@code name} of the call, compared
   * as {@code nameColumn}.
   */
  private void join(String table, String alias, String nameColumn, String name) {
    joins.append(" JOIN ").append(table).append(' ').append(alias);
    joins.append(" ON ").append(alias).append(".call_key = c.key AND ");
    joins.append(nameColumn).append(" = ?");
    joinParams.add(name);
  }

  /** Orders pages by {@code column}, unless a filter seen before chose another. */
  private void orderBy(String column) {
    if (order == null) {
      order = column;
    }
  }
}
