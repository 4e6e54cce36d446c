package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system with permissions read and set through {@code java.nio}. Without Hadoop's
 * native library the stock one forks {@code chmod} for every file it creates and {@code ls} for
 * every permission it reads: tests that replay a protocol at every crash point spent most of their
 * time starting processes.
 */
public class ForkFreeLocalFileSystem extends LocalFileSystem {
  public ForkFreeLocalFileSystem() {
    super(new Raw());
  }

  /** One, ready to use. */
  static ForkFreeLocalFileSystem initialized() throws IOException {
    ForkFreeLocalFileSystem fs = new ForkFreeLocalFileSystem();
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  /** A configuration whose {@code file:} scheme is this file system, uncached. */
  static Configuration configuration(Class<? extends ForkFreeLocalFileSystem> implementation) {
    Configuration conf = new Configuration();
    conf.setClass("fs.file.impl", implementation, org.apache.hadoop.fs.FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  private static final class Raw extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Set<PosixFilePermission> set = new HashSet<>();
      for (int bit = 0; bit < BITS.length; bit++) {
        if ((permission.toShort() & (1 << bit)) != 0) {
          set.add(BITS[bit]);
        }
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      return withPermissions(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      FileStatus[] statuses = super.listStatus(f);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = withPermissions(statuses[i]);
      }
      return statuses;
    }

    private FileStatus withPermissions(FileStatus status) throws IOException {
      PosixFileAttributes attributes;
      try {
        attributes = Files.readAttributes(pathToFile(status.getPath()).toPath(), PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException(status.getPath() + " is gone");
      }
      short mode = 0;
      for (int bit = 0; bit < BITS.length; bit++) {
        if (attributes.permissions().contains(BITS[bit])) {
          mode |= (short) (1 << bit);
        }
      }
      return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(),
          status.getModificationTime(), status.getAccessTime(), new FsPermission(mode),
          attributes.owner().getName(), attributes.group().getName(), status.getPath());
    }
  }
}
