/**
 * Planning one hourly run: which offset ranges to read, how hot partitions are split, and how
 * events are packed onto mappers. Promises: per partition, planned and lost ranges tile the offsets
 * from the last stored end to Kafka's latest, with no gap and no overlap.
 */
package org.kafkaetl.core.plan;
