package org.kafkaetl.core.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/**
 * The {@link EnvelopeDecoder#SCHEMA} record of a message, encoded field by field in schema order
 * as Avro's binary encoding defines it: no record, header records, array or byte-buffer wrappers
 * per message, and the topic's UTF-8 bytes computed once per topic. Building and walking those
 * objects took almost half the time of landing a raw topic without compression.
 */
public final class EnvelopeEncoder implements DirectEncoder {
  /** Union branches of the optional (["null", "bytes"]) fields. */
  private static final int NULL_BRANCH = 0;
  private static final int BYTES_BRANCH = 1;

  private final Buffer out = new Buffer();
  private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
  private String topic;
  private Utf8 topicUtf8;

  @Override
  public ByteBuffer encode(KafkaMessage message) {
    out.reset();
    try {
      encoder.writeString(topicUtf8(message.topic()));
      encoder.writeInt(message.partition());
      encoder.writeLong(message.offset());
      encoder.writeLong(message.timestamp());
      writeOptional(message.key());
      writeOptional(message.value());
      writeHeaders(message.headers());
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: the encoder writes to memory", e);
    }
    return out.contents();
  }

  private Utf8 topicUtf8(String name) {
    if (!name.equals(topic)) {
      topic = name;
      topicUtf8 = new Utf8(name);
    }
    return topicUtf8;
  }

  private void writeOptional(byte[] bytes) throws IOException {
    if (bytes == null) {
      encoder.writeIndex(NULL_BRANCH);
    } else {
      encoder.writeIndex(BYTES_BRANCH);
      encoder.writeBytes(bytes);
    }
  }

  /** One block holding every header, then the empty block that ends an array. */
  private void writeHeaders(List<KafkaMessage.Header> headers) throws IOException {
    encoder.writeArrayStart();
    int count = headers == null ? 0 : headers.size();
    encoder.setItemCount(count);
    for (int i = 0; i < count; i++) {
      KafkaMessage.Header h = headers.get(i);
      encoder.startItem();
      encoder.writeString(h.key());
      writeOptional(h.value());
    }
    encoder.writeArrayEnd();
  }

  /** A byte array output stream whose contents can be wrapped without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    ByteBuffer contents() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }
}
