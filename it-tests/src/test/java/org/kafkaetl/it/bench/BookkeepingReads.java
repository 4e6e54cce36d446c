package org.kafkaetl.it.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcAuditSource;
import org.kafkaetl.offsets.JdbcMergeLedger;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * The database reads of {@code status} and {@code audit} of every topic for some hours, as their
 * readers make them (DayStatusReader, TopicAudit), without the HDFS side: for status, each hour's
 * ranges and merged files; for the audit, the window's rows, the end before each partition's first
 * row, partition starts, lost ranges and the merge ledger of the day.
 */
final class BookkeepingReads {
  private final Database db;
  private final JdbcOffsetStore store;
  private final List<String> topics;

  BookkeepingReads(Database db, JdbcOffsetStore store, List<String> topics) {
    this.db = db;
    this.store = store;
    this.topics = topics;
  }

  /** As {@code DayStatusReader} reads a topic's day: its ranges at once, its merged files at once. Returns the rows read. */
  long status(HourPartition from, int hours) {
    JdbcMergeLedger ledger = new JdbcMergeLedger(db);
    HourPartition to = new HourPartition(from.start().plusHours(hours - 1));
    long rows = 0;
    for (String topic : topics) {
      rows += store.rangesOfHours(topic, from, to).size();
      rows += ledger.mergedHourlyFiles(topic, from, to).size();
    }
    return rows;
  }

  /** As status read a day before: hour by hour, every topic's merged files of each hour; for the ratio. */
  long statusHourByHour(HourPartition from, int hours) {
    JdbcMergeLedger ledger = new JdbcMergeLedger(db);
    long rows = 0;
    for (String topic : topics) {
      for (int h = 0; h < hours; h++) {
        HourPartition hour = new HourPartition(from.start().plusHours(h));
        rows += store.rangesOfHour(hour, topic).size();
        rows += ledger.mergedHourlyFiles(hour).size();
      }
    }
    return rows;
  }

  /** Returns the rows read. */
  long audit(HourPartition from, int hours) {
    JdbcAuditSource source = new JdbcAuditSource(db);
    HourPartition to = new HourPartition(from.start().plusHours(hours - 1));
    LocalDate date = from.start().toLocalDate();
    long rows = 0;
    for (String topic : topics) {
      List<RangeRow> ranges = source.ranges(topic, from, to);
      rows += ranges.size();
      Map<Integer, Long> firstBegins = new TreeMap<>();
      ranges.forEach(r -> firstBegins.merge(r.partition(), r.range().begin(), Math::min));
      rows += source.endsBefore(topic, 0, from, firstBegins).size();
      rows += source.partitionStarts(topic, 0).size();
      rows += source.lostRanges(topic, 0).size();
      rows += source.ledger(topic, date).size();
      rows += source.ledgerOfHours(topic, from, to).size();
    }
    return rows;
  }
}
