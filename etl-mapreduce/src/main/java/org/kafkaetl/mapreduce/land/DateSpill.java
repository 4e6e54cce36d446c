package org.kafkaetl.mapreduce.land;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Encoded records of the dates a read keeps no file open for, on the task's local disk until the
 * range ends. Records go into one of a few bucket files by their date's number, each in the order
 * it came, so reading a bucket back gives every date's records in offset order, and one pass over
 * a bucket serves all the dates that pass writes.
 */
final class DateSpill implements AutoCloseable {
  private final Path dir;
  private final DataOutputStream[] buckets;
  private boolean writing = true;

  /** What reading a bucket back hands on: the date's number and one record's encoded bytes. */
  interface Visitor {
    void visit(int date, ByteBuffer encoded) throws IOException;
  }

  /**
   * Enough buckets that a pass over one serves few dates beyond those it writes: with the default of
   * 32 files open, 3,650 dates are read back in two passes a bucket.
   */
  static final int BUCKETS = 64;

  /** Bucket files are local files, held open while the range is read. */
  DateSpill() {
    try {
      // In a YARN container java.io.tmpdir is the container's own directory, removed with it.
      this.dir = Files.createTempDirectory("kafka-etl-date-spill");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a local directory for records of dates without an open file", e);
    }
    this.buckets = new DataOutputStream[BUCKETS];
  }

  int bucketOf(int date) {
    return date % buckets.length;
  }

  int bucketCount() {
    return buckets.length;
  }

  void write(int date, byte[] bytes, int offset, int length) throws IOException {
    DataOutputStream out = bucket(bucketOf(date));
    out.writeInt(date);
    out.writeInt(length);
    out.write(bytes, offset, length);
  }

  /** Reads one bucket from its start, handing every record on in the order it was written. */
  void replay(int bucket, Visitor visitor) throws IOException {
    if (writing) {
      for (DataOutputStream out : buckets) {
        if (out != null) {
          out.close();
        }
      }
      writing = false;
    }
    Path file = dir.resolve("bucket-" + bucket);
    if (!Files.exists(file)) {
      return;
    }
    byte[] buffer = new byte[8192];
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        int date;
        try {
          date = in.readInt();
        } catch (EOFException end) {
          return;
        }
        int length = in.readInt();
        if (length > buffer.length) {
          buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        in.readFully(buffer, 0, length);
        visitor.visit(date, ByteBuffer.wrap(buffer, 0, length));
      }
    }
  }

  /** Removes the spilled records; quietly, since a container's directory goes with it anyway. */
  @Override
  public void close() {
    for (DataOutputStream out : buckets) {
      try {
        if (out != null) {
          out.close();
        }
      } catch (IOException e) {
        // removed below either way
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the container's clean-up
    }
  }

  private DataOutputStream bucket(int bucket) throws IOException {
    if (!writing) {
      throw new IllegalStateException("the spill is being read back");
    }
    if (buckets[bucket] == null) {
      buckets[bucket] = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(dir.resolve("bucket-" + bucket)), 1 << 15));
    }
    return buckets[bucket];
  }
}
