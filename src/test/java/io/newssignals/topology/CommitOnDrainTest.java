package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitOnDrainTest {

  /** A commit interval of 100 ms: a burst within 50 ms after a request is the request's own. */
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
  void aBurstSoonAfterARequestIsLeftToTheRegularCommit() {
    keep();
    assertEquals(List.of(5L), dueAt(0, 5));
    // What the requested commit released comes back as a second, smaller burst: not due, and
    // forgotten, so that it does not ask later, out of step with the regular commits.
    keep();
    assertEquals(List.of(), dueAt(20, 25, 60, 100));
    // The next burst, a regular commit's, is due as soon as it is drained.
    keep();
    assertEquals(List.of(110L), dueAt(105, 110));
    // Half the commit interval after the last request is no longer too soon.
    keep();
    assertEquals(List.of(160L), dueAt(155, 160));
  }

  @Test
  void anIntervalThatNeverEndsAsksOnlyOnce() {
    CommitOnDrain never = new CommitOnDrain(Long.MAX_VALUE);
    never.processed();
    never.forwarded();
    never.due(0);
    assertEquals(true, never.due(5));
    never.processed();
    never.forwarded();
    never.due(10);
    assertEquals(false, never.due(Long.MAX_VALUE / 2));
  }
}
