package org.kafkaetl.core.decode;

import org.kafkaetl.core.EtlException;

/** A message that cannot be decoded; carries where it is so it can go to the error file. */
public class DecodeException extends EtlException {
  private static final long serialVersionUID = 1L;
  private final String topic;
  private final int partition;
  private final long offset;

  public DecodeException(KafkaMessage message, String reason, Throwable cause) {
    super(message.topic() + "-" + message.partition() + "@" + message.offset() + ": " + reason, cause);
    this.topic = message.topic();
    this.partition = message.partition();
    this.offset = message.offset();
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}
