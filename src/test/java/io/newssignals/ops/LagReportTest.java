package io.newssignals.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.testing.LagFixture;
import io.newssignals.testing.LocalStackExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lag in records and in time on the real broker, after producing N records and consuming M. */
@ExtendWith(LocalStackExtension.class)
class LagReportTest {

  private static final String TOPIC = "lag-report-test";
  private static final String GROUP = "lag-report-test-group";

  @Test
  void reportsTheExactLagOfAGroupThatConsumedFiveOfTenRecords() throws Exception {
    String bootstrap = LocalStackExtension.bootstrapServers();
    // An hour ago, so the broker accepts the timestamps; whole seconds, so ages are exact.
    Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    // Partition 0: 6 records, 4 consumed; partition 1: 4 records, 1 consumed.
    LagFixture.create(bootstrap, TOPIC, base, new int[] {6, 4}, GROUP, new int[] {4, 1});
    Instant now = base.plus(1, ChronoUnit.HOURS);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);

    try (Admin admin = Admin.create(settings);
        KafkaConsumer<byte[], byte[]> consumer = LagReport.consumer(settings)) {
      assertEquals(Set.of(TOPIC), LagReport.committedTopics(admin, GROUP));
      assertEquals(Set.of(), LagReport.committedTopics(admin, "lag-report-test-nobody"));

      LagReport report = LagReport.read(admin, consumer,
          Map.of(GROUP, List.of(TOPIC)), clock, LagReport.FETCH_TIMEOUT);

      long p0Age = now.toEpochMilli() - LagFixture.timestamp(base, 0, 4).toEpochMilli();
      long p1Age = now.toEpochMilli() - LagFixture.timestamp(base, 1, 1).toEpochMilli();
      assertEquals(new LagReport(now, List.of(new LagReport.Group(GROUP, List.of(
              new LagReport.Partition(TOPIC, 0, 4, 6, 2, p0Age),
              new LagReport.Partition(TOPIC, 1, 1, 4, 3, p1Age))))),
          report);
      assertEquals(5, report.groups().get(0).lag());
      assertEquals(p0Age, report.groups().get(0).lagMs());

      // A group that has consumed nothing is behind by everything, aged from the first record.
      LagReport nobody = LagReport.read(admin, consumer,
          Map.of("lag-report-test-nobody", List.of(TOPIC)), clock, LagReport.FETCH_TIMEOUT);
      assertEquals(List.of(
              new LagReport.Partition(TOPIC, 0, -1, 6, 6,
                  now.toEpochMilli() - LagFixture.timestamp(base, 0, 0).toEpochMilli()),
              new LagReport.Partition(TOPIC, 1, -1, 4, 4,
                  now.toEpochMilli() - LagFixture.timestamp(base, 1, 0).toEpochMilli())),
          nobody.groups().get(0).partitions());
    }
  }

  @Test
  void aGroupThatConsumedEverythingHasNoLag() throws Exception {
    String bootstrap = LocalStackExtension.bootstrapServers();
    Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    LagFixture.create(bootstrap, TOPIC + "-done", base, new int[] {3}, GROUP + "-done",
        new int[] {3});
    Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(settings);
        KafkaConsumer<byte[], byte[]> consumer = LagReport.consumer(settings)) {
      LagReport report = LagReport.read(admin, consumer,
          Map.of(GROUP + "-done", List.of(TOPIC + "-done")), Clock.systemUTC(),
          LagReport.FETCH_TIMEOUT);
      assertEquals(List.of(new LagReport.Partition(TOPIC + "-done", 0, 3, 3, 0, 0)),
          report.groups().get(0).partitions());
    }
  }
}
