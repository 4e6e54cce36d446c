package org.kafkaetl.core;

/** A failure of something outside (Kafka, the database, HDFS) that may succeed when tried again. */
public class RetriableException extends EtlException {
  private static final long serialVersionUID = 1L;

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
