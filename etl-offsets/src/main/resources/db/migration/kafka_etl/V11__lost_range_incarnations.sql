-- Incarnations of recreated topics (see V9), one ALTER per migration.
ALTER TABLE etl_lost_ranges
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation, begin_offset);
