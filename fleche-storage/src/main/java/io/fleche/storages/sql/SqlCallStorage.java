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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Call records in SQL (the seed's {@code Sql}): a {@code calls} row with the function's identity
 * and the result digest ({@code NULL} while pending), one {@code arguments} row per argument with
 * its position, one {@code metadata} row per namespace holding a JSON object. A save replaces the
 * record under the same key in one transaction; queries run in SQL (see {@link CallQuery}) and are
 * checked again with {@link QueryCall#matches}, so they agree with every other storage.
 */
final class SqlCallStorage extends TableKeys implements CallStorage {
  private static final int PAGE = 200;
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT =
      new TypeReference<>() {};

  private static final String LOAD =
      "SELECT " + CallQuery.COLUMNS + " FROM calls c WHERE c.key = ?";
  private static final String ARGUMENTS =
      "SELECT name, value FROM arguments WHERE call_key = ? ORDER BY position";
  private static final String METADATA =
      "SELECT name, data FROM metadata WHERE call_key = ? ORDER BY name";
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

  @Override
  public Digest save(DigestedCall call) {
    Digest key = call.lookupKey();
    byte[] k = key.toBytes();
    FunctionId f = call.function();
    List<Object[]> arguments = new ArrayList<>();
    call.arguments()
        .forEach((n, v) -> arguments.add(new Object[] {k, n, arguments.size(), v.toBytes()}));
    List<Object[]> metadata = new ArrayList<>();
    call.metadata().forEach((n, data) -> metadata.add(new Object[] {k, n, json(n, data)}));
    save(
        key,
        Mode.WRITE,
        s -> {
          s.update(DELETE, k);
          s.update(
              INSERT,
              k,
              f.name(),
              f.signature(),
              f.module(),
              f.version(),
              bytes(f.codeDigest()),
              bytes(call.result()));
          s.batch(INSERT_ARGUMENT, arguments);
          s.batch(INSERT_METADATA, metadata);
          return null;
        });
    return key;
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
              Mode.READ,
              s -> {
                List<Row> rows = rows(s.prepare(LOAD, key.toBytes()).executeQuery());
                return rows.isEmpty() ? null : complete(s, rows.get(0));
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
                  List<DigestedCall> calls = new ArrayList<>(rows.size());
                  for (Row r : rows) {
                    try {
                      calls.add(complete(s, r));
                    } catch (CorruptEntryException e) {
                      unreadable(Digest.fromBytes(r.key()), e);
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

  /** The record of {@code row}, with its arguments and metadata. */
  private static DigestedCall complete(Session s, Row row) throws SQLException {
    Map<String, Digest> arguments = new LinkedHashMap<>();
    try (ResultSet rs = s.prepare(ARGUMENTS, row.key()).executeQuery()) {
      while (rs.next()) {
        arguments.put(rs.getString(1), digest(rs.getBytes(2)));
      }
    }
    Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
    try (ResultSet rs = s.prepare(METADATA, row.key()).executeQuery()) {
      while (rs.next()) {
        metadata.put(rs.getString(1), object(rs.getString(1), rs.getString(2)));
      }
    }
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
