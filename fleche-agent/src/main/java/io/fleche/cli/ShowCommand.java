package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.FunctionId;
import io.fleche.LazyCall;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    PrintWriter out = cli.out();
    if (!cache.contains(full) && Calls.isValue(cache, full)) {
      Object v = Calls.readable(cache, full);
      if (json) {
        out.println(CallWriter.json(Map.of("key", full.toString(), "value", Values.json(v))));
      } else {
        line(out, "value", full.toString());
        line(out, "type", describe(cache, full, v));
        line(out, "", Values.brief(v, WIDTH));
      }
      return 0;
    }
    LazyCall call = Calls.tolerant(Calls.load(cache, full), cache);
    if (json) {
      out.println(CallWriter.json(CallWriter.json(call)));
      return 0;
    }
    FunctionId f = call.function();
    line(out, "call", full.toString());
    line(out, "function", f.name() + (f.signature() == null ? "" : f.signature()));
    line(out, "module", orNone(f.module()));
    line(out, "version", orNone(f.version()));
    line(out, "code", f.codeDigest() == null ? "(not in the key)" : f.codeDigest().toString());
    out.println("arguments");
    call.argumentDigests()
        .forEach((n, d) -> value(out, "  " + n, cache, d, call.argument(n)));
    if (call.hasResult()) {
      value(out, "result", cache, call.resultDigest(), call.result());
    } else {
      line(out, "result", "(pending: admitted, never committed)");
    }
    out.println("metadata");
    call.metadata()
        .forEach(
            (ns, entries) ->
                entries.forEach((k, v) -> line(out, "  " + ns + "." + k, metadata(k, v))));
    return 0;
  }

  private static void value(PrintWriter out, String label, Cache cache, Digest d, Object v) {
    line(out, label, Values.brief(v, WIDTH));
    line(out, "", describe(cache, d, v));
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

  private static void line(PrintWriter out, String label, String text) {
    out.println(String.format("%-22s %s", label, text).stripTrailing());
  }
}
