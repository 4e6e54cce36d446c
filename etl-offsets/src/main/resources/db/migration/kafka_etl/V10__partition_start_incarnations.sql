-- Incarnations of recreated topics (see V9), one ALTER per migration.
-- A recreated topic's partitions start again; the old incarnation's start stays for the audit.
ALTER TABLE etl_partition_starts
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  ADD COLUMN topic_id VARCHAR(32) COLLATE utf8mb4_bin NULL AFTER incarnation,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation);
