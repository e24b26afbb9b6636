package io.newssignals.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs several {@link PhraseMatcher}s over one folded text in a single pass; for each it finds
 * exactly what {@link PhraseMatcher#findAll} would.
 *
 * <p>Why one pass: the rules ask each sentence about some twenty cue lists and the gazetteer.
 * Scanning the sentence once per list was most of extraction time; here every word start is looked
 * up once, in a trie of the first words (without their {@code *}) of all phrases of all matchers.
 * The path the text takes down the trie there gives the only phrases that can match: those whose
 * first word the text starts with (a word without {@code *} must also end where the text's word
 * does). They are tried ordered by matcher and then by the matcher's own phrase order, so each
 * matcher still gets its first phrase in order, and its matches still never overlap. Immutable and
 * thread-safe.
 */
final class PhraseIndex {

  /** Folded text is almost all Latin script: the trie's first level is an array, not a search. */
  private static final int TABLE_SIZE = 0x300;

  /** A phrase of the matcher at {@code matcher} in the index's list. */
  private record Entry(int matcher, PhraseMatcher.Phrase phrase) {}

  /**
   * A trie node: the path from the root spells a prefix of the text. {@code open} are the entries
   * whose first word is that prefix followed by {@code *}, {@code closed} those whose first word is
   * exactly that prefix; both as entry numbers.
   */
  private static final class Node {
    private final TreeMap<Character, Node> building = new TreeMap<>();
    private final List<Integer> openEnding = new ArrayList<>();
    private final List<Integer> closedEnding = new ArrayList<>();
    private char[] keys;
    private Node[] children;
    private int[] open;
    private int[] closed;

    Node child(char c) {
      int i = Arrays.binarySearch(keys, c);
      return i >= 0 ? children[i] : null;
    }

    /** Fixes the children and the entry arrays. */
    void freeze() {
      open = openEnding.stream().mapToInt(Integer::intValue).toArray();
      closed = closedEnding.stream().mapToInt(Integer::intValue).toArray();
      keys = new char[building.size()];
      children = new Node[building.size()];
      int i = 0;
      for (Map.Entry<Character, Node> e : building.entrySet()) {
        keys[i] = e.getKey();
        children[i++] = e.getValue();
        e.getValue().freeze();
      }
    }
  }

  private final Map<PhraseMatcher, Integer> positions = new IdentityHashMap<>();
  private final int size;
  /** Every phrase of every matcher, by entry number: matcher by matcher, each in its phrase order. */
  private final Entry[] entries;
  /** The root; its open entries are the phrases whose first word is a bare {@code *}. */
  private final Node root = new Node();
  /** The root's children by character below {@link #TABLE_SIZE}; null where no phrase starts so. */
  private final Node[] firstLatin = new Node[TABLE_SIZE];
  /** Whether some phrase starts with a bare {@code *}, and so at any character. */
  private final boolean anyStart;

  /** An index of {@code matchers}; results come back in this order. */
  PhraseIndex(List<PhraseMatcher> matchers) {
    this.size = matchers.size();
    List<Entry> all = new ArrayList<>();
    for (int m = 0; m < matchers.size(); m++) {
      positions.putIfAbsent(matchers.get(m), m);
      for (PhraseMatcher.Phrase phrase : matchers.get(m).phrases()) {
        Node node = root;
        for (char c : phrase.words()[0].toCharArray()) {
          node = node.building.computeIfAbsent(c, k -> new Node());
        }
        (phrase.open()[0] ? node.openEnding : node.closedEnding).add(all.size());
        all.add(new Entry(m, phrase));
      }
    }
    this.entries = all.toArray(Entry[]::new);
    root.freeze();
    anyStart = root.open.length > 0;
    for (int i = 0; i < root.keys.length; i++) {
      if (root.keys[i] < TABLE_SIZE) {
        firstLatin[root.keys[i]] = root.children[i];
      }
    }
  }

  /** Number of matchers indexed. */
  int size() {
    return size;
  }

  /** The matches of every indexed matcher in {@code folded}, found now in one pass. */
  Matches matchesIn(String folded) {
    return new Matches(folded, findAll(folded));
  }

  /**
   * The matches in one folded text: those of the indexed matchers, and of any other matcher asked
   * about it, found on first request. Not thread-safe: it belongs to one sentence of one item.
   */
  final class Matches {
    private final String folded;
    private final List<PhraseMatcher.Match>[] indexed;
    private Map<PhraseMatcher, List<PhraseMatcher.Match>> others;

    private Matches(String folded, List<PhraseMatcher.Match>[] indexed) {
      this.folded = folded;
      this.indexed = indexed;
    }

    /** The matches of {@code matcher}, as {@link PhraseMatcher#findAll} gives them. */
    List<PhraseMatcher.Match> of(PhraseMatcher matcher) {
      Integer position = positions.get(matcher);
      if (position != null) {
        return indexed[position];
      }
      if (others == null) {
        others = new IdentityHashMap<>();
      }
      return others.computeIfAbsent(matcher, m -> m.findAll(folded));
    }
  }

  /**
   * The matches of every matcher in {@code folded} (text passed through {@link TextFolding}).
   *
   * @return one list per matcher, in the index's order, each as {@link PhraseMatcher#findAll}
   */
  List<PhraseMatcher.Match>[] findAll(String folded) {
    @SuppressWarnings("unchecked")
    List<PhraseMatcher.Match>[] found = new List[size];
    Arrays.fill(found, List.of());
    // Per matcher, the first offset where it may start a match: its matches do not overlap.
    int[] free = new int[size];
    int[] candidates = new int[16];
    for (int at = 0; at < folded.length(); at++) {
      char first = folded.charAt(at);
      Node node = first < TABLE_SIZE ? firstLatin[first] : root.child(first);
      // Most characters start no phrase: look that up before the word-boundary test.
      if ((node == null && !anyStart) || (at > 0 && PhraseMatcher.isWordChar(folded.codePointBefore(at)))) {
        continue;
      }
      // The phrases that can match here, as entry numbers: those whose first word the text starts
      // with, where a word without * must also end where the text's word ends.
      int count = 0;
      if (anyStart) {
        candidates = append(candidates, count, root.open);
        count += root.open.length;
      }
      for (int i = at + 1; node != null; i++) {
        candidates = append(candidates, count, node.open);
        count += node.open.length;
        if (node.closed.length > 0 && (i == folded.length() || !PhraseMatcher.isWordChar(folded.codePointAt(i)))) {
          candidates = append(candidates, count, node.closed);
          count += node.closed.length;
        }
        node = i < folded.length() ? node.child(folded.charAt(i)) : null;
      }
      // Entry order is matcher order, then each matcher's phrase order.
      Arrays.sort(candidates, 0, count);
      int done = -1;
      for (int c = 0; c < count; c++) {
        Entry entry = entries[candidates[c]];
        int m = entry.matcher();
        if (m == done || at < free[m]) {
          continue;
        }
        int end = PhraseMatcher.matchWords(entry.phrase(), 0, folded, at);
        if (end >= 0) {
          if (found[m].isEmpty()) {
            // Most sentences match few of the matchers: allocate a list only for one that matches.
            found[m] = new ArrayList<>();
          }
          found[m].add(new PhraseMatcher.Match(entry.phrase().label(), at, end));
          // A match is never empty: every phrase has a character before its end or a word after a space.
          free[m] = Math.max(end, at + 1);
          done = m;
        }
      }
    }
    return found;
  }

  /** {@code more} appended to the first {@code count} of {@code into}, grown when full. */
  private static int[] append(int[] into, int count, int[] more) {
    int[] target = count + more.length <= into.length ? into : Arrays.copyOf(into, 2 * (count + more.length));
    System.arraycopy(more, 0, target, count, more.length);
    return target;
  }
}
