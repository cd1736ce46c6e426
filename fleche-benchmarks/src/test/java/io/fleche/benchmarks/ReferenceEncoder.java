package io.fleche.benchmarks;

import io.fleche.DigestFormat;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A second, deliberately plain implementation of {@link DigestFormat} for the kinds of value the
 * benchmarks use, written from the format's documentation. It records the size of every SHA-256
 * message it hashes, so that a test can check both that it agrees with {@code Digest.of} and that
 * a {@link ShaWork} baseline hashes the same number of messages of the same sizes.
 */
final class ReferenceEncoder {
  private final MessageDigest sha;
  private final List<Integer> messageSizes = new ArrayList<>();

  ReferenceEncoder() throws NoSuchAlgorithmException {
    sha = MessageDigest.getInstance("SHA-256");
  }

  /** Sizes of the messages hashed so far, in hashing order. */
  int[] messageSizes() {
    return messageSizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The 32-byte digest of {@code value}. */
  byte[] digest(Object value) throws ReflectiveOperationException {
    if (value instanceof Integer) {
      return node(0x04, le(4).putInt((Integer) value));
    }
    if (value instanceof Long) {
      return node(0x05, le(8).putLong((Long) value));
    }
    if (value instanceof Double) {
      return node(0x08, le(8).putLong(Double.doubleToLongBits((Double) value)));
    }
    if (value instanceof Boolean) {
      return node(0x01, new byte[] {(byte) ((Boolean) value ? 1 : 0)});
    }
    if (value instanceof String) {
      return node(0x09, text((String) value));
    }
    if (value instanceof byte[]) {
      return primitiveArray('B', (byte[]) value);
    }
    if (value instanceof double[]) {
      double[] doubles = (double[]) value;
      ByteBuffer elements = le(doubles.length * Double.BYTES);
      for (double d : doubles) {
        elements.putLong(Double.doubleToLongBits(d));
      }
      return primitiveArray('D', elements.array());
    }
    if (value instanceof Record) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      content.writeBytes(text(value.getClass().getName()));
      content.write(0);
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        content.writeBytes(digest(c.getAccessor().invoke(value)));
      }
      return node(0x15, content.toByteArray());
    }
    if (value instanceof List) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (Object element : (List<?>) value) {
        content.writeBytes(digest(element));
      }
      return node(0x12, content.toByteArray());
    }
    if (value instanceof Map) {
      List<byte[]> pairs = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        byte[] pair = Arrays.copyOf(digest(e.getKey()), 64);
        System.arraycopy(digest(e.getValue()), 0, pair, 32, 32);
        pairs.add(pair);
      }
      pairs.sort(Arrays::compareUnsigned); // by key digest, then value digest
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      pairs.forEach(content::writeBytes);
      return node(0x14, content.toByteArray());
    }
    throw new IllegalArgumentException("not a benchmarked kind of value: " + value.getClass());
  }

  /** Tag 0x10 with one dimension; elements above the chunk size become chunk digests. */
  private byte[] primitiveArray(char code, byte[] elements) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(code);
    content.write(1);
    int elementSize = code == 'B' ? 1 : 8;
    content.writeBytes(le(8).putLong(elements.length / elementSize).array());
    if (elements.length <= DigestFormat.CHUNK_BYTES) {
      content.writeBytes(elements);
    } else {
      for (int from = 0; from < elements.length; from += DigestFormat.CHUNK_BYTES) {
        int to = Math.min(elements.length, from + DigestFormat.CHUNK_BYTES);
        content.writeBytes(node(0x1F, Arrays.copyOfRange(elements, from, to)));
      }
    }
    return node(0x10, content.toByteArray());
  }

  private byte[] node(int tag, ByteBuffer content) {
    return node(tag, content.array());
  }

  private byte[] node(int tag, byte[] content) {
    messageSizes.add(1 + 8 + content.length);
    sha.update((byte) tag);
    sha.update(le(8).putLong(content.length).array());
    sha.update(content);
    return sha.digest();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8); // WTF-8 for strings without lone surrogates
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
