package org.kafkaetl.it.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the log alert sender sends, so tests can assert on alerts as an operator sees them. */
public final class AlertCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("kafka-etl.alerts");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public AlertCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  public List<String> alerts() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
