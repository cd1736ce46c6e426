package io.fleche.storages;

import io.fleche.storage.SaveException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array to write to, whose contents are handed out without a copy when the
 * initial capacity was exact ({@link java.io.ByteArrayOutputStream} always copies and
 * synchronizes).
 */
final class ByteSink extends OutputStream {
  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  /** Makes room for {@code n} more bytes; returns the array, valid until the next write. */
  byte[] ensure(int n) {
    if (n > buf.length - size) {
      long wanted = Math.max((long) size + n, Math.min(Integer.MAX_VALUE - 8L, 2L * buf.length));
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new SaveException("an entry cannot exceed 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
    return buf;
  }

  /** Counts {@code n} bytes written directly into the array {@link #ensure} returned. */
  void advance(int n) {
    size += n;
  }

  int size() {
    return size;
  }

  /** The array as it is (valid up to {@link #size()}). */
  byte[] array() {
    return buf;
  }

  /** The bytes written; the array itself when it is exactly full. */
  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }
}
