package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Event times a long cannot hold must not escape a decoder as an ArithmeticException, which would
 * fail the map task (and every range in it); they saturate so the lander's window catches them.
 */
class EventTimeBoundsTest {
  private final JsonAvroDecoder isoField = new JsonAvroDecoder(JsonAvroDecoderTest.SCHEMA, Optional.of("when"));
  private final JsonAvroDecoder longField = new JsonAvroDecoder(JsonAvroDecoderTest.SCHEMA, Optional.of("ts"));

  @Test
  void isoDatePastTheLastMillisecondALongHoldsSaturatesInsteadOfThrowing() {
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"when\":\"+999999999-12-31T23:59:59Z\"}");
    GenericRecord r = isoField.decode(m);
    assertThat(isoField.eventTimeMillis(r, m)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void isoDateBeforeTheFirstMillisecondALongHoldsSaturatesInsteadOfThrowing() {
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"when\":\"-999999999-01-01T00:00:00Z\"}");
    GenericRecord r = isoField.decode(m);
    assertThat(isoField.eventTimeMillis(r, m)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void yearTenThousandIsAnEventTimeNotAnError() {
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"when\":\"+10000-01-01T00:00:00Z\"}");
    GenericRecord r = isoField.decode(m);
    assertThat(isoField.eventTimeMillis(r, m)).isEqualTo(253402300800000L);
  }

  @Test
  void longFieldAtTheExtremesIsPassedOnUnchanged() {
    KafkaMessage m = Messages.json("{\"user_id\":\"u\",\"seq\":1,\"ts\":" + Long.MIN_VALUE + "}");
    GenericRecord r = longField.decode(m);
    assertThat(longField.eventTimeMillis(r, m)).isEqualTo(Long.MIN_VALUE);
  }
}
