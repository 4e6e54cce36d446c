/**
 * The Hadoop side of the hourly job, kept thin: input format over planned splits, a record reader
 * on {@link org.kafkaetl.mapreduce.kafka.KafkaRangeReader} handing messages over in batches (with etl.read.ahead
 * from a thread of its own, the same batches in the same order), a mapper handing off to
 * {@link org.kafkaetl.mapreduce.land.RangeLander}, and Hadoop's file output committer so only
 * committed task attempts' files (and reports) appear in the hour directory.
 */
package org.kafkaetl.mapreduce.job;
