/** Talking to Kafka: offsets for planning, and reading one exact offset range per event. */
package org.kafkaetl.mapreduce.kafka;
