package org.kafkaetl.core.status;

import java.util.List;

/**
 * The hour counts the fleet view shows per topic, in the order shown, with the names the text
 * header and the JSON keys use; part of the documented JSON shape, so names never change.
 */
enum FleetColumns {
  COMPLETE(CellState.MERGED, "complete"),
  NOT_MERGED(CellState.UNMERGED, "notMerged"),
  LOST(CellState.LOST, "lost"),
  INCOMPLETE(CellState.INCOMPLETE, "incomplete"),
  RUNNING(CellState.OPEN, "running"),
  NO_DATA(CellState.EMPTY, "noData");

  static final List<FleetColumns> SHOWN = List.of(values());

  private final CellState state;
  private final String key;

  FleetColumns(CellState state, String key) {
    this.state = state;
    this.key = key;
  }

  CellState state() {
    return state;
  }

  String key() {
    return key;
  }
}
