package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.decode.DecodeException;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;

class RangeLanderTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(10, 14));

  @TempDir
  Path dir;

  @Test
  void routesRecordsByEventDateAndUndecodableOnesToTheErrorFile() throws IOException {
    RangeLander lander = new RangeLander(topic -> new EpochValueDecoder(), this::create, ZONE, CodecFactory.nullCodec());
    lander.begin(EVENT);
    // 2026-11-20T15:59:59Z is 23:59:59 on the 20th in Shanghai; one second later is the 21st there.
    lander.accept(message(10, String.valueOf(Instant.parse("2026-11-20T15:59:59Z").toEpochMilli())));
    lander.accept(message(11, String.valueOf(Instant.parse("2026-11-20T16:00:00Z").toEpochMilli())));
    lander.accept(message(12, "not-a-number"));
    lander.accept(message(13, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.records()).isEqualTo(3);
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.readToEnd()).isTrue();
    assertThat(report.dates()).containsExactly("2026-11-20", "2026-11-21");
    assertThat(report.recordsByDate()).containsEntry("2026-11-20", 2L).containsEntry("2026-11-21", 1L);
    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(10L, 13L);
    assertThat(offsets("logs/2026-11-21/logs.2.10-14.avro")).containsExactly(11L);
    List<GenericRecord> errors = read("logs/_errors/logs.2.10-14.errors.avro");
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.get("offset")).isEqualTo(12L);
      assertThat(e.get("reason").toString()).contains("not a number");
    });
    try (InputStream in = Files.newInputStream(dir.resolve("_reports/logs.2.10-14.json"))) {
      assertThat(ReportCodec.decode(in)).isEqualTo(report);
    }
  }

  @Test
  void theReportGivesEachFilesLengthAndRecords() throws IOException {
    RangeLander lander = new RangeLander(topic -> new EpochValueDecoder(), this::create, ZONE, CodecFactory.deflateCodec(6));
    lander.begin(EVENT);
    lander.accept(message(10, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    lander.accept(message(11, "not-a-number"));
    lander.accept(message(12, String.valueOf(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli())));
    lander.accept(message(13, String.valueOf(Instant.parse("2026-11-20T11:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.files()).extracting(f -> f.path(), f -> f.records()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("logs/2026-11-20/logs.2.10-14.avro", 2L),
        org.assertj.core.groups.Tuple.tuple("logs/2026-11-21/logs.2.10-14.avro", 1L),
        org.assertj.core.groups.Tuple.tuple("logs/_errors/logs.2.10-14.errors.avro", 1L));
    for (var file : report.files()) {
      assertThat(file.bytes()).as(file.path()).isEqualTo(Files.size(dir.resolve(file.path())));
    }
    try (InputStream in = Files.newInputStream(dir.resolve("_reports/logs.2.10-14.json"))) {
      assertThat(ReportCodec.decode(in).files()).isEqualTo(report.files());
    }
  }

  @Test
  void aRangeThatStoppedEarlyReportsWhereAndWhy() throws IOException {
    RangeLander lander = new RangeLander(topic -> new EpochValueDecoder(), this::create, ZONE, CodecFactory.nullCodec());
    lander.begin(EVENT);
    lander.accept(message(10, "0"));
    RangeReport report = lander.finish(11, "max pull time reached at offset 11", List.of());
    assertThat(report.readToEnd()).isFalse();
    assertThat(report.reached()).isEqualTo(11);
    assertThat(report.stopReason()).contains("max pull time");
  }

  private OutputStream create(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }

  private List<Long> offsets(String relative) throws IOException {
    return read(relative).stream().map(r -> (Long) r.get("offset")).toList();
  }

  private List<GenericRecord> read(String relative) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(dir.resolve(relative).toFile(), new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }

  private static KafkaMessage message(long offset, String value) {
    return new KafkaMessage("logs", 2, offset, 0L, null, value.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** Value is the event time in epoch millis. */
  private static final class EpochValueDecoder implements MessageDecoder {
    private static final Schema SCHEMA = SchemaBuilder.record("E").fields()
        .requiredLong("offset").requiredLong("time").endRecord();

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public GenericRecord decode(KafkaMessage m) {
      try {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("offset", m.offset());
        r.put("time", Long.parseLong(new String(m.value(), StandardCharsets.UTF_8)));
        return r;
      } catch (NumberFormatException e) {
        throw new DecodeException(m, "value is not a number", e);
      }
    }

    @Override
    public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
      return (Long) decoded.get("time");
    }
  }
}
