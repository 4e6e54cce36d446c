package org.kafkaetl.it.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kafkaetl.it.fixtures.KafkaFixture;

/**
 * Raw messages to partition 0, each in its own producer batch: a consumer limited to one byte per
 * fetch then gets one message per fetch, so a mapper reads them slowly enough to be stopped part way.
 */
public final class OneRecordBatches {
  private OneRecordBatches() {}

  /** Sends {@code count} messages; returns their offsets. */
  public static List<Long> produce(KafkaFixture kafka, String topic, int count)
      throws InterruptedException, ExecutionException {
    Properties props = kafka.producerProperties();
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 0);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, 0, ("k" + i).getBytes(StandardCharsets.UTF_8),
            ("payload " + i).getBytes(StandardCharsets.UTF_8))));
      }
      producer.flush();
    }
    List<Long> offsets = new ArrayList<>(count);
    for (Future<RecordMetadata> ack : acks) {
      offsets.add(ack.get().offset());
    }
    return offsets;
  }
}
