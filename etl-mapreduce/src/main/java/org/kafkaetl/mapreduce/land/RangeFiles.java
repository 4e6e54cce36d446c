package org.kafkaetl.mapreduce.land;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * The files one range lands into, created through the {@link FileSink}: a data file per event date
 * ({@link DatedFiles}: a bounded number open at once) and the error file, opened only when a message
 * goes there. Each file carries the range in its metadata ({@code kafka.etl.range}).
 */
final class RangeFiles {
  private final FileSink sink;
  private final ZoneId zone;
  private final CodecFactory codec;
  private final int maxOpenDateFiles;
  private final Runnable progress;

  private KafkaEvent event;
  private DatedFiles files;
  private DatedFiles.DateFile currentDay;
  private long dayStartMillis;
  private long dayEndMillis;
  private DataFileWriter<GenericRecord> errorWriter;

  /** What the files of a range held when they were closed. */
  record Closed(List<LandedFile> landed, Map<String, Long> recordsByDate) {}

  RangeFiles(FileSink sink, ZoneId zone, CodecFactory codec, int maxOpenDateFiles, Runnable progress) {
    this.sink = sink;
    this.zone = zone;
    this.codec = codec;
    this.maxOpenDateFiles = maxOpenDateFiles;
    this.progress = progress;
  }

  /** Starts a range whose records have this schema; nothing is created until written to. */
  void begin(KafkaEvent rangeEvent, Schema schema) {
    this.event = rangeEvent;
    this.files = new DatedFiles(maxOpenDateFiles, schema, date -> WorkLayout.dataFile(rangeEvent, date),
        path -> open(schema, path), progress);
    forgetDay();
    this.errorWriter = null;
  }

  /**
   * The data file of the date an event time falls on. Records mostly share a day, so the last day's
   * bounds are checked before any date arithmetic. The router only passes times inside the window
   * (or the quarantine date), which no arithmetic here overflows.
   */
  DatedFiles.DateFile forTime(long eventTimeMillis) {
    if (eventTimeMillis >= dayStartMillis && eventTimeMillis < dayEndMillis) {
      return currentDay;
    }
    LocalDate date = Instant.ofEpochMilli(eventTimeMillis).atZone(zone).toLocalDate();
    dayStartMillis = date.atStartOfDay(zone).toInstant().toEpochMilli();
    dayEndMillis = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    currentDay = files.of(date);
    return currentDay;
  }

  DataFileWriter<GenericRecord> errorWriter() {
    if (errorWriter == null) {
      errorWriter = open(ErrorRecords.SCHEMA, WorkLayout.errorFile(event));
    }
    return errorWriter;
  }

  /** Copies an earlier read's records of the range into this read's files, the dates with most records first. */
  void carry(RangeReport earlier, FileSource earlierFiles) throws IOException {
    // They get the files kept open, as this read likely adds to them.
    List<Map.Entry<String, Long>> days = new ArrayList<>(earlier.recordsByDate().entrySet());
    days.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    for (Map.Entry<String, Long> day : days) {
      LocalDate date = LocalDate.parse(day.getKey());
      DatedFiles.DateFile file = files.of(date);
      file.carry(earlierFiles, WorkLayout.dataFile(event, date));
      file.records += day.getValue();
    }
    if (earlier.errorRecords() > 0) {
      CarriedRecords.copy(earlierFiles, WorkLayout.errorFile(event), errorWriter(), ErrorRecords.SCHEMA);
    }
  }

  /**
   * Closes every file, each with its length, records and the offsets it holds.
   *
   * @param errorRecords the records the error file holds
   */
  Closed close(OffsetTrail offsets, long errorRecords) throws IOException {
    Map<String, Long> recordsByDate = new TreeMap<>();
    List<LandedFile> landed = new ArrayList<>();
    for (DatedFiles.Written file : files.close()) {
      landed.add(new LandedFile(file.path(), file.bytes(), file.records(), offsets.of(file.path())));
      recordsByDate.put(file.date().toString(), file.records());
    }
    if (errorWriter != null) {
      String path = WorkLayout.errorFile(event);
      landed.add(new LandedFile(path, DatedFiles.closedLength(errorWriter), errorRecords, offsets.of(path)));
    }
    forgetDay();
    errorWriter = null;
    return new Closed(landed, recordsByDate);
  }

  /** Closes the files as they are, for a range that is dropped. */
  void abandon() {
    if (files != null) {
      files.abandon();
    }
    if (errorWriter != null) {
      DatedFiles.closeQuietly(errorWriter);
    }
    forgetDay();
    errorWriter = null;
  }

  private void forgetDay() {
    currentDay = null;
    dayStartMillis = 0;
    dayEndMillis = 0;
  }

  private DataFileWriter<GenericRecord> open(Schema schema, String relativePath) {
    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema));
    writer.setCodec(codec);
    writer.setMeta("kafka.etl.range", event.toString());
    try {
      return writer.create(schema, sink.create(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + relativePath, e);
    }
  }
}
