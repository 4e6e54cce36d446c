package org.kafkaetl.it.soak;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.kafkaetl.it.support.EtlScenario;

/**
 * How the soak writes a message of each topic format and recognises it in the warehouse. Raw
 * records carry partition, offset and key; JSON and Avro records carry only their fields, so their
 * {@code seq} field holds the partition and the sequence number ({@code partition << 32 | seq}).
 */
enum SoakFormat {
  RAW {
    @Override
    byte[] value(int partition, long seq, long eventTimeMs) {
      return SoakProducer.payload(seq);
    }

    @Override
    Identity identify(GenericRecord r) {
      ByteBuffer key = (ByteBuffer) r.get("key");
      Long seq = key == null ? null : SoakProducer.seqOfKey(bytes(key));
      return seq == null ? null : new Identity((Integer) r.get("partition"), seq, (Long) r.get("offset"));
    }

    @Override
    byte[] withEventTime(long millis, String iso) {
      throw new UnsupportedOperationException("a raw value has no event-time field");
    }

    @Override
    byte[] undecodable(Random random, int size) {
      throw new UnsupportedOperationException("raw lands any bytes");
    }

    @Override
    boolean holdsWhatWasSent(GenericRecord r, Identity id) {
      ByteBuffer value = (ByteBuffer) r.get("value");
      return value != null && java.util.Arrays.equals(bytes(value), SoakProducer.payload(id.seq()));
    }
  },
  JSON {
    @Override
    byte[] value(int partition, long seq, long eventTimeMs) {
      return ("{\"user\":\"" + user(partition, seq) + "\",\"seq\":" + packed(partition, seq) + ",\"event_time\":"
          + eventTimeMs + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] withEventTime(long millis, String iso) {
      return ("{\"user\":\"poison\",\"seq\":-1,\"event_time\":" + millis + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] undecodable(Random random, int size) {
      byte[] value = PoisonMessageWriter.undecodable(random, size);
      value[0] = '#';
      return value;
    }

    @Override
    Identity identify(GenericRecord r) {
      return unpacked((Long) r.get("seq"));
    }

    @Override
    boolean holdsWhatWasSent(GenericRecord r, Identity id) {
      return user(id.partition(), id.seq()).equals(r.get("user").toString());
    }
  },
  AVRO {
    @Override
    byte[] value(int partition, long seq, long eventTimeMs) {
      GenericRecord order = new GenericData.Record(EtlScenario.ORDER);
      order.put("seq", packed(partition, seq));
      order.put("amount", seq * 100);
      order.put("created_at", Instant.ofEpochMilli(eventTimeMs).toString());
      return EtlScenario.avroBinary(order);
    }

    @Override
    byte[] withEventTime(long millis, String iso) {
      GenericRecord order = new GenericData.Record(EtlScenario.ORDER);
      order.put("seq", -1L);
      order.put("amount", 0L);
      order.put("created_at", iso);
      return EtlScenario.avroBinary(order);
    }

    @Override
    byte[] undecodable(Random random, int size) {
      byte[] value = PoisonMessageWriter.undecodable(random, size);
      // a varint whose every byte says "more follows" is no long: no reader schema can take it
      java.util.Arrays.fill(value, 0, Math.min(size, 16), (byte) 0xFF);
      return value;
    }

    @Override
    Identity identify(GenericRecord r) {
      return unpacked((Long) r.get("seq"));
    }

    @Override
    boolean holdsWhatWasSent(GenericRecord r, Identity id) {
      return (Long) r.get("amount") == id.seq() * 100;
    }
  };

  /** A landed record's message: partition, sequence number, and its offset where the record has one. */
  record Identity(int partition, long seq, Long offset) {}

  abstract byte[] value(int partition, long seq, long eventTimeMs);

  /** A poison value that decodes, whose event-time field holds {@code millis} (JSON) or {@code iso} (Avro). */
  abstract byte[] withEventTime(long millis, String iso);

  /** {@code size} bytes that no decoder of this format accepts. */
  abstract byte[] undecodable(Random random, int size);

  /** The message a landed record is; null if the record is none of the soak's. */
  abstract Identity identify(GenericRecord r);

  /** Whether the record's content is what was sent for {@code id} (poison messages aside). */
  abstract boolean holdsWhatWasSent(GenericRecord r, Identity id);

  private static String user(int partition, long seq) {
    return "p" + partition + "-" + seq;
  }

  private static long packed(int partition, long seq) {
    return ((long) partition << 32) | seq;
  }

  private static Identity unpacked(Long packed) {
    return packed == null ? null : new Identity((int) (packed >>> 32), packed & 0xFFFF_FFFFL, null);
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
