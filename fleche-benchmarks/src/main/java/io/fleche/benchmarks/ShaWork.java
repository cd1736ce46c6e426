package io.fleche.benchmarks;

import io.fleche.Digest;
import io.fleche.DigestFormat;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A baseline of bare SHA-256 work: a fixed sequence of messages, each hashed with one {@code
 * update}/{@code digest} pair on a single reused {@link MessageDigest}, exactly as Fleche's
 * digester hashes one node. It does nothing else: no encoding, no object walking, no allocation.
 *
 * <p>A baseline for {@code Digest.of(value)} lists one message per node that Fleche hashes for
 * that value, of the same size ({@link #node(long)}), so that the difference between the two
 * benchmarks is everything Fleche does besides SHA-256. Message contents are fixed pseudo-random
 * bytes: the cost of SHA-256 does not depend on them.
 */
final class ShaWork {
  /** Bytes in front of every node's content in {@link DigestFormat}: the tag and the length. */
  static final int NODE_HEADER = 1 + 8;

  /** Bytes in front of a primitive array's elements: element code, rank, one length per rank. */
  static final int ARRAY_PREAMBLE_1D = 1 + 1 + 8;

  private final MessageDigest sha;
  private final byte[][] messages; // in hashing order; messages of equal size share one array
  private final byte[] out = new byte[Digest.BYTES];

  private ShaWork(byte[][] messages) {
    this.messages = messages;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Size of the SHA-256 message of a node whose content has {@code contentBytes} bytes. */
  static int node(long contentBytes) {
    return Math.toIntExact(NODE_HEADER + contentBytes);
  }

  /**
   * Length of the text encoding of {@code s}. Fleche encodes text as WTF-8, which equals UTF-8
   * for every string without unpaired surrogates; the benchmark inputs have none.
   */
  static int text(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The messages Fleche hashes for a one-dimensional primitive array of {@code dataBytes} bytes
   * of elements: one node, or, above {@link DigestFormat#CHUNK_BYTES}, one node per chunk followed
   * by the array node that holds the chunk digests.
   */
  static void primitiveArray(Builder plan, long dataBytes) {
    if (dataBytes <= DigestFormat.CHUNK_BYTES) {
      plan.add(node(ARRAY_PREAMBLE_1D + dataBytes));
      return;
    }
    long chunks = (dataBytes + DigestFormat.CHUNK_BYTES - 1) / DigestFormat.CHUNK_BYTES;
    for (long left = dataBytes; left > 0; left -= DigestFormat.CHUNK_BYTES) {
      plan.add(node(Math.min(left, DigestFormat.CHUNK_BYTES)));
    }
    plan.add(node(ARRAY_PREAMBLE_1D + chunks * Digest.BYTES));
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Hashes every message in order and returns the last digest (that of the root node). The
   * returned array is reused by the next call.
   */
  byte[] run() {
    try {
      for (byte[] m : messages) {
        sha.update(m, 0, m.length);
        sha.digest(out, 0, Digest.BYTES);
      }
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The sizes of the messages, in hashing order. */
  int[] messageSizes() {
    return Arrays.stream(messages).mapToInt(m -> m.length).toArray();
  }

  /** Collects message sizes; {@link #build()} allocates one buffer per distinct size. */
  static final class Builder {
    private final List<Integer> sizes = new ArrayList<>();

    private Builder() {}

    /** Adds one message of {@code size} bytes. */
    Builder add(int size) {
      sizes.add(size);
      return this;
    }

    /** Adds {@code count} messages of {@code size} bytes. */
    Builder add(int count, int size) {
      for (int i = 0; i < count; i++) {
        sizes.add(size);
      }
      return this;
    }

    ShaWork build() {
      SplittableRandom random = new SplittableRandom(0x5EED);
      Map<Integer, byte[]> bySize = new HashMap<>();
      byte[][] messages = new byte[sizes.size()][];
      for (int i = 0; i < messages.length; i++) {
        messages[i] =
            bySize.computeIfAbsent(
                sizes.get(i),
                n -> {
                  byte[] b = new byte[n];
                  random.nextBytes(b);
                  return b;
                });
      }
      return new ShaWork(messages);
    }
  }
}
