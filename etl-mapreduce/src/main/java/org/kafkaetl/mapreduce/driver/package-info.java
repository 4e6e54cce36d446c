/**
 * Driving a run from the client: locking, planning, recording, submitting the job, checking
 * coverage and alerting. Promises: ranges are stored before anything is read, and a range is
 * marked COMPLETE only from a committed task's report.
 */
package org.kafkaetl.mapreduce.driver;
