package org.kafkaetl.mapreduce.job;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.kafkaetl.core.KafkaEvent;

/** The events one mapper reads. Its length is the message count, which orders splits by size. */
public final class EtlInputSplit extends InputSplit implements Writable {
  private List<KafkaEvent> events = new ArrayList<>();

  public EtlInputSplit() {}

  public EtlInputSplit(List<KafkaEvent> events) {
    this.events = List.copyOf(events);
  }

  public List<KafkaEvent> events() {
    return events;
  }

  @Override
  public long getLength() {
    return events.stream().mapToLong(KafkaEvent::messages).sum();
  }

  @Override
  public String[] getLocations() {
    return new String[0];
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(events.size());
    for (KafkaEvent e : events) {
      Text.writeString(out, JobSettings.encodeEvent(e));
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int n = in.readInt();
    List<KafkaEvent> read = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      read.add(JobSettings.decodeEvent(Text.readString(in)));
    }
    events = List.copyOf(read);
  }

  @Override
  public String toString() {
    return events.toString();
  }
}
