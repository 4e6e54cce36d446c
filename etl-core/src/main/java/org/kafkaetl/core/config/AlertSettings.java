package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;

/**
 * Where alerts go. Tokens are {@link Password}s: never printed, never shipped to map tasks.
 *
 * @param senders channels, among log, sms and webhook
 * @param suppressionWindow an alert with the same key as one sent this recently is stored, not sent
 * @param redeliveryLookback a page nobody received is sent again by later commands until this long
 *     after it was first raised; zero: never
 * @param fixCommands how the commands in alerts start the tool
 */
public record AlertSettings(List<String> senders, Duration suppressionWindow, Duration redeliveryLookback,
    Optional<Sms> sms, Optional<Webhook> webhook, FixCommands fixCommands) {
  public AlertSettings {
    senders = List.copyOf(senders);
    java.util.Objects.requireNonNull(fixCommands, "fixCommands");
  }

  /** An HTTP SMS gateway: one request per recipient, body from a template. */
  public record Sms(String url, String method, List<String> recipients, String bodyTemplate, BodyFormat bodyFormat,
      Password token, Severity minSeverity) {
    public Sms {
      recipients = List.copyOf(recipients);
    }

    @Override
    public String toString() {
      return "Sms[url=" + Secrets.display("url", url) + ", method=" + method + ", recipients=" + recipients.size()
          + ", token=[hidden], minSeverity=" + minSeverity + "]";
    }
  }

  /** A JSON webhook receiving every alert. */
  public record Webhook(String url, Password token) {
    @Override
    public String toString() {
      return "Webhook[url=" + Secrets.display("url", url) + ", token=[hidden]]";
    }
  }

  /** How placeholder values are escaped in the SMS body. */
  public enum BodyFormat {
    JSON,
    FORM
  }
}
