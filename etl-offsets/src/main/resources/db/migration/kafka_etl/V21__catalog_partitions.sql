-- Per topic and day: what the table catalog (the Hive Metastore) was last told about the day's partition,
-- or, while it could not be told (metastore down, table refused), since when it has waited and why.
-- The next run or merge retries every row with pending_since set; after hive.pending.alert.after it alerts
-- with the register command. A row whose registered_* match the day's marker needs no metastore call.
CREATE TABLE etl_catalog_partitions (
  topic               VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  day                 DATE         NOT NULL,
  table_name          VARCHAR(257) NOT NULL COMMENT 'database.table',
  registered_complete BOOLEAN      NULL COMMENT 'NULL: never registered',
  registered_revision INT          NULL COMMENT 'revision of the _COMPLETE marker registered; 0 before the day completed',
  registered_records  BIGINT       NULL,
  registered_at       TIMESTAMP(3) NULL,
  pending_since       TIMESTAMP(3) NULL COMMENT 'NULL: nothing waits to be registered',
  last_error          VARCHAR(2000) NULL,
  PRIMARY KEY (topic, day),
  KEY etl_catalog_partitions_pending (pending_since)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
