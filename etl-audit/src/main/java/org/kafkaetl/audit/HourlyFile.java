package org.kafkaetl.audit;

import java.time.LocalDate;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;

/** A landed hourly data file with the state of its etl_offsets row: what the daily files should hold. */
record HourlyFile(Path path, LocalDate date, int partition, OffsetRange range, HourPartition hour, RangeState state) {}
