package org.kafkaetl.it.soak;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Kafka's retention passes the start of a range that stopped part way, before the run that retries
 * it: the held-back messages arrive only after the stall timeout ended the range, then everything
 * before a point past where the read stopped is deleted, and the hour runs again. What the first
 * read landed must stay; exactly the offsets from where it stopped to the cut are lost.
 */
final class RetentionDuringRetry implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.RETENTION_DURING_RETRY;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    String topic = hour.scenario.raw;
    SoakRunner.Outcome first = SimulatedHour.await(CompletableFuture.supplyAsync(
        () -> hour.runner.run(hour.now, hour.scenario.offsetStore(), SimulatedHour::holdBack)));
    hour.log.line("run without the held-back messages: " + first);
    hour.writeHeldBack();
    List<RangeRecord> stopped = hour.scenario.offsetStore().rangesOfHour(hour.hour(), topic).stream()
        .filter(r -> r.state() == RangeState.INCOMPLETE && r.reached() > r.event().range().begin()
            && r.event().partition().partition() == SimulatedHour.HELD_PARTITION)
        .toList();
    if (stopped.size() != 1) {
      hour.log.line("retention during retry: no range stopped part way (" + stopped + "); fault not injected");
    } else {
      RangeRecord range = stopped.get(0);
      long cut = range.reached() + 1 + hour.random.nextInt((int) (range.event().range().end() - range.reached()));
      hour.env.kafka().admin().deleteRecords(Map.of(new TopicPartition(topic, SimulatedHour.HELD_PARTITION),
          RecordsToDelete.beforeOffset(cut))).all().get();
      hour.markInjected();
      hour.deleted.add(new DeletedRanges.Range(SimulatedHour.HELD_PARTITION, hour.producer.incarnation(),
          range.reached(), cut, faultClass()));
      hour.log.line("retention deleted offsets before " + cut + " of partition " + SimulatedHour.HELD_PARTITION
          + "; the range " + range.event() + " had landed up to " + range.reached());
    }
    hour.runAndMerge();
  }
}
