/**
 * What the hourly job, the merge and the audit share of the work directory on a Hadoop file system.
 * {@link org.kafkaetl.hdfs.HourReports} is the one place that knows where a range's report lies in an
 * hour directory (or a directory laid out like one), reads it and moves it; the names themselves are
 * {@link org.kafkaetl.core.layout.WorkLayout}'s, which has no Hadoop.
 */
package org.kafkaetl.hdfs;
