package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class JsonAvroDecoderTest {
  static final Schema SCHEMA = SchemaLoader.parse("""
      {"type": "record", "name": "Event", "namespace": "test", "fields": [
        {"name": "user_id", "type": "string"},
        {"name": "seq", "type": "long"},
        {"name": "count", "type": "int", "default": 1},
        {"name": "score", "type": ["null", "double"], "default": null},
        {"name": "note", "type": ["null", "string"]},
        {"name": "id", "type": ["null", "long", "string"], "default": null},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}, "default": "A"},
        {"name": "ok", "type": "boolean", "default": true},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
        {"name": "attrs", "type": {"type": "map", "values": "long"}, "default": {}},
        {"name": "blob", "type": ["null", "bytes"], "default": null},
        {"name": "geo", "type": ["null", {"type": "record", "name": "Geo", "fields": [
          {"name": "lat", "type": "double"}, {"name": "lon", "type": "float"}]}], "default": null},
        {"name": "ts", "type": ["null", "long"], "default": null},
        {"name": "when", "type": ["null", "string"], "default": null}
      ]}""", "test");

  private final JsonAvroDecoder decoder = new JsonAvroDecoder(SCHEMA, Optional.empty());

  @Test
  void minimalObjectGetsDefaults() {
    GenericRecord r = decode("{\"user_id\":\"u1\",\"seq\":5}");
    assertThat(r.get("user_id")).isEqualTo("u1");
    assertThat(r.get("seq")).isEqualTo(5L);
    assertThat(r.get("count")).isEqualTo(1);
    assertThat(r.get("score")).isNull();
    assertThat(r.get("note")).isNull();
    assertThat(r.get("kind").toString()).isEqualTo("A");
    assertThat(r.get("ok")).isEqualTo(true);
    assertThat((List<?>) r.get("tags")).isEmpty();
    assertThat((Map<?, ?>) r.get("attrs")).isEmpty();
    assertValid(r);
  }

  @Test
  void nestedRecordsArraysMapsAndUnions() {
    GenericRecord r = decode("""
        {"user_id":"u1","seq":5,"count":2,"score":1.5,"note":null,"id":"abc","kind":"B","ok":false,
         "tags":["x","y"],"attrs":{"a":1,"b":2},"blob":"AQID","geo":{"lat":52.5,"lon":13},
         "unknown":{"ignored":true}}""");
    assertThat(r.get("score")).isEqualTo(1.5);
    assertThat(r.get("id")).isEqualTo("abc");
    assertThat(r.get("kind").toString()).isEqualTo("B");
    assertThat(r.get("tags")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("x", "y");
    assertThat(r.get("attrs")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThat(r.get("blob")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    GenericRecord geo = (GenericRecord) r.get("geo");
    assertThat(geo.get("lat")).isEqualTo(52.5);
    assertThat(geo.get("lon")).isEqualTo(13.0f);
    assertValid(r);
  }

  @Test
  void unionPicksBranchByJsonKind() {
    assertThat(decode("{\"user_id\":\"u\",\"seq\":1,\"id\":7}").get("id")).isEqualTo(7L);
    assertThat(decode("{\"user_id\":\"u\",\"seq\":1,\"id\":\"7\"}").get("id")).isEqualTo("7");
  }

  @Test
  void explicitNullForNonNullableFieldUsesItsDefault() {
    assertThat(decode("{\"user_id\":\"u\",\"seq\":1,\"count\":null}").get("count")).isEqualTo(1);
  }

  @Test
  void badMessagesAreDecodeErrorsWithReasons() {
    assertFails("{\"seq\":5}", "missing required field 'user_id'");
    assertFails("{\"user_id\":null,\"seq\":5}", "missing required field 'user_id'");
    assertFails("{\"user_id\":\"u\",\"seq\":\"five\"}", "at 'seq': expected long, got string");
    assertFails("{\"user_id\":\"u\",\"seq\":1.5}", "at 'seq': expected long, got decimal number");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"count\":3000000000}", "at 'count': integer out of range for int");
    assertFails("{\"user_id\":\"u\",\"seq\":99999999999999999999}", "at 'seq': integer out of range for long");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"tags\":[\"a\",2]}", "at 'tags[1]': expected string, got integer");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"attrs\":{\"a\":\"x\"}}", "at 'attrs[\"a\"]': expected long, got string");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"geo\":{\"lat\":1}}", "missing required field 'geo.lon'");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"score\":\"high\"}", "at 'score': expected [null, double], got string");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"kind\":\"C\"}", "at 'kind': expected one of [A, B], got another string");
    assertFails("{\"user_id\":\"u\",\"seq\":1,\"blob\":\"%%%\"}", "at 'blob'");
  }

  @Test
  void nonJsonAndNonObjectsAreDecodeErrors() {
    assertFails("not json", "value is not valid JSON");
    assertFails("{\"user_id\":\"u\",", "value is not valid JSON");
    assertFails("{\"user_id\":\"u\",\"seq\":1}{\"x\":1}", "value is not valid JSON");
    assertFails("[1,2]", "value is array, expected a JSON object");
    assertFails("", "value is empty, expected a JSON object");
    assertThatThrownBy(() -> decoder.decode(Messages.of(null))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("tombstone");
  }

  @Test
  void decodeErrorsCarryTheMessagePosition() {
    assertThatThrownBy(() -> decode("nope")).isInstanceOfSatisfying(DecodeException.class, e -> {
      assertThat(e.topic()).isEqualTo("t");
      assertThat(e.partition()).isEqualTo(3);
      assertThat(e.offset()).isEqualTo(42);
      assertThat(e.getMessage()).startsWith("t-3@42: ");
    });
  }

  @Test
  void eventTimeFromLongField() {
    JsonAvroDecoder d = new JsonAvroDecoder(SCHEMA, Optional.of("ts"));
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"ts\":1234}");
    assertThat(d.eventTimeMillis(d.decode(m), m)).isEqualTo(1234L);
  }

  @Test
  void eventTimeFromIsoStringField() {
    JsonAvroDecoder d = new JsonAvroDecoder(SCHEMA, Optional.of("when"));
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"when\":\"2026-11-21T03:15:00.5+01:00\"}");
    assertThat(d.eventTimeMillis(d.decode(m), m)).isEqualTo(java.time.Instant.parse("2026-11-21T02:15:00.5Z").toEpochMilli());
  }

  @Test
  void eventTimeFallsBackToKafkaTimestamp() {
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1}");
    assertThat(decoder.eventTimeMillis(decoder.decode(m), m)).isEqualTo(Messages.KAFKA_TS);
    JsonAvroDecoder withField = new JsonAvroDecoder(SCHEMA, Optional.of("ts"));
    assertThat(withField.eventTimeMillis(withField.decode(m), m)).isEqualTo(Messages.KAFKA_TS);
  }

  @Test
  void badIsoTimestampIsADecodeError() {
    JsonAvroDecoder d = new JsonAvroDecoder(SCHEMA, Optional.of("when"));
    assertThatThrownBy(() -> d.decode(Messages.json("{\"user_id\":\"u\",\"seq\":1,\"when\":\"yesterday\"}")))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("timestamp field 'when' is not an ISO-8601 date-time");
  }

  @Test
  void timestampFieldMustExistAndBeLongOrString() {
    assertThatThrownBy(() -> new JsonAvroDecoder(SCHEMA, Optional.of("nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope' is not a field of schema test.Event");
    assertThatThrownBy(() -> new JsonAvroDecoder(SCHEMA, Optional.of("count")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be long (epoch millis) or string");
    assertThatThrownBy(() -> new JsonAvroDecoder(SCHEMA, Optional.of("id")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schemaMustBeARecord() {
    assertThatThrownBy(() -> new JsonAvroDecoder(Schema.create(Schema.Type.STRING), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a record");
  }

  private GenericRecord decode(String json) {
    return decoder.decode(Messages.json(json));
  }

  private void assertFails(String json, String reason) {
    assertThatThrownBy(() -> decode(json)).isInstanceOf(DecodeException.class).hasMessageContaining(reason);
  }

  private static void assertValid(GenericRecord r) {
    assertThat(GenericData.get().validate(SCHEMA, r)).isTrue();
    assertThat(Messages.avroBinary(r)).isNotEmpty();
  }
}
