package org.kafkaetl.mapreduce.driver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a topic first seen by this run starts when the run reads nothing of it (its reader schema
 * could not be had: a topic matched by a pattern before its first producer registered the subject).
 * Recorded now, as for a topic read, so the next run that can read it starts there: otherwise it
 * would start where Kafka stands then, and with {@code etl.new.partition.start=latest} what arrived
 * in between would be skipped for good without being recorded LOST.
 */
final class UnreadTopicStarts {
  private static final Logger LOG = LoggerFactory.getLogger(UnreadTopicStarts.class);

  private final OffsetStore store;
  private final PartitionOffsetsSource everyTopic;

  /** @param everyTopic Kafka as it answers for every topic, the ones this run does not read too */
  UnreadTopicStarts(OffsetStore store, PartitionOffsetsSource everyTopic) {
    this.store = store;
    this.everyTopic = everyTopic;
  }

  /**
   * Records the starts of the partitions of topics this run leaves unread that the bookkeeping never
   * held, as {@code planner} would start them; returns them. Kafka or the database failing here is a
   * warning: the run goes on, and the topic starts where the first run that reads it finds Kafka.
   */
  Map<TopicPartition, Long> record(KafkaOffsetsNow now, Planner planner) {
    Set<String> leftUnread = now.unavailable().stream().filter(u -> u.cause().blocksEveryRead())
        .map(TopicUnavailable::topic).collect(Collectors.toCollection(java.util.TreeSet::new));
    if (leftUnread.isEmpty()) {
      return Map.of();
    }
    try {
      Set<String> known = store.positions(leftUnread).keySet().stream().map(TopicPartition::topic)
          .collect(Collectors.toSet());
      List<String> neverSeen = leftUnread.stream().filter(t -> !known.contains(t)).toList();
      if (neverSeen.isEmpty()) {
        return Map.of();
      }
      RunPlan theirs = planner.planReadable(Map.of(), everyTopic.read(neverSeen));
      store.recordStarts(theirs.starts(), theirs.topicIds());
      theirs.starts().forEach((tp, start) -> LOG.info("plan: {} is not read this run; it starts at offset {} when it"
          + " is", tp, start));
      return theirs.starts();
    } catch (RuntimeException e) {
      LOG.warn("where the unread new topics {} start could not be recorded; they start where the first run that"
          + " reads them finds Kafka", leftUnread, e);
      return Map.of();
    }
  }
}
