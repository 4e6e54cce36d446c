/**
 * Kafka client settings that exactly-once reading depends on, shared by the hourly job's map tasks
 * and planner and by the audit's independent reader.
 */
package org.kafkaetl.kafka;
