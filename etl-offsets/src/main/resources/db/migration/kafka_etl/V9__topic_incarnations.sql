-- A topic deleted and created again in Kafka gets a new topic id and restarts its offsets, so the
-- same offsets stand for other messages. Each incarnation of a partition tiles on its own:
-- incarnation numbers them per partition (0 the first), topic_id is Kafka's id of it. Rows stored
-- before ids were kept have NULL; the next run stores Kafka's id on them as the same incarnation.
-- V9 to V12 hold one ALTER each: MariaDB/MySQL DDL is not transactional, and a single ALTER is atomic, so a
-- failure leaves whole tables either changed or not, and Flyway can repair and go on.
ALTER TABLE etl_offsets
  ADD COLUMN incarnation INT NOT NULL DEFAULT 0 COMMENT 'per partition: 0, then +1 each time the topic is recreated'
    AFTER kafka_partition,
  ADD COLUMN topic_id VARCHAR(32) COLLATE utf8mb4_bin NULL COMMENT 'Kafka topic id of the incarnation'
    AFTER incarnation,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (topic, kafka_partition, incarnation, begin_offset),
  DROP INDEX etl_offsets_end,
  ADD UNIQUE KEY etl_offsets_end (topic, kafka_partition, incarnation, end_offset);
