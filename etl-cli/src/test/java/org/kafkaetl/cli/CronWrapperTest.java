package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/kafka-etl-cron and conf/cron/kafka-etl.cron, run for real with a fake job command. */
class CronWrapperTest {
  private static final Path REPO = Path.of("..");
  private static final Path WRAPPER = REPO.resolve("scripts/kafka-etl-cron").toAbsolutePath();
  private static final String LOG_NAME = "kafka-etl-\\d{10}\\.log";
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopLeftovers() {
    started.forEach(p -> {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    });
  }

  @Test
  void aRunStartedWhileTheLastOneRunsIsSkippedWithExitFourAndTheExitCodeIsPassedThrough() throws Exception {
    Path running = dir.resolve("running");
    Path release = dir.resolve("release");
    Path secondRan = dir.resolve("second-ran");
    String hourBefore = hourNow();
    // The slow job: says it runs, then waits (bounded) until the test lets it end with exit 3.
    Process first = wrapper("echo fake job output; touch " + running + "; for i in $(seq 300); do"
        + " [ -e " + release + " ] && break; sleep 0.1; done; exit 3", "first");
    await().atMost(LIMIT).until(() -> Files.exists(running));

    Process second = wrapper("touch " + secondRan, "second");
    assertThat(second.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isEqualTo(4);
    assertThat(secondRan).doesNotExist();
    assertThat(first.isAlive()).isTrue();

    Files.createFile(release);
    assertThat(first.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(3);
    assertThat(stderr("first")).contains("kafka-etl run exited 3; see " + dir.resolve("logs"));
    assertThat(stderr("second")).isEmpty();

    assertThat(logNames()).allMatch(name -> name.matches(LOG_NAME))
        .containsAnyOf("kafka-etl-" + hourBefore + ".log", "kafka-etl-" + hourNow() + ".log");
    assertThat(logs())
        .contains("start: bash -c echo fake job output", "fake job output", "exit 3 after")
        .contains("skipped: the previous run still holds " + dir.resolve("logs/kafka-etl.lock") + " (exit 4, nothing done)");
  }

  @Test
  void theLockIsFreeAgainOnceARunEnds() throws Exception {
    assertThat(finish(wrapper("exit 0", "one"))).isZero();
    assertThat(finish(wrapper("echo again; exit 0", "two"))).isZero();
    assertThat(logs()).contains("again").doesNotContain("skipped");
  }

  @Test
  void byDefaultItRunsHadoopJarRunWithTheConfiguredJarConfigAndCredentialProvider() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path hadoop = Files.writeString(bin.resolve("hadoop"), "#!/bin/sh\necho \"fake hadoop: $*\"\nexit 3\n");
    hadoop.toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"),
        "KAFKA_ETL_JAR", "/opt/kafka-etl/kafka-etl-job.jar", "KAFKA_ETL_CONF", "/etc/kafka-etl/etl.properties",
        "KAFKA_ETL_CREDENTIAL_PROVIDER", "jceks://file/etc/kafka-etl/etl.jceks");

    assertThat(finish(wrapper(null, "default", env))).isEqualTo(3);
    assertThat(logs()).contains("fake hadoop: jar /opt/kafka-etl/kafka-etl-job.jar"
        + " -D hadoop.security.credential.provider.path=jceks://file/etc/kafka-etl/etl.jceks"
        + " run --config /etc/kafka-etl/etl.properties");
  }

  @Test
  void cronStartsTheWrapperHourlyAtFivePast() throws IOException {
    List<String[]> entries;
    try (Stream<String> lines = Files.lines(REPO.resolve("conf/cron/kafka-etl.cron"))) {
      entries = lines.map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.matches("^[A-Z_0-9]+=.*"))
          .map(l -> l.split("\\s+"))
          .toList();
    }
    assertThat(entries).singleElement().satisfies(fields -> {
      assertThat(fields).hasSize(7);
      assertThat(List.of(fields).subList(0, 5)).containsExactly("5", "*", "*", "*", "*");
      assertThat(fields[6]).endsWith("/scripts/kafka-etl-cron");
    });
  }

  private Process wrapper(String fakeJob, String name) throws IOException {
    return wrapper(fakeJob, name, Map.of());
  }

  /** @param fakeJob the job's command line, or null for the wrapper's default */
  private Process wrapper(String fakeJob, String name, Map<String, String> moreEnv) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(WRAPPER.toString())
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("KAFKA_ETL_"));
    env.put("KAFKA_ETL_LOG_DIR", dir.resolve("logs").toString());
    if (fakeJob != null) {
      env.put("KAFKA_ETL_COMMAND", fakeJob);
    }
    env.putAll(moreEnv);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private String stderr(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
  }

  private List<String> logNames() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
    }
  }

  private String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String name : logNames()) {
      all.append(Files.readString(dir.resolve("logs").resolve(name), StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  private static String hourNow() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHH"));
  }
}
