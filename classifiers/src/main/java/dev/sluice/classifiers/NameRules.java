package dev.sluice.classifiers;

import static dev.sluice.classifiers.Detectors.alnum;
import static dev.sluice.classifiers.TextPass.F_CAP;
import static dev.sluice.classifiers.TextPass.F_DIGIT;
import static dev.sluice.classifiers.TextPass.F_LOWER;

/**
 * NAME by context and by name lists: after a context keyword, a title, a role word or before a
 * phrase about a person ({@link #nameContext}, {@link #nameBefore}), and on its own when its tokens
 * are listed given and family names ({@link #name}); the shape tests the table and family rules of
 * {@link Detectors} share. Evidence levels: {@link #NO_CONTEXT}, {@link #ROLE}, {@link #CONTEXT}.
 * Not thread-safe; one per {@link Detectors}.
 */
final class NameRules {
  static final int MAX_NAME_LIST = 16; // names followed in a list after one context keyword

  private final Detectors d;
  private final Rules r;
  private final NameModel nm = NameModel.INSTANCE;
  final NameShapes shapes;
  private final int[] tokStart = new int[4];
  private final int[] tokEnd = new int[4];
  private final int[] tokLastWord = new int[4];
  private char[] a;
  private int n;
  private TextPass p;

  NameRules(Detectors d, Rules r) {
    this.d = d;
    this.r = r;
    this.shapes = new NameShapes(d);
  }

  void bind(char[] a, int n, TextPass p) {
    this.a = a;
    this.n = n;
    this.p = p;
    shapes.bind(a);
  }

  private int digitsIn(int s, int e) {
    int k = 0;
    for (int i = s; i < e; i++) {
      if (a[i] >= '0' && a[i] <= '9') {
        k++;
      }
    }
    return k;
  }

  static final int NO_CONTEXT = 0; // a name on its own: known given name and family name
  static final int ROLE = 1; // after a role word or verb in prose: one listed name token is enough
  static final int CONTEXT = 2; // after "From:", "Dear", "Patient:": shaped like a name is enough

  /**
   * A name just before a phrase that speaks of a person ("Ivo Dunmore was born on", "Zoë Müller
   * (date of birth ..."): up to 4 capitalised words ending one space (or " (") before {@code hs},
   * read with the {@link #ROLE} evidence.
   */
  void nameBefore(int hs) {
    int e = hs - 1;
    if (e > 0 && a[e] == '(' && a[e - 1] == ' ') {
      e--;
    }
    if (e <= 0 || a[e] != ' ') {
      return;
    }
    int w = d.wordAtOrAfter(e) - 1;
    if (w < 0 || p.wEnd[w] != e && !(p.wEnd[w] == e - 1 && a[e - 1] == '.')) {
      return;
    }
    int first = w;
    for (int k = 0; k < 5 && first > 0; k++) {
      int pe = p.wEnd[first - 1];
      char g = a[pe];
      boolean joined = p.wStart[first] - pe == 1 && (g == ' ' || g == '-' || g == '\'');
      boolean initial = p.wStart[first] - pe == 2 && g == '.' && a[pe + 1] == ' ';
      if (!(joined || initial) || (p.wFlags[first - 1] & F_CAP) == 0) {
        break;
      }
      first--;
    }
    for (int k = first; k < w; k++) {
      int last = name(k, ROLE);
      if (last >= 0) {
        return;
      }
    }
  }

  void nameContext(int e, boolean title, int level) {
    int i = e;
    int limit = Math.min(n, e + 6);
    while (i < limit
        && (a[i] == ' '
            || a[i] == ':'
            || a[i] == '.'
            || a[i] == ','
            || a[i] == '\n'
            || a[i] == '\r'
            || a[i] == '\t'
            || a[i] == '"'
            || a[i] == '-')) {
      i++;
    }
    int w = d.wordAtOrAfter(i);
    if (w < p.words && p.wStart[w] == i && (p.wFlags[w] & F_CAP) != 0) {
      int last = name(w, level);
      if (last < 0 && title) {
        familyName(w);
      }
      // a list after the context: "CC: Tomás Álvarez, Zoë Müller and Ann Lee"
      for (int k = 0; k < MAX_NAME_LIST && last >= 0 && last + 1 < p.words; k++) {
        int e2 = p.wEnd[last];
        int nx = p.wStart[last + 1];
        boolean sep =
            nx - e2 == 2 && a[e2] == ',' && a[e2 + 1] == ' '
                || nx - e2 == 5 && d.region(e2, " and ")
                || nx - e2 == 3 && d.region(e2, " & ");
        if (!sep || (p.wFlags[last + 1] & F_CAP) == 0) {
          break;
        }
        last = name(last + 1, level);
      }
    }
  }

  /**
   * A full name from word {@code w}: 2-4 capitalised tokens (initials with a dot allowed in the
   * middle, hyphenated and O'/Mc forms). Without context the first token must be a known given name
   * that is not an everyday word, and the last a known name token.
   */
  int name(int w, int level) {
    boolean ctx = level != NO_CONTEXT;
    if ((p.wFlags[w] & F_DIGIT) != 0) {
      return -1;
    }
    int s = p.wStart[w];
    if (s > 0
        && (alnum(a[s - 1])
            || a[s - 1] == '@'
            || a[s - 1] == '.'
            || a[s - 1] == '_'
            || a[s - 1] == '/'
            || a[s - 1] == '-')) {
      return -1;
    }
    if (!ctx
        && ((!nm.given.contains(a, s, p.wEnd[w]) && !nm.tokens.contains(a, s, p.wEnd[w]))
            || nm.ambiguousGiven.contains(a, s, p.wEnd[w]))) {
      return -1;
    }
    boolean caps = (p.wFlags[w] & F_LOWER) == 0 && d.wlen(w) > 1;
    int t = 0;
    int k = w;
    while (t < 4 && k < p.words) {
      int ks = p.wStart[k];
      int f = p.wFlags[k];
      if ((f & F_CAP) == 0 || (f & F_DIGIT) != 0) {
        break;
      }
      boolean allCaps = (f & F_LOWER) == 0;
      if (allCaps && d.wlen(k) > 1 && !caps) {
        break;
      }
      int kl = joinedLastWord(k); // O'Brien, Smith-Jones
      int ke = p.wEnd[kl];
      boolean initial = ke - ks == 1;
      if (initial && (ke >= n || a[ke] != '.')) {
        break;
      }
      tokStart[t] = ks;
      tokEnd[t] = initial ? ke + 1 : ke;
      tokLastWord[t] = kl;
      t++;
      int gapEnd = initial ? ke + 1 : ke;
      if (kl + 1 >= p.words) {
        break;
      }
      int ns = p.wStart[kl + 1];
      if (!(ns - gapEnd == 1 && a[gapEnd] == ' ')) {
        break;
      }
      k = kl + 1;
    }
    // drop trailing initials
    while (t > 0 && tokEnd[t - 1] - tokStart[t - 1] <= 2 && a[tokEnd[t - 1] - 1] == '.') {
      t--;
    }
    if (t < 2) {
      return -1;
    }
    if (tokEnd[0] - tokStart[0] <= 2 && a[tokEnd[0] - 1] == '.') {
      return -1; // starts with an initial
    }
    for (int i = 0; i < t; i++) {
      boolean everyday =
          i == 0
              ? nm.stop.contains(a, tokStart[0], tokEnd[0])
                  || nm.streetSuffix.contains(a, tokStart[0], tokEnd[0])
              : shapes.notAName(tokStart[i], tokEnd[i]);
      if (everyday) {
        t = i;
        break;
      }
    }
    while (t > 0 && tokEnd[t - 1] - tokStart[t - 1] <= 2 && a[tokEnd[t - 1] - 1] == '.') {
      t--;
    }
    if (t < 2) {
      return -1;
    }
    int fs = tokStart[0];
    int fe = tokEnd[0];
    int ls = tokStart[t - 1];
    int le = tokEnd[t - 1];
    if (!ctx) {
      if (nm.ambiguousGiven.contains(a, fs, fe)) {
        return -1;
      }
      boolean firstGiven = shapes.knownGiven(fs, fe);
      // A known given name vouches for an unlisted family name of the right shape (Priya
      // Raghunathan), but only in a two-word run, with a given name that is not also an everyday
      // word, and a second word without an English word ending (Max Retries, Adam Optimizer).
      boolean lastKnown =
          shapes.knownToken(ls, le)
              || shapes.surnameLike(ls, le)
              || firstGiven
                  && t == 2
                  && !nm.wordGiven.contains(a, fs, fe)
                  && shapes.surnameShaped(ls, le)
                  && !shapes.englishEnding(ls, le);
      if (!firstGiven
          && !(nm.tokens.contains(a, fs, fe) && lastKnown && !nm.given.contains(a, ls, le))) {
        return -1;
      }
      if (!lastKnown && !nm.given.contains(a, ls, le)) {
        return -1;
      }
      if (t > 2) {
        // keep a third token only if it looks like a name too
        int ms = tokStart[1];
        int me = tokEnd[1];
        boolean midOk =
            me - ms <= 2 || nm.given.contains(a, ms, me) || nm.tokens.contains(a, ms, me);
        if (!midOk) {
          t = 2;
          le = tokEnd[1];
          ls = tokStart[1];
          if (!nm.tokens.contains(a, ls, le) && !nm.given.contains(a, ls, le)) {
            return -1;
          }
        }
      }
    } else if (level == ROLE) {
      // "Customer Ivo Dunmore called", "the password for Zoë Müller?": a listed given name first
      // (not an everyday word), or listed name tokens first and last; every token name-shaped
      boolean given =
          shapes.knownGiven(fs, fe)
              && !nm.wordGiven.contains(a, fs, fe)
              && !nm.ambiguousGiven.contains(a, fs, fe);
      boolean tokens =
          shapes.knownToken(fs, fe) && (shapes.knownToken(ls, le) || shapes.surnameLike(ls, le));
      if (!given && !tokens || caps) {
        return -1; // a listed name, written as names are written (not "SIN CANADA")
      }
      for (int i = 1; i < t; i++) {
        int ts = tokStart[i];
        int te = tokEnd[i];
        boolean initial = te - ts <= 2 && a[te - 1] == '.';
        if (!initial
            && !shapes.knownToken(ts, te)
            && !(shapes.surnameShaped(ts, te) && !shapes.strongEnglishEnding(ts, te))) {
          return -1;
        }
      }
    } else {
      boolean known =
          nm.given.contains(a, fs, fe)
              || nm.tokens.contains(a, fs, fe)
              || nm.tokens.contains(a, ls, le);
      // after "From:", "CC:", "Patient:"..., unlisted names count when every token is shaped like
      // one (Tomás Álvarez, Zoë Müller), but not words with English endings (Acme Billing)
      boolean shaped = !known && t >= 2;
      for (int i = 0; i < t && shaped; i++) {
        int ts = tokStart[i];
        int te = tokEnd[i];
        boolean initial = te - ts <= 2 && a[te - 1] == '.';
        shaped =
            initial
                || shapes.knownGiven(ts, te)
                || shapes.knownToken(ts, te)
                || shapes.surnameShaped(ts, te) && !shapes.strongEnglishEnding(ts, te);
      }
      if (!known && !shaped) {
        return -1;
      }
    }
    int e = tokEnd[t - 1];
    if (e > 0 && a[e - 1] == '.') {
      e--;
    }
    if (level != CONTEXT && notAPerson(fs, e)) {
      return -1;
    }
    d.out.add(r.NAME, fs, e, false);
    return tokLastWord[t - 1];
  }

  /**
   * Name-shaped words that the words around them say are no person: a company ("Soft King LLC",
   * "Worthy Pine Labs"), a thing after an article ("the Janie Bacon is"), a town after its postcode
   * ("51216 Le Mans"; a year is no postcode: "Copyright 2003 Ann Lee").
   */
  private boolean notAPerson(int s, int e) {
    if (e + 2 < n && a[e] == ' ') {
      int ws = e + 1;
      int we = ws;
      while (we < n && Character.isLetter(a[we])) {
        we++;
      }
      if (we > ws && nm.companyWords.contains(a, ws, we)) {
        return true;
      }
    }
    int b = s - 1;
    if (b < 1 || a[b] != ' ') {
      return false;
    }
    int ws = b;
    while (ws > 0 && alnum(a[ws - 1])) {
      ws--;
    }
    if (nm.articles.contains(a, ws, b)) {
      return true;
    }
    int digits = digitsIn(ws, b);
    boolean year =
        digits == 4 && (a[ws] == '1' && a[ws + 1] == '9' || a[ws] == '2' && a[ws + 1] == '0');
    return digits == b - ws && (digits == 5 || digits == 4 && !year); // "Copyright 2003 Ann Lee"
  }

  /**
   * The last word of the name token starting at word {@code w}: capitalised words joined by an
   * apostrophe or hyphen (O'Brien, Smith-Jones) make one token.
   */
  private int joinedLastWord(int w) {
    int kl = w;
    while (kl + 1 < p.words
        && p.wEnd[kl] + 1 == p.wStart[kl + 1]
        && (a[p.wEnd[kl]] == '\'' || a[p.wEnd[kl]] == '-')
        && (p.wFlags[kl + 1] & F_CAP) != 0) {
      kl++;
    }
    return kl;
  }

  /** A lone family name after a title ("Mr. Abernathy", "Dr Chen"). */
  private void familyName(int w) {
    int s = p.wStart[w];
    int e = p.wEnd[joinedLastWord(w)];
    if (e - s >= 2 && (p.wFlags[w] & F_DIGIT) == 0 && shapes.surnameShaped(s, e) && d.rightOk(e)) {
      d.out.add(r.NAME, s, e, false);
    }
  }
}
