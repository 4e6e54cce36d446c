package org.kafkaetl.core.audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kafkaetl.core.OffsetRange;

/**
 * The file names of one topic as the audit reads them, parsed on its own from the documented
 * layout (docs/design.md) rather than with the writer's {@code WorkLayout}: a naming bug shared by
 * writer and audit would otherwise go unnoticed. A unit test keeps the two in agreement.
 *
 * <pre>
 * hourly data   &lt;topic&gt;.&lt;partition&gt;.&lt;begin&gt;-&lt;end&gt;.avro           (in &lt;hour&gt;/&lt;topic&gt;/&lt;yyyy-MM-dd&gt;/)
 * hourly errors &lt;topic&gt;.&lt;partition&gt;.&lt;begin&gt;-&lt;end&gt;.errors.avro    (in &lt;hour&gt;/&lt;topic&gt;/_errors/)
 * daily         &lt;topic&gt;.&lt;partition&gt;.avro, &lt;topic&gt;.&lt;partition&gt;.part-&lt;n&gt;.avro
 * </pre>
 */
public final class LandedNames {
  private final Pattern data;
  private final Pattern errors;
  private final Pattern daily;

  public LandedNames(String topic) {
    String t = Pattern.quote(topic);
    this.data = Pattern.compile(t + "\\.(\\d{1,9})\\.(\\d{1,19})-(\\d{1,19})\\.avro");
    this.errors = Pattern.compile(t + "\\.(\\d{1,9})\\.(\\d{1,19})-(\\d{1,19})\\.errors\\.avro");
    this.daily = Pattern.compile(t + "\\.(\\d{1,9})(?:\\.part-(\\d{1,9}))?\\.avro");
  }

  /** A file named for one partition's range. */
  public record RangeFile(int partition, OffsetRange range) {}

  /** A daily file: partition and part (0 for the first). */
  public record DailyName(int partition, int part) {}

  public Optional<RangeFile> dataFile(String name) {
    return rangeFile(data.matcher(name));
  }

  public Optional<RangeFile> errorFile(String name) {
    return rangeFile(errors.matcher(name));
  }

  public Optional<DailyName> dailyFile(String name) {
    Matcher m = daily.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new DailyName(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
  }

  private static Optional<RangeFile> rangeFile(Matcher m) {
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RangeFile(Integer.parseInt(m.group(1)),
          new OffsetRange(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
