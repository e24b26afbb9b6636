package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryIndexTest {

  private static final long[] BAND = {7};

  /** A fingerprint whose every row is {@code row}: two of them share no row unless equal. */
  private static byte[] fingerprint(int row) {
    byte[] rows = new byte[StoryFingerprint.ROWS];
    Arrays.fill(rows, (byte) row);
    return rows;
  }

  private static boolean near(StoryIndex index, long[] bands, int row) {
    return index.anyNear(bands, fingerprint(row), 0.8, time -> true);
  }

  /** @return for each row, whether the fingerprint of that row is found in {@link #BAND} */
  private static List<Boolean> foundInBand(StoryIndex index, int... rows) {
    return Arrays.stream(rows).mapToObj(row -> near(index, BAND, row)).toList();
  }

  @Test
  void aBandKeepsItsLatestStoriesUpToItsCap() {
    StoryIndex index = new StoryIndex(1_000, 2);
    // Filed out of time order: the band still keeps the two latest.
    index.add(BAND, 30, fingerprint(3));
    index.add(BAND, 10, fingerprint(1));
    index.add(BAND, 20, fingerprint(2));

    assertEquals(List.of(false, true, true), foundInBand(index, 1, 2, 3));
  }

  @Test
  void aNewStoryPushesOutOfItsBandsThoseMoreThanTheWindowBeforeIt() {
    StoryIndex index = new StoryIndex(100, 16);
    index.add(BAND, 0, fingerprint(1));
    index.add(BAND, 1, fingerprint(2));
    index.add(BAND, 101, fingerprint(3));

    // 101 - 100 = 1: the story at 1 is exactly one window before, and stays.
    assertEquals(List.of(false, true, true), foundInBand(index, 1, 2, 3));
  }

  @Test
  void aStoryIsFoundThroughAnyOfItsBandsAndOnlyInsideTheGivenWindow() {
    StoryIndex index = new StoryIndex(1_000, 16);
    index.add(new long[] {1, 2, 3}, 500, fingerprint(9));

    assertEquals(true, near(index, new long[] {4, 3}, 9));
    assertEquals(false, near(index, new long[] {4, 5}, 9));
    assertEquals(false, index.anyNear(new long[] {2}, fingerprint(9), 0.8, time -> time > 500));
    assertEquals(false, near(index, new long[] {2}, 8));
  }

  @Test
  void forgettingDropsOnlyTheStoriesSeenBeforeTheCutAndEmptyBands() {
    StoryIndex index = new StoryIndex(1_000, 16);
    index.add(new long[] {1, 2}, 10, fingerprint(1));
    index.add(new long[] {2}, 50, fingerprint(2));
    index.forgetStories(new long[] {1, 2}, 20);

    assertEquals(List.of(false, false, true),
        List.of(near(index, new long[] {1}, 1), near(index, new long[] {2}, 1),
            near(index, new long[] {2}, 2)));
    assertEquals("0 URLs, 1 bands", index.size());
  }

  @Test
  void aUrlKeepsItsLatestTimeAndIsForgottenOnlyOnceThatExpires() {
    StoryIndex index = new StoryIndex(1_000, 16);
    long url = StoryIndex.hash("url:https://news.example/a");
    assertEquals(Long.MIN_VALUE, index.urlSeen(url));
    index.urlSeenAt(url, 300);
    index.urlSeenAt(url, 200);
    assertEquals(300, index.urlSeen(url));

    index.forgetUrl(url, 300);
    assertEquals(300, index.urlSeen(url));
    index.forgetUrl(url, 301);
    assertEquals(Long.MIN_VALUE, index.urlSeen(url));
  }

  @Test
  void aStoryValueHoldsItsTimeFingerprintAndBandsInThatOrder() {
    long[] bands = StoryIndex.hashes(List.of("band-a", "band-b"));
    byte[] value = StoryIndex.storyValue(1_234L, fingerprint(5), bands);

    assertEquals(8 + StoryFingerprint.ROWS + 16, value.length);
    assertEquals(1_234L, StoryIndex.timeOf(value));
    assertArrayEquals(fingerprint(5), StoryIndex.fingerprintOf(value));
    assertArrayEquals(bands, StoryIndex.bandsOf(value));
    assertEquals(StoryIndex.hash("band-a"), bands[0]);
  }
}
