package org.kafkaetl.mapreduce.land;

import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.kafkaetl.core.decode.DecodeException;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;

/** A test decoder: the value is the event time in epoch millis; anything else is undecodable. */
public class EpochValueDecoder implements MessageDecoder {
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
