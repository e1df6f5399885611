package dev.sluice.classifiers.identifier;

import java.util.Locale;

/**
 * Applies a custom identifier to a slice: regex matches, then the keyword-before rule and ignore
 * words. With keywords, the regex only runs on the bounded slices that follow each keyword (the
 * match must end within {@code maximumMatchDistance} of the keyword's end). Stateless.
 */
public final class CustomMatcher {
  private CustomMatcher() {}

  /**
   * Finds the matches of {@code cdi} in {@code a[from, to)}, reporting spans to {@code out}. {@code
   * textStart}/{@code textEnd} bound the whole text (for anchors); keywords are looked for by a
   * plain case-insensitive search, which suits the short samples of {@code test}. The scanner uses
   * its keyword automaton instead ({@link #findAfterKeyword}).
   */
  public static void find(
      CustomDataIdentifier cdi,
      MacieRegex re,
      char[] a,
      int from,
      int to,
      int textStart,
      int textEnd,
      MacieRegex.MatchConsumer out) {
    if (cdi.keywords().isEmpty()) {
      re.findAll(
          a,
          from,
          to,
          textStart,
          textEnd,
          (s, e) -> {
            if (!ignored(cdi, a, s, e)) {
              out.match(s, e);
            }
          });
      return;
    }
    String lower = new String(a, from, to - from).toLowerCase(Locale.ROOT);
    int[] lastEnd = {from};
    for (int i = 0; i < lower.length(); i++) {
      for (String k : cdi.keywords()) {
        String lk = k.toLowerCase(Locale.ROOT);
        if (lower.startsWith(lk, i)) {
          findAfterKeyword(
              cdi, re, a, from + i + lk.length(), to, textStart, textEnd, lastEnd, out);
        }
      }
    }
  }

  /**
   * Reports matches that start at or after {@code kwEnd} and end within the identifier's distance
   * of it. {@code lastEnd[0]} carries the end of the last reported match so overlapping keyword
   * windows do not report a match twice.
   */
  public static void findAfterKeyword(
      CustomDataIdentifier cdi,
      MacieRegex re,
      char[] a,
      int kwEnd,
      int to,
      int textStart,
      int textEnd,
      int[] lastEnd,
      MacieRegex.MatchConsumer out) {
    int from = Math.max(kwEnd, lastEnd[0]);
    int limit = Math.min(to, kwEnd + cdi.maximumMatchDistance());
    if (from >= limit) {
      return;
    }
    re.findAll(
        a,
        from,
        limit,
        textStart,
        textEnd,
        (s, e) -> {
          if (!ignored(cdi, a, s, e)) {
            out.match(s, e);
            lastEnd[0] = Math.max(lastEnd[0], e);
          }
        });
  }

  static boolean ignored(CustomDataIdentifier cdi, char[] a, int s, int e) {
    if (cdi.ignoreWords().isEmpty()) {
      return false;
    }
    String m = new String(a, s, e - s);
    for (String w : cdi.ignoreWords()) {
      if (m.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
