package org.kafkaetl.it.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;

/** For programs that print their own progress (the demo, the benchmarks): infrastructure stays quiet. */
public final class Quiet {
  private Quiet() {}

  /** Runs {@code action} with System.out captured (the Kafka test kit prints its storage format there). */
  public static <T> T stdout(Callable<T> action) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return action.call();
    } catch (Exception | Error e) {
      original.print(captured.toString(StandardCharsets.UTF_8));
      throw e;
    } finally {
      System.setOut(original);
    }
  }

  /** The tool's own logs at WARN, Hadoop's and Kafka's at ERROR. */
  public static void infrastructureLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
      ctx.getLogger("org.kafkaetl").setLevel(ch.qos.logback.classic.Level.WARN);
      ctx.getLogger("org.flywaydb").setLevel(ch.qos.logback.classic.Level.WARN);
      ctx.getLogger("org.apache.hadoop").setLevel(ch.qos.logback.classic.Level.ERROR);
      ctx.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
      ctx.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }
}
