package org.kafkaetl.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.kafkaetl.offsets.Database;

/**
 * The database server's own CPU time, read from /proc for a server on this machine. On a shared
 * 2-core machine wall times swing with whatever else runs; the CPU the server spent on a step (its
 * background purge of the rows the step replaced waited out and counted) is what the step costs, so
 * two schemas or two ways of writing can be compared across runs at different loads.
 */
final class ServerCpu {
  /** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
  private static final double TICKS = 100.0;
  /** Undo entries below which purge counts as done: a few are always in flight. */
  private static final long PURGED = 1_000;

  private final Database db;
  private final Path stat;

  private ServerCpu(Database db, Path stat) {
    this.db = db;
    this.stat = stat;
  }

  /** Empty when the server is not a process of this machine (its pid file is not readable here). */
  static Optional<ServerCpu> of(Database db) {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@pid_file")) {
      rs.next();
      String pid = Files.readString(Path.of(rs.getString(1))).strip();
      Path stat = Path.of("/proc", pid, "stat");
      return Files.isReadable(stat) ? Optional.of(new ServerCpu(db, stat)) : Optional.empty();
    } catch (SQLException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** CPU seconds (user + system) the server has used since it started. */
  double seconds() throws IOException {
    String line = Files.readString(stat);
    // fields after the command name in parentheses: state is field 3, utime 14 and stime 15
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
  }

  /** Pages InnoDB has read from disk since the server started (misses of the buffer pool). */
  long pagesReadFromDisk() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'")) {
      return rs.next() ? rs.getLong(2) : 0;
    }
  }

  /** Waits (up to two minutes) until InnoDB has purged the old versions of the rows changed so far. */
  void awaitPurge() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        // a status variable of MariaDB: SHOW ENGINE INNODB STATUS needs the PROCESS privilege
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'")) {
          if (!rs.next() || rs.getLong(2) < PURGED) {
            return;
          }
        }
        Thread.sleep(200);
      }
    }
  }
}
