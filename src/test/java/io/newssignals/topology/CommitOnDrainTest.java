package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitOnDrainTest {

  /** A commit interval of 100 ms: requests at least 80 ms apart. */
  private final CommitOnDrain policy = new CommitOnDrain(100);

  /** @return the checks, at the given times, that found a commit due */
  private List<Long> dueAt(long... times) {
    List<Long> due = new ArrayList<>();
    for (long time : times) {
      if (policy.due(time)) {
        due.add(time);
      }
    }
    return due;
  }

  private void keep() {
    policy.processed();
    policy.forwarded();
  }

  @Test
  void nothingProcessedIsNeverDue() {
    assertEquals(List.of(), dueAt(0, 5, 10, 200));
  }

  @Test
  void aKeptItemIsDueAtTheFirstCheckWithoutAnyRecordSinceThePrevious() {
    keep();
    assertEquals(List.of(), dueAt(1_000));
    keep();
    assertEquals(List.of(), dueAt(1_005));
    assertEquals(List.of(1_010L), dueAt(1_010, 1_015, 1_020));
  }

  @Test
  void droppedCopiesAloneAreNeverDue() {
    policy.processed();
    policy.processed();
    assertEquals(List.of(), dueAt(0, 5, 10, 200));
  }

  @Test
  void aDroppedCopyStillShowsThatTheInputIsNotDrained() {
    keep();
    assertEquals(List.of(), dueAt(0));
    policy.processed();
    assertEquals(List.of(), dueAt(5));
    assertEquals(List.of(10L), dueAt(10));
  }

  @Test
  void requestsAreAtLeastFourFifthsOfTheCommitIntervalApart() {
    keep();
    assertEquals(List.of(5L), dueAt(0, 5));
    // What the requested commit released comes back as a second, smaller burst: it waits.
    keep();
    assertEquals(List.of(), dueAt(40, 45, 80, 84));
    assertEquals(List.of(85L), dueAt(85, 90));
  }
}
