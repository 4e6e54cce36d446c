-- Rows clustered by hour: a run inserts its ranges and records their outcomes at the end of the
-- table, in a few pages, however many days are kept. Clustered by partition (V9's key) each run wrote
-- one page per partition spread over the whole history, and with the unique end index that was two
-- pages per partition: once those outgrow the buffer pool every run reads them from disk, so planning
-- and finishRun grew with the days kept (docs/performance.md (4)). Two rows of a partition still
-- cannot begin at the same offset (etl_offsets_begin); that two cannot end at the same offset
-- follows from startRun's tiling check (each range begins where the partition's last one ended,
-- under etl_partition_ends' row lock), so its index goes. One ALTER: atomic on its own; it rebuilds
-- the table (minutes per 10 M rows), which MariaDB does in place while other statements go on.
ALTER TABLE etl_offsets
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (hour, topic, kafka_partition, incarnation, begin_offset),
  DROP INDEX etl_offsets_end,
  ADD UNIQUE KEY etl_offsets_begin (topic, kafka_partition, incarnation, begin_offset);
