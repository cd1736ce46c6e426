package io.fleche;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the maintenance operations of a {@link Cache} report: {@link Cache#gc garbage collection},
 * {@link Cache#verify verification} and {@link Cache#redigest re-keying}, and how they report
 * their progress while they run.
 *
 * <pre>{@code
 * Maintenance.GcResult swept = cache.gc();                    // values no call refers to
 * Maintenance.VerifyResult checked = cache.verify(true,       // read everything, repair
 *     (task, done, total) -> System.out.printf("%s %d/%d%n", task, done, total));
 * checked.problems().forEach(p -> System.out.println(p.kind() + " " + p.key() + ": " + p.message()));
 * Maintenance.RedigestResult moved = cache.redigest();        // after a digest-format change
 * }</pre>
 */
public final class Maintenance {
  /**
   * How long after it was saved (or touched by a commit) a value that no call refers to is kept by
   * {@link Cache#gc()}: 10 minutes.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

  private Maintenance() {}

  /** Receives the progress of a long operation; called from the thread that runs it. */
  @FunctionalInterface
  public interface Progress {
    /** Ignores every update. */
    Progress NONE = (task, done, total) -> {};

    /**
     * @param task what is being done now, e.g. {@code "calls"} or {@code "values"}; each task
     *     counts from 0
     * @param done how many items of the task are done
     * @param total how many items the task has, or {@code -1} if unknown
     */
    void update(String task, long done, long total);
  }

  /**
   * What {@link Cache#gc} removed (or, from {@link Cache#gcDryRun}, would remove).
   *
   * @param removed the keys of the values removed
   * @param bytesFreed their stored size in bytes, as far as the storages can tell (entries in
   *     memory count 0)
   */
  public record GcResult(Set<Digest> removed, long bytesFreed) {
    public GcResult {
      removed = Set.copyOf(removed);
    }
  }

  /**
   * Something wrong with a stored entry, found by {@link Cache#verify}.
   *
   * @param key the key of the call record or value
   * @param kind what is wrong
   * @param message the details, for people
   */
  public record Problem(Digest key, Kind kind, String message) {
    public Problem {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }

    /** What is wrong. Repair removes every entry that has a problem. */
    public enum Kind {
      /** A call record cannot be read. */
      UNREADABLE_CALL,
      /** A committed call's result value is not stored, or has a problem itself. */
      BROKEN_RESULT,
      /** A stored argument value of a call has a problem. */
      BROKEN_ARGUMENT,
      /**
       * A value cannot be read back: truncated, tampered with, unsigned where keys are set, of a
       * foreign format, or referring to a part that is no longer stored.
       */
      UNREADABLE_VALUE,
      /** A value reads back, but does not digest to the key it is stored under. */
      WRONG_DIGEST
    }
  }

  /**
   * What {@link Cache#verify} found.
   *
   * @param calls how many call records were read
   * @param values how many values were read
   * @param problems what is wrong, calls first
   * @param unstoredArguments how many arguments of calls have no stored value: values the storage
   *     could not store (kept as digest-only references, a normal case) or values lost since;
   *     not a problem, and not repaired
   * @param repaired true if the entries with problems were removed
   */
  public record VerifyResult(
      long calls, long values, List<Problem> problems, long unstoredArguments, boolean repaired) {
    public VerifyResult {
      problems = List.copyOf(problems);
    }

    /** True if no problem was found. */
    public boolean isClean() {
      return problems.isEmpty();
    }
  }

  /**
   * What {@link Cache#redigest} did.
   *
   * @param examined how many call records were read
   * @param rekeyed how many were stored again because their key or a digest of their values
   *     changed
   * @param failed how many could not be read or re-keyed (they are left as they are)
   */
  public record RedigestResult(long examined, long rekeyed, long failed) {}

  /** The refusal of a cache that cannot do {@code what}. */
  static UnsupportedOperationException unsupported(Cache cache, String what) {
    return new UnsupportedOperationException(cache + " cannot " + what);
  }
}
