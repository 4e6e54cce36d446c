package org.kafkaetl.mapreduce.job;

import java.util.List;
import java.util.Map;
import org.kafkaetl.core.KafkaEvent;

/**
 * Reads of an hour that no run settles by itself, so the driver alerts on them.
 *
 * @param junked earlier reads that were not intact (a commit cut short), by range, each with where
 *     its files went; the range is read again, but they may hold records Kafka deleted since
 * @param unreadable directories of reads set aside ({@code _earlier/run-<id>.unreadable-report}),
 *     each with the names of its reports that could not be read: nothing says which ranges they are
 *     the read of, so they are neither put back nor removed
 */
public record ReadsLeftForAPerson(Map<KafkaEvent, String> junked, Map<String, List<String>> unreadable) {
  public static final ReadsLeftForAPerson NONE = new ReadsLeftForAPerson(Map.of(), Map.of());

  public ReadsLeftForAPerson {
    junked = Map.copyOf(junked);
    unreadable = Map.copyOf(unreadable);
  }

  public boolean isEmpty() {
    return junked.isEmpty() && unreadable.isEmpty();
  }
}
