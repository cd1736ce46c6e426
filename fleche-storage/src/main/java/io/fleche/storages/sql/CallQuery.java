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
 */
final class CallQuery {
  /** The columns of a call row, in the order {@link SqlCallStorage} reads them. */
  static final String COLUMNS =
      "c.key, c.name, c.signature, c.module, c.version, c.code_digest, c.result";

  private final StringBuilder joins = new StringBuilder();
  private final List<Object> joinParams = new ArrayList<>();
  private final StringBuilder where = new StringBuilder();
  private final List<Object> whereParams = new ArrayList<>();

  private CallQuery() {}

  /**
   * A page of candidates: the SQL selects {@link #COLUMNS} of the candidates in key order and
   * ends with two more placeholders, for the key to start after and the page size.
   */
  static Fragment page(QueryCall template, Dialect dialect) {
    CallQuery q = new CallQuery();
    q.identity(template);
    q.arguments(template);
    q.metadata(template, dialect);
    List<Object> params = new ArrayList<>(q.joinParams);
    params.addAll(q.whereParams);
    return new Fragment(
        "SELECT " + COLUMNS + " FROM calls c" + q.joins + " WHERE " + q.where
            + "c.key > ? ORDER BY c.key LIMIT ?",
        params);
  }

  private void identity(QueryCall t) {
    equal("c.name", t.name());
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
      join("arguments", a, e.getKey());
      if (e.getValue() != null) {
        joins.append(" AND ").append(a).append(".value = ?");
        joinParams.add(e.getValue().toBytes());
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
      join("metadata", m, ns.getKey());
      for (Map.Entry<String, Object> filter : ns.getValue().entrySet()) {
        Object v = filter.getValue();
        boolean scalar =
            v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double;
        Fragment f =
            scalar
                ? dialect.jsonEquals(m + ".data", filter.getKey(), v)
                : dialect.jsonHas(m + ".data", filter.getKey());
        if (f != null) {
          joins.append(" AND ").append(f.sql());
          joinParams.addAll(f.params());
        }
      }
    }
  }

  /** Joins the row of {@code table} (arguments, metadata) named {@code name} of the call. */
  private void join(String table, String alias, String name) {
    joins.append(" JOIN ").append(table).append(' ').append(alias);
    joins.append(" ON ").append(alias).append(".call_key = c.key AND ");
    joins.append(alias).append(".name = ?");
    joinParams.add(name);
  }
}
