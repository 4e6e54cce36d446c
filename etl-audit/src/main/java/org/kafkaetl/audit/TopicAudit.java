package org.kafkaetl.audit;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.AuditSource;
import org.kafkaetl.core.audit.AuditWindow;
import org.kafkaetl.core.audit.ContentDigest;
import org.kafkaetl.core.audit.KafkaSource;
import org.kafkaetl.core.audit.LandedNames;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.audit.TilingCheck;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.offsets.RangeState;

/**
 * {@code audit --topic T (--date D | --from H --to H) [--against-kafka]}: runs the four checks of
 * the proof of exactly-once for one topic and window and returns the report. Reads only; changes nothing anywhere.
 */
public final class TopicAudit {
  private final EtlConfig config;
  private final FileSystem work;
  private final FileSystem warehouse;
  private final AuditSource source;
  private final Optional<KafkaSource> kafka;
  private final long sampleEvery;

  /**
   * @param work the file system of {@code etl.work.root}
   * @param warehouse the file system of {@code etl.warehouse.root}
   * @param kafka present for {@code --against-kafka}
   * @param sampleEvery with Kafka: compare the content of every offset divisible by this
   */
  public TopicAudit(EtlConfig config, FileSystem work, FileSystem warehouse, AuditSource source,
      Optional<KafkaSource> kafka, long sampleEvery) {
    this.config = config;
    this.work = work;
    this.warehouse = warehouse;
    this.source = source;
    this.kafka = kafka;
    this.sampleEvery = sampleEvery;
  }

  /**
   * @throws IllegalArgumentException for a topic not in etl.topics
   * @throws RetriableException when the database, HDFS or Kafka cannot be read
   */
  public AuditReport audit(String topic, AuditWindow window) {
    TopicConfig topicConfig = config.topic(topic).orElseThrow(() -> new IllegalArgumentException(
        "topic '" + topic + "' is not in etl.topics " + config.topicNames()));
    try {
      return run(topic, topicConfig.format(), window);
    } catch (IOException e) {
      throw new RetriableException("cannot read the files of " + topic + ": " + e.getMessage(), e);
    }
  }

  private AuditReport run(String topic, MessageFormat format, AuditWindow window) throws IOException {
    AuditReport report = new AuditReport(topic, window);
    List<RangeRow> rows = source.ranges(topic, window.from(), window.to());
    // A recreated topic restarts its offsets: each incarnation tiles on its own, and the same
    // offsets in two incarnations are two messages, not an overlap.
    Map<Integer, List<RangeRow>> byIncarnation = new TreeMap<>(rows.stream()
        .collect(Collectors.groupingBy(RangeRow::incarnation)));
    Map<Integer, Map<Integer, List<OffsetRange>>> lost = new TreeMap<>();
    byIncarnation.forEach((incarnation, ofIncarnation) -> {
      lost.put(incarnation, source.lostRanges(topic, incarnation));
      TilingCheck.Result tiling = new TilingCheck(topic).check(ofIncarnation, endsBefore(topic, incarnation,
          window.from(), ofIncarnation), source.partitionStarts(topic, incarnation), lost.get(incarnation));
      report.addAll(tiling.findings());
      tiling.notes().forEach(report::note);
    });

    Optional<KafkaComparison> comparison = kafka.map(k -> new KafkaComparison(k, sampleEvery));
    Map<String, ContentDigest> digests = new HashMap<>();
    RangeAudit ranges = new RangeAudit(work, topic, format, comparison, digests, report);
    List<HourlyFile> landed = new HourlyAudit(work, config.workRoot(), topic, ranges, source, report)
        .audit(window, rows, lost);

    DailyAudit daily = new DailyAudit(warehouse, work, config.warehouseRoot(), topic, window, digests, report);
    if (window.wholeDay()) {
      LocalDate date = window.date().orElseThrow();
      daily.audit(date, source.ledger(topic, date), r -> true, true, landedOn(topic, date));
    } else {
      auditDailyPartsOfHours(topic, window, landed, daily);
    }
    comparison.ifPresent(c -> c.notes(topic, format).forEach(report::note));
    if (ranges.noRecordOnReportsWord() > 0) {
      report.note(topic + ": " + ranges.noRecordOnReportsWord() + " offsets were taken to hold no record (transaction"
          + " markers, compaction) on the range reports' word; --against-kafka checks them against Kafka");
    }
    if (format != MessageFormat.RAW && ranges.rangesByNumber() > 0) {
      report.note(topic + " (format " + format.name().toLowerCase(Locale.ROOT) + "): " + ranges.rangesByNumber()
          + " ranges have no report naming their records' offsets (read before reports kept them), so their"
          + " records are compared with the range by number; error records by offset");
    }
    if (rows.isEmpty()) {
      report.note("etl_offsets has no ranges of " + topic + " planned in hours " + window.from() + "-" + window.to());
    }
    return report;
  }

  /** An hour window reads, in each date its files went to, only the bytes holding its hours' files. */
  private void auditDailyPartsOfHours(String topic, AuditWindow window, List<HourlyFile> landed, DailyAudit daily)
      throws IOException {
    Map<LocalDate, List<HourlyFile>> landedByDate = landed.stream().collect(Collectors.groupingBy(HourlyFile::date));
    TreeSet<LocalDate> dates = new TreeSet<>(landedByDate.keySet());
    source.ledgerOfHours(topic, window.from(), window.to()).forEach(r -> dates.add(r.date()));
    for (LocalDate date : dates) {
      daily.audit(date, source.ledger(topic, date), r -> window.contains(r.hour()), false,
          landedByDate.getOrDefault(date, List.of()));
    }
  }

  /** Per partition, the end of the last row before the window's first. */
  private Map<Integer, Long> endsBefore(String topic, int incarnation, HourPartition windowFrom, List<RangeRow> rows) {
    Map<Integer, Long> firstBegins = new TreeMap<>();
    rows.forEach(r -> firstBegins.merge(r.partition(), r.range().begin(), Math::min));
    return source.endsBefore(topic, incarnation, windowFrom, firstBegins);
  }

  /**
   * Every hourly data file of a date, in every hour directory (late data lands in later hours), with
   * the state of its etl_offsets row: what the day's daily files must hold.
   */
  private List<HourlyFile> landedOn(String topic, LocalDate date) throws IOException {
    LandedNames names = new LandedNames(topic);
    FileStatus[] matches = work.globStatus(new Path(config.workRoot() + "/*/" + topic + "/" + date + "/*.avro"));
    Map<HourPartition, Map<String, RangeState>> statesByHour = new HashMap<>();
    List<HourlyFile> files = new ArrayList<>();
    for (FileStatus f : matches == null ? new FileStatus[0] : matches) {
      Optional<LandedNames.RangeFile> named = names.dataFile(f.getPath().getName());
      Optional<HourPartition> hour = hour(f.getPath().getParent().getParent().getParent().getName());
      if (named.isEmpty() || hour.isEmpty()) {
        continue;
      }
      RangeState state = statesByHour.computeIfAbsent(hour.get(), h -> states(topic, h))
          .get(named.get().partition() + ":" + named.get().range());
      if (state != null) {
        files.add(new HourlyFile(f.getPath(), date, named.get().partition(), named.get().range(), hour.get(), state));
      }
    }
    return files;
  }

  private Map<String, RangeState> states(String topic, HourPartition hour) {
    return source.ranges(topic, hour, hour).stream()
        .collect(Collectors.toMap(r -> r.partition() + ":" + r.range(), RangeRow::state));
  }

  private static Optional<HourPartition> hour(String name) {
    try {
      return Optional.of(HourPartition.parse(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A path without scheme and authority: the ledger and a listing may spell the same file differently. */
  static String plain(Path path) {
    return Path.getPathWithoutSchemeAndAuthority(path).toString();
  }
}
