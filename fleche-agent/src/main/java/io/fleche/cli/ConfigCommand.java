package io.fleche.cli;

import io.fleche.config.CacheSpec;
import io.fleche.config.ConfigFile;
import io.fleche.config.FlecheConfig;
import io.fleche.config.StorageSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code fleche config}: the {@code fleche.toml} files read, closest first, and what each
 * configured cache resolves to. A cache whose table is malformed is shown with its error, and the
 * command then fails.
 */
@Command(
    name = "config",
    description = "Show the fleche.toml files read, in order, and the cache each name resolves to.")
final class ConfigCommand extends CliCommand {
  @Override
  public Integer call() {
    FlecheConfig config = cli.config();
    PrintWriter out = cli.out();
    if (config.files().isEmpty()) {
      out.println("No " + FlecheConfig.FILE_NAME + " found; programs use an in-memory cache.");
      return 0;
    }
    out.println("Files, closest first:");
    for (ConfigFile f : config.files()) {
      out.println("  " + f.path() + (f.read() ? "" : "  (skipped: " + f.error() + ")"));
    }
    boolean ok = true;
    String defaultName;
    try {
      defaultName = config.defaultCacheName().orElse(null);
      out.println("Default cache: " + (defaultName == null ? "none (in memory)" : defaultName));
      out.println("Default metadata: " + String.join(", ", config.defaultMetadata()));
    } catch (IllegalArgumentException e) {
      defaultName = null;
      out.println("Defaults: error: " + FlecheCli.oneLine(e));
      ok = false;
    }
    out.println("Caches:");
    List<String> names = new java.util.ArrayList<>(config.cacheNames());
    if ("default".equals(defaultName)) {
      names.add(0, "default");
    }
    for (String name : names) {
      out.println("  " + name + (name.equals(defaultName) ? " (default)" : ""));
      try {
        Optional<CacheSpec> spec = config.cache(name);
        describe(spec.orElseThrow(), "    ", out);
      } catch (IllegalArgumentException e) {
        out.println("    error: " + FlecheCli.oneLine(e));
        ok = false;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException("The configuration has errors (shown above)");
    }
    return 0;
  }

  private static void describe(CacheSpec spec, String indent, PrintWriter out) {
    if (spec instanceof CacheSpec.Plain) {
      CacheSpec.Plain p = (CacheSpec.Plain) spec;
      out.println(indent + "values: " + storage(p.values()));
      out.println(indent + "calls:  " + storage(p.calls()));
      p.maxSize().ifPresent(n -> out.println(indent + "at most " + n + " calls"));
      if (p.readOnly()) {
        out.println(indent + "read-only");
      }
    } else if (spec instanceof CacheSpec.Stack) {
      layers("stack, saves to layer 1:", ((CacheSpec.Stack) spec).layers(), indent, out);
    } else if (spec instanceof CacheSpec.Pool) {
      layers("read-only pool of:", ((CacheSpec.Pool) spec).members(), indent, out);
    } else {
      CacheSpec.Remote r = (CacheSpec.Remote) spec;
      out.println(indent + "remote on " + r.host() + " " + r.options() + " (not available yet)");
    }
  }

  private static void layers(String title, List<CacheSpec> specs, String indent, PrintWriter out) {
    out.println(indent + title);
    for (int i = 0; i < specs.size(); i++) {
      out.println(indent + "  " + (i + 1) + ".");
      describe(specs.get(i), indent + "     ", out);
    }
  }

  /** {@code file at /abs/values, compress=true}: the type, where, and the other options. */
  static String storage(StorageSpec s) {
    Map<String, Object> o = s.options();
    StringBuilder text = new StringBuilder(s.type());
    if (o.containsKey("root")) {
      text.append(" at ").append(o.get("root"));
    }
    if (o.containsKey("url")) {
      text.append(" at ").append(o.get("url"));
    }
    String rest =
        o.entrySet().stream()
            .filter(e -> !e.getKey().equals("root") && !e.getKey().equals("url"))
            .map(e -> e.getKey() + "=" + (e.getKey().equals("secret_key") ? "(set)" : e.getValue()))
            .collect(Collectors.joining(", "));
    return rest.isEmpty() ? text.toString() : text + ", " + rest;
  }
}
