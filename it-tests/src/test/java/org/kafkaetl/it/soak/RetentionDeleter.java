package org.kafkaetl.it.soak;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's retention deletes part of a partition the ETL has not read yet: everything before an offset
 * between the ETL's read frontier and Kafka's end. Exactly {@code [frontier, cut)} is then lost, and
 * recorded as the loss the soak expects.
 */
final class RetentionDeleter implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.RETENTION_DELETED;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    String topic = hour.scenario.raw;
    int partition = hour.random.nextInt(hour.partitions());
    // the frontier: where the ETL's next range of this partition begins (no run is running now)
    long frontier = hour.scenario.offsetStore().lastEndOffsets(List.of(topic))
        .getOrDefault(org.kafkaetl.core.TopicPartition.of(topic, partition), 0L);
    long end = hour.env.kafka().endOffsets(topic, hour.partitions()).get(new TopicPartition(topic, partition));
    if (end - frontier < 2) {
      hour.log.line("retention: nothing unread in partition " + partition + "; fault not injected");
    } else {
      long cut = frontier + 1 + hour.random.nextInt((int) Math.min(Integer.MAX_VALUE, end - frontier - 1));
      hour.env.kafka().admin().deleteRecords(Map.of(new TopicPartition(topic, partition),
          RecordsToDelete.beforeOffset(cut))).all().get();
      hour.markInjected();
      hour.deleted.add(new DeletedRanges.Range(partition, hour.producer.incarnation(), frontier, cut, faultClass()));
      hour.log.line("retention deleted unread offsets [" + frontier + ", " + cut + ") of partition " + partition);
    }
    hour.runAndMerge();
  }
}
