package org.kafkaetl.core.decode;

import java.nio.ByteBuffer;

/**
 * Writes a message's record as Avro binary straight from the message, without building the
 * record: the bytes a {@code GenericDatumWriter} would write for what {@link MessageDecoder#decode}
 * returns. Only for formats whose record is a fixed function of the message, so there is nothing
 * to reject, and whose event time is the message's Kafka timestamp. Not thread-safe.
 */
@FunctionalInterface
public interface DirectEncoder {

  /** The record's encoding, valid until the next call (the buffer is reused). */
  ByteBuffer encode(KafkaMessage message);
}
