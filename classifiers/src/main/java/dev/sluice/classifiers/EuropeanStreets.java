package dev.sluice.classifiers;

import static dev.sluice.classifiers.Detectors.alnum;
import static dev.sluice.classifiers.Detectors.digit;
import static dev.sluice.classifiers.Detectors.letter;
import static dev.sluice.classifiers.TextPass.F_CAP;

/**
 * ADDRESS street lines in their European forms: type first with the house number after ({@code
 * Calle Mayor, 5}, {@code Via Roma 12}, {@code Quai de Bercy 3}, {@code Ronda de Toledo s/n}),
 * German one- and two-word streets ({@code Hauptstraße 5}, {@code Berliner Str. 12}), French
 * number-first forms with a lower-case type ({@code 12 rue de la Paix}) and the street line before
 * a European city line ({@code , 10115 Berlin}). Street types come from {@code
 * names/street-types.txt}. Not thread-safe; one per {@link Addresses}.
 */
final class EuropeanStreets {
  private final Detectors d;
  private final Rules r;
  private final Addresses x;
  private final NameModel nm = NameModel.INSTANCE;
  private char[] a;
  private int n;
  private TextPass p;

  EuropeanStreets(Detectors d, Rules r, Addresses x) {
    this.d = d;
    this.r = r;
    this.x = x;
  }

  void bind(char[] a, int n, TextPass p) {
    this.a = a;
    this.n = n;
    this.p = p;
  }

  /**
   * French and other number-first forms with a lower-case or capitalised type ("12 rue de la Paix",
   * "70 Allée d'Orsel", "8, boulevard Haussmann"), read char by char (lower-case words are not
   * words of the pass). Returns the last word or -1.
   */
  int frenchForm(int w) {
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
    if (e < 0 || !d.rightOk(e) || !x.standsAlone(s)) {
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
    int lim = Math.min(n, i + Addresses.MAX_STREET);
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
    } else if (e - s >= 5 && numberAfter(joinedEnd(e)) && gluedGerman(s, joinedEnd(e))) {
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

  /** Whether a house number follows {@code e}: {@code [.] ' ' digit}. */
  private boolean numberAfter(int e) {
    if (e < n && a[e] == '.') {
      e++;
    }
    return e + 1 < n && a[e] == ' ' && digit(a[e + 1]);
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
      if (end - s >= l + 3 && x.regionIgnoreCase(end - l, t)) {
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
      if (!numberAfter(ke)) {
        continue; // cheap test first: most capitalised words are not followed by a number
      }
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
        && (x.regionIgnoreCase(i, "n. ")
            || x.regionIgnoreCase(i, "nº ")
            || x.regionIgnoreCase(i, "no. "))) {
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
    boolean year = x.yearLike(ps, pe);
    int lim = Math.max(0, se - Addresses.MAX_STREET);
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
    if (Character.isUpperCase(c) || digit(c) || containsSn(a, n, s, e)) {
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
    return x.containsDigit(s, e) || containsSn(a, n, s, e);
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

  static boolean containsSn(char[] a, int n, int s, int e) {
    for (int i = s; i + 3 <= e; i++) {
      if ((a[i] == 's' || a[i] == 'S') && a[i + 1] == '/' && (a[i + 2] == 'n' || a[i + 2] == 'N')) {
        return true;
      }
    }
    return false;
  }
}
