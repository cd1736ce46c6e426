package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.SaveException;
import io.fleche.storage.StorageBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One file per key, its bytes made by a {@link Codec} (the seed's {@code FileStorage}), shared by
 * the value and the call file storages.
 *
 * <p><b>Layout.</b> The entry under key {@code abcdef…} (64 hex characters) is the file {@code
 * root/ab/abcdef…}: 256 shard directories named by the first two hex characters of the key, so
 * that a million entries make about 4,000 files per directory. Directories are created on demand.
 * Only regular files named by a full lowercase key inside the shard of their prefix are entries;
 * anything else (temporary files, dot files, foreign files) is ignored by {@link #list()}.
 *
 * <p><b>Writes</b> go to a temporary sibling {@code root/ab/.abcdef….<random>.tmp} (dot-prefixed,
 * unique per write), which is then renamed onto the entry with {@code ATOMIC_MOVE}, replacing any
 * earlier file: readers, in this process or another, see the old or the new complete file, never a
 * partial one. With {@code sync} the temporary file is forced to disk before the rename (about
 * half a millisecond per write; without it a power failure may lose recent entries, and a
 * damaged one is detected by the codec's trailer and read as a miss). Concurrent writers of one
 * key each write a complete file; the last rename wins. A failed write (disk full, permissions)
 * is a {@link SaveException}. A file that already holds exactly the bytes to write is not written
 * again (values are content-addressed: saving a value again is common), only touched.
 *
 * <p><b>Stamps</b> are the files' modification times, set from this JVM's clock (not the file
 * system's, which may be coarser or another machine's): by a write, and by {@link #touch} (where
 * the file system refuses to set a time on a file someone else owns, the file is copied onto
 * itself instead). {@link #evictIfStale} renames the file to a tomb {@code
 * root/ab/.abcdef….<random>.tomb} (atomic; ignored by {@link #list()}), reads the tomb's time,
 * and deletes it if stale, else renames it back: a concurrent touch either lands before the
 * rename (the tomb is young and restored) or finds no file (and a writer writes it anew). While
 * a young entry lies in its tomb, a reader misses it; a crash in that moment loses it.
 *
 * <p><b>Reads</b>: a missing file is a miss; a file the codec refuses (truncated, tampered with,
 * unsigned where keys are set, foreign, naming a refused class) or that holds the wrong kind of
 * entry is a miss too, logged as a warning on {@code io.fleche.storage} once per key (until the
 * key is written again); the next computation overwrites it.
 */
final class FileBackend<T> implements StorageBackend<T> {
  private static final System.Logger LOG = System.getLogger("io.fleche.storage");
  /** Bounds the memory of which unreadable keys were reported. */
  private static final int MAX_REPORTED = 10_000;
  /** Writes and reads move at most this much through one system call (the JDK buffers it). */
  private static final int CHUNK = 1 << 20;

  private final Path root;
  private final Codec codec;
  private final Class<T> type;
  private final boolean sync;
  private final Set<Digest> reported = ConcurrentHashMap.newKeySet();

  /**
   * @param type what entries must be; a decoded entry of another type is a miss ({@code null} is
   *     an entry only when {@code type} is {@code Object})
   * @param sync force every file to disk before it is renamed into place
   */
  FileBackend(Path root, Codec codec, Class<T> type, boolean sync) {
    this.root = root.toAbsolutePath().normalize();
    this.codec = Objects.requireNonNull(codec, "codec");
    this.type = type;
    this.sync = sync;
  }

  /** The file of the entry under {@code key}. */
  private Path path(Digest key) {
    String hex = key.toString();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }

  @Override
  public void put(Digest key, T value) {
    byte[] bytes = codec.encode(key, value);
    Path target = path(key);
    if (holds(target, bytes) && touch(key)) { // gone since it was read: written anew
      reported.remove(key);
      return;
    }
    replace(target, temp -> write(temp, bytes));
    reported.remove(key);
  }

  /** Writes the file of an entry: to a temporary sibling, stamped now, then renamed onto it. */
  private void replace(Path target, FileWriter writer) {
    Path temp = sibling(target, ".tmp");
    try {
      try {
        writer.write(temp);
      } catch (NoSuchFileException noShardYet) {
        Files.createDirectories(target.getParent());
        writer.write(temp);
      }
      Files.setLastModifiedTime(temp, FileTime.from(Instant.now()));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write failed already; a stray temporary file is ignored by list()
      }
      throw new SaveException("cannot write " + target + ": " + e, e);
    }
  }

  @FunctionalInterface
  private interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** A hidden sibling of an entry's file, unique to this call: {@code .<key>.<random><suffix>}. */
  private static Path sibling(Path target, String suffix) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + suffix);
  }

  /**
   * Sets the file's modification time to now; where that is not allowed (a file someone else
   * owns), copies the file onto itself, which makes it new.
   *
   * @throws SaveException if neither works
   */
  @Override
  public boolean touch(Digest key) {
    Path file = path(key);
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      return true;
    } catch (NoSuchFileException gone) {
      return false;
    } catch (IOException refused) {
      try {
        replace(file, temp -> Files.copy(file, temp));
        return true;
      } catch (SaveException e) {
        if (e.getCause() instanceof NoSuchFileException && !Files.exists(file)) {
          return false;
        }
        throw e;
      }
    }
  }

  /** Removes the file through a tomb (see the class comment); frees the file's size. */
  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    Path file = path(key);
    Path tomb = sibling(file, ".tomb");
    try {
      Files.move(file, tomb, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException gone) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot evict " + file, e);
    }
    try {
      BasicFileAttributes a = Files.readAttributes(tomb, BasicFileAttributes.class);
      if (a.lastModifiedTime().toInstant().isBefore(staleBefore)) {
        Files.delete(tomb);
        return a.size();
      }
      Files.move(tomb, file, StandardCopyOption.ATOMIC_MOVE);
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot evict " + file + " (its tomb is " + tomb + ")", e);
    }
  }

  /** The file's size if its modification time is before {@code staleBefore}. */
  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    Path file = path(key);
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.lastModifiedTime().toInstant().isBefore(staleBefore) ? a.size() : -1;
    } catch (NoSuchFileException gone) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attributes of " + file, e);
    }
  }

  /**
   * True if {@code file} holds exactly {@code bytes} already: a value saved again, or a record
   * stored again unchanged, is not rewritten (reading is cheaper than writing, and replacing a
   * large file costs the file system more than writing it).
   */
  private static boolean holds(Path file, byte[] bytes) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() != bytes.length) {
        return false;
      }
      ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK, Math.max(1, bytes.length)));
      for (int off = 0; off < bytes.length; ) {
        chunk.clear();
        int n = ch.read(chunk);
        if (n <= 0
            || Arrays.mismatch(chunk.array(), 0, n, bytes, off, off + n) >= 0) {
          return false;
        }
        off += n;
      }
      return true;
    } catch (IOException e) {
      return false; // absent or unreadable: write it
    }
  }

  private void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int off = 0; off < bytes.length; ) {
        off += ch.write(ByteBuffer.wrap(bytes, off, Math.min(CHUNK, bytes.length - off)));
      }
      if (sync) {
        ch.force(false);
      }
    }
  }

  @Override
  public T get(Digest key) {
    Path file = path(key);
    byte[] bytes;
    try {
      bytes = read(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchElementException("No entry for key " + key);
    } catch (IOException e) {
      throw unreadable(key, file, e.toString());
    }
    Object value;
    try {
      value = codec.decode(key, bytes);
    } catch (CorruptEntryException e) {
      throw unreadable(key, file, e.getMessage());
    }
    if (value == null ? type != Object.class : !type.isInstance(value)) {
      throw unreadable(
          key,
          file,
          "it holds " + (value == null ? "null" : "a " + value.getClass().getName())
              + " where a " + type.getName() + " belongs");
    }
    return type.cast(value);
  }

  private static byte[] read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException("file of " + size + " bytes is larger than any entry");
      }
      byte[] bytes = new byte[(int) size];
      int off = 0;
      while (off < bytes.length) {
        int n = ch.read(ByteBuffer.wrap(bytes, off, Math.min(CHUNK, bytes.length - off)));
        if (n < 0) {
          break;
        }
        off += n;
      }
      // entries are replaced, never changed in place: a short read is a damaged file
      return off == bytes.length ? bytes : Arrays.copyOf(bytes, off);
    }
  }

  private NoSuchElementException unreadable(Digest key, Path file, String why) {
    if (reported.size() > MAX_REPORTED) {
      reported.clear();
    }
    if (reported.add(key)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Unreadable cache entry {0}: {1}. It is treated as missing and overwritten when"
              + " computed again.",
          file,
          why);
    }
    return new NoSuchElementException("Unreadable entry for key " + key + ": " + why);
  }

  /** The size of the file stored under {@code key}. */
  @Override
  public OptionalLong sizeOf(Digest key) {
    try {
      return OptionalLong.of(Files.size(path(key)));
    } catch (IOException absent) {
      return OptionalLong.empty();
    }
  }

  /** True if a file is stored under {@code key} (not whether it is readable). */
  @Override
  public boolean contains(Digest key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public void evict(Digest key) {
    try {
      Files.deleteIfExists(path(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot evict " + path(key), e);
    }
  }

  @Override
  public Stream<Digest> list() {
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    Stream<Path> shards;
    try {
      shards = Files.list(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return shards
        .filter(d -> isLowerHex(d.getFileName().toString(), 2) && Files.isDirectory(d))
        .flatMap(FileBackend::entries);
  }

  /** The keys stored in one shard directory. */
  private static Stream<Digest> entries(Path shard) {
    String prefix = shard.getFileName().toString();
    try {
      return Files.list(shard)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(prefix) && isLowerHex(name, Digest.HEX_LENGTH))
          .map(Digest::fromHex);
    } catch (NoSuchFileException gone) {
      return Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + shard, e);
    }
  }

  /** Lists only the shard of {@code prefix}. */
  @Override
  public List<Digest> prefixCandidates(String prefix, int limit) {
    if (prefix.length() < 2) {
      return StorageBackend.super.prefixCandidates(prefix, limit);
    }
    try (Stream<Digest> keys = entries(root.resolve(prefix.substring(0, 2)))) {
      return keys.filter(k -> k.startsWith(prefix)).sorted().limit(limit).collect(Collectors.toList());
    }
  }

  private static boolean isLowerHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Files[" + root + ", " + codec + "]";
  }
}
