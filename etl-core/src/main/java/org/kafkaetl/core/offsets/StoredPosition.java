package org.kafkaetl.core.offsets;

import java.util.Optional;

/**
 * Where a partition continues, as the ledger knows it: the end of the last stored range of the
 * topic's current incarnation (or the start recorded when that incarnation was first seen), and
 * Kafka's id of that incarnation.
 *
 * @param topicId null for ledgers written before topic ids were stored: the next run adopts
 *     Kafka's id as the same incarnation
 */
public record StoredPosition(long end, String topicId) {

  public Optional<String> id() {
    return Optional.ofNullable(topicId);
  }

  /**
   * Whether Kafka's {@code kafkaTopicId} names another incarnation of the topic than the stored
   * one: deleted and created again, its offsets restarted. Unknown on either side is not a new
   * incarnation (the ledger adopts Kafka's id; Kafka without ids cannot tell).
   */
  public boolean recreatedAs(String kafkaTopicId) {
    return topicId != null && kafkaTopicId != null && !topicId.equals(kafkaTopicId);
  }
}
