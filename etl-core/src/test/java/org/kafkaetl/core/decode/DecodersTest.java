package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;

class DecodersTest {
  private static final Schema SCHEMA = AvroBinaryDecoderTest.SCHEMA;

  @Test
  void picksTheDecoderOfTheFormat() {
    assertThat(Decoders.create(topic(MessageFormat.JSON), SCHEMA)).isInstanceOf(JsonAvroDecoder.class)
        .extracting(MessageDecoder::schema).isSameAs(SCHEMA);
    assertThat(Decoders.create(topic(MessageFormat.AVRO), SCHEMA)).isInstanceOf(AvroBinaryDecoder.class);
    assertThat(Decoders.create(topic(MessageFormat.RAW), null)).isInstanceOf(EnvelopeDecoder.class)
        .extracting(MessageDecoder::schema).isSameAs(EnvelopeDecoder.SCHEMA);
  }

  @Test
  void missingSchemaIsNamed() {
    assertThatThrownBy(() -> Decoders.create(topic(MessageFormat.JSON), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic 'orders' has format json and needs a schema (topic.orders.schema), but none was given");
    assertThatThrownBy(() -> Decoders.create(topic(MessageFormat.AVRO), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TopicConfig topic(MessageFormat format) {
    return new TopicConfig("orders", format, Optional.empty(), Optional.empty(), OptionalLong.empty(), 1.0, 0);
  }
}
