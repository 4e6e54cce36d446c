package org.kafkaetl.core.offsets;

/** Life cycle of one planned range in etl_offsets. */
public enum RangeState {
  /** Written before the job starts. */
  PLANNED,
  /** The job that reads it was submitted. */
  RUNNING,
  /** Every offset of the range was read and landed (or written to the error file). */
  COMPLETE,
  /** The range was not fully read; {@code reached} says how far. Rerun fixes it. */
  INCOMPLETE,
  /**
   * Kafka had already deleted part (or, when planned so, all) of the range; the lost part is
   * recorded, everything Kafka still had landed. Final: nothing more can be read.
   */
  LOST;

  public boolean isFinal() {
    return this == COMPLETE || this == LOST;
  }
}
