package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers and durations out of range are usage errors, refused before the command runs. */
class PositiveOptionsTest {

  private final CliRun cli = new CliRun();

  private String firstErrorLine() {
    return cli.err().split("\\R", 2)[0];
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      demo --timeout -5                           | --timeout              | positive   | -5
      demo --timeout 0                            | --timeout              | positive   | 0
      demo --lag-interval 0                       | --lag-interval         | positive   | 0
      demo --http-port -1                         | --http-port            | 0 or more  | -1
      demo --http-port 70000                      | --http-port            | at most 65535 | 70000
      demo --timeout 99999999999                  | --timeout              | at most 2147483647 | 99999999999
      alerts --port 65536                         | --port                 | at most 65535 | 65536
      tail signals.funding --idle-timeout 0       | --idle-timeout         | positive   | 0
      tail signals.funding --max-records -1       | --max-records          | positive   | -1
      alerts --idle-timeout -1                    | --idle-timeout         | positive   | -1
      alerts --max-alerts 0                       | --max-alerts           | positive   | 0
      alerts --webhook-attempts 0                 | --webhook-attempts     | positive   | 0
      alerts --webhook-backoff-ms 0               | --webhook-backoff-ms   | positive   | 0
      alerts --port -1                            | --port                 | 0 or more  | -1
      run --partitions 0                          | --partitions           | positive   | 0
      run --replication-factor -1                 | --replication-factor   | positive   | -1
      run --start-timeout 0                       | --start-timeout        | positive   | 0
      run --connect-timeout -3                    | --connect-timeout      | positive   | -3
      run --extraction-budget-ms 0                | --extraction-budget-ms | positive   | 0
      run --dedup-window PT-1S                    | --dedup-window         | 0 or more  | PT-1S
      ingest --max-item-bytes 0 samples           | --max-item-bytes       | positive   | 0
      ingest --connect-timeout 0 samples          | --connect-timeout      | positive   | 0
      feeds --max-item-bytes -2 sources.yaml      | --max-item-bytes       | positive   | -2
      lag --interval 0                            | --interval             | positive   | 0
      bench --items 0                             | --items                | positive   | 0
      bench --size -1                             | --size                 | positive   | -1
      bench --rate 0                              | --rate                 | positive   | 0
      bench --latency-items 0                     | --latency-items        | positive   | 0
      bench --stage-timeout -1                    | --stage-timeout        | positive   | -1
      """)
  void aValueOutOfRangeIsAUsageErrorNamingTheOption(
      String commandLine, String option, String range, String value) {
    int code = cli.execute(commandLine.split(" "));

    assertEquals(ExitCodes.USAGE, code, cli.err());
    assertEquals("Invalid value for option '" + option + "': must be " + range + ", got " + value,
        firstErrorLine());
  }

  @Test
  void zeroIsAcceptedWhereItMeansSomething() {
    // Past the checks, run stops at the missing cluster: exit 1, not 2.
    int code = cli.execute("run", "--dedup-window", "PT0S", "--http-port", "0", "--schema-registry-url",
        "http://127.0.0.1:1");

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals("error: No Kafka cluster given: use --bootstrap-servers or NEWS_SIGNALS_BOOTSTRAP_SERVERS",
        cli.err().strip());
  }

  @Test
  void helpIsPrintedWhateverTheOtherOptionsSay() {
    assertEquals(ExitCodes.OK, cli.execute("demo", "--help", "--timeout", "-5"));
    assertEquals("Usage: news-signals demo", cli.out().split(" \\[")[0]);
  }

  @Test
  void aWebhookThatIsNotHttpAndAnOutputInNoFolderAreUsageErrors() {
    assertEquals(ExitCodes.USAGE, cli.execute("alerts", "--webhook", "ftp://127.0.0.1/x"), cli.err());
    assertEquals("Invalid value for option '--webhook': webhook URL must be http or https: ftp://127.0.0.1/x",
        firstErrorLine());

    cli.clear();
    Path missing = Path.of("/nonexistent-news-signals", "x.jsonl");
    assertEquals(ExitCodes.USAGE, cli.execute("demo", "--output", missing.toString()), cli.err());
    assertEquals("Invalid value for option '--output': no folder " + missing.getParent(), firstErrorLine());
  }

  @Test
  void benchCountsThatAddUpToMoreThanARunCanHoldAreAUsageError() {
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--items", "2147483647"), cli.err());
    assertEquals("--items, --latency-items and the latency stage's untimed lead add up to 2147489647 items;"
        + " a run holds them all in memory, so at most 1000000", firstErrorLine());
  }

  @Test
  void benchCountsTheLatencyLeadItWillSendAtItsRate() {
    // At 1 item/s the lead is 5 items, not as many as are measured.
    assertEquals(ExitCodes.USAGE,
        cli.execute("bench", "--items", "999990", "--latency-items", "10", "--rate", "1"), cli.err());
    assertEquals("--items, --latency-items and the latency stage's untimed lead add up to 1000005 items;"
        + " a run holds them all in memory, so at most 1000000", firstErrorLine());
  }

  @Test
  void benchLanguagesWithoutTemplatesAHalfGivenClusterAndAMissingJsonFolderAreUsageErrors() {
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--languages", "en,xx"), cli.err());
    assertEquals("Invalid value for option '--languages': no bench templates for xx; there are en, es",
        firstErrorLine());

    cli.clear();
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--bootstrap-servers", "127.0.0.1:1"), cli.err());
    assertEquals("Give both --bootstrap-servers and --schema-registry-url, or neither", firstErrorLine());

    cli.clear();
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--json", "/nonexistent-news-signals/bench.json"), cli.err());
    assertEquals("Invalid value for option '--json': no folder /nonexistent-news-signals", firstErrorLine());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      num.stream.threads=0                | num.stream.threads must be at least 1 for a stage to run, not 0
      num.streams.threads=2               | unknown setting 'num.streams.threads': not a Kafka Streams, producer, consumer or admin setting
      producer.no.such.setting=1          | unknown setting 'producer.no.such.setting': not a Kafka Streams, producer, consumer or admin setting
      commit.interval.ms=soon             | Invalid value soon for configuration commit.interval.ms: Not a number of type LONG
      producer.acks=banana                | Invalid value banana for configuration acks: String must be one of: all, -1, 0, 1
      consumer.max.poll.records=abc       | Invalid value abc for configuration max.poll.records: Not a number of type INT
      bootstrap.servers=127.0.0.1:1       | 'bootstrap.servers' is set by bench for each stage; use --bootstrap-servers
      application.id=mine                 | 'application.id' is set by bench for each stage
      transaction.timeout.ms=50           | transaction.timeout.ms 50 is below commit.interval.ms 100: every transaction would time out before its commit
      """)
  void benchStreamsSettingsThatStreamsOrItsClientsRefuseAreUsageErrors(String setting, String reason) {
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--set", setting), cli.err());
    assertEquals("Invalid value for option '--set': " + reason, firstErrorLine());
  }

  @Test
  void benchStreamsSettingsAreCheckedTogetherWithTheProjectsExactlyOnceDefaults() {
    // Under exactly_once_v2 Streams refuses a transaction timeout below the commit interval (100 ms).
    assertEquals(ExitCodes.USAGE, cli.execute("bench", "--set", "producer.transaction.timeout.ms=50"), cli.err());
    assertEquals("Invalid value for option '--set': Transaction timeout 50 was set lower than streams commit"
        + " interval 100. This will cause ongoing transaction always timeout due to inactivity caused by long"
        + " commit interval. Consider reconfiguring commit interval to match transaction timeout by tuning"
        + " 'commit.interval.ms' config, or increase the transaction timeout to match commit interval by tuning"
        + " `producer.transaction.timeout.ms` config.", firstErrorLine());
  }
}
