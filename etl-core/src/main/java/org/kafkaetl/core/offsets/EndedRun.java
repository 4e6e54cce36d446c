package org.kafkaetl.core.offsets;

import org.kafkaetl.core.HourPartition;

/** A run or rerun that has ended, by its id, the hour it ran for, and its kind (RUN, RERUN). */
public record EndedRun(long runId, HourPartition hour, String kind) {}
