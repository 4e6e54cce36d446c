package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EventTimeWindow;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.OutOfWindowPolicy;
import org.kafkaetl.core.config.PlausibleEventTimes;
import org.kafkaetl.core.config.TombstonePolicy;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.ImplausibleCause;
import org.kafkaetl.core.coverage.ImplausibleTimes;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.KafkaMessage;

/**
 * Kafka timestamp 0 and epoch seconds in a millisecond time land in 1970 (here: quarantined, as the
 * topic's window says); they used to do so with no word. Now each range's report counts them by
 * likely cause, with the first offset of each, and where they land does not change.
 */
class ImplausibleEventTimeLandingTest {
  private static final HourPartition HOUR = HourPartition.parse("2026120707");
  private static final long NOW = Instant.parse("2026-12-07T07:10:00Z").toEpochMilli();
  private static final TopicConfig LOGS = new TopicConfig("logs", MessageFormat.RAW, Optional.empty(),
      Optional.empty(), OptionalLong.empty(), 1.0, 0,
      new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1), OutOfWindowPolicy.QUARANTINE), TombstonePolicy.LAND);
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 6));

  @TempDir
  Path dir;

  @Test
  void timestampZeroAndEpochSecondsAreCountedWithAnExampleAndLandWhereTheyDid() throws IOException {
    RangeLander lander = new RangeLander(topic -> new EnvelopeDecoder(), topic -> LOGS, HOUR, this::create,
        ZoneOffset.UTC, CodecFactory.nullCodec(), 32, () -> { }, PlausibleEventTimes.DEFAULT);
    lander.begin(EVENT);
    long[] times = {NOW, 0, NOW / 1000, NOW + 1, NOW / 1000 + 5, 0};
    for (int offset = 0; offset < times.length; offset++) {
      lander.accept(new KafkaMessage("logs", 0, offset, times[offset], null, "x".getBytes(), List.of()));
    }
    RangeReport report = lander.finish(6, null, List.of());

    assertThat(report.implausible()).containsExactly(
        new ImplausibleTimes(ImplausibleCause.ZERO, 2, 1, 0),
        new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 2, 2, NOW / 1000));
    assertThat(report.implausibleCount()).isEqualTo(4);
    assertThat(report.recordsByDate()).as("landed as before: the window's quarantine date and today")
        .containsEntry("1970-01-01", 4L).containsEntry("2026-12-07", 2L);
    assertThat(report.outOfWindow()).isEqualTo(4);
  }

  /** The earlier read's were alerted and pushed when it ran; a retry counting them again reported them twice. */
  @Test
  void aResumedReadCountsOnlyTheImplausibleTimesItSawItself() throws IOException {
    RangeLander first = lander();
    first.begin(EVENT);
    first.accept(new KafkaMessage("logs", 0, 0, 0, null, "x".getBytes(), List.of()));
    first.accept(new KafkaMessage("logs", 0, 1, 0, null, "x".getBytes(), List.of()));
    RangeReport earlier = first.finish(2, "no progress for 60 s at offset 2", List.of());
    assertThat(earlier.implausibleCount()).isEqualTo(2);

    RangeLander resumed = lander();
    resumed.resume(EVENT, earlier, relative -> Files.newInputStream(dir.resolve(relative)));
    for (int offset = 2; offset < 6; offset++) {
      resumed.accept(new KafkaMessage("logs", 0, offset, offset == 3 ? NOW / 1000 : NOW, null, "x".getBytes(), List.of()));
    }
    RangeReport report = resumed.finish(6, null, List.of());

    assertThat(report.implausible()).containsExactly(new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 1, 3, NOW / 1000));
    assertThat(report.records()).as("the range's records are still all carried").isEqualTo(6);
  }

  private RangeLander lander() {
    return new RangeLander(topic -> new EnvelopeDecoder(), topic -> LOGS, HOUR, this::create,
        ZoneOffset.UTC, CodecFactory.nullCodec(), 32, () -> { }, PlausibleEventTimes.DEFAULT);
  }

  private OutputStream create(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }
}
