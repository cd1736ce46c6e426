package io.fleche;

/**
 * A cache refused to store a call: it is read-only, or a value could not be stored. Never raised
 * at a memoized call site: the call's own result is returned and a warning logged.
 */
public final class RejectedException extends FlecheException {
  private static final long serialVersionUID = 1L;

  public RejectedException(String message) {
    super(message);
  }

  public RejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
