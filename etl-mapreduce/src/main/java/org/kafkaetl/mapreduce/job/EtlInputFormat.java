package org.kafkaetl.mapreduce.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.kafkaetl.core.KafkaEvent;

/** Input splits are the driver's planned mapper assignments; nothing is decided here. */
public final class EtlInputFormat extends InputFormat<KafkaEvent, ReadItem> {
  @Override
  public List<InputSplit> getSplits(JobContext context) {
    List<InputSplit> splits = new ArrayList<>();
    for (List<KafkaEvent> events : JobSettings.splits(context.getConfiguration())) {
      splits.add(new EtlInputSplit(events));
    }
    return splits;
  }

  @Override
  public RecordReader<KafkaEvent, ReadItem> createRecordReader(InputSplit split, TaskAttemptContext context) {
    return new EtlRecordReader();
  }
}
