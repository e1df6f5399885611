package dev.sluice.classifiers;

import java.util.Arrays;

/**
 * The single pass over a window: fast-but-ugly on purpose, all state in primitive arrays that are
 * reused between windows. Not thread-safe; one instance per scan.
 *
 * <p>Per char it does one keyword-DFA step ({@link KeywordAutomaton}, transitions pre-multiplied by
 * the class count, negative when the target state emits), one kind lookup, and updates three run
 * trackers: words (maximal letter/digit runs, with shape flags), token runs (letters, digits and
 * {@code _-+/=.}, kept when at least {@link #MIN_TOKEN_RUN} long) and {@code @} anchors. Everything
 * else (validators, keyword proximity) runs afterwards on these candidates only.
 */
final class TextPass {
  static final int MIN_TOKEN_RUN = 20;

  static final byte OTHER = 0;
  static final byte UPPER = 1;
  static final byte LOWER = 2;
  static final byte DIGIT = 3;
  static final byte PUNCT = 4;
  static final byte AT = 5;

  /** Word flags. */
  static final int F_CAP = 1; // first char upper-case

  static final int F_UPPER = 2; // any upper-case char
  static final int F_UPPER_LATER = 4; // an upper-case char after the first
  static final int F_LOWER = 8;
  static final int F_DIGIT = 16;

  static final byte[] KIND = new byte[65536];
  private static final int[] FIRST = {0, F_CAP | F_UPPER, F_LOWER, F_DIGIT};
  private static final int[] NEXT = {0, F_UPPER | F_UPPER_LATER, F_LOWER, F_DIGIT};

  static {
    for (int c = 0; c < 65536; c++) {
      char ch = (char) c;
      byte k = OTHER;
      if (ch >= '0' && ch <= '9') {
        k = DIGIT;
      } else if (Character.isLetter(ch)) {
        k = Character.isUpperCase(ch) ? UPPER : LOWER;
      } else if (ch == '_' || ch == '-' || ch == '+' || ch == '/' || ch == '=' || ch == '.') {
        k = PUNCT;
      } else if (ch == '@') {
        k = AT;
      }
      KIND[c] = k;
    }
  }

  private final int[] delta;
  private final int[] info; // automaton class in the low 16 bits, char kind above
  private final boolean allWords;

  int[] wStart = new int[4096];
  int[] wEnd = new int[4096];
  byte[] wFlags = new byte[4096];
  int words;

  int[] hitEnd = new int[256];
  int[] hitState = new int[256];
  int hits;

  int[] at = new int[256];
  int ats;

  int[] runStart = new int[256];
  int[] runEnd = new int[256];
  int runs;

  /**
   * @param allWords record every word; otherwise all-lower-case letter words are skipped (no
   *     managed validator but IPv6 starts at or needs them; deny terms do), except a short one
   *     before {@code :}
   */
  TextPass(KeywordAutomaton ac, boolean allWords) {
    this.allWords = allWords;
    this.info = ac.runInfo();
    this.delta = ac.runDelta();
  }

  /** Per-char table: automaton class in the low 16 bits, {@link #KIND} above. */
  static int[] info(KeywordAutomaton ac) {
    int[] info = new int[65536];
    for (int c = 0; c < 65536; c++) {
      info[c] = ac.classOf[c] | (KIND[c] << 16);
    }
    return info;
  }

  /** Transitions pre-multiplied by the class count, negated when the target emits. */
  static int[] delta(KeywordAutomaton ac) {
    int nc = ac.classes;
    int[] delta = new int[ac.delta.length];
    for (int i = 0; i < delta.length; i++) {
      int t = ac.delta[i];
      delta[i] = ac.hasOutput[t] ? -(t * nc) : t * nc;
    }
    return delta;
  }

  /** Scans {@code buf[from, to)}; results replace those of the previous call. */
  void run(char[] buf, int from, int to, int classes) {
    words = 0;
    hits = 0;
    ats = 0;
    runs = 0;
    final int[] delta = this.delta;
    final int[] info = this.info;
    int s = 0;
    int ws = -1;
    int flags = 0;
    int rs = -1;
    for (int i = from; i < to; i++) {
      char c = buf[i];
      int inf = info[c];
      int t = delta[s + (inf & 0xFFFF)];
      if (t < 0) {
        t = -t;
        addHit(i + 1, t); // pre-multiplied; divided in stateOf
      }
      s = t;
      int k = inf >>> 16;
      if (k != OTHER && k <= DIGIT) {
        if (ws < 0) {
          ws = i;
          flags = FIRST[k];
          if (rs < 0) {
            rs = i;
          }
        } else {
          flags |= NEXT[k];
        }
      } else {
        if (ws >= 0) {
          // a short lower-case word before ':' may open an IPv6 address (fe80::1, abcd:ef01:...)
          if (flags != F_LOWER || allWords || (c == ':' && i - ws <= 4)) {
            addWord(ws, i, flags);
          }
          ws = -1;
        }
        if (k == PUNCT) {
          if (rs < 0) {
            rs = i;
          }
        } else {
          if (rs >= 0) {
            if (i - rs >= MIN_TOKEN_RUN) {
              addRun(rs, i);
            }
            rs = -1;
          }
          if (k == AT) {
            addAt(i);
          }
        }
      }
    }
    if (ws >= 0 && (flags != F_LOWER || allWords)) {
      addWord(ws, to, flags);
    }
    if (rs >= 0 && to - rs >= MIN_TOKEN_RUN) {
      addRun(rs, to);
    }
  }

  /** The automaton state of hit {@code i}. */
  int stateOf(int i, int classes) {
    return hitState[i] / classes;
  }

  private void addWord(int s, int e, int flags) {
    if (words == wStart.length) {
      int n = words * 2;
      wStart = Arrays.copyOf(wStart, n);
      wEnd = Arrays.copyOf(wEnd, n);
      wFlags = Arrays.copyOf(wFlags, n);
    }
    wStart[words] = s;
    wEnd[words] = e;
    wFlags[words] = (byte) flags;
    words++;
  }

  private void addHit(int end, int state) {
    if (hits == hitEnd.length) {
      hitEnd = Arrays.copyOf(hitEnd, hits * 2);
      hitState = Arrays.copyOf(hitState, hits * 2);
    }
    hitEnd[hits] = end;
    hitState[hits] = state;
    hits++;
  }

  private void addAt(int i) {
    if (ats == at.length) {
      at = Arrays.copyOf(at, ats * 2);
    }
    at[ats++] = i;
  }

  private void addRun(int s, int e) {
    if (runs == runStart.length) {
      runStart = Arrays.copyOf(runStart, runs * 2);
      runEnd = Arrays.copyOf(runEnd, runs * 2);
    }
    runStart[runs] = s;
    runEnd[runs] = e;
    runs++;
  }
}
