package org.kafkaetl.core.alert;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;

/**
 * The commands alerts and {@code status} tell an operator to run, spelled once. They start the
 * tool the way this cluster starts it and name the configuration file, so they can be pasted as
 * they are.
 *
 * @param launcher how the tool is started here, e.g. {@code hadoop jar /opt/kafka-etl/kafka-etl-job.jar}
 * @param configFile the configuration the commands run with, if not the launcher's default
 */
public record FixCommands(String launcher, Optional<String> configFile) {
  public static final String DEFAULT_LAUNCHER = "hadoop jar kafka-etl-job.jar";

  public FixCommands {
    if (launcher == null || launcher.isBlank()) {
      throw new IllegalArgumentException("launcher must not be blank");
    }
    configFile = configFile.filter(f -> !f.isBlank());
  }

  /** The default launcher, no configuration file named. */
  public static FixCommands defaults() {
    return new FixCommands(DEFAULT_LAUNCHER, Optional.empty());
  }

  /** One command for all the given partitions of a topic's hour. */
  public String rerun(String topic, Collection<Integer> partitions, HourPartition hour) {
    String list = partitions.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
    return command("rerun", "--topic " + topic + " --partition " + list + " --hour " + hour);
  }

  /** Redoes a day's merge, for one partition or (partition null) all. */
  public String merge(String topic, LocalDate date, Integer partition) {
    return command("merge", mergeArguments(topic, date, partition));
  }

  /** Rebuilds a day's daily files from the hourly files. */
  public String rebuild(String topic, LocalDate date, Integer partition) {
    return command("merge", mergeArguments(topic, date, partition) + " --rebuild");
  }

  /** Registers (or updates) a day's partition in the table catalog; also backfills days merged before. */
  public String register(String topic, LocalDate date) {
    return command("register", "--topic " + topic + " --date " + date);
  }

  /**
   * The hourly run, run by hand once what stopped it is fixed (otherwise the next scheduled run does
   * it); it settles ranges a dead run left open before it plans new ones.
   */
  public String run() {
    return command("run", "");
  }

  /** One topic's day as the hour x partition grid: what the fleet page points to for a topic. */
  public String status(String topic, LocalDate date) {
    return command("status", "--topic " + topic + " --date " + date);
  }

  private static String mergeArguments(String topic, LocalDate date, Integer partition) {
    return "--topic " + topic + " --date " + date + (partition == null ? "" : " --partition " + partition);
  }

  private String command(String subcommand, String arguments) {
    StringBuilder command = new StringBuilder(launcher).append(' ').append(subcommand);
    if (!arguments.isEmpty()) {
      command.append(' ').append(arguments);
    }
    configFile.ifPresent(f -> command.append(" --config ").append(quoted(f)));
    return command.toString();
  }

  /** Single-quoted for a POSIX shell when the path has characters a shell would interpret. */
  private static String quoted(String path) {
    return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}
