package io.newssignals.topology;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The heap index of {@link DedupProcessor}: what the dedup store holds, laid out for look-ups, so
 * that judging an item reads no store at all. Rebuilt from the store whenever the processor starts
 * (the store is the truth: it has a changelog, this index does not).
 *
 * <ul>
 *   <li>URLs: a 64-bit hash of each canonical URL ({@code farmHashFingerprint64}) to the latest
 *       time it was seen, epoch ms.
 *   <li>Bands: a 64-bit hash of each band key to the stories filed under it, up to {@link
 *       DedupProcessor#ENTRIES_PER_BAND}, the latest, oldest first; a story is its time and its
 *       compact fingerprint ({@value StoryFingerprint#ROWS} bytes), one object shared by its bands.
 * </ul>
 *
 * <p>Two different keys with the same 64-bit hash would share an entry: for URLs that would drop
 * an item as a copy, at odds of about n²/2⁶⁵ for n URLs in the window (10⁻¹⁰ for 10⁶); for bands
 * it only adds a candidate, which the fingerprint comparison then judges.
 *
 * <p>Memory, on the heap: 870 to 1,000 bytes a story with its URL, most of it the 16 slots of its
 * bands in the hash table (whose size is a power of two of at least 4/3 of the bands); measured
 * with random band keys, 87 MB for 100,000 stories and 50 MB for 50,000. A band of one story holds
 * the story itself, not an array.
 *
 * <p>Not thread-safe: one per processor.
 */
final class StoryIndex {

  private static final HashFunction HASH = Hashing.farmHashFingerprint64();
  private static final Story[] NONE = new Story[0];

  /** A story filed under its bands: when it was seen (epoch ms) and its compact fingerprint. */
  record Story(long time, byte[] fingerprint) {}

  private final long windowMs;
  private final int entriesPerBand;
  private final Long2LongOpenHashMap urls = new Long2LongOpenHashMap();
  /** Band hash to its one {@link Story}, or to a {@code Story[]} of two or more, oldest first. */
  private final Long2ObjectOpenHashMap<Object> bands = new Long2ObjectOpenHashMap<>();

  /**
   * @param windowMs how far apart two times may be and still match, ms
   * @param entriesPerBand most stories a band keeps
   */
  StoryIndex(long windowMs, int entriesPerBand) {
    this.windowMs = windowMs;
    this.entriesPerBand = entriesPerBand;
    urls.defaultReturnValue(Long.MIN_VALUE);
  }

  /** @return the 64-bit hash of a URL or a band key, as this index files it */
  static long hash(String key) {
    return HASH.hashString(key, StandardCharsets.UTF_8).asLong();
  }

  /** @return the 64-bit hash of some bytes, as {@link #hash(String)} hashes a key's */
  static long hash(byte[] bytes) {
    return HASH.hashBytes(bytes).asLong();
  }

  /** @return the hashes of band keys, in their order */
  static long[] hashes(List<String> keys) {
    long[] hashes = new long[keys.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = hash(keys.get(i));
    }
    return hashes;
  }

  /** @return the latest time the URL of this hash was seen, epoch ms; {@link Long#MIN_VALUE} if never */
  long urlSeen(long urlHash) {
    return urls.get(urlHash);
  }

  /** Notes that the URL of this hash was seen at {@code time}, keeping the later of the two. */
  void urlSeenAt(long urlHash, long time) {
    if (urls.get(urlHash) < time) {
      urls.put(urlHash, time);
    }
  }

  /** Forgets the URL of this hash if it was last seen before {@code expiredBefore}, epoch ms. */
  void forgetUrl(long urlHash, long expiredBefore) {
    // An absent URL reads as Long.MIN_VALUE: removing it changes nothing.
    if (urls.get(urlHash) < expiredBefore) {
      urls.remove(urlHash);
    }
  }

  /**
   * Whether a story filed under one of {@code bandHashes} matches: its time passes {@code
   * inWindow} and its fingerprint is at least {@code similarity} like {@code fingerprint}.
   */
  boolean anyNear(long[] bandHashes, byte[] fingerprint, double similarity, LongPredicate inWindow) {
    for (long band : bandHashes) {
      Object filed = bands.get(band);
      if (filed instanceof Story story) {
        if (near(story, fingerprint, similarity, inWindow)) {
          return true;
        }
      } else if (filed != null) {
        for (Story story : (Story[]) filed) {
          if (near(story, fingerprint, similarity, inWindow)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean near(Story story, byte[] fingerprint, double similarity, LongPredicate inWindow) {
    return inWindow.test(story.time())
        && StoryFingerprint.similarity(fingerprint, story.fingerprint()) >= similarity;
  }

  /**
   * Files a story under each of its bands. A band drops the stories more than the window before
   * {@code time}, and keeps the latest {@code entriesPerBand}: a later copy is likelier than an
   * early one.
   */
  void add(long[] bandHashes, long time, byte[] fingerprint) {
    Story story = new Story(time, fingerprint);
    for (long band : bandHashes) {
      Story[] old = storiesIn(bands.get(band));
      if (old.length == 0) {
        bands.put(band, story);
        continue;
      }
      Story[] kept = new Story[old.length + 1];
      int size = 0;
      for (Story s : old) {
        if (s.time() >= time - windowMs) {
          kept[size++] = s;
        }
      }
      kept[size++] = story;
      // Nearly always already in order: items arrive roughly by time.
      Arrays.sort(kept, 0, size, Comparator.comparingLong(Story::time));
      file(band, Arrays.copyOfRange(kept, Math.max(0, size - entriesPerBand), size));
    }
  }

  /** Drops the stories seen before {@code expiredBefore} (epoch ms) from each of these bands. */
  void forgetStories(long[] bandHashes, long expiredBefore) {
    for (long band : bandHashes) {
      Story[] old = storiesIn(bands.get(band));
      Story[] kept = Arrays.stream(old).filter(s -> s.time() >= expiredBefore).toArray(Story[]::new);
      if (kept.length < old.length) {
        file(band, kept);
      }
    }
  }

  /** Files a band's stories: none removes the band, one is kept as itself, more as an array. */
  private void file(long band, Story[] stories) {
    switch (stories.length) {
      case 0 -> bands.remove(band);
      case 1 -> bands.put(band, stories[0]);
      default -> bands.put(band, stories);
    }
  }

  private static Story[] storiesIn(Object filed) {
    if (filed == null) {
      return NONE;
    }
    return filed instanceof Story story ? new Story[] {story} : (Story[]) filed;
  }

  /** @return how many URLs and how many bands the index holds, for a log line */
  String size() {
    return urls.size() + " URLs, " + bands.size() + " bands";
  }

  /**
   * The store value of a story: its time (8 bytes, big-endian epoch ms), its fingerprint, then
   * its band hashes (8 bytes each), which the index needs when rebuilt or purged.
   */
  static byte[] storyValue(long time, byte[] fingerprint, long[] bandHashes) {
    ByteBuffer value = ByteBuffer.allocate(Long.BYTES + fingerprint.length + bandHashes.length * Long.BYTES);
    value.putLong(time).put(fingerprint);
    for (long band : bandHashes) {
      value.putLong(band);
    }
    return value.array();
  }

  /** @return whether a store value has a story's shape: time, fingerprint, then whole band hashes */
  static boolean isStoryValue(byte[] value) {
    int bands = value.length - Long.BYTES - StoryFingerprint.ROWS;
    return bands >= 0 && bands % Long.BYTES == 0;
  }

  /** @return the time of a story value or of a URL value (8 bytes), epoch ms */
  static long timeOf(byte[] value) {
    return ByteBuffer.wrap(value, 0, Long.BYTES).getLong();
  }

  /** @return the fingerprint of a story value */
  static byte[] fingerprintOf(byte[] storyValue) {
    return Arrays.copyOfRange(storyValue, Long.BYTES, Long.BYTES + StoryFingerprint.ROWS);
  }

  /** @return the band hashes of a story value */
  static long[] bandsOf(byte[] storyValue) {
    ByteBuffer value = ByteBuffer.wrap(storyValue);
    value.position(Long.BYTES + StoryFingerprint.ROWS);
    long[] bands = new long[value.remaining() / Long.BYTES];
    for (int i = 0; i < bands.length; i++) {
      bands[i] = value.getLong();
    }
    return bands;
  }
}
