package org.kafkaetl.hdfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * The reports of one topic's ranges in an hour directory, folded from its loose reports into one
 * file ({@link WorkLayout#topicIndexFile}). The file is never changed in place: a fold writes a new
 * one and renames it over the old, so a file read whole is one index as a fold wrote it.
 *
 * @param reports by the range's name ({@link WorkLayout#baseName})
 */
public record TopicIndex(Map<String, RangeReport> reports) {
  /** An hour whose topic was never folded. */
  public static final TopicIndex EMPTY = new TopicIndex(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPORTS = "reports";

  public TopicIndex {
    reports = Collections.unmodifiableMap(new TreeMap<>(reports));
  }

  /** The report the index holds for the event's range. */
  public Optional<RangeReport> get(KafkaEvent event) {
    return Optional.ofNullable(reports.get(WorkLayout.baseName(event)));
  }

  public boolean has(KafkaEvent event) {
    return reports.containsKey(WorkLayout.baseName(event));
  }

  /** This index with the report as its range's entry, replacing any earlier one. */
  public TopicIndex with(RangeReport report) {
    Map<String, RangeReport> changed = new TreeMap<>(reports);
    changed.put(WorkLayout.baseName(report.event()), report);
    return new TopicIndex(changed);
  }

  /** This index without the range's entry. */
  public TopicIndex without(KafkaEvent event) {
    Map<String, RangeReport> changed = new TreeMap<>(reports);
    changed.remove(WorkLayout.baseName(event));
    return new TopicIndex(changed);
  }

  /** This index with {@code f} applied to each report. */
  public TopicIndex map(java.util.function.UnaryOperator<RangeReport> f) {
    Map<String, RangeReport> mapped = new TreeMap<>();
    reports.forEach((name, report) -> mapped.put(name, f.apply(report)));
    return new TopicIndex(mapped);
  }

  public byte[] encode() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode entries = root.putObject(REPORTS);
    reports.forEach((name, report) -> entries.set(name, ReportCodec.toJson(report)));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a topic index of " + reports.size() + " reports", e);
    }
  }

  /**
   * @throws NotAnIndexException when the stream is not an index, or an entry is not the report of
   *     the range it is filed under
   * @throws IOException when the stream cannot be read
   */
  public static TopicIndex decode(InputStream in) throws IOException {
    JsonNode entries;
    try {
      entries = JSON.readTree(in).path(REPORTS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NotAnIndexException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (!entries.isObject()) {
      throw new NotAnIndexException("not a topic index: no \"" + REPORTS + "\" object", null);
    }
    Map<String, RangeReport> reports = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : entries.properties()) {
      RangeReport report;
      try {
        report = ReportCodec.fromJson(entry.getValue());
      } catch (RuntimeException e) {
        throw new NotAnIndexException("entry " + entry.getKey() + " is not a report: " + e.getMessage(), e);
      }
      if (!WorkLayout.baseName(report.event()).equals(entry.getKey())) {
        throw new NotAnIndexException("entry " + entry.getKey() + " is the report of " + report.event(), null);
      }
      reports.put(entry.getKey(), report);
    }
    return new TopicIndex(reports);
  }

  /** Bytes that were read whole but are not an index: a person's matter, unlike a failed read. */
  public static final class NotAnIndexException extends IOException {
    private static final long serialVersionUID = 1L;

    NotAnIndexException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
