package org.kafkaetl.mapreduce.job;

import java.util.List;
import java.util.Set;
import org.kafkaetl.core.KafkaEvent;

/**
 * Asked once a job has ended, before anything is settled or recorded: which of the ranges it read
 * belong to an incarnation of their topic that Kafka no longer has (the topic was deleted and
 * recreated while the job was queued or ran, so its consumers may have read the new incarnation's
 * offsets). Their reads are discarded.
 */
@FunctionalInterface
public interface IncarnationCheck {
  /** For callers that check nothing (tests). */
  IncarnationCheck NONE = events -> Set.of();

  Set<KafkaEvent> readFromAnotherIncarnation(List<KafkaEvent> events);
}
