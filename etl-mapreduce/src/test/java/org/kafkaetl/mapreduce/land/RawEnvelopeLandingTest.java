package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.avro.Schema;
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
import org.kafkaetl.core.config.AvroCodec;
import org.kafkaetl.core.config.AvroCompression;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;

/** Raw topics are landed from the message's bytes, not through a record per message, into the same files. */
class RawEnvelopeLandingTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112010");
  private static final TopicConfig RAW = new TopicConfig("logs", MessageFormat.RAW, Optional.empty(), Optional.empty(),
      OptionalLong.empty(), 1.0, 0);
  private static final long DAY_20 = Instant.parse("2026-11-20T03:00:00Z").toEpochMilli();
  private static final long DAY_19 = Instant.parse("2026-11-19T23:00:00Z").toEpochMilli();
  private static final int MESSAGES = 3_000;
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(0, MESSAGES));

  @TempDir
  Path dir;

  @Test
  void theDirectPathWritesTheFilesTheRecordPathWrites() throws IOException {
    List<KafkaMessage> messages = messages();
    for (AvroCompression compression : List.of(new AvroCompression(AvroCodec.NULL, 0),
        new AvroCompression(AvroCodec.DEFLATE, 1), new AvroCompression(AvroCodec.DEFLATE, 6),
        new AvroCompression(AvroCodec.SNAPPY, 0), new AvroCompression(AvroCodec.ZSTANDARD, 1),
        new AvroCompression(AvroCodec.ZSTANDARD, 3))) {
      Path direct = dir.resolve("direct-" + compression);
      Path generic = dir.resolve("generic-" + compression);
      RangeReport directReport = land(new EnvelopeDecoder(), compression.codecFactory(), direct, messages);
      RangeReport genericReport = land(withoutDirectEncoder(new EnvelopeDecoder()), compression.codecFactory(),
          generic, messages);

      assertThat(directReport.files()).as("%s", compression).hasSize(2).isEqualTo(genericReport.files());
      assertThat(directReport.recordsByDate()).containsEntry("2026-11-19", (long) MESSAGES / 3);
      for (var file : directReport.files()) {
        assertThat(read(direct.resolve(file.path()))).as("%s %s", compression, file.path())
            .isEqualTo(read(generic.resolve(file.path())));
        assertThat(withoutSyncMarker(direct.resolve(file.path()))).as("%s %s", compression, file.path())
            .isEqualTo(withoutSyncMarker(generic.resolve(file.path())));
      }
    }
  }

  @Test
  void rawTopicsAreLandedWithoutBuildingARecordPerMessage() throws IOException {
    EnvelopeDecoder envelope = new EnvelopeDecoder();
    MessageDecoder noRecords = new MessageDecoder() {
      @Override
      public Schema schema() {
        return envelope.schema();
      }

      @Override
      public GenericRecord decode(KafkaMessage message) {
        throw new AssertionError("a raw message was turned into a record");
      }

      @Override
      public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
        throw new AssertionError("the event time of a raw message is its Kafka timestamp");
      }

      @Override
      public Optional<org.kafkaetl.core.decode.DirectEncoder> directEncoder() {
        return envelope.directEncoder();
      }
    };
    RangeReport report = land(noRecords, CodecFactory.nullCodec(), dir, messages());
    assertThat(report.records()).isEqualTo(MESSAGES);
    assertThat(report.decodeErrors()).isZero();
  }

  @Test
  void zstandardLevelsReachTheLandedFiles() throws IOException {
    List<KafkaMessage> messages = messages();
    RangeReport fast = land(new EnvelopeDecoder(), new AvroCompression(AvroCodec.ZSTANDARD, 1).codecFactory(),
        dir.resolve("fast"), messages);
    RangeReport small = land(new EnvelopeDecoder(), new AvroCompression(AvroCodec.ZSTANDARD, 19).codecFactory(),
        dir.resolve("small"), messages);
    assertThat(small.files().get(0).bytes()).isLessThan(fast.files().get(0).bytes());
  }

  private static MessageDecoder withoutDirectEncoder(MessageDecoder decoder) {
    return new MessageDecoder() {
      @Override
      public Schema schema() {
        return decoder.schema();
      }

      @Override
      public GenericRecord decode(KafkaMessage message) {
        return decoder.decode(message);
      }

      @Override
      public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
        return decoder.eventTimeMillis(decoded, message);
      }
    };
  }

  private static RangeReport land(MessageDecoder decoder, CodecFactory codec, Path into, List<KafkaMessage> messages)
      throws IOException {
    RangeLander lander = new RangeLander(topic -> decoder, topic -> RAW, HOUR, relative -> create(into, relative),
        ZoneOffset.UTC, codec, 32);
    lander.begin(EVENT);
    for (KafkaMessage m : messages) {
      lander.accept(m);
    }
    return lander.finish(MESSAGES, null, List.of());
  }

  /** Log lines with keys, tombstones, headers, and a third of them on the day before. */
  private static List<KafkaMessage> messages() {
    Random random = new Random(12);
    List<KafkaMessage> messages = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      byte[] value = i % 50 == 7 ? null
          : ("10.0.0." + random.nextInt(255) + " GET /item/" + random.nextInt(1000) + " 200").getBytes();
      List<KafkaMessage.Header> headers = i % 5 == 0
          ? List.of(new KafkaMessage.Header("trace", ("t" + i).getBytes()), new KafkaMessage.Header("none", null))
          : List.of();
      messages.add(new KafkaMessage("logs", 2, i, i % 3 == 0 ? DAY_19 + i : DAY_20 + i,
          i % 4 == 0 ? null : ("user-" + random.nextInt(100)).getBytes(), value, headers));
    }
    return messages;
  }

  private static OutputStream create(Path dir, String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }

  private static List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }

  /**
   * The file with its sync marker, the only bytes that differ between two writers of the same records
   * (chosen at random per file), zeroed; the marker is the file's last 16 bytes, as every block ends with it.
   */
  private static List<Byte> withoutSyncMarker(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
    List<Byte> out = new ArrayList<>(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (i + 16 <= bytes.length && Arrays.equals(bytes, i, i + 16, sync, 0, 16)) {
        for (int j = 0; j < 16; j++) {
          out.add((byte) 0);
        }
        i += 15;
      } else {
        out.add(bytes[i]);
      }
    }
    return out;
  }
}
