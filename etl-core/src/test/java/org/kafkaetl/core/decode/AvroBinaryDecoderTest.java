package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroBinaryDecoderTest {
  static final Schema SCHEMA = SchemaLoader.parse("""
      {"type": "record", "name": "Order", "namespace": "test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "created", "type": "long"},
        {"name": "at", "type": ["null", "string"], "default": null},
        {"name": "lines", "type": {"type": "array", "items": "string"}}
      ]}""", "test");

  private final AvroBinaryDecoder decoder = new AvroBinaryDecoder(SCHEMA, Optional.empty());

  @Test
  void decodesBareBinaryAndReusesTheRecord() {
    GenericRecord first = decoder.decode(Messages.of(encode("o1", 10L, null, "a", "b")));
    assertThat(first.get("id").toString()).isEqualTo("o1");
    assertThat(first.get("created")).isEqualTo(10L);
    assertThat((List<?>) first.get("lines")).extracting(Object::toString).containsExactly("a", "b");
    GenericRecord second = decoder.decode(Messages.of(encode("o2", 20L, "2026-01-01T00:00:00Z")));
    assertThat(second).isSameAs(first);
    assertThat(second.get("id").toString()).isEqualTo("o2");
    assertThat((List<?>) second.get("lines")).isEmpty();
    assertThat(second.get("at").toString()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void eventTimeFromLongOrIsoFieldOrKafka() {
    KafkaMessage m = Messages.of(encode("o1", 10L, "2026-01-01T00:00:00Z"));
    AvroBinaryDecoder byLong = new AvroBinaryDecoder(SCHEMA, Optional.of("created"));
    assertThat(byLong.eventTimeMillis(byLong.decode(m), m)).isEqualTo(10L);
    AvroBinaryDecoder byIso = new AvroBinaryDecoder(SCHEMA, Optional.of("at"));
    assertThat(byIso.eventTimeMillis(byIso.decode(m), m)).isEqualTo(1_767_225_600_000L);
    assertThat(decoder.eventTimeMillis(decoder.decode(m), m)).isEqualTo(Messages.KAFKA_TS);
  }

  @Test
  void truncatedValueIsADecodeError() {
    byte[] full = encode("order-1", 10L, null, "line");
    byte[] truncated = Arrays.copyOf(full, full.length - 2);
    assertThatThrownBy(() -> decoder.decode(Messages.of(truncated))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("t-3@42: value is not Avro binary of schema test.Order");
  }

  @Test
  void trailingBytesAreADecodeError() {
    byte[] full = encode("o1", 10L, null);
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    assertThatThrownBy(() -> decoder.decode(Messages.of(longer))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void garbageClaimingHugeLengthsFailsWithoutAllocating() {
    // zig-zag varint for a string length of about 2^30, then nothing
    byte[] hugeString = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    assertThatThrownBy(() -> decoder.decode(Messages.of(hugeString))).isInstanceOf(DecodeException.class);
    // valid id, created and at, then an array block claiming about 2^30 items
    byte[] header = encode("o", 1L, null);
    byte[] hugeArray = Arrays.copyOf(header, header.length + 4);
    byte[] count = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    System.arraycopy(count, 0, hugeArray, header.length - 1, count.length);
    assertThatThrownBy(() -> decoder.decode(Messages.of(hugeArray))).isInstanceOf(DecodeException.class);
    byte[] negative = {0x01};
    assertThatThrownBy(() -> decoder.decode(Messages.of(negative))).isInstanceOf(DecodeException.class);
  }

  @Test
  void nullAndEmptyValuesAreDecodeErrors() {
    assertThatThrownBy(() -> decoder.decode(Messages.of(null))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("tombstone");
    assertThatThrownBy(() -> decoder.decode(Messages.of(new byte[0]))).isInstanceOf(DecodeException.class);
  }

  @Test
  void decoderStillWorksAfterAnError() {
    assertThatThrownBy(() -> decoder.decode(Messages.of(new byte[] {0x05}))).isInstanceOf(DecodeException.class);
    assertThat(decoder.decode(Messages.of(encode("ok", 1L, null))).get("id").toString()).isEqualTo("ok");
  }

  @Test
  void timestampFieldIsCheckedUpFront() {
    assertThatThrownBy(() -> new AvroBinaryDecoder(SCHEMA, Optional.of("lines")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp field 'lines'");
  }

  private static byte[] encode(String id, long created, String at, String... lines) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    r.put("created", created);
    r.put("at", at);
    r.put("lines", List.of(lines));
    return Messages.avroBinary(r);
  }
}
