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
import org.kafkaetl.kafka.ConsumerSettings;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * Reads the split's events one after another, each exactly [begin, end) (from where an earlier read
 * stopped, for a read that resumes it), hands their messages over in batches ({@link BatchedReads})
 * and after each event's messages emits a {@link ReadItem.RangeEnd}. The split shares one
 * max-pull-time deadline. With {@code etl.read.ahead} the same reads run on a thread of their own a
 * few batches ahead ({@link ReadAhead}); the mapper is handed the same items either way.
 */
final class EtlRecordReader extends RecordReader<KafkaEvent, ReadItem> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EtlRecordReader.class);

  private List<KafkaEvent> events;
  private KafkaConsumer<byte[], byte[]> consumer;
  private BatchedReads reads;
  /** Null unless etl.read.ahead: then the only caller of {@link #reads}, on its own thread. */
  private ReadAhead readAhead;
  private int ended;
  private BatchedReads.Item item;

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) {
    events = ((EtlInputSplit) split).events();
    EtlConfig config = JobSettings.config(context.getConfiguration(), context.getCredentials());
    Clock clock = Clock.systemUTC();
    Instant deadline = clock.instant().plus(config.maxPullTime());
    consumer = new KafkaConsumer<>(ConsumerSettings.forReading(config.kafkaClientProperties(),
        "kafka-etl-" + context.getTaskAttemptID()));
    KafkaRangeReader reader = new KafkaRangeReader(consumer, clock, config.pollTimeout(), config.stallTimeout());
    reads = new BatchedReads(reader, events, JobSettings.resumed(context.getConfiguration()), deadline);
    if (config.readAhead()) {
      readAhead = new ReadAhead(reads, consumer::wakeup, context.getTaskAttemptID().toString());
    }
  }

  @Override
  public boolean nextKeyValue() throws InterruptedException {
    item = readAhead != null ? readAhead.next() : reads.next();
    if (item != null && item.item() instanceof ReadItem.RangeEnd) {
      ended++;
    }
    return item != null;
  }

  @Override
  public KafkaEvent getCurrentKey() {
    return item.event();
  }

  @Override
  public ReadItem getCurrentValue() {
    return item.item();
  }

  @Override
  public float getProgress() {
    return events.isEmpty() ? 1f : ended / (float) events.size();
  }

  /** Whether the split is read on a thread of its own ({@code etl.read.ahead}). */
  boolean readsAhead() {
    return readAhead != null;
  }

  @Override
  public void close() {
    if (readAhead != null) {
      readAhead.close();
    }
    if (consumer == null) {
      return;
    }
    if (readAhead != null && readAhead.reading()) {
      // KafkaConsumer is for one thread at a time: closing it under the reading thread would throw.
      LOG.warn("the Kafka consumer is left open: its reading thread has not stopped");
      return;
    }
    consumer.close();
  }
}
