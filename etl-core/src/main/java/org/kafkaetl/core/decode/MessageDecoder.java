package org.kafkaetl.core.decode;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a Kafka message into an Avro record of {@link #schema()} and tells its event time. One
 * instance per topic per task; not thread-safe; may reuse buffers between calls.
 */
public interface MessageDecoder {

  /** Schema of every record {@link #decode} returns. */
  Schema schema();

  /** @throws DecodeException if the message does not fit; the caller routes it to the error file */
  GenericRecord decode(KafkaMessage message);

  /** Event time of a decoded record in epoch millis, used to route it to its date. */
  long eventTimeMillis(GenericRecord decoded, KafkaMessage message);

  /**
   * A way to write this decoder's records straight from the message instead of {@link #decode}, for
   * formats that need no parsing; then every message is a record and its event time is the Kafka
   * timestamp. Empty by default: the record has to be built.
   */
  default Optional<DirectEncoder> directEncoder() {
    return Optional.empty();
  }
}
