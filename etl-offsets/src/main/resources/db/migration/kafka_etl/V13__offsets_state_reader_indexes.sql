-- Open, incomplete and being-read ranges are a few rows among every row kept (100 000 partitions add
-- 2.4 M rows a day): (state, hour) and reader_run_id let the open and incomplete ranges and a run's
-- fence be read without reading the rest, however much history is kept. The audit, status and the
-- unfinished ranges of a window ask for one topic's hours: (topic, hour) reads just those, where
-- (hour, topic) read every topic's rows of the hours (and the optimizer sometimes preferred the
-- topic's whole primary key range, for its order). One ALTER: atomic on its own.
ALTER TABLE etl_offsets
  ADD KEY etl_offsets_state (state, hour),
  ADD KEY etl_offsets_reader (reader_run_id),
  ADD KEY etl_offsets_topic_hour (topic, hour),
  DROP INDEX etl_offsets_hour;
