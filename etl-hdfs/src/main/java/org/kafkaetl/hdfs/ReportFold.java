package org.kafkaetl.hdfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds an hour's loose reports into one index per topic without ever changing which report counts
 * for a range (see {@link HourReports}): per topic, a new index (the old one with each loose report
 * put in and each tombstone's entry taken out) is written into the folder's workspace and renamed
 * over the old (f2); only then is each loose file folded moved into the workspace (f3), never
 * deleted in place. Until f3 moves a loose file it is what counts, and it says what its new entry
 * says; after, the entry counts. A loose file that cannot be read stays loose.
 *
 * <p>The workspace must be one that a run taking the hour over fences and that cleanup removes with
 * the hour: every step here that writes goes into it or out of it without creating parents, so a
 * folder that lost the hour can neither replace an index nor move a report away.
 */
public final class ReportFold {
  private static final Logger LOG = LoggerFactory.getLogger(ReportFold.class);

  private final FileSystem fs;
  private final Path hourDir;

  public ReportFold(FileSystem fs, Path hourDir) {
    this.fs = fs;
    this.hourDir = hourDir;
  }

  /** What a fold did: per topic, the loose files it folded. */
  public record Folded(Map<String, Integer> looseByTopic) {
    public Folded {
      looseByTopic = java.util.Collections.unmodifiableMap(new TreeMap<>(looseByTopic));
    }

    public int loose() {
      return looseByTopic.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * @param workspace an existing directory of the folder's own (see the class comment)
   * @throws IOException when a step fails; what was done so far changed no report that counts
   */
  public Folded fold(Path workspace) throws IOException {
    Map<String, List<FileStatus>> looseByTopic = looseFiles();
    Map<String, Integer> folded = new TreeMap<>();
    for (Map.Entry<String, List<FileStatus>> topic : looseByTopic.entrySet()) {
      folded.put(topic.getKey(), foldTopic(topic.getKey(), topic.getValue(), workspace));
    }
    return new Folded(folded);
  }

  /** f1: the loose files of the hour's reports directory, by topic. */
  private Map<String, List<FileStatus>> looseFiles() throws IOException {
    Map<String, List<FileStatus>> byTopic = new TreeMap<>();
    FileStatus[] listed;
    try {
      listed = fs.listStatus(new Path(hourDir, WorkLayout.REPORTS_DIR));
    } catch (FileNotFoundException e) {
      return byTopic;
    }
    for (FileStatus file : listed) {
      Optional<KafkaEvent> event = file.isFile() ? WorkLayout.parseReportFileName(file.getPath().getName())
          : Optional.empty();
      event.ifPresent(e -> byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(file));
    }
    return byTopic;
  }

  private int foldTopic(String topic, List<FileStatus> loose, Path workspace) throws IOException {
    Path indexPath = new Path(hourDir, WorkLayout.topicIndexFile(topic));
    // f2. An index that cannot be read fails the fold: one written from nothing would drop every entry.
    TopicIndex index = read(indexPath);
    List<Path> folded = new ArrayList<>();
    for (FileStatus file : loose) {
      KafkaEvent event = WorkLayout.parseReportFileName(file.getPath().getName()).orElseThrow();
      Optional<RangeReport> report;
      try (InputStream in = fs.open(file.getPath())) {
        report = LooseReports.decode(in);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} cannot be read ({}); left loose, unfolded", file.getPath(), e.getMessage());
        continue;
      }
      if (report.isPresent() && !report.get().event().equals(event)) {
        LOG.warn("{} is the report of {}; left loose, unfolded", file.getPath(), report.get().event());
        continue;
      }
      index = report.map(index::with).orElse(index.without(event));
      folded.add(file.getPath());
    }
    if (folded.isEmpty()) {
      return 0;
    }
    // Apart from the loose files f3 moves in: a topic's name may read like a range's file name.
    Path indexes = new Path(workspace, WorkLayout.INDEX_DIR);
    FileSteps.mkdir(fs, indexes);
    Path written = new Path(indexes, topic + ".json");
    FileSteps.write(fs, written, index.encode());
    FileSteps.mkdir(fs, indexPath.getParent());
    FileSteps.replace(fs, written, indexPath);
    // f3: after the rename, so a reader that misses a loose file finds its entry in the new index.
    for (Path file : folded) {
      FileSteps.move(fs, file, new Path(workspace, file.getName()));
    }
    return folded.size();
  }

  private TopicIndex read(Path indexPath) throws IOException {
    try (InputStream in = fs.open(indexPath)) {
      return TopicIndex.decode(in);
    } catch (FileNotFoundException e) {
      return TopicIndex.EMPTY;
    } catch (IOException | RuntimeException e) {
      throw new IOException("topic index " + indexPath + " cannot be read (" + e.getMessage() + "); not folded", e);
    }
  }
}
