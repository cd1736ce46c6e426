package io.fleche.storage;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.QueryCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stores call records under their lookup key: saving a call with the key of a stored one replaces
 * it (result and metadata included). Records are listed and queried without loading any value.
 *
 * <pre>{@code
 * CallStorage calls = Storages.callMemory();
 * Digest key = calls.save(call.stash(values));
 * try (Stream<DigestedCall> hits = calls.query(QueryCall.builder().name("f").build())) {
 *   hits.forEach(System.out::println);
 * }
 * }</pre>
 */
public interface CallStorage extends KeyManagement {
  /** Stores {@code call} under its lookup key, replacing any record there; returns the key. */
  Digest save(DigestedCall call);

  /**
   * Stores every call of {@code calls} as {@link #save} would, in order (of several with one
   * lookup key the last wins); returns their keys in order. For bulk copies (transfer, re-keying):
   * the default saves them one by one, a storage may save them together, faster (SQL: in one
   * transaction, all or nothing).
   *
   * <pre>{@code
   * List<Digest> keys = archive.saveAll(batchOfCalls);
   * }</pre>
   */
  default List<Digest> saveAll(Collection<DigestedCall> calls) {
    List<Digest> keys = new ArrayList<>(calls.size());
    for (DigestedCall c : calls) {
      keys.add(save(c));
    }
    return keys;
  }

  /**
   * The record under {@code key}.
   *
   * @throws NoSuchElementException if there is none
   */
  DigestedCall load(Digest key);

  /**
   * The record under a full key or a unique prefix.
   *
   * @throws NoSuchElementException if nothing matches
   * @throws AmbiguousDigestException if the prefix matches several keys
   */
  default DigestedCall load(String key) {
    return load(expand(key));
  }

  /**
   * The records matching {@code template}, as {@link QueryCall#matches} decides. Close the
   * stream.
   */
  Stream<DigestedCall> query(QueryCall template);

  /**
   * How many records match {@code template}: what counting {@link #query} finds, which is the
   * default; a storage may count without reading the records (SQL: in the database, when the
   * template's filters are all expressed there).
   */
  default long count(QueryCall template) {
    try (Stream<DigestedCall> found = query(template)) {
      return found.count();
    }
  }

  /**
   * Rewrites every record through {@code f}; a record whose lookup key changes moves to the new
   * key (re-keying after an identity change).
   */
  default void transform(UnaryOperator<DigestedCall> f) {
    List<Digest> keys;
    try (Stream<Digest> s = list()) {
      keys = s.collect(Collectors.toList());
    }
    for (Digest key : keys) {
      DigestedCall before;
      try {
        before = load(key);
      } catch (NoSuchElementException gone) {
        continue;
      }
      DigestedCall after = f.apply(before);
      Digest newKey = save(after);
      if (!newKey.equals(key)) {
        evict(key);
      }
    }
  }
}
