package example.memo;

import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.caches.Caches;

/**
 * Run by {@link ForkedAgentIT} without {@code -javaagent}: loads a class with memoized methods,
 * then installs the agent at run time, which retransforms the class. Its calls must be keyed by
 * parameter name as under {@code -javaagent} (the JDK 17 JVM drops parameter names from the
 * bytes it hands to a retransformation).
 */
public final class LateInstallProgram {
  private LateInstallProgram() {}

  public static void main(String[] args) {
    ContractSubjects.runs.set(0); // loads the class before the agent is there
    Fleches.install();
    Cache cache = Caches.memory();
    try (var c = Fleches.use(cache);
        var m = Fleches.meta()) {
      ContractSubjects.square(12, "abc");
      ContractSubjects.square(12, "abc");
      ContractSubjects.quiet(1, true); // ignore = "verbose": needs the parameter's name
      ContractSubjects.quiet(1, false);
      ContractSubjects.annotatedIgnore(2, new StringBuilder()); // @Ignored on the parameter
      ContractSubjects.annotatedIgnore(2, new StringBuilder("other"));
      ContractSubjects.needsParameterAnnotation(3, null); // @Required: runs uncached
      ContractSubjects.needsParameterAnnotation(3, null);
    }
    System.out.println("runs=" + ContractSubjects.runs.get());
    System.out.println(
        "names="
            + cache.query().stream()
                .filter(r -> r.name().equals("ContractSubjects.square"))
                .findFirst()
                .orElseThrow()
                .argumentNames());
  }
}
