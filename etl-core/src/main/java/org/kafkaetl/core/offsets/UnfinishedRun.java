package org.kafkaetl.core.offsets;

import java.util.Optional;
import org.kafkaetl.core.HourPartition;

/**
 * A run or rerun that never recorded its end. Seen under the run lock, it died (or its driver did);
 * its MapReduce job may still be running and writing into the hour directory.
 *
 * @param jobId the MapReduce job it submitted, if it got that far
 */
public record UnfinishedRun(long runId, HourPartition hour, String kind, Optional<String> jobId) {}
