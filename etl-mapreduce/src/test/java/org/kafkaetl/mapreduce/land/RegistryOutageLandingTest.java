package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;
import org.kafkaetl.core.decode.RegistryUnavailableException;

/** A registry that stops answering mid-range ends the read before that message; nothing good reaches the error file. */
class RegistryOutageLandingTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(0, 6));
  private static final String DOWN = "registry-down";

  @TempDir
  Path dir;

  @Test
  void theReadStopsAtTheFirstMessageTheRegistryCouldNotServe() throws IOException {
    RangeLander lander = new RangeLander(topic -> new OutageDecoder(), topic -> new TopicConfig("clicks",
        MessageFormat.AVRO_CONFLUENT, Optional.empty(), Optional.empty(), OptionalLong.empty(), 1.0, 10),
        HourPartition.parse("2026112010"), this::create, ZoneId.of("UTC"), CodecFactory.nullCodec(), 32);
    String now = String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
    lander.begin(EVENT);
    lander.accept(message(0, now));
    lander.accept(message(1, "not-a-number"));
    lander.accept(message(2, DOWN));
    lander.accept(message(3, now));
    lander.accept(message(4, now));
    RangeReport report = lander.finish(6, null, List.of());

    assertThat(report.readToEnd()).isFalse();
    assertThat(report.reached()).isEqualTo(2);
    assertThat(report.stopReason()).isEqualTo("schema registry unavailable at offset 2: HTTP 503 from the registry");
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.accountedOffsets()).isPresent();
    assertThat(report.offsets().noRecord()).isEmpty();
  }

  private OutputStream create(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }

  private static KafkaMessage message(long offset, String value) {
    return new KafkaMessage("clicks", 0, offset, 0L, null, value.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** Epoch values as {@link EpochValueDecoder}, but the value {@value #DOWN} finds the registry down. */
  private static final class OutageDecoder implements MessageDecoder {
    private final EpochValueDecoder epochs = new EpochValueDecoder();

    @Override
    public Schema schema() {
      return epochs.schema();
    }

    @Override
    public GenericRecord decode(KafkaMessage message) {
      if (new String(message.value(), StandardCharsets.UTF_8).equals(DOWN)) {
        throw new RegistryUnavailableException("HTTP 503 from the registry", null);
      }
      return epochs.decode(message);
    }

    @Override
    public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
      return epochs.eventTimeMillis(decoded, message);
    }
  }
}
