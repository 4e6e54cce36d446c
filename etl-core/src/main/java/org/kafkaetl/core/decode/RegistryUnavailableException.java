package org.kafkaetl.core.decode;

import org.kafkaetl.core.RetriableException;

/**
 * The schema registry a decoder needs did not answer, or answered with a server error. Says nothing
 * about the message, so it must not go to the error file: the range stops before it, INCOMPLETE,
 * and is read again by a later run.
 */
public class RegistryUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
