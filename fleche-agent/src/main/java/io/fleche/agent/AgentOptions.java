package io.fleche.agent;

/**
 * The agent's arguments ({@code cache=NAME}, {@code verbose}), folded into the system properties
 * {@code fleche.cache} and {@code fleche.verbose} that the runtime reads.
 */
final class AgentOptions {
  static final String CACHE_PROPERTY = "fleche.cache";
  static final String VERBOSE_PROPERTY = "fleche.verbose";

  private final String cache;
  private final boolean verbose;

  private AgentOptions(String cache, boolean verbose) {
    this.cache = cache;
    this.verbose = verbose;
  }

  static AgentOptions parse(String arguments) {
    String cache = null;
    boolean verbose = false;
    if (arguments != null) {
      for (String part : arguments.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        if (p.equals("verbose") || p.equals("verbose=true")) {
          verbose = true;
        } else if (p.startsWith("cache=")) {
          cache = p.substring("cache=".length());
        } else {
          Dispatcher.LOG.log(
              System.Logger.Level.WARNING,
              "Fleche: unknown agent argument '" + p + "' (known: cache=NAME, verbose)");
        }
      }
    }
    return new AgentOptions(cache, verbose);
  }

  /** Publishes the options as system properties (explicit properties win). */
  void apply() {
    if (cache != null && System.getProperty(CACHE_PROPERTY) == null) {
      System.setProperty(CACHE_PROPERTY, cache);
    }
    if (verbose && System.getProperty(VERBOSE_PROPERTY) == null) {
      System.setProperty(VERBOSE_PROPERTY, "true");
    }
  }

  static boolean verboseNow() {
    return Boolean.getBoolean(VERBOSE_PROPERTY);
  }
}
