-- Where each incarnation of a partition continues: the largest end_offset of its etl_offsets rows,
-- written in the transaction that stores those rows. Planning reads and locks one row per partition
-- here instead of every row it ever stored, and pruning old etl_offsets rows cannot move it back.
-- pruned_through: the end of the last etl_offsets row pruned (rows before it are gone), so the audit
-- of the retained window still knows where its first row must begin.
CREATE TABLE etl_partition_ends (
  topic           VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  kafka_partition INT          NOT NULL,
  incarnation     INT          NOT NULL,
  topic_id        VARCHAR(32)  COLLATE utf8mb4_bin NULL COMMENT 'Kafka topic id of the incarnation',
  end_offset      BIGINT       NOT NULL COMMENT 'MAX(end_offset) of its etl_offsets rows, pruned ones included',
  pruned_through  BIGINT       NULL COMMENT 'rows ending at or before this offset were pruned',
  PRIMARY KEY (topic, kafka_partition, incarnation)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
