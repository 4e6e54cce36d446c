package org.kafkaetl.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;

/** The hours of a read by topic are listed one by one, across a day's end, the last included. */
class HoursOfTopicTest {

  @Test
  void everyHourFromTheFirstToTheLastIsBoundThenTheTopic() throws Exception {
    HoursOfTopic hours = new HoursOfTopic("orders", HourPartition.parse("2026120722"), HourPartition.parse("2026120801"));
    List<Object> bound = new ArrayList<>();
    PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          if (method.getName().equals("setString")) {
            bound.add(args[0] + "=" + args[1]);
          }
          return null;
        });

    int next = hours.bind(ps, 3);

    assertThat(hours.where()).isEqualTo(" hour IN (?, ?, ?, ?) AND topic = ?");
    assertThat(bound).containsExactly("3=2026120722", "4=2026120723", "5=2026120800", "6=2026120801", "7=orders");
    assertThat(next).isEqualTo(8);
  }

  @Test
  void oneHourIsOneAndHoursRunningBackwardsAreRefused() {
    HourPartition hour = HourPartition.parse("2026120716");
    assertThat(new HoursOfTopic("t", hour, hour).where()).isEqualTo(" hour IN (?) AND topic = ?");
    assertThatThrownBy(() -> new HoursOfTopic("t", hour, hour.previous()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run backwards");
  }
}
