package example.memo;

import io.fleche.Fleche;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memoized methods run against damaged caches ({@link DamagedValueFilesTest}, {@link
 * DamagedDatabaseTest}). Their results are mutable, so every hit is read from the storage. A
 * warning is logged once per method and kind of fault, so each kind of database damage has a
 * method of its own.
 */
class DamageSubjects {
  static final AtomicInteger runs = new AtomicInteger();

  /** What {@link #samples} returns: one array, stored as one value file. */
  static double[] samplesOf(int n) {
    double[] out = new double[8 + n];
    for (int k = 0; k < out.length; k++) {
      out[k] = n + k / 8.0;
    }
    return out;
  }

  /** What {@link #series} returns: a list stored as one file referring to a file per array. */
  static List<double[]> seriesOf(int n) {
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      out.add(samplesOf(10 * n + k));
    }
    return out;
  }

  private static double[] run(int n) {
    runs.incrementAndGet();
    return samplesOf(n);
  }

  @Fleche
  static double[] samples(int n) {
    return run(n);
  }

  @Fleche
  static List<double[]> series(int n) {
    runs.incrementAndGet();
    return seriesOf(n);
  }

  @Fleche
  static double[] afterTruncation(int n) {
    return run(n);
  }

  @Fleche
  static double[] afterZeroFill(int n) {
    return run(n);
  }

  @Fleche
  static double[] afterBitFlips(int n) {
    return run(n);
  }

  @Fleche
  static double[] afterGarbage(int n) {
    return run(n);
  }

  @Fleche
  static double[] afterReplacement(int n) {
    return run(n);
  }

  @Fleche
  static double[] untilRestored(int n) {
    return run(n);
  }
}
