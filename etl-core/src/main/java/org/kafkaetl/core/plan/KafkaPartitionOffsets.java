package org.kafkaetl.core.plan;

import org.kafkaetl.core.TopicPartition;

/** Offsets Kafka holds for a partition right now: [earliest, latest). */
public record KafkaPartitionOffsets(TopicPartition partition, long earliest, long latest) {}
