package org.kafkaetl.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.AuditSource;
import org.kafkaetl.core.audit.AuditWindow;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.RangeRow;

/** The database's rows in lists a test can change, answered the way the SQL answers. */
final class FakeAuditSource implements AuditSource {
  final List<RangeRow> rows = new ArrayList<>();
  final List<LedgerRow> ledger = new ArrayList<>();
  final Map<Integer, List<OffsetRange>> lost = new TreeMap<>();

  @Override
  public List<RangeRow> ranges(String topic, HourPartition from, HourPartition to) {
    AuditWindow window = AuditWindow.hours(from, to);
    return rows.stream().filter(r -> window.contains(r.hour()))
        .sorted(Comparator.comparingInt(RangeRow::partition).thenComparingLong(r -> r.range().begin())).toList();
  }

  @Override
  public Map<Integer, Long> endsBefore(String topic, int incarnation, HourPartition windowFrom,
      Map<Integer, Long> firstBegins) {
    Map<Integer, Long> ends = new TreeMap<>();
    firstBegins.forEach((partition, begin) -> rows.stream()
        .filter(r -> r.partition() == partition && r.range().begin() < begin)
        .max(Comparator.comparingLong(r -> r.range().begin())).ifPresent(r -> ends.put(partition, r.range().end())));
    return ends;
  }

  @Override
  public Map<Integer, Long> partitionStarts(String topic, int incarnation) {
    return Map.of();
  }

  @Override
  public Map<Integer, List<OffsetRange>> lostRanges(String topic, int incarnation) {
    return lost;
  }

  @Override
  public List<LedgerRow> ledger(String topic, LocalDate date) {
    return ledger.stream().filter(r -> r.date().equals(date)).toList();
  }

  @Override
  public List<LedgerRow> ledgerOfHours(String topic, HourPartition from, HourPartition to) {
    AuditWindow window = AuditWindow.hours(from, to);
    return ledger.stream().filter(r -> window.contains(r.hour())).toList();
  }
}
