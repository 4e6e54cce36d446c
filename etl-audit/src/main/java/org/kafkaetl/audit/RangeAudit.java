package org.kafkaetl.audit;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.ContentDigest;
import org.kafkaetl.core.audit.ContentSamples;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.audit.RangeResult;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.audit.RangeTally;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.coverage.RangeReport;

/**
 * Check 2 for one etl_offsets row: its error file, (with Kafka) what Kafka still has, and its data
 * files are read and tallied against its range. Data files' digests are kept for check 3.
 *
 * <p>JSON and Avro records carry no offset: the range's report names the offsets of each file's
 * records in order, so the n-th record stands for the n-th offset named; the report also names the
 * tombstones skipped and the offsets Kafka returned no record for. A range without such a report
 * (written before reads kept offsets) is compared by number.
 */
final class RangeAudit {
  /** More records than offsets: the rest cannot be lined up with Kafka's. */
  private static final long PAST_THE_END = Long.MIN_VALUE;
  private final FileSystem fs;
  private final String topic;
  private final MessageFormat format;
  private final Optional<KafkaComparison> kafka;
  private final Map<String, ContentDigest> digests;
  private final AuditReport report;
  private long rangesByNumber;
  private long noRecordOnReportsWord;

  RangeAudit(FileSystem fs, String topic, MessageFormat format, Optional<KafkaComparison> kafka,
      Map<String, ContentDigest> digests, AuditReport report) {
    this.fs = fs;
    this.topic = topic;
    this.format = format;
    this.kafka = kafka;
    this.digests = digests;
    this.report = report;
  }

  /**
   * @param rangeReport the report the range's read wrote, if there is one
   * @param where names the range and where its files are, for findings
   */
  void audit(RangeRow row, List<OffsetRange> lost, List<HourDirectory.DataFile> files, Optional<Path> errorFile,
      Optional<RangeReport> rangeReport, String where) throws IOException {
    RangeTally tally = new RangeTally(row.range());
    lost.forEach(tally::lost);
    Optional<RangeReport> named = rangeReport.filter(r -> r.accountedOffsets().isPresent());
    named.ifPresent(r -> {
      r.offsets().skipped().forEach(skipped -> offsetsOf(List.of(skipped)).forEachRemaining((long o) ->
          tally.skippedTombstone(o)));
      r.offsets().noRecord().forEach(tally::noRecordPerReport);
      if (kafka.isEmpty()) {
        noRecordOnReportsWord += r.offsets().noRecord().stream().mapToLong(OffsetRange::count).sum();
      }
    });
    if (errorFile.isPresent()) {
      scanErrors(row, errorFile.get(), tally);
    }
    TopicPartition tp = TopicPartition.of(topic, row.partition());
    Optional<ContentSamples> samples = kafka.flatMap(k -> k.read(tp, tally, format));
    boolean byPosition = format == MessageFormat.AVRO && files.size() == 1 && named.isEmpty();
    if (format != MessageFormat.RAW && named.isEmpty() && !files.isEmpty()) {
      rangesByNumber++;
    }
    for (HourDirectory.DataFile file : files) {
      String relative = topic + "/" + file.date() + "/" + file.path().getName();
      Optional<PrimitiveIterator.OfLong> offsets = named.flatMap(r -> r.files().stream()
          .filter(f -> f.path().equals(relative)).findFirst()).map(f -> offsetsOf(f.offsets()));
      if (named.isPresent() && offsets.isEmpty()) {
        // Its records then count as one too many each: the range stays exact.
        report.add(new Finding(Finding.Kind.UNEXPECTED_FILE, row.partition(), "file " + file.path(),
            "the report of range " + row.range() + " does not name this file: not written by the read that stands"));
        offsets = Optional.of(offsetsOf(List.of()));
      }
      scanData(row, file.path(), tally, samples, byPosition, offsets);
    }
    RangeResult result = tally.result();
    report.line(row.partition()).add(result);
    report.addAll(result.findings(row.partition(), where));
    kafka.ifPresent(k -> k.counted(result.noRecordInKafka()));
    samples.ifPresent(s -> compareSamples(row, s, result, byPosition, where));
  }

  private void compareSamples(RangeRow row, ContentSamples samples, RangeResult result, boolean byPosition,
      String where) {
    KafkaComparison k = kafka.orElseThrow();
    if (byPosition && (result.missing() > 0 || result.duplicates() > 0 || result.extra() > 0)) {
      k.notAligned();
      return;
    }
    k.compared(samples);
    if (samples.differing() > 0) {
      report.add(new Finding(Finding.Kind.KAFKA_DIFFERS, row.partition(), where, samples.differing() + " of "
          + samples.compared() + " sampled records differ from Kafka's, the first at offset " + samples.firstDifference()));
    }
  }

  private void scanErrors(RangeRow row, Path path, RangeTally tally) throws IOException {
    try {
      AvroFileScan.scan(fs, path, (record, digest) -> {
        if (!LandedRecords.isEnvelope(record.getSchema())) {
          throw new AvroFileScan.UnreadableFile("its records (" + record.getSchema().getFullName()
              + ") carry no offset, so it is not an error file");
        }
        LandedRecords.Coordinates c = LandedRecords.coordinates(record).orElseThrow();
        if (ours(c, row)) {
          tally.errorRecord(c.offset());
        } else {
          tally.foreignRecord(c.offset());
        }
      });
    } catch (AvroFileScan.UnreadableFile e) {
      report.add(new Finding(Finding.Kind.UNREADABLE, row.partition(), "error file " + path, e.getMessage()));
    }
  }

  /** Offsets taken to hold no record on the range reports' word, Kafka not being asked. */
  long noRecordOnReportsWord() {
    return noRecordOnReportsWord;
  }

  /** Ranges of JSON/Avro topics whose records could only be compared by number. */
  long rangesByNumber() {
    return rangesByNumber;
  }

  private static PrimitiveIterator.OfLong offsetsOf(List<OffsetRange> ranges) {
    return ranges.stream().flatMapToLong(r -> LongStream.range(r.begin(), r.end())).iterator();
  }

  /**
   * @param named the offsets of the file's records in order, when its range's report names them
   */
  private void scanData(RangeRow row, Path path, RangeTally tally, Optional<ContentSamples> samples,
      boolean byPosition, Optional<PrimitiveIterator.OfLong> named) throws IOException {
    // Without named offsets, the n-th Avro record stands for the n-th offset expected as data.
    long[] position = {row.range().begin() - 1};
    try {
      ContentDigest digest = AvroFileScan.scan(fs, path, (record, d) -> {
        // A record's own coordinates win; the report's offset keeps the position in step either way.
        OptionalLong namedOffset = named.filter(PrimitiveIterator.OfLong::hasNext)
            .map(i -> OptionalLong.of(i.nextLong())).orElse(OptionalLong.empty());
        Optional<LandedRecords.Coordinates> own = LandedRecords.coordinates(record);
        if (own.isPresent()) {
          LandedRecords.Coordinates c = own.get();
          if (!ours(c, row)) {
            tally.foreignRecord(c.offset());
            return;
          }
          tally.dataRecord(c.offset());
          if (samples.isPresent() && samples.get().sampled(c.offset())) {
            if (LandedRecords.isEnvelope(record.getSchema())) {
              samples.get().landed(c.offset(), LandedRecords.bytes(record, "key"), LandedRecords.bytes(record, "value"));
            } else if (format == MessageFormat.AVRO) {
              samples.get().landed(c.offset(), null, LandedRecords.topicEncoding(record, d.lastEncoding()));
            }
          }
        } else if (namedOffset.isPresent()) {
          long offset = namedOffset.getAsLong();
          tally.dataRecord(offset);
          if (format == MessageFormat.AVRO && samples.isPresent() && samples.get().sampled(offset)) {
            samples.get().landed(offset, null, LandedRecords.topicEncoding(record, d.lastEncoding()));
          }
        } else if (named.isPresent()) {
          tally.dataRecordBeyondReport();
        } else {
          tally.dataRecordWithoutOffset();
          if (byPosition && samples.isPresent() && position[0] != PAST_THE_END) {
            long offset = tally.nextExpectedData(position[0] + 1);
            position[0] = offset < 0 ? PAST_THE_END : offset;
            if (offset >= 0 && samples.get().sampled(offset)) {
              samples.get().landed(offset, null, LandedRecords.topicEncoding(record, d.lastEncoding()));
            }
          }
        }
      });
      digests.put(TopicAudit.plain(path), digest);
    } catch (AvroFileScan.UnreadableFile e) {
      report.add(new Finding(Finding.Kind.UNREADABLE, row.partition(), "data file " + path, e.getMessage()));
    }
  }

  private boolean ours(LandedRecords.Coordinates c, RangeRow row) {
    return c.partition() == row.partition() && topic.equals(c.topic());
  }
}
