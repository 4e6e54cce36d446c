-- Open, incomplete and being-read ranges are a few rows among every row kept (100 000 partitions add
-- 2.4 M rows a day): these indexes let the open and incomplete ranges and a run's fence be read
-- without reading the rest, however much history is kept. One ALTER: atomic on its own.
ALTER TABLE etl_offsets
  ADD KEY etl_offsets_state (state, hour),
  ADD KEY etl_offsets_reader (reader_run_id);
