package org.kafkaetl.core.offsets;

import org.kafkaetl.core.KafkaEvent;

/**
 * What the job achieved for one planned event, decided by the coverage check from committed task
 * reports.
 *
 * @param reached first offset not read ({@code event.range().end()} when complete)
 * @param detail human-readable cause when not complete, empty otherwise
 */
public record RangeOutcome(
    KafkaEvent event, RangeState state, long reached, long records, long decodeErrors, String detail) {}
