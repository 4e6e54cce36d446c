package org.kafkaetl.core.plan;

import java.util.List;
import java.util.stream.Collectors;
import org.kafkaetl.core.TopicPartition;

/**
 * A configured topic, or some of its partitions, that Kafka could not give offsets for this run.
 * Nothing of it is planned: its stored end stays, so a later run continues from there.
 *
 * @param partitions the partitions concerned, sorted; empty when the whole topic is
 * @param detail what Kafka said, for the alert
 */
public record TopicUnavailable(String topic, List<Integer> partitions, Cause cause, String detail) {
  /** Why Kafka gave no offsets. */
  public enum Cause {
    DOES_NOT_EXIST("does not exist in Kafka"),
    NOT_AUTHORIZED("not authorized"),
    NO_LEADER("no leader"),
    TIMED_OUT("timed out"),
    FAILED("Kafka error");

    private final String text;

    Cause(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public TopicUnavailable {
    partitions = partitions.stream().distinct().sorted().toList();
  }

  public boolean wholeTopic() {
    return partitions.isEmpty();
  }

  public boolean covers(TopicPartition partition) {
    return partition.topic().equals(topic) && (wholeTopic() || partitions.contains(partition.partition()));
  }

  /** "topic t" or "topic t partition(s) 1,2". */
  public String what() {
    return "topic " + topic + (wholeTopic() ? "" : " partition(s) " + partitionList());
  }

  /** Names one incident: the topic, the partitions and the cause. */
  public String incidentKey() {
    return topic + ":" + (wholeTopic() ? "all" : partitionList()) + ":" + cause.name();
  }

  private String partitionList() {
    return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
