package org.kafkaetl.it.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * An unreliable file system for fault injection: appends fail with an IOException once
 * {@code failAfterBytes} bytes have been written through one append stream. Everything else,
 * lease recovery included, goes to the real HDFS.
 */
public final class FailingFileSystem extends FilterFileSystem implements LeaseRecoverable {
  private final long failAfterBytes;

  public FailingFileSystem(DistributedFileSystem real, long failAfterBytes) {
    super(real);
    this.failAfterBytes = failAfterBytes;
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
    FSDataOutputStream real = fs.append(f, bufferSize, progress);
    return new FSDataOutputStream(new FailAfter(real, failAfterBytes), null, real.getPos());
  }

  @Override
  public boolean recoverLease(Path file) throws IOException {
    return ((DistributedFileSystem) fs).recoverLease(file);
  }

  @Override
  public boolean isFileClosed(Path file) throws IOException {
    return ((DistributedFileSystem) fs).isFileClosed(file);
  }

  public FileSystem real() {
    return fs;
  }

  private static final class FailAfter extends FilterOutputStream {
    private long remaining;

    FailAfter(OutputStream out, long bytes) {
      super(out);
      this.remaining = bytes;
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > remaining) {
        out.write(b, off, (int) Math.max(0, remaining));
        out.flush();
        remaining = 0;
        throw new IOException("injected failure: the disk is gone after " + "the allowed bytes");
      }
      remaining -= len;
      out.write(b, off, len);
    }

    private void check(int len) throws IOException {
      if (remaining < len) {
        throw new IOException("injected failure after the allowed bytes");
      }
      remaining -= len;
    }
  }
}
