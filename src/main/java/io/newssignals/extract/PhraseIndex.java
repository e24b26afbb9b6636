package io.newssignals.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs several {@link PhraseMatcher}s over one folded text in a single pass; for each it finds
 * exactly what {@link PhraseMatcher#findAll} would.
 *
 * <p>Why one pass: the rules ask each sentence about some twenty cue lists and the gazetteer.
 * Scanning the sentence once per list was most of extraction time; here every word start is looked
 * up once, in a trie of the first words (without their {@code *}) of all phrases of all matchers.
 * The deepest trie node the text reaches there holds the only phrases that can match, ordered by
 * matcher and then by the matcher's own phrase order, so each matcher still gets its first phrase
 * in order, and its matches still never overlap. Immutable and thread-safe.
 */
final class PhraseIndex {

  /** Folded text is almost all Latin script: the trie's first level is an array, not a search. */
  private static final int TABLE_SIZE = 0x300;

  /** A phrase of the matcher at {@code matcher} in the index's list. */
  private record Entry(int matcher, PhraseMatcher.Phrase phrase) {}

  /**
   * A trie node: the path from the root spells a prefix of the text, and {@code candidates} are
   * the entries whose first word is that prefix or a shorter one, in entry order.
   */
  private static final class Node {
    private final TreeMap<Character, Node> building = new TreeMap<>();
    private final List<Integer> ending = new ArrayList<>();
    private char[] keys;
    private Node[] children;
    private Entry[] candidates;

    Node child(char c) {
      int i = Arrays.binarySearch(keys, c);
      return i >= 0 ? children[i] : null;
    }

    /** Fixes children and candidates; {@code inherited} are the ancestors' entry numbers. */
    void freeze(List<Entry> entries, SortedSet<Integer> inherited) {
      SortedSet<Integer> mine = new TreeSet<>(inherited);
      mine.addAll(ending);
      candidates = mine.stream().map(entries::get).toArray(Entry[]::new);
      keys = new char[building.size()];
      children = new Node[building.size()];
      int i = 0;
      for (Map.Entry<Character, Node> e : building.entrySet()) {
        keys[i] = e.getKey();
        children[i++] = e.getValue();
        e.getValue().freeze(entries, mine);
      }
    }
  }

  private final Map<PhraseMatcher, Integer> positions = new IdentityHashMap<>();
  private final int size;
  /** The root; its candidates are the phrases whose first word is a bare {@code *}. */
  private final Node root = new Node();
  /** The root's children by character below {@link #TABLE_SIZE}; null where no phrase starts so. */
  private final Node[] firstLatin = new Node[TABLE_SIZE];

  /** An index of {@code matchers}; results come back in this order. */
  PhraseIndex(List<PhraseMatcher> matchers) {
    this.size = matchers.size();
    List<Entry> entries = new ArrayList<>();
    for (int m = 0; m < matchers.size(); m++) {
      positions.putIfAbsent(matchers.get(m), m);
      for (PhraseMatcher.Phrase phrase : matchers.get(m).phrases()) {
        Node node = root;
        for (char c : phrase.words()[0].toCharArray()) {
          node = node.building.computeIfAbsent(c, k -> new Node());
        }
        node.ending.add(entries.size());
        entries.add(new Entry(m, phrase));
      }
    }
    root.freeze(entries, new TreeSet<>());
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
    for (int at = 0; at < folded.length(); at++) {
      char first = folded.charAt(at);
      Node node = first < TABLE_SIZE ? firstLatin[first] : root.child(first);
      // Most characters start no phrase: look that up before the word-boundary test.
      if ((node == null && root.candidates.length == 0)
          || (at > 0 && PhraseMatcher.isWordChar(folded.codePointBefore(at)))) {
        continue;
      }
      Entry[] candidates = root.candidates;
      for (int i = at + 1; node != null; i++) {
        candidates = node.candidates;
        node = i < folded.length() ? node.child(folded.charAt(i)) : null;
      }
      int done = -1;
      for (Entry entry : candidates) {
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
}
