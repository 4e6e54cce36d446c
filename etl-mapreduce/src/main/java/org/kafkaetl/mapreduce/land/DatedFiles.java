package org.kafkaetl.mapreduce.land;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The data files of one range's read, one per event date, of which at most {@code maxOpen} are open
 * at once. Each open file holds codec buffers in the task's heap and a connection to a DataNode, so
 * a read whose event times are spread over hundreds of days (a producer's clock, garbage timestamps
 * inside a wide window) would otherwise fail the task, and its every retry. The first dates a read
 * meets keep their file open until the range ends, as nearly every read has only one or two dates;
 * the records of any further date are spilled to the task's local disk in the order they come and
 * written into their date's file when the range ends, {@code maxOpen} files at a time. Every file
 * still has one date's records in offset order and the same name, so nothing downstream changes.
 */
final class DatedFiles {
  /** Creates the writer of a data file under the task's output. */
  interface Opener {
    DataFileWriter<GenericRecord> open(String relativePath);
  }

  /** A closed data file: its date, path under the task's output, length and records. */
  record Written(LocalDate date, String path, long bytes, long records) {}

  private final int maxOpen;
  private final Schema schema;
  private final Function<LocalDate, String> pathOf;
  private final Opener opener;
  private final Runnable progress;
  private final Map<LocalDate, DateFile> byDate = new TreeMap<>();
  private final List<SpilledDate> spilledDates = new ArrayList<>();
  private int openFiles;
  private DateSpill spill;
  private GenericDatumWriter<GenericRecord> datumWriter;
  private BinaryEncoder encoder;
  private final ExposedBytes encoded = new ExposedBytes();

  /**
   * @param progress called while spilled records are written, which can take minutes for a range of
   *     millions: a map task that reports no progress for mapreduce.task.timeout is killed
   */
  DatedFiles(int maxOpen, Schema schema, Function<LocalDate, String> pathOf, Opener opener, Runnable progress) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("at least one file must be open, not " + maxOpen);
    }
    this.maxOpen = maxOpen;
    this.schema = schema;
    this.pathOf = pathOf;
    this.opener = opener;
    this.progress = progress;
  }

  /** The file of a date, opened or spilled on first use. */
  DateFile of(LocalDate date) {
    return byDate.computeIfAbsent(date, d -> {
      if (openFiles < maxOpen) {
        OpenDate open = new OpenDate(pathOf.apply(d), opener.open(pathOf.apply(d)));
        openFiles++;
        return open;
      }
      if (spill == null) {
        spill = new DateSpill();
      }
      SpilledDate spilled = new SpilledDate(d, pathOf.apply(d), spilledDates.size());
      spilledDates.add(spilled);
      return spilled;
    });
  }

  /**
   * Closes the open files, then writes the spilled dates' files a bucket at a time, at most
   * {@code maxOpen} of them open at once. @return every file, in date order
   */
  List<Written> close() throws IOException {
    Map<LocalDate, Written> written = new TreeMap<>();
    for (Map.Entry<LocalDate, DateFile> e : byDate.entrySet()) {
      if (e.getValue() instanceof OpenDate open) {
        written.put(e.getKey(), new Written(e.getKey(), open.path, closedLength(open.writer), open.records));
      }
    }
    if (spill != null) {
      try (DateSpill replayed = spill) {
        for (int bucket = 0; bucket < replayed.bucketCount(); bucket++) {
          writeBucket(replayed, bucket, written);
        }
      }
    }
    clear();
    return List.copyOf(written.values());
  }

  /** Drops the read: files closed as they are, spilled records deleted. */
  void abandon() {
    for (DateFile file : byDate.values()) {
      if (file instanceof OpenDate open) {
        closeQuietly(open.writer);
      }
    }
    if (spill != null) {
      spill.close();
    }
    clear();
  }

  /**
   * Closes a writer and returns the file's length: sync() writes out the last block and returns the
   * position after it, and close() then writes nothing more.
   */
  static long closedLength(DataFileWriter<GenericRecord> writer) throws IOException {
    long length;
    try {
      length = writer.sync();
    } catch (IOException | RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
    writer.close();
    return length;
  }

  static void closeQuietly(DataFileWriter<GenericRecord> writer) {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // the file is left unreported either way; the driver removes it with the range's other leftovers
    }
  }

  private void writeBucket(DateSpill replayed, int bucket, Map<LocalDate, Written> written) throws IOException {
    List<SpilledDate> dates = new ArrayList<>();
    for (SpilledDate d : spilledDates) {
      if (replayed.bucketOf(d.number) == bucket) {
        dates.add(d);
      }
    }
    for (int from = 0; from < dates.size(); from += maxOpen) {
      Map<Integer, DataFileWriter<GenericRecord>> writers = new HashMap<>();
      List<SpilledDate> pass = dates.subList(from, Math.min(dates.size(), from + maxOpen));
      try {
        for (SpilledDate d : pass) {
          writers.put(d.number, opener.open(d.path));
          progress.run();
        }
        long[] replayedRecords = {0};
        replayed.replay(bucket, (date, bytes) -> {
          DataFileWriter<GenericRecord> writer = writers.get(date);
          if (writer != null) {
            writer.appendEncoded(bytes);
          }
          if (++replayedRecords[0] % 10_000 == 0) {
            progress.run();
          }
        });
        for (SpilledDate d : pass) {
          written.put(d.date, new Written(d.date, d.path, closedLength(writers.remove(d.number)), d.records));
        }
      } finally {
        writers.values().forEach(DatedFiles::closeQuietly);
      }
    }
  }

  private void clear() {
    byDate.clear();
    spilledDates.clear();
    openFiles = 0;
    spill = null;
  }

  /** Where one date's records go while the range is read. */
  abstract static sealed class DateFile permits OpenDate, SpilledDate {
    final String path;
    long records;

    DateFile(String path) {
      this.path = path;
    }

    String path() {
      return path;
    }

    abstract void append(GenericRecord record) throws IOException;

    abstract void appendEncoded(ByteBuffer record) throws IOException;

    /** Copies an earlier read's file of this date in, before any record of this read. */
    abstract void carry(FileSource earlier, String earlierPath) throws IOException;
  }

  private final class OpenDate extends DateFile {
    private final DataFileWriter<GenericRecord> writer;

    OpenDate(String path, DataFileWriter<GenericRecord> writer) {
      super(path);
      this.writer = writer;
    }

    @Override
    void append(GenericRecord record) throws IOException {
      writer.append(record);
    }

    @Override
    void appendEncoded(ByteBuffer record) throws IOException {
      writer.appendEncoded(record);
    }

    @Override
    void carry(FileSource earlier, String earlierPath) throws IOException {
      CarriedRecords.copy(earlier, earlierPath, writer, schema);
    }
  }

  private final class SpilledDate extends DateFile {
    private final LocalDate date;
    private final int number;

    SpilledDate(LocalDate date, String path, int number) {
      super(path);
      this.date = date;
      this.number = number;
    }

    @Override
    void append(GenericRecord record) throws IOException {
      if (datumWriter == null) {
        datumWriter = new GenericDatumWriter<>(schema);
      }
      encoded.reset();
      encoder = EncoderFactory.get().directBinaryEncoder(encoded, encoder);
      datumWriter.write(record, encoder);
      spill.write(number, encoded.bytes(), 0, encoded.size());
    }

    @Override
    void appendEncoded(ByteBuffer record) throws IOException {
      if (record.hasArray()) {
        spill.write(number, record.array(), record.arrayOffset() + record.position(), record.remaining());
      } else {
        byte[] copy = new byte[record.remaining()];
        record.duplicate().get(copy);
        spill.write(number, copy, 0, copy.length);
      }
    }

    @Override
    void carry(FileSource earlier, String earlierPath) throws IOException {
      CarriedRecords.each(earlier, earlierPath, schema, this::append);
    }
  }

  /** A byte array output stream whose buffer can be read without a copy. */
  private static final class ExposedBytes extends ByteArrayOutputStream {
    byte[] bytes() {
      return buf;
    }
  }
}
