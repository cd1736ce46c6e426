package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storages.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The shared base of caches made of member caches (the seed's {@code _MultiCache}): reads fan out
 * over the members in order.
 */
abstract class MultiCache extends AbstractCache {
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

  /**
   * The first member's scope with {@code intent}, inside it the others' with {@link Intent#READ}.
   */
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
