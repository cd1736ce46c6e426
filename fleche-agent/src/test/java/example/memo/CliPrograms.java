package example.memo;

import io.fleche.Fleche;
import io.fleche.Fleches;
import io.fleche.storage.Scope;
import java.util.List;

/**
 * Fills the persistent cache that {@link CliIT} runs the command line against (forked, with
 * {@code -javaagent:fleche.jar}): functions with {@code int}, {@code long}, {@code double} and
 * {@code String} parameters, all named {@code n}, so that one plain {@code --arg n=7} matches four
 * types; a large result; a result of an application type; results destructured into parts, one
 * part shared by both; calls tagged with projects alpha and beta.
 */
public final class CliPrograms {
  private CliPrograms() {}

  @Fleche
  static long square(int n) {
    return (long) n * n;
  }

  @Fleche
  static long twice(long n) {
    return 2 * n;
  }

  @Fleche
  static double half(double n) {
    return n / 2;
  }

  @Fleche
  static String greet(String n) {
    return "hello " + n;
  }

  @Fleche
  static double[] series(int length) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = i * 0.5;
    }
    return out;
  }

  /** A value of an application type: readable by the CLI only with --classpath and allow. */
  public record Span(int from, int to) {}

  @Fleche
  static Span span(int n) {
    return new Span(n, 2 * n);
  }

  /** A list of arrays, stored as an entry referring to a part per array; the first is shared. */
  @Fleche
  static List<double[]> blocks(int n) {
    return List.of(new double[] {0.5, 1.5}, new double[] {n, -n});
  }

  public static void main(String[] args) {
    blocks(1);
    blocks(2);
    span(3);
    try (Scope alpha = Fleches.project("alpha")) {
      for (int n = 0; n < 1000; n++) {
        square(n);
      }
      twice(7L);
      twice(100L);
      half(7.0);
      half(1.5);
    }
    try (Scope beta = Fleches.project("beta")) {
      greet("7");
      greet("ada");
      series(4096);
    }
    System.out.println("filled");
  }
}
