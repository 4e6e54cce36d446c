-- A topic deleted and created again in Kafka gets a new topic id and restarts its offsets, so the
-- same offsets stand for other messages. Each incarnation of a partition tiles on its own:
-- incarnation numbers them per partition (0 the first), topic_id is Kafka's id of it. Rows stored
-- before ids were kept have NULL; the next run stores Kafka's id on them as the same incarnation.
ALTER TABLE etl_offsets
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 COMMENT 'per partition: 0, then +1 each time the topic is recreated'
    AFTER kafka_partition,
  ADD COLUMN topic_id VARCHAR(32) COLLATE utf8mb4_bin NULL COMMENT 'Kafka topic id of the incarnation'
    AFTER incarnation,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation, begin_offset),
  DROP INDEX etl_offsets_end,
  ADD UNIQUE KEY etl_offsets_end (topic, kafka_partition, incarnation, end_offset);

-- A recreated topic's partitions start again; the old incarnation's start stays for the audit.
ALTER TABLE etl_partition_starts
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  ADD COLUMN topic_id VARCHAR(32) COLLATE utf8mb4_bin NULL AFTER incarnation,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation);

ALTER TABLE etl_lost_ranges
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation, begin_offset);

-- Hourly files of two incarnations can hold the same offsets on the same date.
ALTER TABLE etl_merge_ledger
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 AFTER kafka_partition,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, event_date, incarnation, begin_offset);
