package org.kafkaetl.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian package's Prometheus Pushgateway, started on a free port of 127.0.0.1 without a
 * persistence file, and read back over HTTP as Prometheus scrapes it. Missing, it fails the test.
 */
final class Pushgateway implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("kafka.etl.test.pushgateway", "/usr/bin/prometheus-pushgateway"));
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Pushgateway(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Pushgateway start(Path scratch) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError("Pushgateway not found at " + BINARY + ": run scripts/install-test-deps (Debian"
          + " package prometheus-pushgateway), or point -Dkafka.etl.test.pushgateway at one");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // Debian's build persists to /var/lib/prometheus/pushgateway.data by default, which every
    // Pushgateway started on the machine would share: each test's starts empty in its own directory.
    Process process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
        "--persistence.file=" + scratch.resolve("pushgateway.data"))
        .redirectErrorStream(true).redirectOutput(scratch.resolve("pushgateway.log").toFile()).start();
    Pushgateway gateway = new Pushgateway(process, port);
    gateway.awaitReady(scratch);
    return gateway;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Every sample of {@code /metrics} whose name starts with {@code prefix}, keyed by name and
   * labels as Prometheus shows them, e.g. {@code kafka_etl_lost_offsets{command=run,instance=,job=kafka-etl,topic=orders}}.
   */
  Map<String, Double> samples(String prefix) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Double> samples = new TreeMap<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).startsWith(prefix)) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      if (sample.group(3) != null) {
        Matcher label = LABEL.matcher(sample.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.put(sample.group(1) + labels.toString().replace(" ", ""), Double.parseDouble(sample.group(4)));
    }
    return samples;
  }

  private void awaitReady(Path scratch) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Pushgateway exited " + process.exitValue() + ": "
            + Files.readString(scratch.resolve("pushgateway.log")));
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url().resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Pushgateway not ready in 30 s: " + Files.readString(scratch.resolve("pushgateway.log")));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
