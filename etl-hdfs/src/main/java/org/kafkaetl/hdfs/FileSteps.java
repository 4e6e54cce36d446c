package org.kafkaetl.hdfs;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * The single file-system steps the report protocol relies on. On HDFS each is one NameNode
 * operation, so it either happens whole or not at all, and none creates a missing parent: a step
 * of a run whose directory was fenced (turned into a file) or removed with its hour fails instead of
 * recreating it. Elsewhere (the local file system of tests) they are emulated, checking first
 * that the parent is there (not atomic with the step).
 */
public final class FileSteps {
  private FileSteps() {}

  /** Renames {@code from} over {@code to}, replacing a file there. */
  public static void replace(FileSystem fs, Path from, Path to) throws IOException {
    if (fs instanceof DistributedFileSystem dfs) {
      dfs.rename(from, to, Options.Rename.OVERWRITE);
      return;
    }
    if (!isDirectory(fs, to.getParent()) || !fs.exists(from)) {
      throw new IOException("cannot move " + from + " to " + to + ": source or target directory missing");
    }
    // The local file system's rename replaces a file in one step (rename(2)) where it is allowed to.
    if (fs.rename(from, to)) {
      return;
    }
    fs.delete(to, false);
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  /** Moves {@code from} to {@code to}, which must not exist, into a directory that must. */
  public static void move(FileSystem fs, Path from, Path to) throws IOException {
    if (!(fs instanceof DistributedFileSystem) && !isDirectory(fs, to.getParent())) {
      throw new IOException("cannot move " + from + " to " + to + ": no directory " + to.getParent());
    }
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  /** Makes the directory if it is not there; its parent must be. */
  public static void mkdir(FileSystem fs, Path dir) throws IOException {
    if (fs instanceof DistributedFileSystem dfs) {
      if (!dfs.mkdir(dir, FsPermission.getDirDefault()) && !isDirectory(fs, dir)) {
        throw new IOException("cannot make directory " + dir);
      }
      return;
    }
    if (!isDirectory(fs, dir.getParent())) {
      throw new IOException("cannot make directory " + dir + ": no directory " + dir.getParent());
    }
    if (!fs.mkdirs(dir) || !isDirectory(fs, dir)) {
      throw new IOException("cannot make directory " + dir);
    }
  }

  /** Writes a new file (replacing one of its name) into a directory that must be there. */
  public static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
    if (!(fs instanceof DistributedFileSystem) && !isDirectory(fs, file.getParent())) {
      throw new IOException("cannot write " + file + ": no directory " + file.getParent());
    }
    try (OutputStream out = fs.createNonRecursive(file, true, 4096, fs.getDefaultReplication(file),
        fs.getDefaultBlockSize(file), null)) {
      out.write(bytes);
    }
  }

  private static boolean isDirectory(FileSystem fs, Path dir) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(dir);
      return status.isDirectory();
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
  }
}
