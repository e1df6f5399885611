package dev.sluice.classifiers;

import static dev.sluice.classifiers.Detectors.upper;

/**
 * Shape tests for NAME tokens on a window's chars: listed given names and name tokens (also without
 * accents and per hyphenated part), family-name shape, English word endings, everyday words. Not
 * thread-safe; one per {@link NameRules}.
 */
final class NameShapes {
  private final Detectors d;
  private final NameModel nm = NameModel.INSTANCE;
  private char[] a;

  NameShapes(Detectors d) {
    this.d = d;
  }

  void bind(char[] a) {
    this.a = a;
  }

  /**
   * A capitalised word shaped like a family name that no list of everyday words, street suffixes,
   * months or states holds: upper-case first, then lower-case (hyphenated and O' forms allowed).
   */
  boolean surnameShaped(int s, int e) {
    if (e - s < 2 || !Character.isUpperCase(a[s])) {
      return false;
    }
    boolean lower = false;
    for (int i = s + 1; i < e; i++) {
      char c = a[i];
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (!(c == '-'
          || c == '\''
          || Character.isUpperCase(c)
              && i > s + 1
              && (a[i - 1] == '-'
                  || a[i - 1] == '\''
                  || i == s + 2 && a[s] == 'M' && a[s + 1] == 'c'))) {
        return false;
      }
    }
    return lower
        && !nm.stop.contains(a, s, e)
        && !nm.streetSuffix.contains(a, s, e)
        && !nm.months.contains(a, s, e)
        && !nm.usStateNames.contains(a, s, e)
        && !nm.directions.contains(a, s, e);
  }

  private static final String[] ENGLISH_ENDINGS = {
    "ies", "ts", "ks", "ps", "ds", "gs", "rs", "ls", "tion", "sion", "ment", "ness", "ing", "ity",
    "ism", "ics", "able", "ible", "ful", "less", "ive", "ize", "ise", "ed", "er", "ery", "ory",
    "ship", "hood", "ware", "ly"
  };

  private static final String[] STRONG_ENGLISH_ENDINGS = {
    "ies", "tion", "sion", "ment", "ness", "ing", "ity", "ism", "ics", "able", "ible", "ful",
    "less", "ship", "hood", "ware"
  };

  /** Ends like an English word even after a name context ("Acme Billing", "Release Notes"). */
  boolean strongEnglishEnding(int s, int e) {
    return endsWithAny(s, e, STRONG_ENGLISH_ENDINGS);
  }

  /** Ends like an English noun, verb or adjective rather than a family name. */
  boolean englishEnding(int s, int e) {
    return endsWithAny(s, e, ENGLISH_ENDINGS);
  }

  /** Whether {@code a[s, e)} ends with one of {@code ends} (lower case) after 2+ other chars. */
  boolean endsWithAny(int s, int e, String[] ends) {
    for (String end : ends) {
      int l = end.length();
      if (e - s > l + 1 && regionMatchesLower(e - l, end)) {
        return true;
      }
    }
    return false;
  }

  boolean regionMatchesLower(int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      if (Character.toLowerCase(a[at + i]) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A known given name; for a hyphenated one ("Jean-Luc"), its first part. */
  boolean knownGiven(int s, int e) {
    if (nm.given.contains(a, s, e) || folds(s, e) && nm.given.contains(folded, 0, e - s)) {
      return true; // Lucía as Lucia
    }
    int h = hyphenIn(s, e);
    return h > s && nm.given.contains(a, s, h);
  }

  private final char[] folded = new char[64];
  private static final String ACCENTED = "áàâäãåéèêëíìîïóòôöõøúùûüñçýÿ";
  private static final String PLAIN = "aaaaaaeeeeiiiiooooooouuuuncyy";

  /**
   * Copies {@code a[s, e)} without the Latin accents the name lists were written without into
   * {@link #folded}; false when there is nothing to fold or the word is too long.
   */
  boolean folds(int s, int e) {
    if (e - s > folded.length) {
      return false;
    }
    boolean any = false;
    for (int i = s; i < e; i++) {
      char c = a[i];
      if (c >= 128) {
        int k = ACCENTED.indexOf(Character.toLowerCase(c));
        if (k >= 0) {
          c = PLAIN.charAt(k);
          any = true;
        }
      }
      folded[i - s] = c;
    }
    return any;
  }

  /** A known name token; for a hyphenated one ("Garcia-Lopez"), any part. */
  boolean knownToken(int s, int e) {
    if (nm.tokens.contains(a, s, e) || folds(s, e) && nm.tokens.contains(folded, 0, e - s)) {
      return true; // Fernández as Fernandez
    }
    int from = s;
    for (int h = hyphenIn(s, e); h > 0; h = hyphenIn(from, e)) {
      if (h > from && nm.tokens.contains(a, from, h)) {
        return true;
      }
      from = h + 1;
    }
    return from > s && from < e && nm.tokens.contains(a, from, e);
  }

  int hyphenIn(int s, int e) {
    for (int i = s; i < e; i++) {
      if (a[i] == '-') {
        return i;
      }
    }
    return -1;
  }

  /** An everyday capitalised word that no name list holds. */
  boolean notAName(int s, int e) {
    return (nm.stop.contains(a, s, e) || nm.streetSuffix.contains(a, s, e))
        && !nm.tokens.contains(a, s, e)
        && !nm.given.contains(a, s, e);
  }

  boolean surnameLike(int s, int e) {
    // Mc/Mac/O' family names not in the token list
    return e - s >= 4 && (d.region(s, "Mc") || d.region(s, "Mac") || d.region(s, "O'"));
  }

  boolean isMcName(int s, int e) {
    return e - s >= 4
        && (d.region(s, "Mc") || d.region(s, "Mac"))
        && upper(a[s + (a[s + 1] == 'c' ? 2 : 3)]);
  }
}
