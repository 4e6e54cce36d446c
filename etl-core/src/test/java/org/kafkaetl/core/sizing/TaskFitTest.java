package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskFitTest {
  private static final TaskFit.Request MAP = new TaskFit.Request(512, 1);
  private static final TaskFit.Request MASTER = new TaskFit.Request(512, 1);

  @Test
  void theFewerOfMemoryAndVcoresBesideTheMaster() {
    // 6144 MB hold 12 tasks of 512 MB, 8 vcores hold 8: the master takes one vcore, 7 are left.
    QueueSlots slots = TaskFit.slots("default", Optional.empty(), List.of(new TaskFit.Request(6144, 8)), MAP, MASTER);
    assertThat(slots.mapTasks()).isEqualTo(7);
    assertThat(slots.basis()).isEqualTo("1 running node 6144 MB, 8 vcores; a map task 512 MB, 1 vcores, the job's"
        + " master 512 MB, 1 vcores");
  }

  @Test
  void theQueuesShareBoundsBelowTheNodes() {
    QueueSlots slots = TaskFit.slots("etl", Optional.of(new TaskFit.Request(2048, 100)),
        List.of(new TaskFit.Request(6144, 8)), MAP, MASTER);
    assertThat(slots.mapTasks()).isEqualTo(3);
    assertThat(slots.basis()).startsWith("queue share 2048 MB, 100 vcores; ");
  }

  @Test
  void aContainerNeverSpansNodesAndTheMasterGoesWhereItCostsLeast() {
    // two nodes of 1000 MB hold one 600 MB task each (not three, as 2000 MB would); the 300 MB master
    // fits beside the task on either, so both tasks stay.
    QueueSlots slots = TaskFit.slots("default", Optional.empty(), List.of(new TaskFit.Request(1000, 4),
        new TaskFit.Request(1000, 4)), new TaskFit.Request(600, 1), new TaskFit.Request(300, 1));
    assertThat(slots.mapTasks()).isEqualTo(2);
    // a master of 500 MB costs one node its task
    assertThat(TaskFit.slots("default", Optional.empty(), List.of(new TaskFit.Request(1000, 4),
        new TaskFit.Request(1000, 4)), new TaskFit.Request(600, 1), new TaskFit.Request(500, 1)).mapTasks())
        .isEqualTo(1);
  }

  @Test
  void noRoomForOneMapTaskIsAnError() {
    assertThatThrownBy(() -> TaskFit.slots("tiny", Optional.of(new TaskFit.Request(512, 1)),
        List.of(new TaskFit.Request(6144, 8)), MAP, MASTER)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("queue tiny has no room for one map task");
    assertThatThrownBy(() -> TaskFit.slots("any", Optional.empty(), List.of(), MAP, MASTER))
        .isInstanceOf(IllegalStateException.class);
  }
}
