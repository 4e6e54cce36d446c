/**
 * The domain of the hourly ETL: partitions, offset ranges, events, hours, exit codes and the root
 * exception. No Hadoop, Kafka client or JDBC type appears in etl-core.
 */
package org.kafkaetl.core;
