package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.FunctionId;
import io.fleche.LazyCall;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fleche show KEY}: one call, by its full key or a unique prefix of at least 4 hex digits:
 * its identity, arguments and result (loaded; each with its type and shape, stored size and
 * digest; large values cut to a line), and metadata. The key of a stored value shows that value.
 */
@Command(name = "show", description = "Show one call (or value) by its full or short key.")
final class ShowCommand extends CliCommand {
  /** The widest a value is printed. */
  static final int WIDTH = 100;

  @Parameters(paramLabel = "KEY", description = "The key, or a unique prefix of 4+ hex digits.")
  String key;

  @Option(names = "--json", description = "Print the call as one JSON object, as query does.")
  boolean json;

  @Override
  public Integer call() {
    Cache cache = cli.cache();
    Digest full = cache.expand(key);
    Lines out = new Lines();
    if (!cache.contains(full) && Calls.isValue(cache, full)) {
      Object v = Calls.readable(cache, full);
      if (json) {
        cli.out().println(CallWriter.json(Map.of("key", full.toString(), "value", Values.json(v))));
        return 0;
      }
      out.add("value", full.toString());
      out.add("type", describe(cache, full, v));
      out.add("", Values.brief(v, WIDTH));
      out.print(cli.out());
      return 0;
    }
    LazyCall call = Calls.tolerant(Calls.load(cache, full), cache);
    if (json) {
      cli.out().println(CallWriter.json(CallWriter.json(call)));
      return 0;
    }
    FunctionId f = call.function();
    out.add("call", full.toString());
    out.add("function", f.name() + (f.signature() == null ? "" : f.signature()));
    out.add("module", orNone(f.module()));
    out.add("version", orNone(f.version()));
    out.add("code", f.codeDigest() == null ? "(not in the key)" : f.codeDigest().toString());
    out.add("arguments", "");
    call.argumentDigests().forEach((n, d) -> value(out, "  " + n, cache, d, call.argument(n)));
    if (call.hasResult()) {
      value(out, "result", cache, call.resultDigest(), call.result());
    } else {
      out.add("result", "(pending: admitted, never committed)");
    }
    out.add("metadata", "");
    call.metadata()
        .forEach(
            (ns, entries) -> entries.forEach((k, v) -> out.add("  " + ns + "." + k, metadata(k, v))));
    out.print(cli.out());
    return 0;
  }

  /** Labelled lines, printed with the texts aligned after the longest label. */
  private static final class Lines {
    private final List<String[]> lines = new ArrayList<>();

    void add(String label, String text) {
      lines.add(new String[] {label, text});
    }

    void print(PrintWriter out) {
      int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
      for (String[] l : lines) {
        out.println((l[0] + " ".repeat(width - l[0].length() + 2) + l[1]).stripTrailing());
      }
    }
  }

  private static void value(Lines out, String label, Cache cache, Digest d, Object v) {
    out.add(label, v instanceof Calls.Unreadable ? v.toString() : Values.brief(v, WIDTH));
    out.add("", describe(cache, d, v));
  }

  /** {@code double[64], 532 B stored, #<digest>}. */
  private static String describe(Cache cache, Digest d, Object v) {
    OptionalLong size = cache.valueSize(d);
    return (v instanceof Calls.Unreadable ? "not readable" : Values.type(v))
        + (size.isPresent() ? ", " + Values.bytes(size.getAsLong()) + " stored" : "")
        + ", #" + d;
  }

  private static String metadata(String key, Object v) {
    if ((key.equals("timestart") || key.equals("timestop")) && v instanceof Number) {
      long micros = Math.round(((Number) v).doubleValue() * 1e6);
      return java.math.BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString()
          + " (" + Instant.EPOCH.plus(micros, ChronoUnit.MICROS) + ")";
    }
    return CallWriter.json(v);
  }

  private static String orNone(String s) {
    return s == null ? "(none)" : s;
  }
}
