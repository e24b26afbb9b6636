package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {

  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void expiresOnlyAfterMoreThanTheTimeoutWithoutActivity() {
    IdleTimeout idle = new IdleTimeout(Duration.ofNanos(100), now::get);

    now.set(1_100);
    assertEquals(false, idle.expired());
    now.set(1_101);
    assertEquals(true, idle.expired());
  }

  @Test
  void activityStartsTheIdleTimeAgain() {
    IdleTimeout idle = new IdleTimeout(Duration.ofNanos(100), now::get);

    now.set(1_090);
    idle.activity();
    now.set(1_190);
    assertEquals(false, idle.expired());
    now.set(1_191);
    assertEquals(true, idle.expired());
  }

  @Test
  void countsFromWhenItIsMadeNotFromAnyEarlierTime() {
    now.set(50_000);
    IdleTimeout idle = new IdleTimeout(Duration.ofNanos(100), now::get);

    now.set(50_100);
    assertEquals(false, idle.expired());
  }

  @Test
  void noTimeoutNeverExpires() {
    IdleTimeout idle = new IdleTimeout(null, now::get);

    now.set(Long.MAX_VALUE);
    assertEquals(false, idle.expired());
  }
}
