package org.kafkaetl.merge;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.hdfs.ReportsOfHours;

/**
 * Appends hourly files to one daily file as one transaction: Avro blocks are copied as they are
 * (no decoding, no recompression); if anything fails, the daily file is cut back to the length it
 * had (or removed, if this call created it) before the failure is passed on.
 */
final class DailyFileAppender {
  static final String FILE_ID = "kafka.etl.daily.id";

  private final HdfsFiles files;
  private final BooleanSupplier lockHeld;
  private final HourlyRecordCounts counts;

  /** @param lockHeld asked before an undo: only the merge lock's holder may cut a daily file back */
  DailyFileAppender(HdfsFiles files, BooleanSupplier lockHeld, ReportsOfHours reports) {
    this.files = files;
    this.counts = new HourlyRecordCounts(files.fs(), reports);
    this.lockHeld = lockHeld;
  }

  /** A daily file part as the ledger knows it; {@code header} is null for a part not created yet. */
  record Target(Path path, int part, String fileId, long length, DailyHeader header) {
    static Target create(Path path, int part) {
      return new Target(path, part, UUID.randomUUID().toString(), 0, null);
    }

    boolean exists() {
      return header != null;
    }
  }

  /**
   * Appends {@code hourly}, in order, to {@code target} while each file has the target's schema (for a
   * new part: the first file's), opening each hourly file once; returns a ledger entry per file
   * appended — fewer than given when a file with another schema stopped it (that file starts the next
   * part). On failure the target is as it was.
   */
  List<LedgerEntry> append(Target target, List<HourlyFile> hourly, Instant at) throws IOException {
    FileSystem fs = files.fs();
    HourlyStream next = HourlyStream.open(fs, hourly.get(0));
    Schema schema = target.exists() ? target.header().schema() : next.schema();
    if (!schema.equals(next.schema())) {
      next.close();
      return List.of();
    }
    FSDataOutputStream out;
    try {
      out = target.exists() ? fs.append(target.path()) : fs.create(target.path(), false);
    } catch (IOException | RuntimeException e) {
      next.close();
      throw e;
    }
    try (DataFileWriter<GenericRecord> writer = open(target, schema, next.codec(), out)) {
      Entries entries = new Entries(target, writer, out, at);
      for (HourlyFile h : hourly) {
        if (next == null) {
          next = HourlyStream.open(fs, h);
          if (!schema.equals(next.schema())) {
            break;
          }
        }
        next.copyTo(writer);
        next.close();
        next = null;
        entries.add(h, counts.count(h));
      }
      writer.close();
      return entries.list;
    } catch (IOException | RuntimeException e) {
      closeQuietly(out, e);
      undo(target, e);
      throw e;
    } finally {
      if (next != null) {
        next.close();
      }
    }
  }

  /**
   * Writes {@code sources} (all of {@code schema}) into the new part {@code target}, copying each hour
   * from where its source says; returns a ledger entry per source. On failure the part is removed.
   */
  List<LedgerEntry> appendSources(Target target, Schema schema, List<RebuildSource> sources, Instant at)
      throws IOException {
    FileSystem fs = files.fs();
    FSDataOutputStream out = fs.create(target.path(), false);
    try (DataFileWriter<GenericRecord> writer =
        open(target, schema, AvroFiles.codec(fs, sources.get(0).file()), out)) {
      Entries entries = new Entries(target, writer, out, at);
      for (RebuildSource source : sources) {
        entries.add(source.hourly(), source.fromDailyFile()
            ? MergedRegion.copy(fs, source.merged(), writer)
            : copyHourly(fs, source.hourly(), writer));
      }
      writer.close();
      return entries.list;
    } catch (IOException | RuntimeException e) {
      closeQuietly(out, e);
      undo(target, e);
      throw e;
    }
  }

  /** Puts the target back as the ledger knows it, after a failed append. */
  void undo(Target target, Exception cause) {
    if (!lockHeld.getAsBoolean()) {
      // Another merge may hold the lock and have appended since: what this one left past the ledger
      // is the next holder's to cut off (it always does before appending).
      cause.addSuppressed(new IllegalStateException("this merge no longer holds its lock, so " + target.path()
          + " was left for the next merge to cut back to the ledger"));
      return;
    }
    try {
      files.recoverLease(target.path());
      if (target.exists()) {
        files.truncate(target.path(), target.length());
      } else {
        files.fs().delete(target.path(), false);
      }
    } catch (IOException | RuntimeException undoFailure) {
      suppress(cause, undoFailure);
    }
  }

  /**
   * A new daily file takes the hourly files' codec, so their blocks are copied, not recompressed; an
   * existing one is appended to after the header already read ({@link DailyHeader}).
   */
  private static DataFileWriter<GenericRecord> open(Target target, Schema schema, CodecFactory codec,
      FSDataOutputStream out) throws IOException {
    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema));
    if (target.exists()) {
      return writer.appendTo(target.header().asInput(), out);
    }
    writer.setCodec(codec);
    writer.setMeta(FILE_ID, target.fileId());
    return writer.create(schema, out);
  }

  private long copyHourly(FileSystem fs, HourlyFile h, DataFileWriter<GenericRecord> writer)
      throws IOException {
    try (HourlyStream in = HourlyStream.open(fs, h)) {
      in.copyTo(writer);
    }
    return counts.count(h);
  }

  /** The ledger entries of a part as it is written: each copied hour's bytes, from one flush to the next. */
  private static final class Entries {
    private final Target target;
    private final DataFileWriter<GenericRecord> writer;
    private final FSDataOutputStream out;
    private final Instant at;
    private final List<LedgerEntry> list = new ArrayList<>();
    private long begin;

    Entries(Target target, DataFileWriter<GenericRecord> writer, FSDataOutputStream out, Instant at)
        throws IOException {
      this.target = target;
      this.writer = writer;
      this.out = out;
      this.at = at;
      this.begin = flushedLength(writer, out);
    }

    void add(HourlyFile hourly, long records) throws IOException {
      long end = flushedLength(writer, out);
      list.add(new LedgerEntry(hourly, target.path().toString(), target.part(), target.fileId(), begin, end, records,
          at));
      begin = end;
    }
  }

  private static long flushedLength(DataFileWriter<GenericRecord> writer, FSDataOutputStream out) throws IOException {
    writer.flush();
    return out.getPos();
  }

  private static void closeQuietly(FSDataOutputStream out, Exception cause) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      suppress(cause, e);
    }
  }

  /**
   * HDFS's output stream throws the exception that broke it again on every close: adding it to
   * itself would throw IllegalArgumentException and skip the undo.
   */
  private static void suppress(Exception cause, Exception another) {
    if (another != cause) {
      cause.addSuppressed(another);
    }
  }
}
