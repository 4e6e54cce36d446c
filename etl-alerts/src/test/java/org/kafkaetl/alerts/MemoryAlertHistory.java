package org.kafkaetl.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;

/** The alert history in memory, keeping the rows as lines "outcome channels key[ failed:channels]". */
final class MemoryAlertHistory implements AlertHistory {
  final List<String> rows = new ArrayList<>();
  /** Per key, the channels of each send since its last resolution (present = open incident). */
  private final Map<String, Set<String>> open = new LinkedHashMap<>();
  private final Map<String, Instant> lastSent = new HashMap<>();
  /** Per key, its latest raise that was not suppressed, or its resolution (no alert, no first raise). */
  private final Map<String, Raise> latest = new LinkedHashMap<>();

  private record Raise(Alert alert, Outcome outcome, Instant at, Instant firstRaised) {}

  @Override
  public Optional<Instant> lastSent(String key) {
    return Optional.ofNullable(lastSent.get(key));
  }

  @Override
  public void record(Alert alert, Instant at, Instant firstRaised, Outcome outcome, List<String> delivered,
      List<String> failed) {
    rows.add(outcome.name().toLowerCase(Locale.ROOT) + " " + String.join(",", delivered) + " " + alert.key()
        + (failed.isEmpty() ? "" : " failed:" + String.join(",", failed)));
    if (outcome == Outcome.SENT) {
      lastSent.put(alert.key(), at);
    }
    if (outcome != Outcome.SUPPRESSED) {
      open.computeIfAbsent(alert.key(), k -> new TreeSet<>()).addAll(delivered);
      latest.remove(alert.key());
      latest.put(alert.key(), new Raise(alert, outcome, at, firstRaised));
    }
  }

  @Override
  public List<UndeliveredPage> undeliveredSince(Instant since) {
    return latest.values().stream()
        .filter(r -> r.outcome() == Outcome.UNDELIVERED && !r.firstRaised().isBefore(since))
        .sorted(Comparator.comparing(Raise::at))
        .map(r -> new UndeliveredPage(r.alert(), r.firstRaised())).toList();
  }

  @Override
  public List<OpenIncident> openIncidents(String keyPrefix) {
    return open.entrySet().stream().filter(e -> e.getKey().startsWith(keyPrefix) && !e.getValue().isEmpty())
        .map(e -> new OpenIncident(e.getKey(), e.getValue())).toList();
  }

  @Override
  public void recordResolution(String key, String summary, Instant at, List<String> channels) {
    rows.add("resolved " + String.join(",", channels) + " " + key);
    open.remove(key);
    lastSent.remove(key);
    latest.remove(key);
    latest.put(key, new Raise(null, Outcome.SENT, at, at));
  }
}
