-- A range's rows of one topic and hour sit together in the primary key (hour, topic, …) since V27,
-- so the reads by topic and hours (status, audit, the fleet view) go through it, hour by hour, and
-- the covering (topic, hour, end_offset, state, records) index goes: it was one more B-tree entry
-- for startRun to insert per range and one more for finishRun to move (state and records change),
-- a third of the index work of recording an outcome (docs/performance.md (4)).
ALTER TABLE etl_offsets DROP INDEX etl_offsets_topic_hour;
