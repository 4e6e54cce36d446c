/** Decoding Kafka messages into Avro records: the decoder boundary and the built-in formats. */
package org.kafkaetl.core.decode;
