-- A run's fence reads the rows it took over from other runs (an incomplete range it retries, a
-- rerun's ranges) by reader_run_id. After markRunning a run is also the reader of every range it
-- planned itself, so with reader_run_id alone that read passed through all of the run's own rows
-- (135 000 at 100 000 partitions) and locked them a second time. With run_id beside it, "read by
-- this run, planned by another" is two short stretches of the index. One ALTER: atomic on its own.
ALTER TABLE etl_offsets
  DROP INDEX etl_offsets_reader,
  ADD KEY etl_offsets_reader (reader_run_id, run_id);
