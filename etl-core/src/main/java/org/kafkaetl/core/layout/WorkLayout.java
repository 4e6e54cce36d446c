package org.kafkaetl.core.layout;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

/**
 * Where the hourly job lands files. One hour directory per run hour; inside it, paths are
 * relative so the same names are used in a task's attempt directory and after commit:
 *
 * <pre>
 * &lt;workRoot&gt;/&lt;yyyyMMddHH&gt;/&lt;topic&gt;/&lt;yyyy-MM-dd&gt;/&lt;topic&gt;.&lt;partition&gt;.&lt;begin&gt;-&lt;end&gt;.avro
 * &lt;workRoot&gt;/&lt;yyyyMMddHH&gt;/&lt;topic&gt;/_errors/&lt;topic&gt;.&lt;partition&gt;.&lt;begin&gt;-&lt;end&gt;.errors.avro
 * &lt;workRoot&gt;/&lt;yyyyMMddHH&gt;/_reports/&lt;topic&gt;.&lt;partition&gt;.&lt;begin&gt;-&lt;end&gt;.json
 * &lt;workRoot&gt;/&lt;yyyyMMddHH&gt;/_reports/_index/&lt;topic&gt;.json
 * </pre>
 *
 * The date directory is the records' event date, so late data lands under an earlier date. The
 * name carries the planned range, so a rerun of the range overwrites exactly its files.
 */
public final class WorkLayout {
  public static final String REPORTS_DIR = "_reports";
  /**
   * Under {@link #REPORTS_DIR}, one index per topic holding the reports of many ranges (written
   * only by folding the hour's loose reports into it); no loose report name lacks a dot, so none
   * collides with it.
   */
  public static final String INDEX_DIR = "_index";
  public static final String ERRORS_DIR = "_errors";
  /**
   * Date directory of records whose event time was outside their topic's window under the
   * quarantine policy: a real yyyy-MM-dd, so the merge, audit and printed commands handle it like
   * any date, and one no window can reach (EventTimeWindow.LONGEST_AGE), so it holds nothing else.
   */
  public static final LocalDate QUARANTINE_DATE = LocalDate.EPOCH;
  /**
   * Under an hour directory, one work directory per run's job ({@code _attempts/run-<id>/}); a
   * topic of this name would collide with it, like one named after the reports directory.
   */
  public static final String ATTEMPTS_DIR = "_attempts";
  /** Where a rerun keeps the earlier read of the ranges it reads again until its own read is settled. */
  public static final String EARLIER_DIR = "_earlier";
  /**
   * Where reads that must not count as a range's read but may hold records no other file has (a
   * commit cut short, a read that met a recreated topic) are kept for a person instead of deleted.
   */
  public static final String JUNK_DIR = "_junk";
  /**
   * Suffix of a directory under {@link #EARLIER_DIR} that a run left for a person because a report
   * in it could not be read (nothing says which ranges its files are the read of).
   */
  public static final String UNREADABLE_SUFFIX = ".unreadable-report";
  private static final Pattern DATA_FILE =
      Pattern.compile("([a-zA-Z0-9._-]+)\\.(\\d+)\\.(\\d+)-(\\d+)\\.avro");
  private static final Pattern REPORT_FILE =
      Pattern.compile("([a-zA-Z0-9._-]+)\\.(\\d+)\\.(\\d+)-(\\d+)\\.json");

  private final String workRoot;

  public WorkLayout(String workRoot) {
    this.workRoot = stripTrailingSlash(workRoot);
  }

  public String workRoot() {
    return workRoot;
  }

  public String hourDir(HourPartition hour) {
    return workRoot + "/" + hour;
  }

  public static String baseName(KafkaEvent event) {
    return event.topic() + "." + event.partition().partition() + "." + event.range();
  }

  public static String dataFile(KafkaEvent event, LocalDate eventDate) {
    return event.topic() + "/" + eventDate + "/" + baseName(event) + ".avro";
  }

  public static String errorFile(KafkaEvent event) {
    return event.topic() + "/" + ERRORS_DIR + "/" + baseName(event) + ".errors.avro";
  }

  /**
   * The name a map task writes the range's report under. Readers and movers of reports do not use
   * it: they go through the Hadoop-side {@code HourReports} (module etl-hdfs), so where reports lie
   * can change in one place.
   */
  public static String reportFile(KafkaEvent event) {
    return REPORTS_DIR + "/" + baseName(event) + ".json";
  }

  /** The index of a topic's reports in an hour directory; see {@link #INDEX_DIR}. */
  public static String topicIndexFile(String topic) {
    return REPORTS_DIR + "/" + INDEX_DIR + "/" + topic + ".json";
  }

  /** The event a data file name stands for, if the name is one this layout writes. */
  public static Optional<KafkaEvent> parseDataFileName(String fileName) {
    return parse(DATA_FILE.matcher(fileName));
  }

  /** The event a loose report's file name (under {@link #REPORTS_DIR}) stands for, if it is one. */
  public static Optional<KafkaEvent> parseReportFileName(String fileName) {
    return parse(REPORT_FILE.matcher(fileName));
  }

  private static Optional<KafkaEvent> parse(Matcher m) {
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new KafkaEvent(
          new TopicPartition(m.group(1), Integer.parseInt(m.group(2))),
          new OffsetRange(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The event date a date directory's name stands for, if it is one. */
  public static Optional<LocalDate> parseDateDir(String name) {
    try {
      return Optional.of(LocalDate.parse(name));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
