package io.fleche.caches;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/** Captures what a logger (java.util.logging, behind System.Logger) logs until closed. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  public LogCapture(String name) {
    logger = Logger.getLogger(name);
    level = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /** The formatted messages logged at {@code level}. */
  public List<String> messages(Level level) {
    SimpleFormatter f = new SimpleFormatter();
    synchronized (records) {
      return records.stream()
          .filter(r -> r.getLevel().equals(level))
          .map(f::formatMessage)
          .collect(Collectors.toList());
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(true);
    logger.setLevel(level);
  }
}
