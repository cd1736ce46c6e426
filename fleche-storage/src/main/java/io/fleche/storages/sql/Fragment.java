package io.fleche.storages.sql;

import java.util.List;

/**
 * A piece of SQL and the values of its {@code ?} placeholders, in order.
 *
 * @param sql SQL text with {@code ?} placeholders
 * @param params one value per placeholder: {@code String}, {@code Long}, {@code Double} or {@code
 *     byte[]}
 */
record Fragment(String sql, List<Object> params) {
  Fragment {
    params = List.copyOf(params);
  }

  static Fragment of(String sql, Object... params) {
    return new Fragment(sql, List.of(params));
  }
}
