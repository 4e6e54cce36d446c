package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EnvelopeDecoderTest {
  private final EnvelopeDecoder decoder = new EnvelopeDecoder();

  @Test
  void keepsCoordinatesBytesAndHeaders() {
    KafkaMessage m = new KafkaMessage("audit", 7, 123, 1_000L, bytes("k"), bytes("v"),
        List.of(new KafkaMessage.Header("trace", bytes("abc")), new KafkaMessage.Header("empty", null)));
    GenericRecord r = decoder.decode(m);
    assertThat(r.getSchema()).isSameAs(EnvelopeDecoder.SCHEMA);
    assertThat(r.get("topic")).isEqualTo("audit");
    assertThat(r.get("partition")).isEqualTo(7);
    assertThat(r.get("offset")).isEqualTo(123L);
    assertThat(r.get("timestamp")).isEqualTo(1_000L);
    assertThat(r.get("key")).isEqualTo(ByteBuffer.wrap(bytes("k")));
    assertThat(r.get("value")).isEqualTo(ByteBuffer.wrap(bytes("v")));
    List<?> headers = (List<?>) r.get("headers");
    assertThat(headers).hasSize(2);
    assertThat(((GenericRecord) headers.get(0)).get("key")).isEqualTo("trace");
    assertThat(((GenericRecord) headers.get(1)).get("value")).isNull();
    assertThat(decoder.eventTimeMillis(r, m)).isEqualTo(1_000L);
    assertThat(GenericData.get().validate(EnvelopeDecoder.SCHEMA, r)).isTrue();
    assertThat(Messages.avroBinary(r)).isNotEmpty();
  }

  @Test
  void tombstonesAndNullKeysAreKept() {
    KafkaMessage m = new KafkaMessage("audit", 0, 1, 5L, null, null, List.of());
    GenericRecord r = decoder.decode(m);
    assertThat(r.get("key")).isNull();
    assertThat(r.get("value")).isNull();
    assertThat((List<?>) r.get("headers")).isEmpty();
    assertThat(GenericData.get().validate(EnvelopeDecoder.SCHEMA, r)).isTrue();
  }

  @Test
  void reusedRecordHoldsOnlyTheLatestHeaders() {
    decoder.decode(new KafkaMessage("a", 0, 1, 5L, null, null, List.of(new KafkaMessage.Header("h", null))));
    GenericRecord r = decoder.decode(new KafkaMessage("a", 0, 2, 6L, null, bytes("x"), List.of()));
    assertThat((List<?>) r.get("headers")).isEmpty();
    assertThat(r.get("offset")).isEqualTo(2L);
  }

  @Test
  void schemaIsTheDocumentedEnvelope() {
    assertThat(EnvelopeDecoder.SCHEMA.getFullName()).isEqualTo("org.kafkaetl.KafkaEnvelope");
    assertThat(EnvelopeDecoder.SCHEMA.getFields()).extracting(f -> f.name())
        .containsExactly("topic", "partition", "offset", "timestamp", "key", "value", "headers");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
