package io.fleche;

/** The base of the exceptions Fleche throws. */
public class FlecheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlecheException(String message) {
    super(message);
  }

  public FlecheException(String message, Throwable cause) {
    super(message, cause);
  }
}
