package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.minikdc.MiniKdc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cron wrapper's Kerberos path for real (docs/operations.md, Kerberos): a KDC (MiniKdc) issues
 * the ETL principal's keytab, scripts/kafka-etl-cron runs the system's kinit into a ticket cache of
 * its own, and the job it starts — here a JVM standing in for {@code hadoop jar} — logs Hadoop in
 * from that cache. Needs MIT kinit (scripts/install-test-deps installs krb5-user).
 */
@Timeout(60)
class KerberosCronTest {
  private static final Path WRAPPER = Path.of("..", "scripts/kafka-etl-cron").toAbsolutePath();
  private static final String PRINCIPAL = "etl/localhost";

  @TempDir
  Path dir;
  private MiniKdc kdc;
  private String krb5ConfBefore;

  @BeforeEach
  void startKdc() throws Exception {
    krb5ConfBefore = System.getProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF);
    Path work = Files.createDirectories(dir.resolve("kdc"));
    kdc = new MiniKdc(MiniKdc.createConf(), work.toFile());
    kdc.start();
  }

  @AfterEach
  void stopKdc() {
    kdc.stop();
    // MiniKdc points this JVM's Kerberos at its krb5.conf; the tests after this one must not inherit it.
    if (krb5ConfBefore == null) {
      System.clearProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF);
    } else {
      System.setProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF, krb5ConfBefore);
    }
  }

  @Test
  void theJobStartsWithATicketForTheKeytabsPrincipalInTheWrappersOwnCache() throws Exception {
    Path keytab = dir.resolve("etl.keytab");
    kdc.createPrincipal(keytab.toFile(), PRINCIPAL);
    Path krb5Conf = krb5Conf();

    Process cron = wrapper(keytab, fullName(), probeCommand(krb5Conf), krb5Conf);

    assertThat(finish(cron)).as(logs()).isZero();
    assertThat(logs()).contains("logged in as " + fullName() + " auth:KERBEROS ticket:true");
    assertThat(dir.resolve("logs/krb5cc_kafka-etl")).as("the wrapper's own ticket cache").exists();
  }

  @Test
  void aKeytabWithoutThePrincipalStopsTheRunBeforeTheJobWithExitOne() throws Exception {
    Path keytab = dir.resolve("other.keytab");
    kdc.createPrincipal(keytab.toFile(), "other/localhost");
    Path jobRan = dir.resolve("job-ran");

    Process cron = wrapper(keytab, fullName(), "touch " + jobRan, krb5Conf());

    assertThat(finish(cron)).as(logs()).isEqualTo(1);
    assertThat(new String(cron.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("kafka-etl-cron: kinit failed");
    assertThat(logs()).contains("kinit -kt " + keytab + " " + fullName() + " failed");
    assertThat(jobRan).doesNotExist();
  }

  private String fullName() {
    return PRINCIPAL + "@" + kdc.getRealm();
  }

  /** What /etc/krb5.conf says on a cluster host: the realm and its KDC, over TCP as MiniKdc serves it. */
  private Path krb5Conf() throws IOException {
    String realm = kdc.getRealm();
    return Files.writeString(dir.resolve("krb5.conf"), """
        [libdefaults]
          default_realm = %s
          udp_preference_limit = 1
          dns_lookup_kdc = false
          dns_lookup_realm = false
        [realms]
          %s = {
            kdc = %s:%d
          }
        """.formatted(realm, realm, kdc.getHost(), kdc.getPort()));
  }

  /** This test's class path; surefire's booter jar names the rest in its manifest. */
  private static String probeCommand(Path krb5Conf) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return java + " -Djava.security.krb5.conf=" + krb5Conf + " -cp " + System.getProperty("java.class.path")
        + " " + KerberosLoginProbe.class.getName();
  }

  private Process wrapper(Path keytab, String principal, String job, Path krb5Conf) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("bash", WRAPPER.toString());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("KAFKA_ETL_") || key.startsWith("KRB5"));
    env.put("KAFKA_ETL_LOG_DIR", dir.resolve("logs").toString());
    env.put("KAFKA_ETL_KEYTAB", keytab.toString());
    env.put("KAFKA_ETL_PRINCIPAL", principal);
    env.put("KAFKA_ETL_COMMAND", job);
    env.put("KRB5_CONFIG", krb5Conf.toString());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("the wrapper ended").isTrue();
    return process.exitValue();
  }

  private String logs() throws IOException {
    Path logDir = dir.resolve("logs");
    if (!Files.isDirectory(logDir)) {
      return "(no log directory)";
    }
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        text.append(Files.readString(f));
      }
    }
    return text.toString();
  }
}
