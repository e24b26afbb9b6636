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
   * A trie node while the index is built: the path from the root spells a prefix of the text.
   * {@code open} are the entries whose first word is that prefix followed by {@code *}, {@code
   * closed} those whose first word is exactly that prefix; both as entry numbers.
   */
  private static final class Building {
    private final TreeMap<Character, Building> children = new TreeMap<>();
    private final List<Integer> open = new ArrayList<>();
    private final List<Integer> closed = new ArrayList<>();
  }

  /** The root's number; no node has it as a child, so it also stands for "no node". */
  private static final int ROOT = 0;
  private static final int[] NONE_ENDING = new int[0];

  private final Map<PhraseMatcher, Integer> positions = new IdentityHashMap<>();
  private final int size;
  /** Every phrase of every matcher, by entry number: matcher by matcher, each in its phrase order. */
  private final Entry[] entries;
  /** By node number, the entry numbers of {@link Building#open}. */
  private final int[][] open;
  /** By node number, the entry numbers of {@link Building#closed}. */
  private final int[][] closed;
  /**
   * The trie's edges, by the breadth-first node numbers: the children of node {@code n} are the
   * nodes {@code firstChild[n]} to {@code firstChild[n + 1] - 1}, in the order of their chars, and
   * {@code label[c]} is the char on the edge into node {@code c}. Two small arrays (16 KB for
   * twenty cue lists and the gazetteer) rather than a hash table of edges: the walk asks for a
   * child at nearly every char of a word, and a hashed probe into a 96 KB table was a sixth of
   * extraction time, where most nodes have one child or a few.
   */
  private final int[] firstChild;
  private final char[] label;
  /** The root's children by character below {@link #TABLE_SIZE}; {@link #ROOT} where none. */
  private final int[] firstLatin = new int[TABLE_SIZE];
  /** Whether some phrase starts with a bare {@code *}, and so at any character. */
  private final boolean anyStart;

  /** An index of {@code matchers}; results come back in this order. */
  PhraseIndex(List<PhraseMatcher> matchers) {
    this.size = matchers.size();
    Building root = new Building();
    List<Entry> all = new ArrayList<>();
    for (int m = 0; m < matchers.size(); m++) {
      positions.putIfAbsent(matchers.get(m), m);
      for (PhraseMatcher.Phrase phrase : matchers.get(m).phrases()) {
        Building node = root;
        for (char c : phrase.words()[0].toCharArray()) {
          node = node.children.computeIfAbsent(c, k -> new Building());
        }
        (phrase.open()[0] ? node.open : node.closed).add(all.size());
        all.add(new Entry(m, phrase));
      }
    }
    this.entries = all.toArray(Entry[]::new);
    // Number the nodes breadth first, the root first: each node's children get consecutive numbers.
    List<Building> nodes = new ArrayList<>(List.of(root));
    StringBuilder labels = new StringBuilder().append('\0');
    List<Integer> firstChildren = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      firstChildren.add(nodes.size());
      for (Map.Entry<Character, Building> child : nodes.get(n).children.entrySet()) {
        if (n == ROOT && child.getKey() < TABLE_SIZE) {
          firstLatin[child.getKey()] = nodes.size();
        }
        labels.append(child.getKey().charValue());
        nodes.add(child.getValue());
      }
    }
    firstChildren.add(nodes.size());
    this.open = nodes.stream().map(node -> endings(node.open)).toArray(int[][]::new);
    this.closed = nodes.stream().map(node -> endings(node.closed)).toArray(int[][]::new);
    this.firstChild = firstChildren.stream().mapToInt(Integer::intValue).toArray();
    this.label = labels.toString().toCharArray();
    this.anyStart = open[ROOT].length > 0;
  }

  private static int[] endings(List<Integer> entryNumbers) {
    return entryNumbers.isEmpty() ? NONE_ENDING : entryNumbers.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The child of {@code node} along {@code c}, or {@link #ROOT} when there is none. */
  private int child(int node, char c) {
    for (int k = firstChild[node], end = firstChild[node + 1]; k < end && label[k] <= c; k++) {
      if (label[k] == c) {
        return k;
      }
    }
    return ROOT;
  }

  /**
   * The root's child along {@code c}, for {@code c} at or above {@link #TABLE_SIZE}: none when
   * {@code c} is above the root's last child (so in every bundled lexicon, whose phrases all start
   * below it), else a binary search.
   */
  private int rootChild(char c) {
    int from = firstChild[ROOT];
    int to = firstChild[ROOT + 1];
    if (from == to || c > label[to - 1]) {
      return ROOT;
    }
    int k = Arrays.binarySearch(label, from, to, c);
    return k >= 0 ? k : ROOT;
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
      int node = first < TABLE_SIZE ? firstLatin[first] : rootChild(first);
      // Most characters start no phrase: look that up before the word-boundary test.
      if ((node == ROOT && !anyStart) || (at > 0 && PhraseMatcher.isWordCharBefore(folded, at))) {
        continue;
      }
      // The phrases that can match here, as entry numbers: those whose first word the text starts
      // with, where a word without * must also end where the text's word ends.
      int count = 0;
      if (anyStart) {
        candidates = append(candidates, count, open[ROOT]);
        count += open[ROOT].length;
      }
      for (int i = at + 1; node != ROOT; i++) {
        candidates = append(candidates, count, open[node]);
        count += open[node].length;
        if (closed[node].length > 0 && (i == folded.length() || !PhraseMatcher.isWordCharAt(folded, i))) {
          candidates = append(candidates, count, closed[node]);
          count += closed[node].length;
        }
        node = i < folded.length() ? child(node, folded.charAt(i)) : ROOT;
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
