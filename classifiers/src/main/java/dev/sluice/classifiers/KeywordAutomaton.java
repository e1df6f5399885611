package dev.sluice.classifiers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick keyword automaton compiled to a dense DFA over a folded alphabet, so the scan loop
 * pays one table lookup per char.
 *
 * <p>Folding: letters are lower-cased ({@link Character#toLowerCase(char)}), and space, {@code _}
 * and {@code -} share one class, so the keyword {@code "secret key"} also matches {@code
 * secret_key} and {@code Secret-Key} (Macie's rule). The no-space variant is added by the caller.
 * Chars that appear in no keyword share the class 0, which always returns the DFA to its root.
 * Immutable and thread-safe.
 */
final class KeywordAutomaton {
  static final int SEP = 1;

  final char[] classOf = new char[65536];
  final int classes;
  final char[] delta;
  final boolean[] hasOutput;
  final int[][] outputs;
  final int[] patternLength;
  final boolean[] wholeWord;
  final int[] payload;
  final int maxLength;

  /**
   * @param patterns lower-case pattern texts
   * @param wholeWords whether each pattern must stand on word boundaries (no letter or digit just
   *     before or after)
   * @param payloads caller data per pattern
   */
  KeywordAutomaton(List<String> patterns, List<Boolean> wholeWords, List<Integer> payloads) {
    int n = patterns.size();
    patternLength = new int[n];
    wholeWord = new boolean[n];
    payload = new int[n];
    // alphabet
    char[] lowerClass = new char[65536];
    int next = 2;
    for (String p : patterns) {
      for (int i = 0; i < p.length(); i++) {
        char c = Character.toLowerCase(p.charAt(i));
        if (isSep(c) || lowerClass[c] != 0) {
          continue;
        }
        lowerClass[c] = (char) next++;
      }
    }
    classes = next;
    for (int c = 0; c < 65536; c++) {
      char ch = (char) c;
      if (isSep(ch)) {
        classOf[c] = SEP;
      } else {
        classOf[c] = lowerClass[Character.toLowerCase(ch)];
      }
    }
    // trie
    List<int[]> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    List<int[]> path = new ArrayList<>(); // class sequence spelled by each state
    path.add(new int[0]);
    go.add(newRow());
    out.add(new ArrayList<>());
    int maxLen = 0;
    for (int pi = 0; pi < n; pi++) {
      String p = patterns.get(pi);
      patternLength[pi] = p.length();
      wholeWord[pi] = wholeWords.get(pi);
      payload[pi] = payloads.get(pi);
      maxLen = Math.max(maxLen, p.length());
      int s = 0;
      for (int i = 0; i < p.length(); i++) {
        int cls = classOf[p.charAt(i)];
        int t = go.get(s)[cls];
        if (t <= 0) {
          t = go.size();
          go.add(newRow());
          out.add(new ArrayList<>());
          int[] parent = path.get(s);
          int[] here = Arrays.copyOf(parent, parent.length + 1);
          here[parent.length] = cls;
          path.add(here);
          go.get(s)[cls] = t;
        }
        s = t;
      }
      out.get(s).add(pi);
    }
    maxLength = maxLen;
    int states = go.size();
    if ((long) states * classes >= Integer.MAX_VALUE || states >= 65536) {
      throw new IllegalArgumentException("too many keywords: " + states + " automaton states");
    }
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] root = go.get(0);
    for (int c = 0; c < classes; c++) {
      if (root[c] > 0) {
        fail[root[c]] = 0;
        queue.add(root[c]);
      } else {
        root[c] = 0;
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      int[] row = go.get(s);
      for (int c = 0; c < classes; c++) {
        int t = row[c];
        if (t > 0) {
          fail[t] = go.get(fail[s])[c];
          queue.add(t);
        } else {
          row[c] = go.get(fail[s])[c];
        }
      }
    }
    // Classes whose every char is a letter or digit (as Detectors.alnum sees them).
    boolean[] alnumClass = new boolean[classes];
    Arrays.fill(alnumClass, true);
    alnumClass[0] = false;
    for (int c = 0; c < 65536; c++) {
      if (!Detectors.alnum((char) c)) {
        alnumClass[classOf[c]] = false;
      }
    }
    // Drop outputs that can never be whole words: a whole-word pattern that is a proper suffix of
    // the state's text and is preceded, inside that text, by a letter or digit while starting with
    // one ("hi" in "this", "ms" in "items"). Detectors would discard each such hit anyway; dropping
    // them here saves the emit branch and the hit bookkeeping in the scan loop.
    for (int s = 1; s < states; s++) {
      int[] text = path.get(s);
      int d = text.length;
      out.get(s)
          .removeIf(
              pi -> {
                int len = patternLength[pi];
                return wholeWord[pi]
                    && len < d
                    && alnumClass[text[d - len - 1]]
                    && alnumClass[text[d - len]];
              });
    }
    delta = new char[states * classes];
    hasOutput = new boolean[states];
    outputs = new int[states][];
    for (int s = 0; s < states; s++) {
      int[] row = go.get(s);
      for (int c = 0; c < classes; c++) {
        delta[s * classes + c] = (char) row[c];
      }
      List<Integer> o = out.get(s);
      hasOutput[s] = !o.isEmpty();
      outputs[s] = o.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  private int[] runInfo;
  private int[] runDelta;

  /** Shared, read-only table for {@link TextPass}; built once. */
  synchronized int[] runInfo() {
    if (runInfo == null) {
      runInfo = TextPass.info(this);
    }
    return runInfo;
  }

  /** Shared, read-only table for {@link TextPass}; built once. */
  synchronized int[] runDelta() {
    if (runDelta == null) {
      runDelta = TextPass.delta(this);
    }
    return runDelta;
  }

  private int[] newRow() {
    int[] r = new int[Math.max(classes, 1)];
    Arrays.fill(r, -1);
    return r;
  }

  private static boolean isSep(char c) {
    return c == ' ' || c == '_' || c == '-';
  }

  int states() {
    return hasOutput.length;
  }
}
