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
  private final NameModel nm = NameModel.INSTANCE;
  private char[] a;
  private int n;
  private TextPass p;

  Addresses(Detectors d, Rules r) {
    this.d = d;
    this.r = r;
  }

  void bind(char[] a, int n, TextPass p) {
    this.a = a;
    this.n = n;
    this.p = p;
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
    return frenchForm(w);
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
  private boolean standsAlone(int s) {
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

  /**
   * French and other number-first forms with a lower-case or capitalised type ("12 rue de la Paix",
   * "70 Allée d'Orsel", "8, boulevard Haussmann"), read char by char (lower-case words are not
   * words of the pass). Returns the last word or -1.
   */
  private int frenchForm(int w) {
    int s = p.wStart[w];
    int i = p.wEnd[w];
    if (d.wlen(w) > 5) {
      return -1;
    }
    if (i + 2 < n && (a[i] == 'b' || a[i] == 't') && a[i + 1] == 'i' && a[i + 2] == 's') {
      i += a[i] == 'b' ? 3 : 3; // 12bis, 12ter
    }
    if (i < n && a[i] == ',') {
      i++;
    }
    if (i >= n || a[i] != ' ') {
      return -1;
    }
    int ts = i + 1;
    int te = ts;
    while (te < n && te - ts < 12 && (Character.isLetter(a[te]) || a[te] == '-')) {
      te++;
    }
    if (te == ts || !nm.typeBefore.contains(a, ts, te)) {
      return -1;
    }
    int e = streetName(te, true);
    if (e < 0 || !d.rightOk(e) || !standsAlone(s)) {
      return -1;
    }
    d.out.add(r.ADDRESS, s, e, false);
    return d.wordAtOrAfter(e) - 1;
  }

  /**
   * The end of a street name after a type ending at {@code i}: capitalised words and the particles
   * between them (de, del, la, d', di...), at least one capitalised word; -1 if none. With {@code
   * toBoundary} the name must end where the line, cell or clause ends.
   */
  private int streetName(int i, boolean toBoundary) {
    int lim = Math.min(n, i + MAX_STREET);
    int end = -1;
    int j = i;
    while (j < lim && a[j] == ' ') {
      j++;
      int ws = j;
      while (j < lim && (Character.isLetter(a[j]) || a[j] == '-' || a[j] == '\'' || a[j] == '’')) {
        j++;
        if (a[j - 1] == '\'' || a[j - 1] == '’') {
          break; // d'Orsel: the particle ends at its apostrophe
        }
      }
      if (j == ws) {
        break;
      }
      if (Character.isUpperCase(a[ws])) {
        end = j;
      } else if (!nm.particles.contains(a, ws, a[j - 1] == '\'' || a[j - 1] == '’' ? j - 1 : j)) {
        return toBoundary ? -1 : end; // a lower-case word that is no particle: prose
      }
      if (j < lim && (a[j - 1] == '\'' || a[j - 1] == '’')) {
        int cs = j; // the capitalised word glued to d' / l'
        while (j < lim && (Character.isLetter(a[j]) || a[j] == '-')) {
          j++;
        }
        if (j > cs && Character.isUpperCase(a[cs])) {
          end = j;
        }
      }
    }
    if (end < 0) {
      return -1;
    }
    if (toBoundary && end < n) {
      char c = a[end];
      if (!(c == ','
          || c == '"'
          || c == '\n'
          || c == '\r'
          || c == ';'
          || c == '.'
          || c == ')'
          || c == ' ' && end + 1 < n && !Character.isUpperCase(a[end + 1]))) {
        return -1;
      }
    }
    return end;
  }

  // ---------------------------------------------------------------- type first

  /**
   * A street line that starts with its type or is one German word ending in one, followed by the
   * house number: "Calle Mayor, 5", "Via Roma 12", "Avenida de la Paz s/n", "Quai de Bercy 3",
   * "Hauptstraße 5", "Herzogstr. 296", "Berliner Str. 12", "Hufer Weg 58b". Returns the last word
   * or -1.
   */
  int typeFirst(int w) {
    int s = p.wStart[w];
    if (!d.leftOk(s)) {
      return -1;
    }
    int e = p.wEnd[w];
    int i;
    if (nm.typeBefore.contains(a, s, e)
        || e < n && a[e] == '.' && nm.typeBefore.contains(a, s, e + 1)) {
      if (e < n && a[e] == '.') {
        e++;
      }
      i = streetName(e, false);
    } else if (e - s >= 5 && gluedGerman(s, joinedEnd(e))) {
      e = joinedEnd(e); // Else-Lasker-Schüler-Str. 38
      i = e < n && a[e] == '.' ? e + 1 : e; // Herzogstr. 296
    } else {
      i = germanTwoWords(w);
    }
    if (i < 0) {
      return -1;
    }
    int ne = houseNumber(i);
    if (ne < 0 || !d.rightOk(ne)) {
      return -1;
    }
    d.out.add(r.ADDRESS, s, ne, false);
    return d.wordAtOrAfter(ne) - 1;
  }

  /** The end of the hyphen-joined token whose first word ends at {@code e}. */
  private int joinedEnd(int e) {
    while (e + 1 < n && a[e] == '-' && Character.isLetter(a[e + 1])) {
      e++;
      while (e < n && Character.isLetter(a[e])) {
        e++;
      }
    }
    return e;
  }

  private boolean gluedGerman(int s, int e) {
    int end = e < n && a[e] == '.' ? e + 1 : e;
    for (String t : nm.typeGlued) {
      int l = t.length();
      if (end - s >= l + 3 && regionIgnoreCase(end - l, t)) {
        return true;
      }
    }
    return false;
  }

  /** "Berliner Str. 12", "Hufer Weg 5": 1-2 capitalised words then a German type word. */
  private int germanTwoWords(int w) {
    for (int k = w + 1; k <= w + 2 && k < p.words; k++) {
      if (d.gap(k - 1) != ' ' && d.gap(k - 1) != '-' || (p.wFlags[k] & F_CAP) == 0) {
        return -1;
      }
      int ks = p.wStart[k];
      int ke = p.wEnd[k];
      if (ke < n && a[ke] == '.' && nm.typeGerman.contains(a, ks, ke + 1)) {
        return ke + 1;
      }
      if (nm.typeGerman.contains(a, ks, ke)) {
        return ke;
      }
    }
    return -1;
  }

  /**
   * End of a house number after {@code [,] ' '} at {@code i} ("5", "58b", "12-14", "s/n"), or -1.
   */
  private int houseNumber(int i) {
    if (i < n && a[i] == ',') {
      i++;
    }
    if (i >= n || a[i] != ' ') {
      return -1;
    }
    i++;
    if (i + 2 < n
        && (a[i] == 's' || a[i] == 'S')
        && a[i + 1] == '/'
        && (a[i + 2] == 'n' || a[i + 2] == 'N')) {
      return i + 3; // sin número
    }
    if (i + 1 < n
        && (regionIgnoreCase(i, "n. ")
            || regionIgnoreCase(i, "nº ")
            || regionIgnoreCase(i, "no. "))) {
      i += a[i + 1] == 'o' ? 4 : 3;
    }
    int ds = i;
    while (i < n && i - ds < 5 && digit(a[i])) {
      i++;
    }
    if (i == ds || i - ds > 4) {
      return -1;
    }
    if (i < n && letter(a[i]) && (i + 1 == n || !alnum(a[i + 1]))) {
      i++; // 58b
    } else if (i + 1 < n && a[i] == '-' && digit(a[i + 1])) {
      i++;
      while (i < n && digit(a[i])) {
        i++;
      }
    }
    return i;
  }

  // ---------------------------------------------------------------- city lines

  /**
   * A European city line: the postcode at word {@code w} (4-5 digits) after ", " and before a town
   * ("Feldsiefer Wiesen 71, 59390 Shawndorf", "Riera Norma s/n., 85083 Logroño", "Am Hang 3a, 50667
   * Köln"): the street line before it, from its line or cell start (or the last ", " that a word
   * follows: "Ivo Dunmore, Hauptstr. 5, ..."), is an ADDRESS when it holds a capitalised word and a
   * house number or "s/n". Returns the last word or -1.
   */
  int beforePostcode(int w) {
    int ps = p.wStart[w];
    int pe = p.wEnd[w];
    if (pe - ps < 4 || pe - ps > 5 || ps < 4 || a[ps - 1] != ' ' || a[ps - 2] != ',') {
      return -1;
    }
    if (pe + 1 >= n || a[pe] != ' ' || !Character.isUpperCase(a[pe + 1])) {
      return -1;
    }
    int se = ps - 2;
    boolean year = yearLike(ps, pe);
    int lim = Math.max(0, se - MAX_STREET);
    int b = se;
    while (b > lim && "\n\r\"\t:;(".indexOf(a[b - 1]) < 0) {
      b--;
    }
    if (b == lim && lim > 0) {
      return -1; // no line or cell start within reach
    }
    // from the comma back, only what a street line holds: capitalised words, numbers, particles,
    // street types and units; a word of prose ("send it to") ends it
    int t = se;
    while (t > b) {
      int te = t;
      while (te > b && a[te - 1] == ' ') {
        te--;
      }
      int ts = te;
      while (ts > b && a[ts - 1] != ' ') {
        ts--;
      }
      if (ts == te || !streetToken(ts, te)) {
        break;
      }
      t = ts;
    }
    b = t;
    while (b < se && a[b] == ' ') {
      b++;
    }
    // start after the last ", " that a word follows, when a house number lies after it
    for (int i = se - 2; i > b; i--) {
      if (a[i] == ',' && a[i + 1] == ' ' && Character.isLetter(a[i + 2]) && hasNumber(i + 2, se)) {
        if (unitAt(i + 2)) {
          continue; // "Piazza Galli 8, Appartamento 4": the unit belongs to the street line
        }
        b = i + 2;
        break;
      }
    }
    if (se - b < 4 || !hasNumber(b, se) || !hasCapitalWord(b, se)) {
      return -1;
    }
    if (year && !hasStreetType(b, se)) {
      return -1; // "Copyright 1989, 1990 Advanced", "August 26, 2011 Darrick"
    }
    for (int i = b; i < se; i++) {
      char c = a[i];
      if (!(Character.isLetterOrDigit(c) || " .,-'/’º".indexOf(c) >= 0)) {
        return -1;
      }
    }
    int ce = pe + 1;
    while (ce < n && (Character.isLetter(a[ce]) || a[ce] == '-')) {
      ce++;
    }
    d.out.add(r.ADDRESS, b, ce, false);
    return d.wordAtOrAfter(ce) - 1;
  }

  /** A token a street line holds: capitalised, a number, "s/n", a particle, type or unit. */
  private boolean streetToken(int s, int e) {
    char c = a[s];
    if (Character.isUpperCase(c) || digit(c) || containsSn(s, e)) {
      return true;
    }
    if (e - s > 2 && (a[s + 1] == '\'' || a[s + 1] == '’')) {
      return true; // d'Orsel, l'Abbaye
    }
    int w = e;
    while (w > s && !Character.isLetter(a[w - 1])) {
      w--; // "de," "s/n."
    }
    int v = s;
    while (v < w && Character.isLetter(a[v])) {
      v++;
    }
    return v == w
        && (nm.particles.contains(a, s, w)
            || nm.typeBefore.contains(a, s, w)
            || nm.unitWords.contains(a, s, w));
  }

  private boolean unitAt(int s) {
    int e = s;
    while (e < n && Character.isLetter(a[e])) {
      e++;
    }
    return nm.unitWords.contains(a, s, e);
  }

  /** A 4-digit number from 1900 to 2099: a year more often than a house number or postcode. */
  private boolean yearLike(int s, int e) {
    return e - s == 4
        && (a[s] == '1' && a[s + 1] == '9' || a[s] == '2' && a[s + 1] == '0')
        && digit(a[s + 2])
        && digit(a[s + 3]);
  }

  /** Whether the line holding {@code s} says "copyright", "(c)" or "©" before it. */
  private boolean copyrightLine(int s) {
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

  /** Whether {@code [s, e)} holds a street type word (Street, Calle, rue, -straße...). */
  private boolean hasStreetType(int s, int e) {
    int i = s;
    while (i < e) {
      while (i < e && !Character.isLetter(a[i])) {
        i++;
      }
      int ws = i;
      while (i < e && (Character.isLetter(a[i]) || a[i] == '-')) {
        i++;
      }
      int we = i < e && a[i] == '.' ? i + 1 : i;
      if (we > ws
          && (nm.typeAfter.contains(a, ws, i)
              || nm.typeBefore.contains(a, ws, i)
              || nm.typeGerman.contains(a, ws, we)
              || nm.typeGerman.contains(a, ws, i)
              || gluedGerman(ws, i))) {
        return true;
      }
    }
    return false;
  }

  /** A house number (a digit) or "s/n" in {@code [s, e)}. */
  private boolean hasNumber(int s, int e) {
    return containsDigit(s, e) || containsSn(s, e);
  }

  private boolean hasCapitalWord(int s, int e) {
    for (int i = s; i + 1 < e; i++) {
      if ((i == s || a[i - 1] == ' ')
          && Character.isUpperCase(a[i])
          && Character.isLowerCase(a[i + 1])) {
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

  private boolean containsDigit(int s, int e) {
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

  // ---------------------------------------------------------------- columns

  /**
   * A header cell {@code [hs, he)} that names a street-address column ("street_address", "Address",
   * "Adresse"): each cell below it that holds a house number (or "s/n") and a word is an ADDRESS,
   * whatever its street form; e-mail, IP and bare numbers are not.
   */
  void column(int hs, int he) {
    int col = d.headerColumn(hs, he);
    if (col < 0) {
      return;
    }
    int ls = d.columnLine;
    int le = d.columnLineEnd;
    char dl = d.columnDelimiter;
    int want = d.countCells(ls, le, dl);
    int row = d.nextLineAfter(le);
    while (row < n) {
      int re = d.lineEndOf(row);
      if (re < 0
          || re == row
          || Tables.delimiter(a, row, re) != dl
          || d.countCells(row, re, dl) != want) {
        break;
      }
      if (d.cellAt(row, re, dl, col)) {
        int s = d.cellStartFound();
        int e = d.cellEndFound();
        while (s < e && (a[s] == ' ' || a[s] == '"')) {
          s++;
        }
        while (e > s && (a[e - 1] == ' ' || a[e - 1] == '"')) {
          e--;
        }
        if (streetCell(s, e)) {
          d.out.add(r.ADDRESS, s, e, true);
        }
      }
      row = d.nextLineAfter(re);
    }
  }

  /** A cell shaped like a street line: a word of 2+ letters and a number or "s/n", no @ or :. */
  private boolean streetCell(int s, int e) {
    if (e - s < 5 || e - s > MAX_STREET) {
      return false;
    }
    boolean number = false;
    int run = 0;
    int longest = 0;
    for (int i = s; i < e; i++) {
      char c = a[i];
      if (c == '@' || c == ':' || c == '/' && !(i > s && (a[i - 1] == 's' || a[i - 1] == 'S'))) {
        return false;
      }
      if (digit(c)) {
        number = true;
      }
      run = Character.isLetter(c) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest >= 2 && (number || containsSn(s, e));
  }

  private boolean containsSn(int s, int e) {
    for (int i = s; i + 3 <= e; i++) {
      if (regionIgnoreCase(i, "s/n")) {
        return true;
      }
    }
    return false;
  }

  private boolean regionIgnoreCase(int q, String s) {
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
