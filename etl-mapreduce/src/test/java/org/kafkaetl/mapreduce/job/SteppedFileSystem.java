package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system, for tests of what a fold does when something else happens between two of
 * its steps: it runs an action once, before the first operation a predicate picks
 * ({@code "rename <from> <to>"}, {@code "delete <path>"}, {@code "mkdirs <path>"}, {@code "create <path>"},
 * {@code "list <path>"}), and can crash at the k-th rename: that rename and every change after it fail.
 */
final class SteppedFileSystem extends LocalFileSystem {
  private Predicate<String> when = op -> false;
  private Runnable action = () -> { };
  private int renamesBeforeCrash = Integer.MAX_VALUE;
  private boolean crashed;

  static SteppedFileSystem create() throws IOException {
    SteppedFileSystem fs = new SteppedFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return fs;
  }

  /** Runs {@code action} once, before the first operation {@code operation} picks. */
  SteppedFileSystem before(Predicate<String> operation, Runnable action) {
    this.when = operation;
    this.action = action;
    return this;
  }

  /** The k-th rename (from 1) fails, and so does every change after it. */
  SteppedFileSystem crashAtRename(int k) {
    this.renamesBeforeCrash = k - 1;
    return this;
  }

  boolean crashed() {
    return crashed;
  }

  private void step(String op, boolean change) throws IOException {
    if (when.test(op)) {
      when = o -> false;
      action.run();
    }
    if (change && crashed) {
      throw new IOException("simulated crash: " + op);
    }
    if (op.startsWith("rename ") && renamesBeforeCrash-- <= 0) {
      crashed = true;
      throw new IOException("simulated crash: " + op);
    }
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    step("rename " + src + " " + dst, true);
    return super.rename(src, dst);
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    step("delete " + f, true);
    return super.delete(f, recursive);
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    step("mkdirs " + f, true);
    return super.mkdirs(f);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    step("create " + f, true);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    step("create " + f, true);
    return super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    step("create " + f, true);
    return super.createNonRecursive(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    step("list " + f, false);
    return super.listStatus(f);
  }
}
