package org.kafkaetl.core.status;

import java.util.Collection;
import java.util.List;
import org.kafkaetl.core.HourPartition;

/**
 * The fleet view's reads of etl_offsets and the merge ledger. An implementation must answer with a
 * number of queries that does not grow with topics, partitions or hours (300 topics of 1,000
 * partitions over 48 hours are 14 million rows): aggregates for what landed, whole rows only for
 * what did not.
 */
public interface FleetBookkeeping {
  /**
   * Every hour from {@code from} to {@code to} (inclusive) that has ranges of one of {@code topics};
   * hours without any are left out. {@link TopicHour#unmergedDates()} is empty: the bookkeeping
   * does not know which dates a range's files hold.
   */
  List<TopicHour> read(Collection<String> topics, HourPartition from, HourPartition to);

  /**
   * The records landed per topic and hour of the window, every range counted (an incomplete one
   * with what it read). Reads every range row of the window, so only the page asks for it.
   */
  FleetRecords recordsPerHour(Collection<String> topics, HourPartition from, HourPartition to);
}
