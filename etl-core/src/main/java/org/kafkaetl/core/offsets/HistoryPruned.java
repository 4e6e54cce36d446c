package org.kafkaetl.core.offsets;

/**
 * What {@link OffsetStore#pruneHistory} removed.
 *
 * @param partitions partition incarnations that lost rows
 * @param ranges etl_offsets rows removed
 * @param lostRanges etl_lost_ranges rows removed (all inside removed ranges)
 */
public record HistoryPruned(long partitions, long ranges, long lostRanges) {}
