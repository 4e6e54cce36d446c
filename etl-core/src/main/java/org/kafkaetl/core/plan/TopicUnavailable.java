package org.kafkaetl.core.plan;

import java.util.List;
import java.util.stream.Collectors;
import org.kafkaetl.core.TopicPartition;

/**
 * A configured topic, or some of its partitions, that this run cannot read: Kafka could not give
 * offsets for it, or the schema registry could not give its reader schema. Nothing of it is
 * planned: its stored end stays, so a later run continues from there.
 *
 * @param partitions the partitions concerned, sorted; empty when the whole topic is
 * @param detail what Kafka or the registry said, for the alert
 */
public record TopicUnavailable(String topic, List<Integer> partitions, Cause cause, String detail) {
  /** Why the topic is not read. */
  public enum Cause {
    DOES_NOT_EXIST("does not exist in Kafka"),
    NOT_AUTHORIZED("not authorized"),
    NO_LEADER("no leader"),
    TIMED_OUT("timed out"),
    FAILED("Kafka error"),
    /** An avro-confluent topic without a schema file whose subject's latest version could not be had. */
    SCHEMA_REGISTRY("the schema registry did not give its reader schema", true),
    /** An avro-confluent topic whose subject has no version, or whose latest version cannot be its reader schema. */
    NO_READER_SCHEMA("its schema registry subject has no usable reader schema", true);

    private final String text;
    private final boolean blocksEveryRead;

    Cause(String text) {
      this(text, false);
    }

    Cause(String text, boolean blocksEveryRead) {
      this.text = text;
      this.blocksEveryRead = blocksEveryRead;
    }

    public String text() {
      return text;
    }

    /**
     * Whether ranges planned earlier cannot be read either: without the run's reader schema a task
     * could decode nothing, so a retry would only spend an attempt. A Kafka cause does not: a retry
     * meets the problem itself, or finds it gone.
     */
    public boolean blocksEveryRead() {
      return blocksEveryRead;
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
