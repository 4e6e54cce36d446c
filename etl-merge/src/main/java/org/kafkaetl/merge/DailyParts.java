package org.kafkaetl.merge;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's daily parts of a date as the ledger names them. A rebuild writes its parts into
 * {@code <day>/_rebuild/}, records them in the ledger (its commit point) and then moves them in;
 * whatever step a dead merge stopped at, {@link #settle} makes the files what the ledger says:
 * scratch parts the ledger names are moved in, scratch parts it does not name are dropped, and parts
 * numbered beyond the ledger's last (a rebuild to fewer parts that died before removing them, a
 * failed new part) are removed. Runs under the topic's merge lock, before any partition's work.
 */
final class DailyParts {
  private static final Logger LOG = LoggerFactory.getLogger(DailyParts.class);

  private final HdfsFiles files;
  private final WarehouseLayout layout;
  private final MergeLockWatch lock;
  /** Topic and dates {@link #settle} has settled: nothing of theirs is left to settle partition by partition. */
  private final Set<String> settled = ConcurrentHashMap.newKeySet();

  DailyParts(HdfsFiles files, WarehouseLayout layout, MergeLockWatch lock) {
    this.files = files;
    this.layout = layout;
    this.lock = lock;
  }

  /**
   * Settles every partition of the date, whether or not it has work now: two listings (the scratch
   * directory, the day directory), then only the parts that need it.
   */
  void settle(String topic, LocalDate date, List<LedgerEntry> merged) throws IOException {
    Map<Integer, List<LedgerEntry>> byPartition = merged.stream()
        .collect(Collectors.groupingBy(e -> e.hourly().partition()));
    Pattern scratchName = Pattern.compile(Pattern.quote(topic) + "\\.(\\d+)\\.\\d+\\.avro");
    Path scratchDir = scratchDir(topic, date);
    if (fs().exists(scratchDir)) {
      TreeSet<Integer> withScratch = new TreeSet<>();
      for (FileStatus f : fs().listStatus(scratchDir)) {
        Matcher m = scratchName.matcher(f.getPath().getName());
        if (m.matches()) {
          withScratch.add(Integer.parseInt(m.group(1)));
        }
      }
      for (int partition : withScratch) {
        settleScratch(topic, date, partition, byPartition.getOrDefault(partition, List.of()));
      }
      deleteIfEmpty(scratchDir);
    }
    Path dayDir = new Path(layout.dayDir(topic, date));
    if (fs().exists(dayDir)) {
      for (FileStatus f : fs().listStatus(dayDir)) {
        Optional<int[]> named = partAndNumber(topic, f.getPath().getName());
        if (named.isPresent() && byPartition.containsKey(named.get()[0])
            && named.get()[1] > lastPart(byPartition.get(named.get()[0]))) {
          remove(topic, date, named.get()[0], f.getPath());
        }
      }
    }
    settled.add(topic + "|" + date);
  }

  /** Moves in or drops one partition's scratch parts (see the class comment); cheap when there are none. */
  void settleScratch(String topic, LocalDate date, int partition, List<LedgerEntry> mergedHere) throws IOException {
    if (settled.contains(topic + "|" + date) || !fs().exists(scratchDir(topic, date))) {
      return;
    }
    int lastPart = lastPart(mergedHere);
    boolean movedIn = false;
    for (int part = 0; part <= lastPart + 1 || fs().exists(scratch(topic, date, partition, part)); part++) {
      Path scratch = scratch(topic, date, partition, part);
      if (!fs().exists(scratch)) {
        continue;
      }
      int ofPart = part;
      String named = mergedHere.stream().filter(e -> e.part() == ofPart).map(LedgerEntry::dailyFileId).findFirst()
          .orElse(null);
      if (named != null && named.equals(fileIdOrNull(scratch))) {
        LOG.warn("{} {} partition {}: finishing a rebuild that died after recording it: moving {} into place", topic,
            date, partition, scratch);
        moveIn(scratch, new Path(layout.dailyFile(topic, date, partition, part)));
        movedIn = true;
      } else {
        LOG.warn("{} {} partition {}: dropping {}, left by a rebuild that died before recording it", topic, date,
            partition, scratch);
        lock.requireHeld("drop " + scratch);
        fs().delete(scratch, false);
      }
    }
    if (movedIn) {
      removePartsFrom(topic, date, partition, lastPart + 1);
    }
    deleteIfEmpty(scratchDir(topic, date));
  }

  /** Moves a rebuild's parts in, in part order, and removes the parts beyond them. */
  void replace(String topic, LocalDate date, int partition, List<Path> scratch) throws IOException {
    for (int part = 0; part < scratch.size(); part++) {
      moveIn(scratch.get(part), new Path(layout.dailyFile(topic, date, partition, part)));
    }
    removePartsFrom(topic, date, partition, scratch.size());
    deleteIfEmpty(scratchDir(topic, date));
  }

  /** Removes every part of the partition numbered {@code first} or more, whatever gaps there are. */
  private void removePartsFrom(String topic, LocalDate date, int partition, int first) throws IOException {
    Path dayDir = new Path(layout.dayDir(topic, date));
    if (!fs().exists(dayDir)) {
      return;
    }
    for (FileStatus f : fs().listStatus(dayDir)) {
      Optional<int[]> named = partAndNumber(topic, f.getPath().getName());
      if (named.isPresent() && named.get()[0] == partition && named.get()[1] >= first) {
        remove(topic, date, partition, f.getPath());
      }
    }
  }

  private void remove(String topic, LocalDate date, int partition, Path part) throws IOException {
    LOG.warn("{} {} partition {}: removing {}, a part the ledger does not name", topic, date, partition, part);
    lock.requireHeld("remove " + part);
    files.recoverLease(part);
    fs().delete(part, false);
  }

  /** Partition and part number of a daily part's file name ({@link WarehouseLayout#dailyFile}). */
  private static Optional<int[]> partAndNumber(String topic, String name) {
    Matcher m = Pattern.compile(Pattern.quote(topic) + "\\.(\\d+)(?:\\.part-(\\d+))?\\.avro").matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))});
  }

  private static int lastPart(List<LedgerEntry> mergedHere) {
    return mergedHere.stream().mapToInt(LedgerEntry::part).max().orElse(-1);
  }

  /**
   * Partitions are merged concurrently, so another partition's rebuild may put a scratch part into
   * the directory (or remove the directory) between the look and the delete: that is no failure.
   */
  private void deleteIfEmpty(Path dir) throws IOException {
    try {
      if (fs().exists(dir) && fs().listStatus(dir).length == 0) {
        fs().delete(dir, false);
      }
    } catch (FileNotFoundException e) {
      // removed meanwhile
    } catch (IOException e) {
      try {
        if (!fs().exists(dir) || fs().listStatus(dir).length > 0) {
          return;
        }
      } catch (FileNotFoundException gone) {
        return;
      }
      throw e;
    }
  }

  private void moveIn(Path scratch, Path daily) throws IOException {
    lock.requireHeld("move " + scratch + " over " + daily);
    FileContext.getFileContext(fs().getUri(), fs().getConf()).rename(scratch, daily, Options.Rename.OVERWRITE);
  }

  /**
   * A scratch part's file id; null when a rebuild died before its header was complete. Any other
   * failure to read it is passed on: the part may be the only copy of a recorded rebuild.
   */
  private String fileIdOrNull(Path scratch) throws IOException {
    if (fs().getFileStatus(scratch).getLen() == 0) {
      return null;
    }
    try {
      return AvroFiles.fileId(fs(), scratch);
    } catch (EOFException e) {
      return null;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).startsWith("Not an Avro data file")) {
        return null;
      }
      throw e;
    }
  }

  private Path scratch(String topic, LocalDate date, int partition, int part) {
    return new Path(layout.rebuildFile(topic, date, partition, part));
  }

  private Path scratchDir(String topic, LocalDate date) {
    return new Path(layout.rebuildFile(topic, date, 0, 0)).getParent();
  }

  private FileSystem fs() {
    return files.fs();
  }
}
