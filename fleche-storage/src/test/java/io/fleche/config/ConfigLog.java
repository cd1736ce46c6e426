package io.fleche.config;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the configuration logs ({@code io.fleche.config}) while open. */
final class ConfigLog extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("io.fleche.config");
  private final List<String> messages = new ArrayList<>();

  ConfigLog() {
    LOGGER.addHandler(this);
  }

  /** The records so far, as "LEVEL message". */
  synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    String text =
        r.getParameters() == null
            ? r.getMessage()
            : MessageFormat.format(r.getMessage(), r.getParameters());
    messages.add(r.getLevel() + " " + text);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }
}
