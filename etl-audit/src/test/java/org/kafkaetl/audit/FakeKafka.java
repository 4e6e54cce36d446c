package org.kafkaetl.audit;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.audit.KafkaSource;

/** Partition 0 of a topic whose record at offset o has value "payload o", except where told otherwise. */
final class FakeKafka implements KafkaSource {
  private final OffsetRange available;
  final Set<Long> noRecord = new TreeSet<>();
  final TreeMap<Long, String> changed = new TreeMap<>();

  FakeKafka(OffsetRange available) {
    this.available = available;
  }

  @Override
  public OffsetRange available(TopicPartition partition) {
    return available;
  }

  @Override
  public void read(TopicPartition partition, OffsetRange range, RecordSink sink) {
    for (long o = range.begin(); o < range.end(); o++) {
      if (!noRecord.contains(o)) {
        sink.accept(o, null, changed.getOrDefault(o, "payload " + o).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void close() {}
}
