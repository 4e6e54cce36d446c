package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ConfluentAvroDecoderTest {
  private static final Schema V1 = SchemaLoader.parse("""
      {"type": "record", "name": "Click", "namespace": "test", "fields": [
        {"name": "id", "type": "long"},
        {"name": "ts", "type": "long"}
      ]}""", "v1");
  /** V1 plus an optional field: the reader schema of the tests. */
  private static final Schema V2 = SchemaLoader.parse("""
      {"type": "record", "name": "Click", "namespace": "test", "fields": [
        {"name": "id", "type": "long"},
        {"name": "ts", "type": "long"},
        {"name": "page", "type": ["null", "string"], "default": null}
      ]}""", "v2");
  /** id changed from long to string: no reader of V2 can read it. */
  private static final Schema INCOMPATIBLE = SchemaLoader.parse("""
      {"type": "record", "name": "Click", "namespace": "test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "ts", "type": "long"}
      ]}""", "v3");

  private final List<Integer> asked = new ArrayList<>();
  private final Map<Integer, Schema> registry = Map.of(1, V1, 2, V2, 3, INCOMPATIBLE);
  private final ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(V2, id -> {
    asked.add(id);
    return Optional.ofNullable(registry.get(id));
  }, Optional.of("ts"));

  @Test
  void resolvesEachWriterSchemaToTheReaderSchemaAndAsksOncePerId() {
    GenericRecord old = decoder.decode(Messages.of(framed(1, record(V1, 7L, 1000L, null))));
    assertThat(old.getSchema()).isEqualTo(V2);
    assertThat(old.get("id")).isEqualTo(7L);
    assertThat(old.get("page")).isNull();
    assertThat(decoder.eventTimeMillis(old, Messages.of(new byte[0]))).isEqualTo(1000L);
    GenericRecord current = decoder.decode(Messages.of(framed(2, record(V2, 8L, 2000L, "/home"))));
    assertThat(current.get("page").toString()).isEqualTo("/home");
    decoder.decode(Messages.of(framed(1, record(V1, 9L, 3000L, null))));
    assertThat(asked).containsExactly(1, 2);
  }

  @Test
  void badHeaderUnknownIdAndUnresolvableWriterAreDecodeErrorsWithTheReason() {
    assertThatThrownBy(() -> decoder.decode(Messages.of(new byte[] {0, 0, 0})))
        .isInstanceOf(DecodeException.class)
        .hasMessage("t-3@42: value has 3 bytes, fewer than the 5-byte schema registry header (magic byte 0 and"
            + " schema id)");
    byte[] bareAvro = Messages.avroBinary(record(V2, 8L, 2000L, "/home"));
    bareAvro[0] = 0x10;
    assertThatThrownBy(() -> decoder.decode(Messages.of(bareAvro))).isInstanceOf(DecodeException.class)
        .hasMessage("t-3@42: first byte is 0x10, not the schema registry's magic byte 0x00: not written by a schema"
            + " registry serializer");
    assertThatThrownBy(() -> decoder.decode(Messages.of(framed(0x01020304, new byte[] {2, 4}))))
        .isInstanceOf(DecodeException.class)
        .hasMessage("t-3@42: schema id 16909060 is unknown to the schema registry");
    GenericRecord incompatible = new GenericData.Record(INCOMPATIBLE);
    incompatible.put("id", "x");
    incompatible.put("ts", 1L);
    assertThatThrownBy(() -> decoder.decode(Messages.of(framed(3, Messages.avroBinary(incompatible)))))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("t-3@42: writer schema id 3 (test.Click) cannot be resolved to the reader schema"
            + " test.Click: [TYPE_MISMATCH at /fields/0/type");
    byte[] truncated = framed(2, record(V2, 8L, 2000L, "/home"));
    assertThatThrownBy(() -> decoder.decode(Messages.of(Arrays.copyOf(truncated, truncated.length - 2))))
        .isInstanceOf(DecodeException.class).hasMessageContaining("not Avro binary of writer schema id 2");
    byte[] trailing = Arrays.copyOf(truncated, truncated.length + 1);
    assertThatThrownBy(() -> decoder.decode(Messages.of(trailing)))
        .isInstanceOf(DecodeException.class).hasMessageContaining("trailing bytes");
  }

  @Test
  void anUnavailableRegistryIsNotADecodeErrorAndIsAskedAgain() {
    int[] calls = {0};
    ConfluentAvroDecoder flaky = new ConfluentAvroDecoder(V2, id -> {
      if (calls[0]++ == 0) {
        throw new RegistryUnavailableException("HTTP 503", null);
      }
      return Optional.of(V1);
    }, Optional.empty());
    byte[] value = framed(1, record(V1, 7L, 1000L, null));
    assertThatThrownBy(() -> flaky.decode(Messages.of(value))).isInstanceOf(RegistryUnavailableException.class)
        .isNotInstanceOf(DecodeException.class);
    assertThat(flaky.decode(Messages.of(value)).get("id")).isEqualTo(7L);
  }

  private static GenericRecord record(Schema schema, long id, long ts, String page) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", id);
    r.put("ts", ts);
    if (schema.getField("page") != null) {
      r.put("page", page);
    }
    return r;
  }

  private static byte[] framed(int id, GenericRecord record) {
    return framed(id, Messages.avroBinary(record));
  }

  /** The wire format by hand: magic 0, big-endian id, the Avro bytes. */
  private static byte[] framed(int id, byte[] avro) {
    byte[] out = new byte[5 + avro.length];
    out[1] = (byte) (id >>> 24);
    out[2] = (byte) (id >>> 16);
    out[3] = (byte) (id >>> 8);
    out[4] = (byte) id;
    System.arraycopy(avro, 0, out, 5, avro.length);
    return out;
  }
}
