package io.fleche;

import java.util.List;
import java.util.Map;

/**
 * What every form of a recorded call has: the function's identity, argument names, metadata, the
 * lookup key and the full-record digest. A {@link Call} holds live values, a {@link DigestedCall}
 * their digests (the stored form), a {@link LazyCall} loads values from storage on access; all
 * three of the same call have the same {@link #lookupKey()} and the same {@link #digest()}, which
 * is also what {@link Digest#of(Object)} gives for them.
 */
public sealed interface CallRecord extends Digestible permits Call, DigestedCall, LazyCall {
  /** The function's identity. */
  FunctionId function();

  /** The function's qualified name. */
  default String name() {
    return function().name();
  }

  /** The argument names in parameter order. */
  List<String> argumentNames();

  /** Metadata by namespace ({@code "runtime"}, {@code "tags"}, ...); JSON-like values. */
  Map<String, Map<String, Object>> metadata();

  /**
   * The cache key: the digest of the function's identity and the ordered (parameter name,
   * argument digest) pairs. Metadata and the result never take part.
   */
  Digest lookupKey();

  /** The digest of the whole record: lookup key, result digest (if any) and metadata. */
  @Override
  Digest digest();

  /** This call with arguments and result as digests (computed, nothing stored). */
  DigestedCall digested();
}
