package org.kafkaetl.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the tool reports besides alerts: the fleet page written after each run, and the Prometheus
 * Pushgateway that run, rerun and merge push their metrics to. Both optional; neither is shipped to
 * tasks, and neither can fail a run.
 *
 * @param pagePath local file the fleet page is written to after each run
 * @param pageHours hours the page shows, up to the run's hour
 * @param pushgatewayUrl http(s)://[user:password@]host:port of the Pushgateway; may hold credentials,
 *     so it is printed only through {@link #pushgatewayForDisplay()}
 * @param pushgatewayJob the {@code job} label of everything pushed
 */
public record MonitoringSettings(Optional<String> pagePath, int pageHours, Optional<URI> pushgatewayUrl,
    String pushgatewayJob) {

  public MonitoringSettings {
    Objects.requireNonNull(pagePath, "pagePath");
    Objects.requireNonNull(pushgatewayUrl, "pushgatewayUrl");
    Objects.requireNonNull(pushgatewayJob, "pushgatewayJob");
  }

  /** The Pushgateway's address as it may appear in logs: credentials hidden. */
  public Optional<String> pushgatewayForDisplay() {
    return pushgatewayUrl.map(u -> Secrets.display(MonitoringConfigDef.METRICS_PUSHGATEWAY_URL.name(), u.toString()));
  }

  @Override
  public String toString() {
    return "MonitoringSettings[pagePath=" + pagePath + ", pageHours=" + pageHours + ", pushgatewayUrl="
        + pushgatewayForDisplay() + ", pushgatewayJob=" + pushgatewayJob + "]";
  }
}
