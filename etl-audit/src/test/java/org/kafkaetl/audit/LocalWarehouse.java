package org.kafkaetl.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.JsonAvroDecoder;
import org.kafkaetl.core.decode.KafkaFieldDecoder;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Hourly and daily files on the local file system, written the way the job and the merge write
 * them (one file per range and date; daily files as block copies with the flushed positions as
 * ledger bytes), plus the rows a database would hold: for driving the audit without a cluster.
 */
final class LocalWarehouse {
  static final String TOPIC = "t";
  static final LocalDate DATE = LocalDate.of(2026, 11, 21);

  final FileSystem fs;
  final String workRoot;
  final String warehouseRoot;
  final FakeAuditSource source = new FakeAuditSource();
  private final List<Landed> landed = new ArrayList<>();

  /** A landed range: its row and hourly file. */
  record Landed(RangeRow row, Path file) {}

  LocalWarehouse(java.nio.file.Path dir) throws IOException {
    this.fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    this.workRoot = dir.resolve("work").toString();
    this.warehouseRoot = dir.resolve("warehouse").toString();
  }

  /** Lands offsets [begin, end) of partition 0 in hour {@code hour} as raw envelopes, and records the row. */
  Landed land(String hour, long begin, long end) throws IOException {
    return landWithout(hour, begin, end, -1);
  }

  /** The same, without a record at {@code hole}: what a transaction marker there leaves. */
  Landed landWithout(String hour, long begin, long end, long hole) throws IOException {
    OffsetRange range = new OffsetRange(begin, end);
    List<GenericRecord> records = new ArrayList<>();
    for (long o = begin; o < end; o++) {
      if (o != hole) {
        records.add(envelope(0, o));
      }
    }
    Path file = new Path(workRoot + "/" + hour + "/" + TOPIC + "/" + DATE + "/" + TOPIC + ".0." + range + ".avro");
    write(file, EnvelopeDecoder.SCHEMA, records);
    RangeRow row = new RangeRow(0, range, HourPartition.parse(hour), RangeState.COMPLETE, range.count());
    source.rows.add(row);
    Landed l = new Landed(row, file);
    landed.add(l);
    return l;
  }

  /** The schema of a JSON or Avro topic's landed records: the user's, with no Kafka coordinates. */
  static final Schema USER_SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"seq\",\"type\":\"long\"}]}");

  /**
   * Lands offsets [begin, end) of partition 0 in hour {@code hour} as a JSON or Avro topic's job
   * would: user records, offsets below {@code nextDay} dated {@link #DATE} and the rest the day
   * after, and the range's report naming each file's offsets. {@code damage} then rewrites the
   * records of each file (by date) without touching the report.
   */
  Landed landUserRecords(String hour, long begin, long end, long nextDay,
      java.util.function.BiFunction<LocalDate, List<GenericRecord>, List<GenericRecord>> damage) throws IOException {
    return landUserRecords(hour, begin, end, nextDay, USER_SCHEMA, damage);
  }

  /** The same with records of the topic schema plus a Kafka coordinates field ({@code topic.<t>.kafka.field}). */
  Landed landUserRecordsWithKafkaField(String hour, long begin, long end,
      java.util.function.BiFunction<LocalDate, List<GenericRecord>, List<GenericRecord>> damage) throws IOException {
    Schema withField = new KafkaFieldDecoder(new JsonAvroDecoder(USER_SCHEMA, Optional.empty()), "_kafka").schema();
    return landUserRecords(hour, begin, end, end, withField, damage);
  }

  private Landed landUserRecords(String hour, long begin, long end, long nextDay, Schema schema,
      java.util.function.BiFunction<LocalDate, List<GenericRecord>, List<GenericRecord>> damage) throws IOException {
    OffsetRange range = new OffsetRange(begin, end);
    KafkaEvent event = new KafkaEvent(TopicPartition.of(TOPIC, 0), range);
    List<LandedFile> files = new ArrayList<>();
    java.util.Map<String, Long> byDate = new java.util.TreeMap<>();
    for (LocalDate date : List.of(DATE, DATE.plusDays(1))) {
      OffsetRange part = date.equals(DATE) ? new OffsetRange(begin, nextDay) : new OffsetRange(nextDay, end);
      List<GenericRecord> records = new ArrayList<>();
      for (long o = part.begin(); o < part.end(); o++) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("seq", o);
        if (schema.getField("_kafka") != null) {
          GenericRecord kafka = new GenericData.Record(KafkaFieldDecoder.COORDINATES);
          kafka.put("topic", TOPIC);
          kafka.put("partition", 0);
          kafka.put("offset", o);
          kafka.put("timestamp", 1_000L);
          r.put("_kafka", kafka);
        }
        records.add(r);
      }
      if (part.isEmpty()) {
        continue;
      }
      String relative = WorkLayout.dataFile(event, date);
      Path file = new Path(workRoot + "/" + hour + "/" + relative);
      write(file, schema, damage.apply(date, records));
      files.add(new LandedFile(relative, fs.getFileStatus(file).getLen(), part.count(), List.of(part)));
      byDate.put(date.toString(), part.count());
    }
    RangeReport rangeReport = new RangeReport(event, end, range.count(), 0, 0, "", byDate, List.of(), 0, 0, 0, files,
        ReadOffsets.of(List.of(), List.of()));
    try (FSDataOutputStream out = fs.create(new Path(workRoot + "/" + hour + "/" + WorkLayout.reportFile(event)))) {
      out.write(ReportCodec.encode(rangeReport));
    }
    RangeRow row = new RangeRow(0, range, HourPartition.parse(hour), RangeState.COMPLETE, range.count());
    source.rows.add(row);
    return new Landed(row, new Path(workRoot + "/" + hour + "/" + WorkLayout.dataFile(event, DATE)));
  }

  /** Merges every landed file into the daily file, as one create and then one append per file. */
  void merge() throws IOException {
    Path daily = dailyFile();
    String id = "daily-id";
    boolean created = false;
    for (Landed l : landed) {
      FSDataOutputStream out = created ? fs.append(daily) : fs.create(daily, true);
      try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(EnvelopeDecoder.SCHEMA))) {
        if (created) {
          writer.appendTo(new FsInput(daily, fs), out);
        } else {
          writer.setCodec(CodecFactory.deflateCodec(6));
          writer.setMeta(DailyFileReader.FILE_ID, id);
          writer.create(EnvelopeDecoder.SCHEMA, out);
        }
        writer.flush();
        long begin = out.getPos();
        try (InputStream in = fs.open(l.file());
            DataFileStream<GenericRecord> hourly = new DataFileStream<>(in, new GenericDatumReader<>())) {
          writer.appendAllFrom(hourly, false);
        }
        writer.flush();
        source.ledger.add(new LedgerRow(0, l.row().range(), DATE, l.row().hour(), l.file().toString(), daily.toString(), 0,
            id, begin, out.getPos(), read(l.file()).size(), Optional.of(RangeState.COMPLETE)));
      }
      created = true;
    }
  }

  Path dailyFile() {
    return new Path(warehouseRoot + "/" + TOPIC + "/" + DATE + "/" + TOPIC + ".0.avro");
  }

  void write(Path file, Schema schema, List<GenericRecord> records) throws IOException {
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, fs.create(file, true));
      for (GenericRecord r : records) {
        writer.append(r);
      }
    }
  }

  List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      stream.forEach(records::add);
    }
    return records;
  }

  static GenericRecord envelope(int partition, long offset) {
    GenericRecord r = new GenericData.Record(EnvelopeDecoder.SCHEMA);
    r.put("topic", TOPIC);
    r.put("partition", partition);
    r.put("offset", offset);
    r.put("timestamp", 1_000L);
    r.put("key", null);
    r.put("value", ByteBuffer.wrap(("payload " + offset).getBytes(StandardCharsets.UTF_8)));
    r.put("headers", new GenericData.Array<GenericRecord>(0, EnvelopeDecoder.SCHEMA.getField("headers").schema()));
    return r;
  }
}
