package io.fleche.storages;

import io.fleche.storage.SaveException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns values into bytes and back, for the file storages' {@link Codec}, which frames what a
 * serializer writes with a header naming it (see {@link FramedCodec}). Serializers are found by
 * {@link #name()} in the {@link Serializers} registry; built in are {@value Serializers#SMILE}
 * (the default) and {@value Serializers#JAVA}.
 *
 * <pre>{@code
 * Serializers.register(new MySerializer());          // name() = "mine"
 * ValueStorage values = Storages.valueFiles(root, FileOptions.defaults().serializer("mine"));
 * }</pre>
 *
 * <p>A serializer must never instantiate a class that {@code allowed} refuses, and must treat
 * its input as hostile: anything that is not a complete, valid encoding is a {@link
 * CorruptEntryException}.
 */
public interface Serializer {
  /** The name stored in every entry this serializer writes: 1 to 32 ASCII letters and digits. */
  String name();

  /**
   * Writes {@code value} to {@code out}.
   *
   * @throws SaveException if the value, or a part of it, cannot be serialized
   */
  void write(Object value, OutputStream out) throws IOException;

  /**
   * The value encoded in {@code bytes[offset, offset + length)}.
   *
   * @param allowed resolves every class name read, refusing the ones not allowed
   * @throws CorruptEntryException if the bytes are not a valid encoding or name a refused class
   */
  Object read(byte[] bytes, int offset, int length, AllowList allowed) throws IOException;
}
