package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the real entry point (Hadoop's ToolRunner, then picocli) as cron would, with secrets from
 * every source, and looks for them in everything the process shows: stdout, stderr and every log
 * event at every level, stack traces included.
 */
class SecretsNeverShownTest {
  private static final String DB_SECRET = "Db-Secret-7f3a";
  private static final String SMS_SECRET = "Sms-Secret-91c2";
  private static final String WEBHOOK_SECRET = "Hook-Secret-44e0";
  private static final List<String> SECRETS = List.of(DB_SECRET, SMS_SECRET, WEBHOOK_SECRET);

  @TempDir
  Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<Runnable> restore = new ArrayList<>();

  @BeforeEach
  void captureEverything() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    restore.add(() -> {
      System.setOut(out);
      System.setErr(err);
    });
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs.setContext(context);
    logs.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    restore.add(() -> root.detachAppender(logs));
    for (Logger logger : List.of(root, context.getLogger("org.kafkaetl"))) {
      Level level = logger.getLevel();
      logger.setLevel(Level.TRACE);
      restore.add(() -> logger.setLevel(level));
    }
  }

  @AfterEach
  void stopCapturing() {
    restore.forEach(Runnable::run);
  }

  @Test
  void aRunThatCannotReachTheDatabaseShowsNoSecretFromAnySource() throws Exception {
    String provider = Keystores.jceks(dir.resolve("etl.jceks"), Map.of("db.password", DB_SECRET));
    Path smsTokenFile = ownerOnlyFile("sms.token", SMS_SECRET);
    Path config = config(Map.of("alerts.sms.token.file", smsTokenFile.toString(),
        "alerts.webhook.token", WEBHOOK_SECRET));

    int exit = kafkaEtl("-D", "hadoop.security.credential.provider.path=" + provider, "run", "--config", config.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(shown()).contains("cannot connect to the database")
        .contains("db.password taken from the Hadoop credential provider " + provider)
        .contains("alerts.sms.token taken from the file " + smsTokenFile);
    assertNoSecretShown();
  }

  @Test
  void aRunWithThePasswordInTheConfigurationFileShowsItNowhere() throws Exception {
    Path config = config(Map.of("db.password", DB_SECRET, "alerts.sms.token", SMS_SECRET,
        "alerts.webhook.token", WEBHOOK_SECRET));

    assertThat(kafkaEtl("run", "--config", config.toString())).isEqualTo(1);
    assertThat(shown()).contains("cannot connect to the database");
    assertNoSecretShown();
  }

  @Test
  void aConfigurationErrorListsProblemsButNoSecret() throws Exception {
    Path config = config(Map.of("db.password", DB_SECRET, "alerts.sms.token", SMS_SECRET,
        "alerts.webhook.token", WEBHOOK_SECRET, "alerts.webhook.token.file", "/etc/hook.token", "etl.max.mappers", "0"));

    assertThat(kafkaEtl("run", "--config", config.toString())).isEqualTo(2);
    assertThat(shown()).contains("etl.max.mappers", "alerts.webhook.token.file: set together with alerts.webhook.token");
    assertNoSecretShown();
  }

  @Test
  void helpShowsWhereSecretsComeFromButNoSecret() throws Exception {
    Path config = config(Map.of("db.password", DB_SECRET));
    for (String command : List.of("run", "rerun", "merge", "cleanup")) {
      assertThat(kafkaEtl("-D", "db.password=" + DB_SECRET, command, "--help", "--config", config.toString()))
          .isZero();
    }
    assertThat(kafkaEtl("--help")).isZero();
    assertThat(shown()).contains("KAFKA_ETL_DB_PASSWORD", "hadoop.security.credential.provider.path", "db.password.file");
    assertNoSecretShown();
  }

  private int kafkaEtl(String... args) throws Exception {
    return ToolRunner.run(new Configuration(), new KafkaEtlMain(), args);
  }

  private void assertNoSecretShown() {
    String shown = shown();
    SECRETS.forEach(secret -> assertThat(shown).as("everything shown").doesNotContain(secret));
  }

  private String shown() {
    StringBuilder all = new StringBuilder(console.toString(StandardCharsets.UTF_8));
    for (ILoggingEvent event : logs.list) {
      all.append('\n').append(event.getLevel()).append(' ').append(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        all.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    return all.toString();
  }

  /** Every alert channel on, so every token is read; the database is a port nobody listens on. */
  private Path config(Map<String, String> secrets) throws IOException {
    StringBuilder text = new StringBuilder()
        .append("kafka.bootstrap.servers=127.0.0.1:").append(closedPort()).append('\n')
        .append("db.url=jdbc:mysql://127.0.0.1:").append(closedPort()).append("/kafka_etl\n")
        .append("db.user=etl\n")
        .append("etl.topics=clicks\n")
        .append("etl.work.root=").append(dir.resolve("work")).append('\n')
        .append("etl.warehouse.root=").append(dir.resolve("warehouse")).append('\n')
        .append("alerts.senders=log,sms,webhook\n")
        .append("alerts.sms.url=http://127.0.0.1:").append(closedPort()).append("/sms\n")
        .append("alerts.sms.recipients=+10000000000\n")
        .append("alerts.webhook.url=http://127.0.0.1:").append(closedPort()).append("/hook\n");
    secrets.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return Files.writeString(dir.resolve("kafka-etl.properties"), text);
  }

  private Path ownerOnlyFile(String name, String content) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
