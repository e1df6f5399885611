package dev.sluice.classifiers;

import static dev.sluice.classifiers.Detectors.alnum;
import static dev.sluice.classifiers.Detectors.digit;
import static dev.sluice.classifiers.Detectors.letter;
import static dev.sluice.classifiers.Detectors.upper;
import static dev.sluice.classifiers.TextPass.F_CAP;
import static dev.sluice.classifiers.TextPass.F_DIGIT;
import static dev.sluice.classifiers.TextPass.F_LOWER;

/**
 * ADDRESS: a street line (house number, street name and type, unit) as people write it, with or
 * without the city and postcode after it. Street forms: US and UK ({@code 12 Kozey Glens Apt. 4},
 * type after the name, USPS Pub. 28), Spanish, Italian, French and Portuguese (type first: {@code
 * Calle Mayor, 5}, {@code Via Roma 12}, {@code 12 rue de la Paix}), German ({@code Hauptstraße 5},
 * {@code Berliner Str. 12}). A street line stands alone only where people put addresses: at a line
 * or cell start, after a comma or colon, after a lower-case word ("send it to 12 Main St"); after a
 * capitalised word or a number ("Windows 10 Media Center") it needs the city and postcode. Cells
 * under an address column are addresses whatever their shape. Not thread-safe; one per {@link
 * Detectors}.
 */
final class Addresses {
  static final int MAX_STREET = 96; // longest street line read char by char

  private final Detectors d;
  private final Rules r;
  private final EuropeanStreets european;
  private final AddressColumns columns;
  private final NameModel nm = NameModel.INSTANCE;
  private char[] a;
  private int n;
  private TextPass p;

  Addresses(Detectors d, Rules r) {
    this.d = d;
    this.r = r;
    this.european = new EuropeanStreets(d, r, this);
    this.columns = new AddressColumns(d, r);
  }

  void bind(char[] a, int n, TextPass p) {
    this.a = a;
    this.n = n;
    this.p = p;
    european.bind(a, n, p);
    columns.bind(a, n);
  }

  /** See {@link EuropeanStreets#typeFirst}. */
  int typeFirst(int w) {
    return european.typeFirst(w);
  }

  /** See {@link EuropeanStreets#beforePostcode}. */
  int beforePostcode(int w) {
    return european.beforePostcode(w);
  }

  /** See {@link AddressColumns#column}. */
  void column(int hs, int he) {
    columns.column(hs, he);
  }

  // ---------------------------------------------------------------- number first

  /**
   * A street line starting with the house number at word {@code w} ("4345 Jennings Circle", "221B
   * Baker Street", "12 rue de la Paix", "70 Allée d'Orsel"); returns its last word or -1.
   */
  int numberFirst(int w) {
    int s = p.wStart[w];
    if (!d.leftOk(s)) {
      return -1;
    }
    int last = typeAfter(w);
    if (last >= 0) {
      return last;
    }
    return european.frenchForm(w);
  }

  /**
   * US and UK: number, 1-5 street words, a street type, [direction], [unit], then [,] city, [,]
   * state and ZIP or UK postcode; or the street line alone where addresses are written.
   */
  private int typeAfter(int w) {
    int s = p.wStart[w];
    if (w + 1 >= p.words || d.gap(w) != ' ') {
      return -1;
    }
    int k = w + 1;
    int nameWords = 0;
    int type = -1;
    while (k < p.words && nameWords <= 5) {
      int ks = p.wStart[k];
      int ke = p.wEnd[k];
      int f = p.wFlags[k];
      if (nameWords > 0 && (f & F_CAP) != 0 && nm.typeAfter.contains(a, ks, ke)) {
        type = k;
        // "Maple Grove Ave", "Forest Hill Road": the last of two type words ends the street
        if (k + 1 < p.words
            && d.gap(k) == ' '
            && (p.wFlags[k + 1] & F_CAP) != 0
            && nm.typeAfter.contains(a, p.wStart[k + 1], p.wEnd[k + 1])
            && !nm.unitWords.contains(a, p.wStart[k + 1], p.wEnd[k + 1])) {
          type = k + 1;
        }
        break;
      }
      if (nameWords == 0 && ke - ks == 8 && regionIgnoreCase(ks, "broadway")) {
        type = k; // a street named without a type
        break;
      }
      boolean ok = (f & F_CAP) != 0 || ((f & F_DIGIT) != 0 && ke - ks <= 4);
      char g = a[p.wEnd[k - 1]];
      boolean joined = nameWords > 0 && (g == '-' || g == '\''); // Spinka-Strosin, O'Kon
      if (!ok || ks - p.wEnd[k - 1] != 1 || !(g == ' ' || g == '.' || joined)) {
        return -1;
      }
      if (!joined) {
        nameWords++;
      }
      k++;
    }
    if (type < 0) {
      return -1;
    }
    int i = p.wEnd[type];
    if (i < n && a[i] == '.') {
      i++;
    }
    int lastWord = type;
    // optional direction after the type (NW) and unit (Apt 4B, Suite 200, #12)
    int nw = d.wordAtOrAfter(i);
    if (nw < p.words
        && p.wStart[nw] == i + 1
        && a[i] == ' '
        && d.wlen(nw) <= 2
        && (p.wFlags[nw] & F_LOWER) == 0
        && nm.directions.contains(a, p.wStart[nw], p.wEnd[nw])) {
      lastWord = nw;
      i = p.wEnd[nw];
      nw = d.wordAtOrAfter(i);
    }
    if (nw < p.words
        && p.wStart[nw] - i <= 2
        && nm.unitWords.contains(a, p.wStart[nw], p.wEnd[nw])) {
      int u = nw + 1;
      if (u < p.words && p.wStart[u] - p.wEnd[nw] <= 3 && (p.wFlags[u] & F_DIGIT) != 0) {
        lastWord = u;
        i = p.wEnd[u];
      }
    } else if (nw < p.words && i < n && p.wStart[nw] - i <= 3 && a[p.wStart[nw] - 1] == '#') {
      lastWord = nw;
      i = p.wEnd[nw];
    }
    int tail = addressTail(s, i);
    if (tail >= 0) {
      return tail;
    }
    int e = i > 0 && a[i - 1] == '.' && (i == n || a[i] != ',') ? i - 1 : i;
    boolean year = yearLike(s, p.wEnd[w]);
    if (year && (nm.given.contains(a, p.wStart[w + 1], p.wEnd[w + 1]) || copyrightLine(s))) {
      return -1; // "(c) 2007, 2008 Larry Wall", "2016 Iain Lane <iain@...>"
    }
    if (d.rightOk(i) && standsAlone(s) && endsClause(e)) {
      d.out.add(r.ADDRESS, unitBefore(s), e, false);
      return lastWord;
    }
    return -1;
  }

  /**
   * Whether a street line starting at {@code s} is where people write addresses: at a line or cell
   * start, after a comma, colon or quote, or after a lower-case word that is not an article ("send
   * it to 12 Main St", not "a 5 Minute Walk" or "Windows 10 Media Center").
   */
  boolean standsAlone(int s) {
    int j = s - 1;
    while (j >= 0 && (a[j] == ' ' || a[j] == '\t')) {
      j--;
    }
    if (j < 0) {
      return true;
    }
    char c = a[j];
    if ("\n\r\"',:;(>|[".indexOf(c) >= 0 || j < s - 1 && a[j + 1] == '\t') {
      return true;
    }
    if (!Character.isLetter(c)) {
      return false;
    }
    int ws = j;
    while (ws > 0 && Character.isLetter(a[ws - 1])) {
      ws--;
    }
    int we = j + 1;
    return nm.addressCue.contains(a, ws, we); // "send it to 12 Main St", "Address 12 Main St"
  }

  /**
   * Whether a street line ending at {@code e} ends its clause: the text's or line's end,
   * punctuation, or a word that starts a new clause ("12 Main St or fax", not "12 Maple Street
   * signs").
   */
  private boolean endsClause(int e) {
    if (e >= n || a[e] != ' ') {
      return true;
    }
    int ws = e + 1;
    int we = ws;
    while (we < n && Character.isLetter(a[we])) {
      we++;
    }
    return we == ws || !Character.isLowerCase(a[ws]) || nm.clauseWords.contains(a, ws, we);
  }

  // ---------------------------------------------------------------- city lines

  /** A 4-digit number from 1900 to 2099: a year more often than a house number or postcode. */
  boolean yearLike(int s, int e) {
    return e - s == 4
        && (a[s] == '1' && a[s + 1] == '9' || a[s] == '2' && a[s + 1] == '0')
        && digit(a[s + 2])
        && digit(a[s + 3]);
  }

  /** Whether the line holding {@code s} says "copyright", "(c)" or "©" before it. */
  boolean copyrightLine(int s) {
    int ls = s;
    while (ls > 0 && s - ls < 200 && a[ls - 1] != '\n') {
      ls--;
    }
    for (int i = ls; i < s; i++) {
      if (a[i] == '©'
          || a[i] == '(' && i + 2 < n && (a[i + 1] == 'c' || a[i + 1] == 'C') && a[i + 2] == ')'
          || regionIgnoreCase(i, "copyright")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rest of an address whose first line ({@code [s, i)}: street, or PO box) is read: [,] city,
   * [,] state + ZIP (US) or postcode (UK). Emits the ADDRESS, starting earlier when a unit leads
   * ("Flat 3, 12 High St"); returns its last word or -1.
   */
  int addressTail(int s, int i) {
    s = unitBefore(s);
    // separator: ", " or newline or space, or a cell edge "," between quoted cells
    int j = i;
    while (j < n
        && j - i < 4
        && (a[j] == ',' || a[j] == ' ' || a[j] == '\n' || a[j] == '\r' || a[j] == '"')) {
      j++;
    }
    if (j == i) {
      return -1;
    }
    int cw = d.wordAtOrAfter(j);
    if (cw >= p.words || p.wStart[cw] != j) {
      return -1;
    }
    // city: 1-3 capitalised words
    int cityWords = 0;
    int c = cw;
    while (c < p.words && cityWords < 4) {
      int f = p.wFlags[c];
      if ((f & F_CAP) == 0 || (f & F_DIGIT) != 0) {
        break;
      }
      // stop before a state code / UK postcode
      if (cityWords > 0 && (isStateCode(c) || ukPostcodeAt(c) > 0)) {
        break;
      }
      cityWords++;
      int ce = p.wEnd[c];
      if (c + 1 < p.words
          && p.wStart[c + 1] - ce == 1
          && (a[ce] == ' ' || a[ce] == '-' || a[ce] == '\'')) {
        c++;
      } else if (c + 1 < p.words && p.wStart[c + 1] - ce == 2 && a[ce] == ',' && a[ce + 1] == ' ') {
        c++;
        break;
      } else {
        c++;
        break;
      }
    }
    if (cityWords == 0 || c >= p.words) {
      return -1;
    }
    // c: first word after the city (after ", " or " ")
    int gapStart = p.wEnd[c - 1];
    int gapLen = p.wStart[c] - gapStart;
    if (gapLen > 3) {
      return -1;
    }
    // US state + ZIP
    int st = c;
    int zipW = -1;
    if (isStateCode(st)) {
      zipW = st + 1;
    } else if (nm.usStateNames.contains(a, p.wStart[st], p.wEnd[st])) {
      zipW = st + 1;
    } else if (st + 1 < p.words
        && d.gap(st) == ' '
        && nm.usStateNames.contains(a, p.wStart[st], p.wEnd[st + 1])) {
      zipW = st + 2;
    }
    if (zipW > 0
        && zipW < p.words
        && d.isDigitWord(zipW)
        && d.wlen(zipW) == 5
        && p.wStart[zipW] - p.wEnd[zipW - 1] <= 2) {
      int e = p.wEnd[zipW];
      int last = zipW;
      if (zipW + 1 < p.words
          && d.gap(zipW) == '-'
          && d.isDigitWord(zipW + 1)
          && d.wlen(zipW + 1) == 4) {
        last = zipW + 1;
        e = p.wEnd[last];
      }
      if (d.rightOk(e)) {
        d.out.add(r.ADDRESS, s, e, false);
        return last;
      }
      return -1;
    }
    int pc = ukPostcodeAt(c);
    if (pc > 0) {
      d.out.add(r.ADDRESS, s, p.wEnd[pc], false);
      return pc;
    }
    return -1;
  }

  /** Start of a unit that leads the street line ("Flat 3, ", "Apt 4B, ", "Suite 210, "), else s. */
  private int unitBefore(int s) {
    int i = s;
    if (i >= 2 && a[i - 1] == ' ' && a[i - 2] == ',') {
      i -= 2;
    } else {
      return s;
    }
    int ie = i;
    while (i > 0 && ie - i < 6 && alnum(a[i - 1])) {
      i--;
    }
    if (i == ie || !containsDigit(i, ie)) {
      return s;
    }
    if (i > 0 && a[i - 1] == '#') {
      return d.leftOk(i - 1) ? i - 1 : s;
    }
    if (i < 2 || a[i - 1] != ' ') {
      return s;
    }
    int ue = i - 1;
    int us = ue;
    while (us > 0 && ue - us < 10 && letter(a[us - 1])) {
      us--;
    }
    if (us == ue || !upper(a[us]) || !nm.unitWords.contains(a, us, ue) || !d.leftOk(us)) {
      return s;
    }
    return us;
  }

  boolean containsDigit(int s, int e) {
    for (int i = s; i < e; i++) {
      if (digit(a[i])) {
        return true;
      }
    }
    return false;
  }

  /** "PO Box 4417, Portland, OR 97208", "P.O. Box 12", "Post Office Box 9" + city and state. */
  int poBox(int w) {
    int s = p.wStart[w];
    if (!d.leftOk(s)) {
      return -1;
    }
    int i;
    if (d.startsWith(s, "PO Box ") || d.startsWith(s, "Po Box ")) {
      i = s + 7;
    } else if (d.startsWith(s, "P.O. Box ")) {
      i = s + 9;
    } else if (d.startsWith(s, "Post Office Box ")) {
      i = s + 16;
    } else {
      return -1;
    }
    int ds = i;
    while (i < n && i - ds < 8 && digit(a[i])) {
      i++;
    }
    if (i == ds || i < n && alnum(a[i])) {
      return -1;
    }
    return addressTail(s, i);
  }

  private boolean isStateCode(int w) {
    return d.wlen(w) == 2
        && (p.wFlags[w] & F_LOWER) == 0
        && nm.usStateCodes.contains(a, p.wStart[w], p.wEnd[w]);
  }

  /** Last word of a UK postcode starting at word w ("SW1A 1AA", "M1 1AE"), or -1. */
  private int ukPostcodeAt(int w) {
    if (w + 1 >= p.words || d.gap(w) != ' ') {
      return -1;
    }
    int s = p.wStart[w];
    int e = p.wEnd[w];
    int len = e - s;
    if (len < 2 || len > 4 || !upper(a[s])) {
      return -1;
    }
    // outward: A9, A9A, A99, AA9, AA9A, AA99
    int i = s + 1;
    if (upper(a[i])) {
      i++;
    }
    if (i >= e || !digit(a[i])) {
      return -1;
    }
    i++;
    if (i < e && (digit(a[i]) || upper(a[i]))) {
      i++;
    }
    if (i != e) {
      return -1;
    }
    int is = p.wStart[w + 1];
    if (d.wlen(w + 1) != 3 || !digit(a[is]) || !upper(a[is + 1]) || !upper(a[is + 2])) {
      return -1;
    }
    return d.rightOk(p.wEnd[w + 1]) ? w + 1 : -1;
  }

  boolean regionIgnoreCase(int q, String s) {
    if (q < 0 || q + s.length() > n) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.toLowerCase(a[q + i]) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
