package org.kafkaetl.it.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.cli.KafkaEtlMain;
import picocli.CommandLine;

/**
 * Runs the real command line in-process against a Hadoop configuration (the minicluster's, or
 * local mode), with a configuration file written from a map.
 */
public final class EtlCli {
  private final Configuration hadoopConf;
  private final Path configFile;

  public EtlCli(Configuration hadoopConf, Path dir, Map<String, String> properties) {
    this.hadoopConf = hadoopConf;
    this.configFile = dir.resolve("kafka-etl.properties");
    write(configFile, properties);
  }

  public Path configFile() {
    return configFile;
  }

  /** Result of one command: exit code and what it printed. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  /** Runs with this CLI's configuration file, unless the arguments name one (a command as an alert printed it). */
  public Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--config")) {
      all.addAll(List.of("--config", configFile.toString()));
    }
    return execute(hadoopConf, all.toArray(String[]::new));
  }

  /**
   * Runs with this CLI's configuration file in a JVM of its own (this test's class path, Hadoop
   * local mode), as {@code scripts/kafka-etl} does: only what reaches the process's stdout and
   * stderr before it exits counts, which an in-process run with picocli's writers replaced cannot show.
   */
  public Result runAsProcess(String... args) {
    // the logging scripts/kafka-etl runs with (to stderr), not the tests' own: stdout is what a user gets
    Path logging = Path.of("..", "conf", "logback.xml").toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"),
        KafkaEtlMain.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", configFile.toString()));
    try {
      Path out = Files.createTempFile(configFile.getParent(), "cli", ".out");
      Path err = Files.createTempFile(configFile.getParent(), "cli", ".err");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kafka-etl " + String.join(" ", args) + " did not end in 180 s");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Result execute(Configuration hadoopConf, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KafkaEtlMain.commandLine(new Configuration(hadoopConf));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  public static void write(Path file, Map<String, String> properties) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(properties).forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
