package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.QueryResult;
import io.fleche.RejectedException;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The shared base of the caches. Its write operations go to {@link #writesTo()}, the cache this one
 * writes through; a prepared call is re-bound to this cache, so that its policy governs the commit.
 * Without such a cache it is read-only (the seed's {@code ReadOnlyMixin}): {@link #prepare} admits
 * a call by its digests alone, storing nothing, and {@link #commit}, {@link #save} and {@link
 * #evict} refuse. A cache that stores itself overrides the writes.
 */
abstract class AbstractCache implements Cache {
  static final System.Logger LOG = System.getLogger("io.fleche.cache");

  /** The stored calls matching {@code template}, found now; the stream is closed by the caller. */
  abstract Stream<LazyCall> calls(QueryCall template);

  /** How many calls {@link #calls} finds for {@code template} now; the default reads them. */
  long count(QueryCall template) {
    return counted(calls(template));
  }

  /** The length of {@code calls}, which it closes. */
  static long counted(Stream<LazyCall> calls) {
    try (calls) {
      return calls.count();
    }
  }

  /** The cache the writes go to; {@code null} (the default): writes are refused. */
  Cache writesTo() {
    return null;
  }

  @Override
  public final QueryResult query(QueryCall template) {
    Objects.requireNonNull(template, "template");
    return new QueryResult(this, () -> calls(template), () -> count(template));
  }

  /** Admits {@code call} in {@link #writesTo()}, else by digest only (storing nothing). */
  @Override
  public PreparedCall prepare(Call call) {
    Cache target = writesTo();
    if (target == null) {
      return PreparedCall.of(call, requirePending(call).digested(), this);
    }
    PreparedCall p = target.prepare(call);
    return PreparedCall.of(p.call(), p.digested(), this);
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    return writer("commit the call of " + prepared.call().name())
        .commit(prepared, result, metadata);
  }

  @Override
  public Digest save(Call call) {
    return writer("save the call of " + call.name()).save(call);
  }

  @Override
  public void evict(Digest key) {
    writer("evict " + key).evict(key);
  }

  private Cache writer(String what) {
    Cache target = writesTo();
    if (target == null) {
      throw readOnly(what);
    }
    return target;
  }

  /** The refusal of a read-only cache to {@code what}. */
  RejectedException readOnly(String what) {
    return new RejectedException(this + " is read-only: cannot " + what);
  }

  /** {@code call}, if it has no result yet: {@link #prepare} admits calls before they run. */
  static Call requirePending(Call call) {
    if (call.hasResult()) {
      throw new IllegalArgumentException(
          "prepare admits a call before it runs; the call of " + call.name() + " has a result");
    }
    return call;
  }
}
