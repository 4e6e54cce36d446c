package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct encoding must be byte for byte what the GenericRecord path writes, for every shape of message. */
class EnvelopeEncoderTest {
  private final EnvelopeDecoder decoder = new EnvelopeDecoder();
  private final DirectEncoder encoder = decoder.directEncoder().orElseThrow();

  @Test
  void encodesExactlyWhatTheGenericWriterWritesOfTheDecodedEnvelope() {
    for (KafkaMessage m : shapes()) {
      assertThat(bytes(encoder.encode(m))).as("%s", m).isEqualTo(Messages.avroBinary(decoder.decode(m)));
    }
  }

  @Test
  void randomMessagesEncodeAlikeOneAfterAnother() {
    Random random = new Random(20261206);
    for (int i = 0; i < 5_000; i++) {
      KafkaMessage m = random(random);
      assertThat(bytes(encoder.encode(m))).as("message %d", i).isEqualTo(Messages.avroBinary(decoder.decode(m)));
    }
  }

  @Test
  void onlyTheEnvelopeCanBeWrittenWithoutBuildingItsRecord() {
    assertThat(new EnvelopeDecoder().directEncoder()).isPresent();
    assertThat(new AvroBinaryDecoder(EnvelopeDecoder.SCHEMA, java.util.Optional.empty()).directEncoder()).isEmpty();
  }

  private static List<KafkaMessage> shapes() {
    List<KafkaMessage> m = new ArrayList<>();
    m.add(new KafkaMessage("clicks", 0, 0, 0, null, null, List.of()));
    m.add(new KafkaMessage("clicks", 0, 0, 0, null, null, null));
    m.add(new KafkaMessage("clicks", 7, 123, 1_000, utf8("k"), utf8("v"), List.of()));
    m.add(new KafkaMessage("clicks", -1, -1, -1, new byte[0], new byte[0], List.of()));
    m.add(new KafkaMessage("clicks", Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, null, utf8("x"), List.of()));
    m.add(new KafkaMessage("ünïcode-tøpic", 64, 1L << 40, 1_700_000_000_000L, utf8("κλειδί"), new byte[70_000],
        List.of(new KafkaMessage.Header("trace", utf8("abc")), new KafkaMessage.Header("empty", null),
            new KafkaMessage.Header("", new byte[0]), new KafkaMessage.Header("\uD83D\uDE00 emoji", utf8("1")))));
    // an unpaired surrogate: both paths must replace it the same way
    m.add(new KafkaMessage("clicks", 1, 2, 3, null, utf8("v"), List.of(new KafkaMessage.Header("bad\uD800", null))));
    return m;
  }

  private static KafkaMessage random(Random r) {
    String topic = r.nextBoolean() ? "a" : "topic-" + r.nextInt(3);
    List<KafkaMessage.Header> headers = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      headers.add(new KafkaMessage.Header("h" + r.nextInt(100), r.nextInt(3) == 0 ? null : randomBytes(r, 20)));
    }
    return new KafkaMessage(topic, r.nextInt(1000), r.nextLong() & Long.MAX_VALUE, r.nextLong(),
        r.nextInt(4) == 0 ? null : randomBytes(r, 40), r.nextInt(10) == 0 ? null : randomBytes(r, 2000),
        headers);
  }

  private static byte[] randomBytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max)];
    r.nextBytes(b);
    return b;
  }

  private static byte[] bytes(ByteBuffer b) {
    return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
