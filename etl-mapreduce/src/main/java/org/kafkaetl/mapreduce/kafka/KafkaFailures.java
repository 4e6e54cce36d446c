package org.kafkaetl.mapreduce.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.Secrets;

/**
 * Turns what the Kafka client throws into one line an operator can act on: it names the broker,
 * says whether credentials, permissions or the connection failed, and which {@code kafka.*} keys to
 * look at. Only a connection that did not answer is worth retrying.
 */
final class KafkaFailures {
  private final String bootstrap;
  private final String securityProtocol;

  KafkaFailures(Map<String, String> kafkaProperties) {
    this.bootstrap = kafkaProperties.getOrDefault("bootstrap.servers", "?");
    this.securityProtocol = kafkaProperties.getOrDefault("security.protocol", "PLAINTEXT");
  }

  /** The client could not be created: Kafka checks its settings then, so one of the kafka.* keys is wrong. */
  ConfigException refusedSettings(KafkaException e) {
    return new ConfigException(List.of("kafka.*: the Kafka client refuses these settings: " + rootMessage(e)));
  }

  /** {@code what} failed with {@code cause}, e.g. "describing topic t" with an authentication error. */
  EtlException failed(String what, Throwable cause) {
    if (cause instanceof AuthenticationException) {
      return new EtlException("Kafka at " + bootstrap + ": authentication failed while " + what + " ("
          + shown(cause) + "); check kafka.security.protocol, kafka.sasl.mechanism and kafka.sasl.jaas.config", cause);
    }
    if (cause instanceof AuthorizationException) {
      return new EtlException("Kafka at " + bootstrap + ": not authorized while " + what + " (" + shown(cause)
          + "); the ETL user needs Describe and Read on every topic in etl.topics", cause);
    }
    if (cause instanceof TimeoutException) {
      return noAnswer(what, shown(cause), cause);
    }
    return new RetriableException("Kafka at " + bootstrap + ": " + what + " failed (" + cause + ")", cause);
  }

  /**
   * No answer in time. A client whose security protocol does not match the broker's listener sees
   * the same as one that cannot reach the broker: connections that close, until the timeout.
   */
  RetriableException noAnswer(String what, String detail, Throwable cause) {
    return new RetriableException("Kafka at " + bootstrap + ": no answer while " + what + " (" + detail
        + "); the broker is down or unreachable, or its listener expects another protocol than kafka.security.protocol="
        + securityProtocol, cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return shown(root);
  }

  /** Kafka hides the values of its password settings; a JAAS text quoted in a message would still show one. */
  private static String shown(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Secrets.display("message", message);
  }
}
