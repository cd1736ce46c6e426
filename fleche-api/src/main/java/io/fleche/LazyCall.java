package io.fleche;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A stored call whose argument and result values are loaded from storage when accessed, each
 * time (nothing is kept). Listing and filtering calls therefore costs no value I/O.
 *
 * <p>An argument whose value is not in storage (a digest-only reference, kept because the value
 * could not be saved) reads as its {@link Digest}.
 */
public final class LazyCall implements CallRecord {
  private final DigestedCall stored;
  private final ValueLoader values;

  LazyCall(DigestedCall stored, ValueLoader values) {
    this.stored = Objects.requireNonNull(stored);
    this.values = Objects.requireNonNull(values);
  }

  @Override
  public FunctionId function() {
    return stored.function();
  }

  @Override
  public List<String> argumentNames() {
    return stored.argumentNames();
  }

  /** The argument digests, without loading anything. */
  public Map<String, Digest> argumentDigests() {
    return stored.arguments();
  }

  /**
   * The value of one argument, loaded now; its digest if the value is not stored.
   *
   * @throws IllegalArgumentException if the call has no argument of that name
   */
  public Object argument(String name) {
    Digest d = stored.arguments().get(name);
    if (d == null) {
      throw new IllegalArgumentException(
          stored.name() + " has no argument " + name + "; it has " + stored.argumentNames());
    }
    return loadOrDigest(d);
  }

  private Object loadOrDigest(Digest d) {
    try {
      return values.load(d);
    } catch (NoSuchElementException e) {
      return d;
    }
  }

  /**
   * The arguments as a read-only map in parameter order whose values are loaded on each access.
   */
  public Map<String, Object> arguments() {
    return new AbstractMap<>() {
      @Override
      public Object get(Object key) {
        Digest d = stored.arguments().get(key);
        return d == null ? null : loadOrDigest(d);
      }

      @Override
      public boolean containsKey(Object key) {
        return stored.arguments().containsKey(key);
      }

      @Override
      public Set<String> keySet() {
        return stored.arguments().keySet(); // names only: loads nothing
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, Object>> iterator() {
            Iterator<Entry<String, Digest>> it = stored.arguments().entrySet().iterator();
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Entry<String, Object> next() {
                Entry<String, Digest> e = it.next();
                return new SimpleImmutableEntry<>(e.getKey(), loadOrDigest(e.getValue()));
              }
            };
          }

          @Override
          public int size() {
            return stored.arguments().size();
          }
        };
      }
    };
  }

  /** Whether the call has a committed result. */
  public boolean hasResult() {
    return !stored.isPending();
  }

  /** The result's digest, or {@code null} while pending. */
  public Digest resultDigest() {
    return stored.result();
  }

  /**
   * The result, loaded now.
   *
   * @throws IllegalStateException if the call is pending
   * @throws NoSuchElementException if the result value is no longer stored
   */
  public Object result() {
    if (stored.isPending()) {
      throw new IllegalStateException("call of " + stored.name() + " is pending: no result yet");
    }
    return values.load(stored.result());
  }

  @Override
  public Map<String, Map<String, Object>> metadata() {
    return stored.metadata();
  }

  @Override
  public Digest lookupKey() {
    return stored.lookupKey();
  }

  @Override
  public Digest digest() {
    return stored.digest();
  }

  @Override
  public DigestedCall digested() {
    return stored;
  }

  /** The stored form, without the storage ({@code fetch}'s inverse). */
  public DigestedCall detach() {
    return stored;
  }

  /** A {@link Call} with every value loaded now. */
  public Call fetch() {
    Map<String, Object> args = new LinkedHashMap<>();
    stored.arguments().forEach((k, d) -> args.put(k, loadOrDigest(d)));
    Call call = Call.of(stored.function(), args).withMetadata(stored.metadata());
    return hasResult() ? call.withResult(result()) : call;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LazyCall && ((LazyCall) o).stored.equals(stored);
  }

  @Override
  public int hashCode() {
    return stored.hashCode();
  }

  @Override
  public String toString() {
    return "Lazy" + stored;
  }
}
