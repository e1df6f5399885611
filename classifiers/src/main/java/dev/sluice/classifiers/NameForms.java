package dev.sluice.classifiers;

/**
 * NAME in the forms mail and changelogs write it: the display name before an address in angle
 * brackets ({@code From: Zoë Müller-Lüdenscheidt <zoe@example.org>}, {@code -- Jean-Luc de la Tour
 * <jl@debian.org>}, {@code Maintainer: Seán O'Brien <sean@example.ie>}). The brackets and the
 * {@code @} are the evidence, so unlisted names count when every token is shaped like a name:
 * capitalised (accents, hyphens, apostrophes, initials), particles between them (de, van, von, da,
 * bin), no everyday word ("Security Team", "Release Bot"). Not thread-safe; one per {@link
 * Detectors}.
 */
final class NameForms {
  static final int MAX_DISPLAY = 80; // longest display name read back from its '<'

  private final Detectors d;
  private final Rules r;
  private final NameModel nm = NameModel.INSTANCE;
  private final int[] ts = new int[8];
  private final int[] te = new int[8];

  NameForms(Detectors d, Rules r) {
    this.d = d;
    this.r = r;
  }

  /** Display names before the {@code <local@domain>} of every {@code @} of the pass. */
  void displayNames(char[] a, int n, TextPass p) {
    int lastLt = -1;
    for (int k = 0; k < p.ats; k++) {
      int x = p.at[k];
      int lt = x - 1;
      while (lt >= 0 && x - lt < 64 && a[lt] != '<' && a[lt] != '\n' && a[lt] != ' ') {
        lt--;
      }
      if (lt < 2 || a[lt] != '<' || lt == lastLt || a[lt - 1] != ' ') {
        continue;
      }
      lastLt = lt;
      displayName(a, lt - 1);
    }
  }

  /** Reads tokens back from the space at {@code sp} (before a '<') and emits the NAME they make. */
  private void displayName(char[] a, int sp) {
    int t = 0;
    int i = sp;
    int lim = Math.max(0, sp - MAX_DISPLAY);
    while (i > lim && a[i] == ' ' && t < ts.length) {
      int e = i;
      int s = e;
      while (s > lim && tokenChar(a[s - 1])) {
        s--;
      }
      if (s == e) {
        break;
      }
      ts[t] = s;
      te[t] = e;
      t++;
      i = s - 1;
      if (i < 0 || a[i] != ' ') {
        break;
      }
    }
    // tokens were read right to left; the name starts at the leftmost capitalised token that
    // follows an edge ("From: ", "-- ", a line start) or a lower-case word that is no particle
    int first = -1;
    for (int k = 0; k < t; k++) {
      int s = ts[k];
      int e = te[k];
      if (Character.isUpperCase(a[s])) {
        if (everyday(a, s, e)) {
          break;
        }
        first = k;
      } else if (!nm.particles.contains(a, s, e)) {
        break;
      }
    }
    if (first < 1) {
      return; // one word ("Support <help@x>") or none
    }
    int s = ts[first];
    int e = te[0];
    if (e > 0
        && a[e - 1] == '.'
        && e - s > 2
        && a[e - 2] != ' '
        && Character.isLowerCase(a[e - 2])) {
      e--;
    }
    int caps = 0;
    for (int k = 0; k <= first; k++) {
      if (Character.isUpperCase(a[ts[k]])) {
        if (!shaped(a, ts[k], te[k])) {
          return;
        }
        caps++;
      }
    }
    boolean lastInitial = te[0] - ts[0] <= 2 && a[te[0] - 1] == '.';
    if (caps >= 2 && !lastInitial) {
      d.out.add(r.NAME, s, e, false);
    }
  }

  private static boolean tokenChar(char c) {
    return Character.isLetter(c) || c == '-' || c == '\'' || c == '’' || c == '.';
  }

  /** Capitalised, then lower-case letters (hyphens, apostrophes, Mc); or an initial "J.". */
  private static boolean shaped(char[] a, int s, int e) {
    if (e - s == 2 && a[s + 1] == '.' || e - s == 1) {
      return true;
    }
    boolean lower = false;
    for (int i = s + 1; i < e; i++) {
      char c = a[i];
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        char b = a[i - 1];
        if (!(b == '-' || b == '\'' || b == '’' || i == s + 2 && a[s] == 'M' && a[s + 1] == 'c')
            && !(i > s + 1 && Character.isLowerCase(b))) { // DeVries, VonRueden
          return false;
        }
      } else if (!(c == '-' || c == '\'' || c == '’')) {
        return false;
      }
    }
    return lower;
  }

  private boolean everyday(char[] a, int s, int e) {
    return (nm.stop.contains(a, s, e) || nm.streetSuffix.contains(a, s, e))
        && !nm.given.contains(a, s, e)
        && !nm.tokens.contains(a, s, e);
  }
}
