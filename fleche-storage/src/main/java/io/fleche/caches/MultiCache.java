package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.Maintenance.GcResult;
import io.fleche.Maintenance.Problem;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.RedigestResult;
import io.fleche.Maintenance.VerifyResult;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storages.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The shared base of caches made of member caches (the seed's {@code _MultiCache}): reads fan out
 * over the members in order.
 */
abstract class MultiCache extends AbstractCache {
  private static final GcResult NO_GARBAGE = new GcResult(Set.of(), 0);

  final List<Cache> members;

  MultiCache(List<? extends Cache> members) {
    this.members = List.copyOf(members);
  }

  /** The first of {@code caches} that {@code read} does not miss on. */
  static <T> T firstHit(List<Cache> caches, Digest key, Function<Cache, T> read) {
    for (Cache c : caches) {
      try {
        return read.apply(c);
      } catch (NoSuchElementException miss) {
        // next one
      }
    }
    throw new NoSuchElementException("Nothing stored under " + key + " in " + caches);
  }

  @Override
  public LazyCall load(Digest key) {
    return firstHit(members, key, m -> m.load(key));
  }

  @Override
  public Object loadValue(Digest key) {
    return firstHit(members, key, m -> m.loadValue(key));
  }

  /** The first member's size of the value that it can tell. */
  @Override
  public OptionalLong valueSize(Digest key) {
    for (Cache m : members) {
      OptionalLong size = m.valueSize(key);
      if (size.isPresent()) {
        return size;
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public boolean contains(Digest key) {
    return members.stream().anyMatch(m -> m.contains(key));
  }

  /** Resolves in every member; ambiguous if the members' answers differ. */
  @Override
  public Digest expand(String key) {
    if (Digest.isDigest(key)) {
      return Digest.fromHex(key);
    }
    SortedSet<Digest> found = new TreeSet<>();
    NoSuchElementException miss = new NoSuchElementException("No entry for short digest " + key);
    for (Cache m : members) {
      try {
        found.add(m.expand(key));
      } catch (AmbiguousDigestException e) {
        found.addAll(e.candidates());
      } catch (NoSuchElementException e) {
        miss = e;
      }
    }
    if (found.isEmpty()) {
      throw miss;
    }
    if (found.size() > 1) {
      throw new AmbiguousDigestException(key, new ArrayList<>(found).subList(0, 2));
    }
    return found.first();
  }

  /**
   * For each key, the longest of the prefixes the members holding it give (members whose {@link
   * #contains} holds the key are asked in one batch, the others key by key).
   *
   * @throws NoSuchElementException if no member holds a key
   */
  @Override
  public List<String> shrink(Collection<Digest> keys) {
    List<Digest> wanted = List.copyOf(keys);
    String[] longest = new String[wanted.size()];
    for (Cache m : members) {
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        if (m.contains(wanted.get(i))) {
          held.add(i);
        }
      }
      List<String> answers =
          held.isEmpty() ? List.of() : m.shrink(held.stream().map(wanted::get).toList());
      for (int j = 0; j < held.size(); j++) {
        longest[held.get(j)] = longer(longest[held.get(j)], answers.get(j));
      }
    }
    for (int i = 0; i < wanted.size(); i++) {
      if (longest[i] != null) {
        continue;
      }
      for (Cache m : members) {
        try {
          longest[i] = longer(longest[i], m.shrink(List.of(wanted.get(i))).get(0));
        } catch (NoSuchElementException notHere) {
          // next member
        }
      }
      if (longest[i] == null) {
        throw new NoSuchElementException("No entry for key " + wanted.get(i) + " in " + this);
      }
    }
    return List.of(longest);
  }

  private static String longer(String a, String b) {
    return a == null || b.length() > a.length() ? b : a;
  }

  /** The members' calls in member order; of several with one lookup key, the first. */
  @Override
  Stream<LazyCall> calls(QueryCall template) {
    Set<Digest> seen = new HashSet<>();
    return members.stream()
        .flatMap(m -> m.query(template).stream())
        .filter(c -> seen.add(c.lookupKey()));
  }

  /** The sum over the members, or -1 if any member cannot tell. */
  @Override
  public long modifications() {
    long sum = 0;
    for (Cache m : members) {
      long n = m.modifications();
      if (n < 0) {
        return -1;
      }
      sum += n;
    }
    return sum;
  }

  /** Collects garbage in each member that allows it; read-only members are skipped. */
  @Override
  public GcResult gc(Duration grace, Progress progress) {
    return inEachMember("collect garbage", m -> m.gc(grace, progress), NO_GARBAGE, MultiCache::sum);
  }

  /** The dry run of {@link #gc(Duration, Progress)}: in each member that allows it. */
  @Override
  public GcResult gcDryRun(Duration grace, Progress progress) {
    return inEachMember(
        "collect garbage", m -> m.gcDryRun(grace, progress), NO_GARBAGE, MultiCache::sum);
  }

  private static GcResult sum(GcResult a, GcResult b) {
    Set<Digest> removed = new HashSet<>(a.removed());
    removed.addAll(b.removed());
    return new GcResult(removed, a.bytesFreed() + b.bytesFreed());
  }

  /** Verifies each member (with {@code repair}, each member that allows it). */
  @Override
  public VerifyResult verify(boolean repair, Progress progress) {
    return inEachMember(
        repair ? "repair" : "verify",
        m -> m.verify(repair, progress),
        new VerifyResult(0, 0, List.of(), 0, repair),
        (a, b) -> {
          List<Problem> problems = new ArrayList<>(a.problems());
          problems.addAll(b.problems());
          return new VerifyResult(
              a.calls() + b.calls(),
              a.values() + b.values(),
              problems,
              a.unstoredArguments() + b.unstoredArguments(),
              a.repaired() && b.repaired());
        });
  }

  /** Re-keys the calls of each member that allows it. */
  @Override
  public RedigestResult redigest(Progress progress) {
    return inEachMember(
        "re-key its calls",
        m -> m.redigest(progress),
        new RedigestResult(0, 0, 0),
        (a, b) ->
            new RedigestResult(
                a.examined() + b.examined(), a.rekeyed() + b.rekeyed(), a.failed() + b.failed()));
  }

  /**
   * {@code operation} applied to each member in order, the results combined; a member that
   * refuses (read-only) is skipped.
   *
   * @throws RejectedException if every member refuses
   */
  private <R> R inEachMember(
      String what, Function<Cache, R> operation, R none, BinaryOperator<R> combine) {
    R sum = none;
    RejectedException refused = null;
    boolean done = false;
    for (Cache m : members) {
      try {
        sum = combine.apply(sum, operation.apply(m));
        done = true;
      } catch (RejectedException e) {
        refused = e;
        LOG.log(System.Logger.Level.DEBUG, "{0} skipped: {1}", m, e.getMessage());
      }
    }
    if (!done && refused != null) {
      throw new RejectedException("No member of " + this + " can " + what, refused);
    }
    return sum;
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    Scope s = Scope.NONE;
    for (int i = 0; i < members.size(); i++) {
      Cache m = members.get(i);
      Intent mine = i == 0 ? intent : Intent.READ;
      s = Scopes.nest(s, () -> m.operation(key, mine));
    }
    return s;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + members;
  }
}
