package io.fleche.storages.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FlecheException;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.SaveException;
import io.fleche.storages.CorruptEntryException;
import io.fleche.storages.sql.Connections.Mode;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Call records in SQL (the seed's {@code Sql}): a {@code calls} row with the function's identity
 * and the result digest ({@code NULL} while pending), one {@code arguments} row per argument with
 * its position, one {@code metadata} row per namespace holding a JSON object. A save replaces the
 * record under the same key in one transaction; queries run in SQL (see {@link CallQuery}) and are
 * checked again with {@link QueryCall#matches}, so they agree with every other storage. A page of
 * records reads its arguments and its metadata with one statement each.
 */
final class SqlCallStorage extends TableKeys implements CallStorage {
  private static final int PAGE = 200;
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT =
      new TypeReference<>() {};

  /**
   * One record in one statement (so one implicit read transaction, without BEGIN and COMMIT): the
   * call row (kind 0), its argument rows (1) and its metadata rows (2).
   */
  private static final String LOAD =
      "SELECT 0, c.name, c.signature, c.module, c.version, c.code_digest, c.result, NULL"
          + " FROM calls c WHERE c.key = ?"
          + " UNION ALL SELECT 1, a.name, NULL, NULL, NULL, a.value, NULL, a.position"
          + " FROM arguments a WHERE a.call_key = ?"
          + " UNION ALL SELECT 2, m.name, m.data, NULL, NULL, NULL, NULL, NULL"
          + " FROM metadata m WHERE m.call_key = ?";
  // not ORDER BY position, which SQLite sorts for: Parts keeps them by position
  private static final String ARGUMENTS =
      "SELECT call_key, name, value, position FROM arguments WHERE call_key IN (%s)";
  private static final String METADATA =
      "SELECT call_key, name, data FROM metadata WHERE call_key IN (%s) ORDER BY call_key, name";
  private static final String DELETE = "DELETE FROM calls WHERE key = ?";
  private static final String INSERT =
      "INSERT INTO calls (key, name, signature, module, version, code_digest, result)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ARGUMENT =
      "INSERT INTO arguments (call_key, name, position, value) VALUES (?, ?, ?, ?)";
  private static final String INSERT_METADATA =
      "INSERT INTO metadata (call_key, name, data) VALUES (?, ?, ?)";

  private final Dialect dialect;

  SqlCallStorage(Connections db, Dialect dialect) {
    super(db, "calls");
    this.dialect = dialect;
  }

  /** A call row, before its arguments and metadata are read. */
  private record Row(byte[] key, FunctionId function, Digest result) {}

  /** The arguments (by position: name, digest bytes) and metadata (JSON) of a call, as stored. */
  private static final class Parts {
    final SortedMap<Integer, Map.Entry<String, byte[]>> arguments = new TreeMap<>();
    final Map<String, String> metadata = new TreeMap<>(); // by namespace, as every load gives them
  }

  @Override
  public Digest save(DigestedCall call) {
    return saveAll(List.of(call)).get(0);
  }

  /** {@inheritDoc} In one transaction. */
  @Override
  public List<Digest> saveAll(Collection<DigestedCall> calls) {
    List<Digest> keys = new ArrayList<>(calls.size());
    Map<Digest, DigestedCall> last = new LinkedHashMap<>();
    for (DigestedCall c : calls) {
      Digest key = c.lookupKey();
      keys.add(key);
      last.put(key, c);
    }
    if (keys.isEmpty()) {
      return keys;
    }
    List<Object[]> deleted = new ArrayList<>();
    List<Object[]> inserted = new ArrayList<>();
    List<Object[]> arguments = new ArrayList<>();
    List<Object[]> metadata = new ArrayList<>();
    for (Map.Entry<Digest, DigestedCall> e : last.entrySet()) {
      byte[] k = e.getKey().toBytes();
      DigestedCall call = e.getValue();
      FunctionId f = call.function();
      deleted.add(new Object[] {k});
      inserted.add(
          new Object[] {
            k,
            f.name(),
            f.signature(),
            f.module(),
            f.version(),
            bytes(f.codeDigest()),
            bytes(call.result())
          });
      int position = 0;
      for (Map.Entry<String, Digest> a : call.arguments().entrySet()) {
        arguments.add(new Object[] {k, a.getKey(), position++, a.getValue().toBytes()});
      }
      call.metadata().forEach((n, data) -> metadata.add(new Object[] {k, n, json(n, data)}));
    }
    save(
        keys.size() == 1 ? "under " + keys.get(0) : keys.size() + " calls",
        Mode.WRITE,
        s -> {
          s.batch(DELETE, deleted);
          s.batch(INSERT, inserted);
          s.batch(INSERT_ARGUMENT, arguments);
          s.batch(INSERT_METADATA, metadata);
          return null;
        });
    return keys;
  }

  /**
   * {@inheritDoc} An unreadable record is logged and missing.
   *
   * @throws FlecheException if the database fails or stays locked (the cache takes it for a
   *     miss)
   */
  @Override
  public DigestedCall load(Digest key) {
    try {
      DigestedCall c =
          db.run(
              Mode.AUTOCOMMIT,
              s -> {
                byte[] k = key.toBytes();
                try (ResultSet rs = s.prepare(LOAD, k, k, k).executeQuery()) {
                  return record(k, rs);
                }
              });
      if (c == null) {
        throw new NoSuchElementException("No call under key " + key);
      }
      return c;
    } catch (CorruptEntryException e) {
      throw unreadable(key, e);
    }
  }

  /**
   * The matching records, in key order, read page by page (each page one read transaction);
   * holds no connection, but close it all the same. Unreadable records are logged and left out.
   */
  @Override
  public Stream<DigestedCall> query(QueryCall template) {
    return candidates(template).filter(template::matches);
  }

  /**
   * {@inheritDoc} In SQL when it selects exactly the matches (see {@link CallQuery}); then a
   * record that {@link #query} leaves out as unreadable is counted all the same.
   */
  @Override
  public long count(QueryCall template) {
    Fragment count = CallQuery.count(template, dialect);
    if (count == null) {
      return CallStorage.super.count(template);
    }
    return db.run(
        Mode.AUTOCOMMIT,
        s -> {
          try (ResultSet rs = s.prepare(count).executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** What the SQL alone selects for {@code template}: its matches and perhaps a few more. */
  Stream<DigestedCall> candidates(QueryCall template) {
    Fragment page = CallQuery.page(template, dialect);
    return Pages.stream(
        after ->
            db.run(
                Mode.READ,
                s -> {
                  List<Object> params = new ArrayList<>(page.params());
                  params.add(after);
                  params.add(PAGE);
                  List<Row> rows = rows(s.prepare(page.sql(), params.toArray()).executeQuery());
                  List<Parts> parts = parts(s, rows);
                  List<DigestedCall> calls = new ArrayList<>(rows.size());
                  for (int i = 0; i < rows.size(); i++) {
                    try {
                      calls.add(record(rows.get(i), parts.get(i)));
                    } catch (CorruptEntryException e) {
                      unreadable(Digest.fromBytes(rows.get(i).key()), e);
                    }
                  }
                  byte[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1).key();
                  return Pages.Page.of(calls, last, rows.size(), PAGE);
                }));
  }

  /** The call rows in {@code rs} (columns {@link CallQuery#COLUMNS}), which it closes. */
  private static List<Row> rows(ResultSet rs) throws SQLException {
    try (rs) {
      List<Row> rows = new ArrayList<>();
      while (rs.next()) {
        FunctionId f =
            new FunctionId(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                digest(rs.getBytes(6)));
        rows.add(new Row(rs.getBytes(1), f, digest(rs.getBytes(7))));
      }
      return rows;
    }
  }

  /** The record that {@link #LOAD} read under {@code key}; null if there is none. */
  private static DigestedCall record(byte[] key, ResultSet rs) throws SQLException {
    Row row = null;
    Parts parts = new Parts();
    while (rs.next()) {
      switch (rs.getInt(1)) {
        case 0:
          FunctionId f =
              new FunctionId(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  digest(rs.getBytes(6)));
          row = new Row(key, f, digest(rs.getBytes(7)));
          break;
        case 1:
          parts.arguments.put(rs.getInt(8), Map.entry(rs.getString(2), rs.getBytes(6)));
          break;
        default:
          parts.metadata.put(rs.getString(2), rs.getString(3));
      }
    }
    return row == null ? null : record(row, parts);
  }

  /** The parts of each of {@code rows}, in order, read with one statement per table. */
  private static List<Parts> parts(Session s, List<Row> rows) throws SQLException {
    Map<ByteBuffer, Parts> byKey = new HashMap<>();
    List<Parts> parts = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Parts p = new Parts();
      byKey.put(ByteBuffer.wrap(r.key()), p);
      parts.add(p);
    }
    if (rows.isEmpty()) {
      return parts;
    }
    try (ResultSet rs = s.prepare(ofKeys(ARGUMENTS, rows)).executeQuery()) {
      while (rs.next()) {
        byKey
            .get(ByteBuffer.wrap(rs.getBytes(1)))
            .arguments
            .put(rs.getInt(4), Map.entry(rs.getString(2), rs.getBytes(3)));
      }
    }
    try (ResultSet rs = s.prepare(ofKeys(METADATA, rows)).executeQuery()) {
      while (rs.next()) {
        byKey.get(ByteBuffer.wrap(rs.getBytes(1))).metadata.put(rs.getString(2), rs.getString(3));
      }
    }
    return parts;
  }

  /**
   * {@code sql} with its {@code %s} replaced by placeholders for the keys of {@code rows}: as many
   * as the next power of two, the last key repeated, so that pages of every size share a few
   * statements.
   */
  private static Fragment ofKeys(String sql, List<Row> rows) {
    int n = Integer.highestOneBit(rows.size() * 2 - 1);
    List<Object> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(rows.get(Math.min(i, rows.size() - 1)).key());
    }
    return new Fragment(String.format(sql, String.join(", ", Collections.nCopies(n, "?"))), keys);
  }

  /**
   * The record of {@code row}.
   *
   * @throws CorruptEntryException if it is not a valid record
   */
  private static DigestedCall record(Row row, Parts parts) {
    Map<String, Digest> arguments = new LinkedHashMap<>();
    parts.arguments.values().forEach(a -> arguments.put(a.getKey(), digest(a.getValue())));
    Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
    parts.metadata.forEach((namespace, json) -> metadata.put(namespace, object(namespace, json)));
    try {
      return DigestedCall.of(row.function(), arguments, row.result(), metadata);
    } catch (IllegalArgumentException e) {
      throw new CorruptEntryException("a stored call is not a valid record: " + e.getMessage(), e);
    }
  }

  private static String json(String namespace, Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new SaveException("Cannot write metadata " + namespace + " as JSON: " + e, e);
    }
  }

  private static Map<String, Object> object(String namespace, String json) {
    try {
      return JSON.readValue(json, JSON_OBJECT);
    } catch (JsonProcessingException e) {
      throw new CorruptEntryException("metadata " + namespace + " is not a JSON object: " + e, e);
    }
  }
}
