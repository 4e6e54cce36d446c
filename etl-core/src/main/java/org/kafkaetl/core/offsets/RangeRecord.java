package org.kafkaetl.core.offsets;

import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;

/**
 * One row of etl_offsets: a planned event of one run, with its current state.
 *
 * @param attempts how many times the range has been read (first read, retries, reruns)
 */
public record RangeRecord(
    long runId,
    HourPartition hour,
    KafkaEvent event,
    RangeState state,
    long reached,
    long records,
    long decodeErrors,
    String detail,
    int attempts) {}
