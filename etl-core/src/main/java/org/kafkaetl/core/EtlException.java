package org.kafkaetl.core;

/** Root of the exceptions this tool throws on purpose; subclasses say what a caller can do. */
public class EtlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EtlException(String message) {
    super(message);
  }

  public EtlException(String message, Throwable cause) {
    super(message, cause);
  }
}
