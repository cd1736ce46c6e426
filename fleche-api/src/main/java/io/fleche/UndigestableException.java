package io.fleche;

/**
 * A value, or a part of it, cannot be digested: a lambda, a thread, a socket, a JDK type without
 * a canonical form, a cyclic object graph. The message names the offending type and where it sits
 * inside the digested value, e.g. {@code arguments.config.pool}.
 */
public final class UndigestableException extends FlecheException {
  private static final long serialVersionUID = 1L;

  private final String typeName;
  private final String reason;
  private String path;

  UndigestableException(Class<?> type, String reason) {
    this(type, reason, null);
  }

  UndigestableException(Class<?> type, String reason, Throwable cause) {
    super(reason, cause);
    this.typeName = type == null ? "null" : type.getName();
    this.reason = reason;
    this.path = "";
  }

  /** Name of the class that could not be digested. */
  public String typeName() {
    return typeName;
  }

  /**
   * Where the offending part sits: field and component names joined by dots, list and array
   * indices in brackets ({@code config.pools[2].lock}); empty if it is the value itself.
   */
  public String path() {
    return path;
  }

  /** Prefixes the path with an outer segment: a name, or an index segment such as "[3]". */
  UndigestableException within(String segment) {
    if (path.isEmpty()) {
      path = segment;
    } else if (path.startsWith("[")) {
      path = segment + path;
    } else {
      path = segment + "." + path;
    }
    return this;
  }

  @Override
  public String getMessage() {
    return "Cannot digest "
        + typeName
        + (path.isEmpty() ? "" : " at " + path)
        + ": "
        + reason;
  }
}
