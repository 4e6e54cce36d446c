package org.kafkaetl.mapreduce.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.kafka.ConsumerSettings;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * Reads the split's events one after another, each exactly [begin, end) (from where an earlier read
 * stopped, for a read that resumes it), and after each event's
 * messages emits a {@link ReadItem.RangeEnd}. The split shares one max-pull-time deadline.
 */
final class EtlRecordReader extends RecordReader<KafkaEvent, ReadItem> {
  private List<KafkaEvent> events;
  private java.util.Map<KafkaEvent, Long> resumeFrom;
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaRangeReader reader;
  private Instant deadline;
  private int index = -1;
  private KafkaEvent current;
  private ReadItem item;
  private boolean rangeOpen;

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) {
    events = ((EtlInputSplit) split).events();
    resumeFrom = JobSettings.resumed(context.getConfiguration());
    EtlConfig config = JobSettings.config(context.getConfiguration(), context.getCredentials());
    Clock clock = Clock.systemUTC();
    deadline = clock.instant().plus(config.maxPullTime());
    consumer = new KafkaConsumer<>(ConsumerSettings.forReading(config.kafkaClientProperties(),
        "kafka-etl-" + context.getTaskAttemptID()));
    reader = new KafkaRangeReader(consumer, clock, config.pollTimeout(), config.stallTimeout());
  }

  @Override
  public boolean nextKeyValue() {
    if (!rangeOpen) {
      if (++index >= events.size()) {
        return false;
      }
      current = events.get(index);
      reader.start(current, resumeFrom.getOrDefault(current, current.range().begin()), deadline);
      rangeOpen = true;
    }
    KafkaMessage message = reader.next();
    if (message != null) {
      item = new ReadItem.Message(message);
    } else {
      item = new ReadItem.RangeEnd(reader.reached(), reader.stopReason(), reader.lost());
      rangeOpen = false;
    }
    return true;
  }

  @Override
  public KafkaEvent getCurrentKey() {
    return current;
  }

  @Override
  public ReadItem getCurrentValue() {
    return item;
  }

  @Override
  public float getProgress() {
    return events.isEmpty() ? 1f : Math.max(0, index) / (float) events.size();
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
  }
}
