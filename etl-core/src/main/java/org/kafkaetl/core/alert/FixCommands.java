package org.kafkaetl.core.alert;

import org.kafkaetl.core.HourPartition;

/** The commands alerts tell an operator to run, spelled once. */
public final class FixCommands {
  private FixCommands() {}

  /** One command for all the given partitions of a topic's hour. */
  public static String rerun(String topic, java.util.Collection<Integer> partitions, HourPartition hour) {
    String list = partitions.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    return "hadoop jar kafka-etl-job.jar rerun --topic " + topic + " --partition " + list + " --hour " + hour;
  }

  /** The hourly run, run by hand once what stopped it is fixed (otherwise the next scheduled run does it). */
  public static String run() {
    return "hadoop jar kafka-etl-job.jar run";
  }

  /** Redoes a day's merge, for one partition or (partition null) all. */
  public static String merge(String topic, java.time.LocalDate date, Integer partition) {
    return "hadoop jar kafka-etl-job.jar merge --topic " + topic + " --date " + date
        + (partition == null ? "" : " --partition " + partition);
  }

  /** Rebuilds a day's daily files from the hourly files. */
  public static String rebuild(String topic, java.time.LocalDate date, Integer partition) {
    return merge(topic, date, partition) + " --rebuild";
  }
}
