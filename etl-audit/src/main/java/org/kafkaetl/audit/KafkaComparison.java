package org.kafkaetl.audit;

import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.audit.ContentSamples;
import org.kafkaetl.core.audit.KafkaSource;
import org.kafkaetl.core.audit.RangeTally;
import org.kafkaetl.core.config.MessageFormat;

/**
 * Check 4 ({@code --against-kafka}): reads the part of a range Kafka still has, marks which offsets
 * hold a record, and keeps a content hash of every {@code sampleEvery}-th one; adds up what it
 * could and could not compare, for the report's notes.
 */
final class KafkaComparison {
  private final KafkaSource kafka;
  private final long sampleEvery;
  private long ranges;
  private long notAvailable;
  private long noRecord;
  private long sampled;
  private long differing;
  private long notAligned;

  KafkaComparison(KafkaSource kafka, long sampleEvery) {
    this.kafka = kafka;
    this.sampleEvery = sampleEvery;
  }

  /**
   * Reads what Kafka still has of {@code tally}'s range into it; returns the samples to compare the
   * landed records with (none for JSON topics, whose landed records are conversions).
   */
  Optional<ContentSamples> read(TopicPartition tp, RangeTally tally, MessageFormat format) {
    OffsetRange range = tally.range();
    OffsetRange available = kafka.available(tp);
    long begin = Math.max(range.begin(), available.begin());
    long end = Math.min(range.end(), available.end());
    ranges++;
    if (begin >= end) {
      notAvailable += range.count();
      return Optional.empty();
    }
    notAvailable += range.count() - (end - begin);
    ContentSamples samples = new ContentSamples(sampleEvery);
    tally.kafkaRead(new OffsetRange(begin, end));
    kafka.read(tp, new OffsetRange(begin, end), (offset, key, value) -> {
      tally.kafkaRecord(offset);
      // Avro records land without their key, so only the value compares.
      samples.kafka(offset, format == MessageFormat.RAW ? key : null, value);
    });
    return format == MessageFormat.JSON || format == MessageFormat.AVRO_CONFLUENT ? Optional.empty()
        : Optional.of(samples);
  }

  void counted(long noRecordOffsets) {
    noRecord += Math.max(0, noRecordOffsets);
  }

  void compared(ContentSamples samples) {
    sampled += samples.compared();
    differing += samples.differing();
  }

  /** The content of an Avro range could not be lined up with Kafka's (its counts differ). */
  void notAligned() {
    notAligned++;
  }

  List<String> notes(String topic, MessageFormat format) {
    String sampledCount = "; " + sampled + " sampled records compared, " + differing + " differ";
    String content = switch (format) {
      case RAW -> "key and value of every offset divisible by " + sampleEvery + " compared with the landed envelope"
          + sampledCount;
      case AVRO -> "value of every offset divisible by " + sampleEvery + " compared with the landed record re-encoded,"
          + " in ranges with one data file whose count matches (" + notAligned + " ranges could not be lined up)"
          + sampledCount;
      case JSON -> "content not compared (landed records are conversions of the JSON text), counts are";
      case AVRO_CONFLUENT -> "content not compared (landed records are resolved from each message's writer schema),"
          + " counts are";
    };
    return List.of("against Kafka: " + ranges + " ranges of " + topic + " read back (read committed); " + notAvailable
        + " offsets no longer in Kafka were not compared; " + noRecord + " offsets hold no record (transaction"
        + " markers or compaction) and are not expected to land", "against Kafka: " + content);
  }
}
