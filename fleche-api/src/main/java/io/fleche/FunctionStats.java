package io.fleche;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What Fleche did for one memoized function, on one cache or on all: a part of {@link
 * FlecheStats}.
 *
 * <pre>{@code
 * FunctionStats s = Fleches.stats().function(Physics.class, "simulate");
 * System.out.printf("%d hits (%d from memory), %d computed in %s, %s saved%n",
 *     s.hits(), s.frontHits(), s.misses(), s.computing(), s.saved());
 * }</pre>
 *
 * <p>The reasons in {@code uncached} are those of Fleche's warnings:
 *
 * <ul>
 *   <li>{@code required}: a {@code require}d parameter was {@code null}; the call ran uncached;
 *   <li>{@code undigestable}: an argument cannot be digested; the call ran uncached;
 *   <li>{@code prepare}: the cache refused the call (read-only, say); it ran uncached;
 *   <li>{@code metadata}: a metadata plugin failed; the call ran uncached;
 *   <li>{@code load}: reading the cache failed; the call was computed as a miss (and counts among
 *       {@code misses} too);
 *   <li>{@code commit}: the result of a miss could not be stored;
 *   <li>{@code fault}: Fleche itself failed; the call ran, or its result was kept, uncached.
 * </ul>
 *
 * @param hits calls answered from the cache, their body skipped (front-layer hits included)
 * @param frontHits the hits answered by the in-process front layer, without reading the cache
 * @param misses calls that ran their body to be stored
 * @param uncached calls the cache could not answer or keep, by reason (only reasons that
 *     happened); unmodifiable, ordered by reason
 * @param computing time spent running the bodies of misses (until a returned future completed)
 * @param saved time the hits saved: the sum of the {@code runtime.walltime} recorded with each hit
 *     call (a hit on a record without it adds nothing)
 */
public record FunctionStats(
    long hits,
    long frontHits,
    long misses,
    Map<String, Long> uncached,
    Duration computing,
    Duration saved) {
  /** Nothing happened. */
  public static final FunctionStats NONE =
      new FunctionStats(0, 0, 0, Map.of(), Duration.ZERO, Duration.ZERO);

  public FunctionStats {
    uncached = Collections.unmodifiableMap(new TreeMap<>(uncached));
    Objects.requireNonNull(computing, "computing");
    Objects.requireNonNull(saved, "saved");
  }

  /** How many calls were uncached for {@code reason} (see above). */
  public long uncached(String reason) {
    return uncached.getOrDefault(reason, 0L);
  }

  /** How many calls were uncached, for any reason. */
  public long uncachedTotal() {
    return uncached.values().stream().mapToLong(Long::longValue).sum();
  }

  /** These counts and {@code other}'s added up. */
  public FunctionStats plus(FunctionStats other) {
    return combine(other, 1);
  }

  /** These counts less {@code earlier}'s: what happened since {@code earlier} was taken. */
  public FunctionStats minus(FunctionStats earlier) {
    return combine(earlier, -1);
  }

  private FunctionStats combine(FunctionStats other, int sign) {
    Map<String, Long> reasons = new TreeMap<>(uncached);
    other.uncached.forEach((reason, n) -> reasons.merge(reason, sign * n, Long::sum));
    reasons.values().removeIf(n -> n == 0);
    return new FunctionStats(
        hits + sign * other.hits,
        frontHits + sign * other.frontHits,
        misses + sign * other.misses,
        reasons,
        sign > 0 ? computing.plus(other.computing) : computing.minus(other.computing),
        sign > 0 ? saved.plus(other.saved) : saved.minus(other.saved));
  }
}
