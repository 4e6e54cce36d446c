-- The audit reads a window's rows of one topic: with (topic, hour) alone each row was one more lookup
-- into the primary key, whose rows are ordered by partition and offset, so one day's rows lay spread
-- over every page of the history kept and the audit of a day grew with the days kept (2.5 times
-- slower with 30 days than with 1, docs/performance.md). Carrying the columns the audit reads makes
-- the window one contiguous stretch of this index (InnoDB adds the primary key's columns to it).
-- One ALTER: atomic on its own, and built in place without blocking writes.
ALTER TABLE etl_offsets
  DROP INDEX etl_offsets_topic_hour,
  ADD KEY etl_offsets_topic_hour (topic, hour, end_offset, state, records);
