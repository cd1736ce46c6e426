package io.fleche.storages.sql;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream read lazily in pages, in key order: each page is one short piece of database work
 * that resumes after the last key of the page before. No connection is held between pages, so
 * the stream's user may call the storage while it reads; an entry saved or evicted meanwhile may
 * or may not appear, and none appears twice.
 */
final class Pages<T> extends Spliterators.AbstractSpliterator<T> {
  /** Reads one page. */
  @FunctionalInterface
  interface Reader<T> {
    /** The page after key {@code after} (an empty array before the first key). */
    Page<T> read(byte[] after);
  }

  /**
   * One page.
   *
   * @param items what the page yields (possibly fewer than the rows it read)
   * @param lastKey the key of the last row read, or {@code null} if this was the last page
   */
  record Page<T>(List<T> items, byte[] lastKey) {
    /** A page of {@code rows} rows read with a limit of {@code limit}. */
    static <T> Page<T> of(List<T> items, byte[] lastKey, int rows, int limit) {
      return new Page<>(items, rows < limit ? null : lastKey);
    }
  }

  private final Reader<T> reader;
  private Iterator<T> current = Collections.emptyIterator();
  private byte[] after = new byte[0];

  private Pages(Reader<T> reader) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.reader = reader;
  }

  static <T> Stream<T> stream(Reader<T> reader) {
    return StreamSupport.stream(new Pages<>(reader), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    while (!current.hasNext()) {
      if (after == null) {
        return false;
      }
      Page<T> page = reader.read(after);
      after = page.lastKey();
      current = page.items().iterator();
    }
    action.accept(current.next());
    return true;
  }
}
