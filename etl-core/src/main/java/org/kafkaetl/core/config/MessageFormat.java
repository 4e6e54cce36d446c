package org.kafkaetl.core.config;

/**
 * How a topic's message values are encoded. The weight is the relative cost of reading one message,
 * used to balance map tasks: parsing JSON and building Avro from it costs about three times as much
 * as copying Avro binary or raw bytes.
 */
public enum MessageFormat {
  /** A JSON object per message, converted to Avro with the topic's schema. */
  JSON(3.0),
  /** Avro binary encoding of the topic's schema, without container or registry header. */
  AVRO(1.0),
  /** Any bytes, landed as-is inside a KafkaEnvelope record. */
  RAW(1.0),
  /**
   * Confluent's schema-registry wire format: magic byte 0, the writer schema's 4-byte registry id, then
   * Avro binary of that schema; each message is resolved to the run's reader schema.
   */
  AVRO_CONFLUENT(1.0);

  private final double defaultWeight;

  MessageFormat(double defaultWeight) {
    this.defaultWeight = defaultWeight;
  }

  public double defaultWeight() {
    return defaultWeight;
  }

  /** Raw messages are wrapped in a fixed envelope schema; the others need the topic's own. */
  public boolean requiresSchema() {
    return this != RAW;
  }

  /** The reader schema may come from the registry (the subject's latest version) instead of a schema file. */
  public boolean schemaFromRegistry() {
    return this == AVRO_CONFLUENT;
  }
}
