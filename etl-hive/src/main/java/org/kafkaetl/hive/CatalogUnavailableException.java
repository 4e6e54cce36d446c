package org.kafkaetl.hive;

import org.kafkaetl.core.RetriableException;

/** The catalog did not answer (down, unreachable, timed out): what was asked is kept and asked again later. */
public class CatalogUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
