package org.kafkaetl.it.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.EnvelopeEncoder;
import org.kafkaetl.kafka.ConsumerSettings;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * What one thread with no framework does to land a raw topic: a {@link KafkaConsumer} with the map
 * task's settings reads each partition from 0 to its end offset, one after another as a map task
 * reads its ranges, and appends each message's envelope (the same Avro bytes the job writes) to one
 * {@link DataFileWriter} per partition on the local disk, with the same codec. No routing by date,
 * no offsets kept, no report, no second thread, no Hadoop. The job's rate over this one is what the
 * framework costs.
 */
final class MinimalPipeline {
  private MinimalPipeline() {}

  /** Records, payload bytes and seconds, timed from creating the consumer until the files are closed. */
  static ConsumerLimit.Rate land(String bootstrapServers, String topic, int partitions, CodecFactory codec, Path dir) {
    Map<String, Object> props = new HashMap<>(ConsumerSettings.forReading(Map.of(), "bench-minimal-pipeline"));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(topic, p));
    }
    EnvelopeEncoder encoder = new EnvelopeEncoder();
    long start = System.nanoTime();
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      for (TopicPartition tp : tps) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, 0);
        try (DataFileWriter<GenericRecord> writer = writer(codec, dir.resolve(tp + ".avro"))) {
          while (consumer.position(tp) < ends.get(tp)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
              writer.appendEncoded(encoder.encode(KafkaRangeReader.toMessage(r)));
              records++;
              bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    EtlRuns.deleteRecursively(dir);
    return new ConsumerLimit.Rate(records, bytes, seconds);
  }

  private static DataFileWriter<GenericRecord> writer(CodecFactory codec, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(EnvelopeDecoder.SCHEMA));
    writer.setCodec(codec);
    return writer.create(EnvelopeDecoder.SCHEMA, out);
  }
}
