package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EventTimeWindow;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.OutOfWindowPolicy;
import org.kafkaetl.core.config.TombstonePolicy;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;

/**
 * A range whose event times are spread over hundreds of days (random or garbage timestamps inside a
 * ten-year window) must not open a file per day at once: each open file holds codec buffers in the
 * task's heap and a DataNode connection, so enough of them fail the task, and its every retry.
 */
class ManyEventDatesTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112010");
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 20);
  private static final int MESSAGES = 1_200;
  private static final int CAP = 8;

  @TempDir
  Path dir;

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();

  @Test
  void eventTimesSpreadOverManyDaysNeverKeepMoreFilesOpenThanTheCap() throws IOException {
    KafkaEvent event = event(0, MESSAGES);
    RangeLander lander = lander(new EpochValueDecoder(), MessageFormat.JSON, dir);
    lander.begin(event);
    for (int offset = 0; offset < MESSAGES; offset++) {
      lander.accept(message(offset, String.valueOf(millis(scattered(offset))).getBytes(StandardCharsets.UTF_8),
          0L));
    }
    lander.accept(message(MESSAGES, "not-a-number".getBytes(StandardCharsets.UTF_8), 0L));
    RangeReport report = lander.finish(MESSAGES + 1, null, List.of());

    assertThat(mostOpen.get()).as("files open at once (the error file included)").isLessThanOrEqualTo(CAP + 1);
    assertEveryRecordInItsDateFileOnceInOffsetOrder(report, 0, MESSAGES, r -> (Long) r.get("offset"));
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.offsets().known()).isTrue();
  }

  @Test
  void rawEnvelopesWrittenWithoutARecordKeepTheCapToo() throws IOException {
    KafkaEvent event = event(0, MESSAGES);
    RangeLander lander = lander(new EnvelopeDecoder(), MessageFormat.RAW, dir);
    lander.begin(event);
    for (int offset = 0; offset < MESSAGES; offset++) {
      lander.accept(message(offset, ("line " + offset).getBytes(StandardCharsets.UTF_8), millis(scattered(offset))));
    }
    RangeReport report = lander.finish(MESSAGES, null, List.of());

    assertThat(mostOpen.get()).isLessThanOrEqualTo(CAP);
    assertEveryRecordInItsDateFileOnceInOffsetOrder(report, 0, MESSAGES, r -> (Long) r.get("offset"));
    assertThat(read(dir.resolve(report.files().get(0).path()))).allSatisfy(r ->
        assertThat(new String(((java.nio.ByteBuffer) r.get("value")).array(), StandardCharsets.UTF_8))
            .isEqualTo("line " + r.get("offset")));
  }

  @Test
  void aResumedReadCarriesAnEarlierReadOfManyDaysWithinTheCap() throws IOException {
    KafkaEvent event = event(0, MESSAGES);
    Path earlierDir = dir.resolve("earlier");
    RangeLander first = lander(new EpochValueDecoder(), MessageFormat.JSON, earlierDir);
    first.begin(event);
    int stop = MESSAGES / 2;
    for (int offset = 0; offset < stop; offset++) {
      first.accept(message(offset, String.valueOf(millis(scattered(offset))).getBytes(StandardCharsets.UTF_8), 0L));
    }
    RangeReport earlier = first.finish(stop, "max pull time reached at offset " + stop, List.of());
    mostOpen.set(0);

    RangeLander resumed = lander(new EpochValueDecoder(), MessageFormat.JSON, dir);
    resumed.resume(event, earlier, relative -> Files.newInputStream(earlierDir.resolve(relative)));
    for (int offset = stop; offset < MESSAGES; offset++) {
      resumed.accept(message(offset, String.valueOf(millis(scattered(offset))).getBytes(StandardCharsets.UTF_8),
          0L));
    }
    RangeReport report = resumed.finish(MESSAGES, null, List.of());

    assertThat(mostOpen.get()).isLessThanOrEqualTo(CAP);
    assertEveryRecordInItsDateFileOnceInOffsetOrder(report, 0, MESSAGES, r -> (Long) r.get("offset"));
  }

  /**
   * Every offset of [from, to) is in the file of its date exactly once, files hold their offsets in
   * increasing order, and the report gives each file's real length and records.
   */
  private void assertEveryRecordInItsDateFileOnceInOffsetOrder(RangeReport report, int from, int to,
      Function<GenericRecord, Long> offsetOf) throws IOException {
    Map<LocalDate, List<Long>> expected = new TreeMap<>();
    for (int offset = from; offset < to; offset++) {
      expected.computeIfAbsent(scattered(offset), d -> new ArrayList<>()).add((long) offset);
    }
    assertThat(expected).hasSizeGreaterThan(10 * CAP);
    Map<LocalDate, List<Long>> landed = new TreeMap<>();
    for (LandedFile file : report.files()) {
      if (file.path().contains("/_errors/")) {
        continue;
      }
      LocalDate date = LocalDate.parse(Path.of(file.path()).getParent().getFileName().toString());
      List<GenericRecord> records = read(dir.resolve(file.path()));
      assertThat(Files.size(dir.resolve(file.path()))).as(file.path()).isEqualTo(file.bytes());
      assertThat((long) records.size()).as(file.path()).isEqualTo(file.records());
      assertThat(report.recordsByDate()).containsEntry(date.toString(), file.records());
      landed.put(date, records.stream().map(offsetOf).toList());
    }
    assertThat(landed).isEqualTo(expected);
    assertThat(report.records()).isEqualTo(to - from);
  }

  /** Spreads offsets over 400 days before the run's date, neighbours on different days. */
  private static LocalDate scattered(int offset) {
    return RUN_DATE.minusDays((offset * 7919L) % 400);
  }

  private static long millis(LocalDate date) {
    return date.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static KafkaEvent event(long begin, long end) {
    return new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(begin, end + 1));
  }

  private RangeLander lander(MessageDecoder decoder, MessageFormat format, Path into) {
    TopicConfig topic = new TopicConfig("logs", format, Optional.empty(), Optional.empty(), OptionalLong.empty(),
        1.0, 0, new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1), OutOfWindowPolicy.ERROR),
        TombstonePolicy.SKIP);
    return new RangeLander(t -> decoder, t -> topic, HOUR, relative -> counted(into, relative), ZoneOffset.UTC,
        CodecFactory.deflateCodec(1), CAP);
  }

  /** Creates the file and counts it as open until it is closed. */
  private OutputStream counted(Path into, String relative) throws IOException {
    Path file = into.resolve(relative);
    Files.createDirectories(file.getParent());
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    return new FilterOutputStream(Files.newOutputStream(file)) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          open.decrementAndGet();
        }
        super.close();
      }
    };
  }

  private static KafkaMessage message(long offset, byte[] value, long kafkaTimestamp) {
    return new KafkaMessage("logs", 2, offset, kafkaTimestamp, null, value, List.of());
  }

  private static List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }
}
