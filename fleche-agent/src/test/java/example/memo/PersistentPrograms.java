package example.memo;

import io.fleche.Cache;
import io.fleche.Fleche;
import io.fleche.Fleches;
import io.fleche.LazyCall;
import io.fleche.Maintenance;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programs run in forked JVMs on a persistent cache configured by the test's {@code fleche.toml}:
 * {@code write FROM TO STEP} prints the cache, then computes {@link #value} for FROM, FROM+STEP,
 * ... below TO, printing a progress line after every call; {@code compute FROM TO STEP} does the
 * same without asking for the cache itself (as an application does: only its memoized calls
 * touch the cache); {@code check} reads every stored call back and verifies it. Each ends with
 * counts such as {@code computed=N} ({@link #count}); a wrong result prints {@code WRONG i};
 * {@code gc GRACE_MILLIS} collects garbage again and again until its standard input ends, each
 * round first evicting the stored calls of every tenth argument (whose values become garbage).
 */
public final class PersistentPrograms {
  /** Their tests' {@code fleche.toml}: the default cache 'disk', template sql, in ./store. */
  static final String CONFIG =
      String.join("\n", "[default]", "cache = \"disk\"", "", "[disk]", "template = \"sql\"",
          "root = \"store\"", "");

  static final AtomicInteger runs = new AtomicInteger();
  private static final Pattern COUNT = Pattern.compile("(ok|bad|missing|computed|rounds|evicted|removed)=(\\d+)");

  /** The last count {@code name=N} in a program's output {@code out}. */
  static int count(String out, String name) {
    Matcher m = COUNT.matcher(out);
    int found = -1;
    while (m.find()) {
      if (m.group(1).equals(name)) {
        found = Integer.parseInt(m.group(2));
      }
    }
    if (found < 0) {
      throw new AssertionError("no " + name + "= in\n" + out);
    }
    return found;
  }

  private PersistentPrograms() {}

  /** A deterministic result with some bulk: a record's value is checkable from its argument. */
  @Fleche
  static double[] value(int i) {
    runs.incrementAndGet();
    double[] out = new double[64 + i % 64];
    for (int k = 0; k < out.length; k++) {
      out[k] = i * 1000.0 + k;
    }
    return out;
  }

  static boolean correct(int i, Object result) {
    if (!(result instanceof double[])) {
      return false;
    }
    double[] r = (double[]) result;
    if (r.length != 64 + i % 64) {
      return false;
    }
    for (int k = 0; k < r.length; k++) {
      if (r[k] != i * 1000.0 + k) {
        return false;
      }
    }
    return true;
  }

  public static void main(String[] args) {
    switch (args[0]) {
      case "write":
      case "compute":
        if (args[0].equals("write")) {
          System.out.println("cache=" + Fleches.cache());
        }
        compute(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        break;
      case "check":
        check();
        break;
      case "gc":
        gc(Duration.ofMillis(Long.parseLong(args[1])));
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void compute(int from, int to, int step) {
    for (int i = from; i < to; i += step) {
      double[] r = value(i);
      if (!correct(i, r)) {
        System.out.println("WRONG " + i);
      }
      System.out.println("done " + i);
    }
    System.out.println("computed=" + runs.get());
  }

  private static void gc(Duration grace) {
    AtomicBoolean stop = new AtomicBoolean();
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // until the test closes it
                }
              } catch (IOException e) {
                // ends it too
              }
              stop.set(true);
            });
    stdin.setDaemon(true);
    stdin.start();
    Cache cache = Fleches.cache();
    int rounds = 0;
    int evicted = 0;
    int removed = 0;
    while (!stop.get()) {
      evicted += cache.query().filter(c -> (Integer) c.argument("i") % 10 == 0).evict();
      removed += cache.gc(grace, Maintenance.Progress.NONE).removed().size();
      rounds++;
    }
    System.out.println("rounds=" + rounds);
    System.out.println("evicted=" + evicted);
    System.out.println("removed=" + removed);
  }

  private static void check() {
    int ok = 0;
    int bad = 0;
    int missing = 0;
    for (LazyCall c : Fleches.cache().query()) {
      int i = (Integer) c.argument("i");
      Object result;
      try {
        result = c.result();
      } catch (java.util.NoSuchElementException e) {
        missing++; // a record whose result is not readable: must not happen
        System.out.println("MISSING " + i + ": " + e.getMessage());
        continue;
      }
      if (correct(i, result)) {
        ok++;
      } else {
        bad++;
        System.out.println("BAD " + i);
      }
    }
    System.out.println("ok=" + ok);
    System.out.println("bad=" + bad);
    System.out.println("missing=" + missing);
  }
}
