package example.memo;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the logger {@code io.fleche} logs until closed (java.util.logging, which backs
 * {@code System.Logger} by default); the console stays quiet meanwhile.
 */
final class LogCapture implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.fleche");
  private final Level level = logger.getLevel();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (records) {
            records.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  LogCapture() {
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /** The formatted WARNING messages that contain {@code text}. */
  List<String> warnings(String text) {
    SimpleFormatter f = new SimpleFormatter();
    List<String> out = new ArrayList<>();
    synchronized (records) {
      for (LogRecord r : records) {
        String m = f.formatMessage(r);
        if (r.getLevel().equals(Level.WARNING) && m.contains(text)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** The one WARNING message containing {@code text}; fails if there are none or several. */
  String onlyWarning(String text) {
    List<String> found = warnings(text);
    if (found.size() != 1) {
      throw new AssertionError("expected one warning containing '" + text + "', got " + found);
    }
    return found.get(0);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(true);
    logger.setLevel(level);
  }
}
