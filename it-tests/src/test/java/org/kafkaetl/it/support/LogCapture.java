package org.kafkaetl.it.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.kafkaetl.it.fixtures.HadoopFixture;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while open: every event of this JVM, with kafka-etl's own loggers at TRACE and
 * Kafka's clients and their configuration at INFO (where they print every setting), stack traces included; and the
 * log files the MapReduce containers wrote meanwhile (the map tasks run in their own JVMs).
 */
public final class LogCapture implements AutoCloseable {
  private final HadoopFixture hadoop;
  private final long startedMillis = System.currentTimeMillis();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final List<Runnable> restore = new ArrayList<>();

  public LogCapture(HadoopFixture hadoop) {
    this.hadoop = hadoop;
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    events.setContext(context);
    events.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(events);
    restore.add(() -> root.detachAppender(events));
    lower(context.getLogger("org.kafkaetl"), Level.TRACE);
    lower(context.getLogger("org.apache.kafka.clients"), Level.INFO);
    lower(context.getLogger("org.apache.kafka.common.config"), Level.INFO);
  }

  private void lower(Logger logger, Level level) {
    Level before = logger.getLevel();
    logger.setLevel(level);
    restore.add(() -> logger.setLevel(before));
  }

  /** All captured text: this JVM's events, then the containers' log files. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(events.list)) {
      text.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    containerLogFiles().forEach(f -> text.append(read(f)).append('\n'));
    return text.toString();
  }

  /** How many container log files were written while open: evidence that {@link #text()} saw the tasks. */
  public long containerLogFileCount() {
    return containerLogFiles().size();
  }

  private List<Path> containerLogFiles() {
    List<Path> files = new ArrayList<>();
    String dirs = hadoop.yarnCluster().getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOG_DIRS, "");
    for (String dir : dirs.split(",")) {
      Path root = Paths.get(dir.replaceFirst("^file:", ""));
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(root)) {
        all.filter(Files::isRegularFile).filter(this::writtenSinceStart).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private boolean writtenSinceStart(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() >= startedMillis - 1000;
    } catch (IOException e) {
      return false; // removed while walking: nothing to read
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
    events.stop();
  }
}
