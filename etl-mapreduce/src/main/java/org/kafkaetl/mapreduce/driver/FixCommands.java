package org.kafkaetl.mapreduce.driver;

import org.kafkaetl.core.HourPartition;

/** The command an operator runs to re-read one partition's ranges of one hour. */
public final class FixCommands {
  private FixCommands() {}

  public static String rerun(String topic, int partition, HourPartition hour) {
    return "hadoop jar kafka-etl-job.jar rerun --topic " + topic + " --partition " + partition + " --hour " + hour;
  }
}
