package org.kafkaetl.hive;

import org.kafkaetl.core.EtlException;

/**
 * A table exists under the configured name but is not what publishing would create (or the catalog
 * refused to create it); the message says what differs. Nothing is altered: an operator decides.
 */
public class TableRefusedException extends EtlException {
  private static final long serialVersionUID = 1L;

  public TableRefusedException(String message) {
    super(message);
  }
}
