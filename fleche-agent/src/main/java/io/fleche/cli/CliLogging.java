package io.fleche.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fleche's log messages (through {@link System.Logger}, backed by {@code java.util.logging}) on
 * standard error as one line each, {@code fleche: warning: ...}; with {@code --verbose} also its
 * informational messages, stack traces, and the messages of libraries (sqlite-jdbc's).
 */
final class CliLogging {
  /** Fleche's loggers' parent, kept: {@code java.util.logging} holds loggers weakly. */
  private static final Logger FLECHE = Logger.getLogger("io.fleche");
  /** The logger of the storages' warnings about unreadable entries. */
  private static final Logger STORAGES = Logger.getLogger("io.fleche.storage");

  private CliLogging() {}

  /** Replaces the root logger's handlers; for the CLI's own JVM only. */
  static void configure(boolean verbose) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler handler = new ConsoleHandler(); // standard error
    handler.setLevel(Level.ALL);
    handler.setFormatter(
        new Formatter() {
          @Override
          public String format(LogRecord r) {
            String line =
                "fleche: "
                    + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT)
                    + ": "
                    + FlecheCli.oneLine(formatMessage(r))
                    + System.lineSeparator();
            if (verbose && r.getThrown() != null) {
              java.io.StringWriter trace = new java.io.StringWriter();
              r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
              line += trace;
            }
            return line;
          }
        });
    root.addHandler(handler);
    root.setLevel(verbose ? Level.INFO : Level.OFF);
    FLECHE.setLevel(verbose ? Level.INFO : Level.WARNING);
  }

  /**
   * Silences the storages' warnings about unreadable entries until closed, for a command that
   * reports them itself or that would print one per value.
   */
  static Quiet quietStorages() {
    Level level = STORAGES.getLevel();
    STORAGES.setLevel(Level.SEVERE);
    return () -> STORAGES.setLevel(level);
  }

  /** Restores what it silenced when closed. */
  interface Quiet extends AutoCloseable {
    @Override
    void close();
  }
}
