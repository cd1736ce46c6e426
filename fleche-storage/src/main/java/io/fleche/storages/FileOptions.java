package io.fleche.storages;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How the file storages encode entries: serializer, compression, signing keys, the application
 * classes they may deserialize, and whether writes are forced to disk. Immutable; each method
 * returns a modified copy.
 *
 * <pre>{@code
 * FileOptions options = FileOptions.defaults()
 *     .compress(true)                        // zlib, level 1
 *     .signingKeysHex(List.of("00ff..."))    // HMAC-SHA256; else FLECHE_SECRET_KEY
 *     .allow("com.acme.");                   // application packages that may be deserialized
 * ValueStorage values = Storages.valueFiles(Path.of("cache/values"), options);
 * CallStorage calls = Storages.callFiles(Path.of("cache/calls"), options);
 * }</pre>
 *
 * <p>The on-disk format is described in {@link FramedCodec} (header, payload, trailer) and {@link
 * SmileSerializer} (the default payload). Compressed and signed entries are read whatever the
 * options say about writing; see {@link AllowList} for what may be deserialized.
 */
public final class FileOptions {
  /** The environment variable of the signing keys: hex keys separated by colons. */
  public static final String SECRET_KEY_VARIABLE = "FLECHE_SECRET_KEY";

  private static final FileOptions DEFAULTS =
      new FileOptions(Serializers.SMILE, false, null, List.of(), false);

  private final String serializer;
  private final boolean compress;
  private final List<byte[]> keys; // null: from the environment
  private final List<String> allow;
  private final boolean sync;

  private FileOptions(
      String serializer, boolean compress, List<byte[]> keys, List<String> allow, boolean sync) {
    this.serializer = serializer;
    this.compress = compress;
    this.keys = keys;
    this.allow = allow;
    this.sync = sync;
  }

  /**
   * The {@value Serializers#SMILE} serializer, uncompressed, signed with the keys of {@value
   * #SECRET_KEY_VARIABLE} if it is set, no application packages allowed beyond registered
   * types, no forced writes.
   */
  public static FileOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Writes with the serializer registered as {@code name} ({@value Serializers#SMILE}, {@value
   * Serializers#JAVA}, or one added with {@link Serializers#register}). Entries are read with the
   * serializer their header names, whatever this says.
   *
   * @throws IllegalArgumentException if no serializer has that name
   */
  public FileOptions serializer(String name) {
    Serializers.named(name);
    return new FileOptions(name, compress, keys, allow, sync);
  }

  /** Compresses what is written (zlib); compressed entries are read either way. */
  public FileOptions compress(boolean compress) {
    return new FileOptions(serializer, compress, keys, allow, sync);
  }

  /**
   * Signs what is written with the first of {@code keys} and accepts on reading only entries
   * signed with one of them; an empty list turns signing off even if {@value
   * #SECRET_KEY_VARIABLE} is set.
   */
  public FileOptions signingKeys(List<byte[]> keys) {
    List<byte[]> copy = new ArrayList<>();
    for (byte[] k : keys) {
      if (k.length == 0) {
        throw new IllegalArgumentException("a signing key cannot be empty");
      }
      copy.add(k.clone());
    }
    return new FileOptions(serializer, compress, List.copyOf(copy), allow, sync);
  }

  /**
   * {@link #signingKeys} given as hexadecimal strings ({@code secret_key = ["..."]} in {@code
   * fleche.toml}).
   *
   * @throws IllegalArgumentException if a key is not hexadecimal
   */
  public FileOptions signingKeysHex(List<String> keys) {
    return signingKeys(parseHex(keys));
  }

  /**
   * Allows deserializing classes of the given packages ({@code "com.acme"} or {@code "com.acme."},
   * subpackages included) or the given classes, in addition to what {@link AllowList} always
   * allows.
   */
  public FileOptions allow(String... packagesOrClasses) {
    List<String> all = new ArrayList<>(allow);
    for (String p : packagesOrClasses) {
      if (Objects.requireNonNull(p).isBlank()) {
        throw new IllegalArgumentException("an allowed package or class cannot be blank");
      }
      all.add(p.strip());
    }
    return new FileOptions(serializer, compress, keys, List.copyOf(all), sync);
  }

  /** Forces each file to disk before renaming it into place (slower writes, survive a crash). */
  public FileOptions sync(boolean sync) {
    return new FileOptions(serializer, compress, keys, allow, sync);
  }

  boolean syncs() {
    return sync;
  }

  /**
   * The codec these options describe, for storages that keep bytes elsewhere (a database blob).
   * Signing keys not given explicitly are read from {@value #SECRET_KEY_VARIABLE} now.
   *
   * @throws IllegalArgumentException if {@value #SECRET_KEY_VARIABLE} holds something that is
   *     not hexadecimal keys
   */
  public Codec codec() {
    List<byte[]> signing = keys != null ? keys : keysFromEnvironment(System.getenv(SECRET_KEY_VARIABLE));
    return new FramedCodec(Serializers.named(serializer), compress, signing, new AllowList(allow));
  }

  /** The keys of {@value #SECRET_KEY_VARIABLE}'s value: hex keys separated by colons. */
  static List<byte[]> keysFromEnvironment(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> hex = new ArrayList<>();
    for (String part : value.split(":")) {
      if (!part.isBlank()) {
        hex.add(part.strip());
      }
    }
    try {
      return parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SECRET_KEY_VARIABLE + " must hold hexadecimal keys separated by colons: " + e.getMessage(),
          e);
    }
  }

  private static List<byte[]> parseHex(List<String> keys) {
    List<byte[]> out = new ArrayList<>();
    for (String k : keys) {
      try {
        out.add(HexFormat.of().parseHex(k));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "a signing key must be hexadecimal, got one of " + k.length() + " characters", e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "FileOptions["
        + serializer
        + (compress ? ", compressed" : "")
        + (keys == null ? ", keys from " + SECRET_KEY_VARIABLE : keys.isEmpty() ? "" : ", " + keys.size() + " signing keys")
        + (allow.isEmpty() ? "" : ", allow " + allow)
        + (sync ? ", sync" : "")
        + "]";
  }
}
