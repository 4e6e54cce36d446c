-- Fills etl_partition_ends (V14) from the rows stored so far; from now on the writer of etl_offsets
-- keeps it. A separate migration: if it fails, the table exists and this alone runs again.
INSERT INTO etl_partition_ends (topic, kafka_partition, incarnation, topic_id, end_offset)
SELECT topic, kafka_partition, incarnation, MAX(topic_id), MAX(end_offset)
FROM etl_offsets GROUP BY topic, kafka_partition, incarnation;
