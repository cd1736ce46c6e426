package io.fleche.storages;

import io.fleche.storage.SaveException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk conversion between one-dimensional primitive arrays and their little-endian bytes (a
 * {@code boolean} is one byte, 0 or 1), through {@link ByteBuffer} views, which copy whole
 * ranges at memory speed rather than element by element.
 */
final class PrimitiveArrays {
  /** Element types by code, the code stored with the bytes. */
  private static final Class<?>[] TYPES = {
    boolean.class, byte.class, char.class, short.class, int.class, long.class, float.class, double.class
  };

  private PrimitiveArrays() {}

  /** The code of the element type of {@code array}, a one-dimensional primitive array. */
  static int code(Object array) {
    Class<?> element = array.getClass().getComponentType();
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i] == element) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a primitive array: " + array.getClass());
  }

  /**
   * The little-endian bytes of {@code array}.
   *
   * @throws SaveException if they would not fit in one byte array (2 GiB)
   */
  static byte[] toBytes(Object array) {
    if (array instanceof byte[]) {
      return (byte[]) array;
    }
    if (array instanceof boolean[]) {
      boolean[] a = (boolean[]) array;
      byte[] out = new byte[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = (byte) (a[i] ? 1 : 0);
      }
      return out;
    }
    int length = java.lang.reflect.Array.getLength(array);
    int width = width(code(array));
    if ((long) length * width > Integer.MAX_VALUE - 64) {
      throw new SaveException(
          "a " + array.getClass().getComponentType() + "[" + length + "] exceeds 2 GiB of bytes");
    }
    byte[] out = new byte[length * width];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    if (array instanceof double[]) {
      b.asDoubleBuffer().put((double[]) array);
    } else if (array instanceof long[]) {
      b.asLongBuffer().put((long[]) array);
    } else if (array instanceof int[]) {
      b.asIntBuffer().put((int[]) array);
    } else if (array instanceof float[]) {
      b.asFloatBuffer().put((float[]) array);
    } else if (array instanceof short[]) {
      b.asShortBuffer().put((short[]) array);
    } else {
      b.asCharBuffer().put((char[]) array);
    }
    return out;
  }

  /**
   * The array of element type {@code code} whose little-endian bytes are {@code bytes}.
   *
   * @throws CorruptEntryException for an unknown code, a length that is not a multiple of the
   *     element width, or a boolean byte other than 0 and 1
   */
  static Object fromBytes(int code, byte[] bytes) {
    if (code < 0 || code >= TYPES.length) {
      throw new CorruptEntryException("unknown primitive array type " + code);
    }
    int width = width(code);
    if (bytes.length % width != 0) {
      throw new CorruptEntryException(
          "a " + TYPES[code] + "[] cannot have " + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = bytes.length / width;
    switch (code) {
      case 0:
        {
          boolean[] a = new boolean[n];
          for (int i = 0; i < n; i++) {
            if ((bytes[i] & 0xfe) != 0) {
              throw new CorruptEntryException("a boolean is stored as 0 or 1, got " + bytes[i]);
            }
            a[i] = bytes[i] == 1;
          }
          return a;
        }
      case 1:
        return bytes;
      case 2:
        {
          char[] a = new char[n];
          b.asCharBuffer().get(a);
          return a;
        }
      case 3:
        {
          short[] a = new short[n];
          b.asShortBuffer().get(a);
          return a;
        }
      case 4:
        {
          int[] a = new int[n];
          b.asIntBuffer().get(a);
          return a;
        }
      case 5:
        {
          long[] a = new long[n];
          b.asLongBuffer().get(a);
          return a;
        }
      case 6:
        {
          float[] a = new float[n];
          b.asFloatBuffer().get(a);
          return a;
        }
      default:
        {
          double[] a = new double[n];
          b.asDoubleBuffer().get(a);
          return a;
        }
    }
  }

  private static int width(int code) {
    return code <= 1 ? 1 : code <= 3 ? 2 : code == 5 || code == 7 ? 8 : 4;
  }
}
