package org.kafkaetl.mapreduce.driver;

import org.kafkaetl.core.HourPartition;

/** The command an operator runs to re-read one partition's ranges of one hour. */
public final class FixCommands {
  private FixCommands() {}

  /** One command for all the given partitions of a topic's hour. */
  public static String rerun(String topic, java.util.Collection<Integer> partitions, HourPartition hour) {
    String list = partitions.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    return "hadoop jar kafka-etl-job.jar rerun --topic " + topic + " --partition " + list + " --hour " + hour;
  }
}
