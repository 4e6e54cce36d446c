package org.kafkaetl.mapreduce.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps retries and reruns from reading a recreated topic's new offsets for its old incarnation's
 * ranges: the offsets restarted, so the same numbers are other messages. Such a range can never be
 * finished; what it had not read is recorded LOST, saying why.
 */
final class DeletedIncarnations {
  private static final Logger LOG = LoggerFactory.getLogger(DeletedIncarnations.class);

  private DeletedIncarnations() {}

  /**
   * The ranges that may be read; the others, of an incarnation whose topic id Kafka no longer
   * gives, are recorded LOST (unless already final) and left out, and those of a topic Kafka gave
   * no id for this time are left for a later run.
   *
   * @param kafkaIds Kafka's topic id of each topic now
   */
  static List<RangeRecord> readable(OffsetStore store, List<RangeRecord> ranges, Map<String, String> kafkaIds,
      Instant now) {
    List<RangeRecord> readable = new ArrayList<>();
    Map<String, List<RangeRecord>> gone = new TreeMap<>();
    for (RangeRecord r : ranges) {
      String kafkaId = kafkaIds.get(r.event().topic());
      if (r.ofDeletedIncarnation(kafkaId)) {
        gone.computeIfAbsent(r.topicId() + " -> " + kafkaId, k -> new ArrayList<>()).add(r);
      } else if (r.topicId() != null && kafkaId == null) {
        // Kafka gave no id for the topic this time (it did not answer for it): whether the offsets
        // are still this incarnation's is unknown, so the range waits for a run that knows.
        LOG.warn("{} not read again now: Kafka gave no topic id for {} this run", r.event(), r.event().topic());
      } else {
        readable.add(r);
      }
    }
    gone.forEach((change, ofChange) -> {
      String detail = "topic recreated (id " + change + "); the old incarnation's offsets are gone";
      LOG.warn("{} range(s) of {} not read: {}", ofChange.size(), ofChange.get(0).event().topic(), detail);
      store.recordIncarnationGone(ofChange, now, detail);
    });
    return readable;
  }
}
