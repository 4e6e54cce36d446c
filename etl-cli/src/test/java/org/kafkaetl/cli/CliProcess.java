package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link KafkaEtlMain} in a JVM of its own, as {@code hadoop jar} or {@code scripts/kafka-etl}
 * would: what a user sees is what reaches the process's stdout and stderr before it exits, which an
 * in-process run with picocli's writers replaced cannot show.
 */
final class CliProcess {
  /** What one command printed, and its exit code. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  /**
   * Each command here runs for a second or two, mostly loading classes: C1 only, the serial collector,
   * no bytecode verification of the class path and no perf-data file make the process start with about
   * a third less CPU. None of them prints anything or changes what the command does.
   */
  private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-XX:-UsePerfData");

  /**
   * The logging scripts/kafka-etl runs with (to stderr, as Hadoop's on a cluster), not the tests'
   * own: what stdout carries is part of what a user sees, e.g. nothing but the document with --json.
   */
  private static final Path SHIPPED_LOGGING = Path.of("..", "conf", "logback.xml").toAbsolutePath().normalize();

  private CliProcess() {}

  /** Runs in {@code workingDir} with {@code KAFKA_ETL_CONF} unset. */
  static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(FAST_START);
    command.add("-Dlogback.configurationFile=" + SHIPPED_LOGGING);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaEtlMain.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workingDir, "cli", ".out");
    Path err = Files.createTempFile(workingDir, "cli", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("KAFKA_ETL_CONF");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kafka-etl " + String.join(" ", args) + " did not end in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
