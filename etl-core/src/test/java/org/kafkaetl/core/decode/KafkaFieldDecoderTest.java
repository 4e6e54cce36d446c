package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TombstonePolicy;
import org.kafkaetl.core.config.TopicConfig;

class KafkaFieldDecoderTest {
  private static final Schema ORDER = AvroBinaryDecoderTest.SCHEMA;
  private static final String JSON = "{\"id\": \"o-1\", \"created\": 1764979200000, \"lines\": [\"a\"]}";

  @Test
  void eachLandedRecordSaysWhereInKafkaItWasRead() {
    MessageDecoder decoder = Decoders.create(topic(Optional.of("_kafka")), ORDER);
    GenericRecord landed = decoder.decode(message(JSON));

    assertThat(decoder.schema().getFullName()).as("readers keep the topic's record name").isEqualTo("test.Order");
    assertThat(landed.get("id").toString()).isEqualTo("o-1");
    GenericRecord kafka = (GenericRecord) landed.get("_kafka");
    assertThat(kafka.get("topic")).isEqualTo("orders");
    assertThat(kafka.get("partition")).isEqualTo(3);
    assertThat(kafka.get("offset")).isEqualTo(41L);
    assertThat(kafka.get("timestamp")).isEqualTo(1_764_979_200_123L);
    assertThat(decoder.eventTimeMillis(landed, message(JSON))).isEqualTo(1_764_979_200_123L);
  }

  @Test
  void theTopicsFieldsEncodeAsAPrefixOfTheLandedRecord() throws IOException {
    MessageDecoder plain = Decoders.create(topic(Optional.empty()), ORDER);
    MessageDecoder withField = Decoders.create(topic(Optional.of("_kafka")), ORDER);
    byte[] topicOnly = encode(plain.schema(), plain.decode(message(JSON)));
    byte[] landed = encode(withField.schema(), withField.decode(message(JSON)));
    assertThat(Arrays.copyOf(landed, topicOnly.length)).isEqualTo(topicOnly);
  }

  @Test
  void filesWrittenBeforeTheFieldWasTurnedOnReadWithoutCoordinates() throws IOException {
    MessageDecoder plain = Decoders.create(topic(Optional.empty()), ORDER);
    MessageDecoder withField = Decoders.create(topic(Optional.of("_kafka")), ORDER);
    byte[] old = encode(plain.schema(), plain.decode(message(JSON)));
    GenericRecord read = new GenericDatumReader<GenericRecord>(plain.schema(), withField.schema())
        .read(null, DecoderFactory.get().binaryDecoder(old, null));
    assertThat(read.get("id").toString()).isEqualTo("o-1");
    assertThat(read.get("_kafka")).isNull();
  }

  @Test
  void aFieldNameTheTopicsSchemaAlreadyHasIsRefused() {
    assertThatThrownBy(() -> Decoders.create(topic(Optional.of("lines")), ORDER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lines' is already a field of test.Order");
  }

  @Test
  void aSchemaThatRefersToItselfIsRefusedRatherThanWrittenCorrupt() {
    Schema node = SchemaLoader.parse("""
        {"type": "record", "name": "Node", "namespace": "test", "fields": [
          {"name": "id", "type": "string"},
          {"name": "next", "type": ["null", "Node"], "default": null}
        ]}""", "test");
    assertThatThrownBy(() -> Decoders.create(topic(Optional.of("_kafka")), node))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test.Node refers to itself");
  }

  @Test
  void rawTopicsCannotHaveTheField() {
    assertThatThrownBy(() -> new TopicConfig("orders", MessageFormat.RAW, Optional.empty(), Optional.empty(),
        OptionalLong.empty(), 1.0, 0, TopicConfig.DEFAULT_WINDOW, TombstonePolicy.LAND, Optional.of("_kafka")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TopicConfig topic(Optional<String> kafkaField) {
    return new TopicConfig("orders", MessageFormat.JSON, Optional.of("order.avsc"), Optional.empty(),
        OptionalLong.empty(), 3.0, 0, TopicConfig.DEFAULT_WINDOW, TombstonePolicy.SKIP, kafkaField);
  }

  private static KafkaMessage message(String json) {
    return new KafkaMessage("orders", 3, 41, 1_764_979_200_123L, null, json.getBytes(StandardCharsets.UTF_8),
        List.of());
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
