-- Incarnations of recreated topics (see V9), one ALTER per migration.
-- Hourly files of two incarnations can hold the same offsets on the same date.
ALTER TABLE etl_merge_ledger
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, event_date, incarnation, begin_offset);
