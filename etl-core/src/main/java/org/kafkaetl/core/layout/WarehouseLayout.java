package org.kafkaetl.core.layout;

import java.time.LocalDate;

/**
 * Where the daily merge writes: one Avro file per (topic, date, Kafka partition), and a new part
 * when the hourly files' schema changes:
 *
 * <pre>
 * &lt;warehouseRoot&gt;/&lt;topic&gt;/&lt;yyyy-MM-dd&gt;/&lt;topic&gt;.&lt;partition&gt;.avro          part 0
 * &lt;warehouseRoot&gt;/&lt;topic&gt;/&lt;yyyy-MM-dd&gt;/&lt;topic&gt;.&lt;partition&gt;.part-&lt;n&gt;.avro  part n &gt; 0
 * </pre>
 *
 * Readers read a partition's parts in part order; each part is a complete Avro file with its own
 * schema, and offsets increase across parts.
 */
public final class WarehouseLayout {
  /** The file in a day directory that says the day is complete (written by the merge). */
  public static final String COMPLETE_MARKER = "_COMPLETE";

  private final String warehouseRoot;

  public WarehouseLayout(String warehouseRoot) {
    this.warehouseRoot = warehouseRoot.length() > 1 && warehouseRoot.endsWith("/")
        ? warehouseRoot.substring(0, warehouseRoot.length() - 1) : warehouseRoot;
  }

  public String dayDir(String topic, LocalDate date) {
    return warehouseRoot + "/" + topic + "/" + date;
  }

  /** The day's complete marker. */
  public String completeMarker(String topic, LocalDate date) {
    return dayDir(topic, date) + "/" + COMPLETE_MARKER;
  }

  public String dailyFile(String topic, LocalDate date, int partition, int part) {
    String suffix = part == 0 ? ".avro" : ".part-" + part + ".avro";
    return dayDir(topic, date) + "/" + topic + "." + partition + suffix;
  }

  /**
   * Where cleanup keeps an hour's error files (undecodable messages, their only copy) when it
   * deletes the hour directory; the leading underscore keeps table readers out.
   */
  public String errorsDir(String topic, org.kafkaetl.core.HourPartition hour) {
    return warehouseRoot + "/" + topic + "/_errors/" + hour;
  }

  /** Scratch name a rebuild writes before it replaces the daily file. */
  public String rebuildFile(String topic, LocalDate date, int partition, int part) {
    return dayDir(topic, date) + "/_rebuild/" + topic + "." + partition + "." + part + ".avro";
  }
}
