package dev.sluice.classifiers;

import static dev.sluice.classifiers.TextPass.F_CAP;
import static dev.sluice.classifiers.TextPass.F_DIGIT;
import static dev.sluice.classifiers.TextPass.F_LOWER;
import static dev.sluice.classifiers.TextPass.F_UPPER;
import static dev.sluice.classifiers.TextPass.F_UPPER_LATER;

import dev.sluice.classifiers.identifier.Iban;
import dev.sluice.classifiers.identifier.ManagedIdentifiers;
import dev.sluice.classifiers.validate.Checks;
import dev.sluice.classifiers.validate.Luhn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Validators for the managed catalogue, run on the candidates of one {@link TextPass}: digit and
 * alphanumeric words, token runs, {@code @} anchors and keyword/anchor hits. Fast-but-ugly on
 * purpose: char[] slices, no regex, no allocation on the common path. Every look-around is bounded
 * (see the {@code MAX_*} constants), so the cost is linear in the window. Not thread-safe; one
 * instance per scan.
 *
 * <p>Keyword proximity follows Macie: a keyword counts when the gap between it and the value is at
 * most {@link CatalogEntry#PROXIMITY} chars, before or after, and it stands on word boundaries.
 */
final class Detectors {
  static final int MAX_BLOCK = 12_000; // longest key block (PEM, PuTTY) we report as one finding
  static final int MAX_HEADER = 8_192; // longest Cookie / Authorization header
  static final int MAX_URL = 2_048;
  static final int LEFT_CONTEXT = 256; // farthest any validator looks left of a value's start

  final Rules r;
  final NameModel nm = NameModel.INSTANCE;

  char[] a;
  int n;
  TextPass p;
  int[] hS = new int[256];
  int[] hE = new int[256];
  int[] hG = new int[256];
  int hN;
  final int[] dig = new int[64];
  private final int[] phoneLens = new int[8];
  private final char[] phoneSeps = new char[8];
  final Candidates out;
  private final Addresses addresses;
  private final NameForms nameForms;
  private final NameRules names;

  Detectors(Rules r, Candidates out) {
    this.r = r;
    this.out = out;
    this.addresses = new Addresses(this, r);
    this.nameForms = new NameForms(this, r);
    this.names = new NameRules(this, r);
  }

  void run(char[] a, int n, TextPass p) {
    memo.clear();
    headerOfLine.clear();
    memoCellS = -1;
    memoCellE = -1;
    curLs = -1;
    curLe = -1;
    seqLs = -1;
    nameColumnsLine = -1;
    this.a = a;
    this.n = n;
    this.p = p;
    addresses.bind(a, n, p);
    names.bind(a, n, p);
    prepareHits();
    anchors();
    structural();
    familyMembers();
    tokenRuns();
    emails();
    nameForms.displayNames(a, n, p);
  }

  /**
   * People in one document share family names: once a NAME is found, a capitalised word shaped like
   * a given name just before the same family name elsewhere in the window is a NAME too ("Hana
   * Dunmore" found, so "- Ivo Dunmore," is one).
   */
  private void familyMembers() {
    // family names of the NAMEs found, as slices of the window in an open-addressing table
    // keyed by hash (no Strings, no boxing); name starts sorted for a binary search
    java.util.Arrays.fill(famStart, -1);
    int names = 0;
    int families = 0;
    for (int i = 0; i < out.size; i++) {
      if (out.kind[i] != r.NAME) {
        continue;
      }
      int e = out.end[i];
      int b = e;
      while (b > out.start[i] && a[b - 1] != ' ') {
        b--;
      }
      if (b == out.start[i] || e - b < 3) {
        continue; // a one-word NAME (after a title): no given name to pair with
      }
      if (names == nameStarts.length) {
        nameStarts = java.util.Arrays.copyOf(nameStarts, names * 2);
      }
      nameStarts[names++] = out.start[i];
      int slot = sliceHash(b, e) & (FAMILY_TABLE - 1);
      for (int k = 0; k < FAMILY_TABLE; k++, slot = (slot + 1) & (FAMILY_TABLE - 1)) {
        if (famStart[slot] < 0) {
          if (families < FAMILY_TABLE / 2) { // keep probes short: at most half full
            famStart[slot] = b;
            famEnd[slot] = e;
            families++;
          }
          break;
        }
        if (java.util.Arrays.equals(a, famStart[slot], famEnd[slot], a, b, e)) {
          break;
        }
      }
    }
    if (names == 0) {
      return;
    }
    java.util.Arrays.sort(nameStarts, 0, names);
    byte[] wf = p.wFlags;
    for (int w = 0; w + 1 < p.words; w++) {
      if ((wf[w] & wf[w + 1] & F_CAP) == 0) {
        continue;
      }
      int s = p.wStart[w];
      int e = p.wEnd[w];
      int ns = p.wStart[w + 1];
      int ne = p.wEnd[w + 1];
      if (ns - e != 1
          || a[e] != ' '
          || !isFamilyName(ns, ne)
          || java.util.Arrays.binarySearch(nameStarts, 0, names, s) >= 0) {
        continue;
      }
      if (!leftOk(s)
          || !rightOk(ne)
          || !this.names.shapes.surnameShaped(s, e)
          || nm.stop.contains(a, s, e)) {
        continue;
      }
      out.add(r.NAME, s, ne, false);
    }
  }

  private static final int FAMILY_TABLE = 8192; // power of two; more family names are ignored
  private final int[] famStart = new int[FAMILY_TABLE];
  private final int[] famEnd = new int[FAMILY_TABLE];
  private int[] nameStarts = new int[256];

  private boolean isFamilyName(int s, int e) {
    int slot = sliceHash(s, e) & (FAMILY_TABLE - 1);
    for (int k = 0; k < FAMILY_TABLE; k++, slot = (slot + 1) & (FAMILY_TABLE - 1)) {
      int fs = famStart[slot];
      if (fs < 0) {
        return false;
      }
      if (java.util.Arrays.equals(a, fs, famEnd[slot], a, s, e)) {
        return true;
      }
    }
    return false;
  }

  private int sliceHash(int s, int e) {
    int h = 0;
    for (int i = s; i < e; i++) {
      h = 31 * h + a[i];
    }
    return h ^ (h >>> 13);
  }

  // ---------------------------------------------------------------- hits

  private void prepareHits() {
    hN = 0;
    KeywordAutomaton ac = r.ac;
    for (int i = 0; i < p.hits; i++) {
      int end = p.hitEnd[i];
      for (int pi : ac.outputs[p.stateOf(i, ac.classes)]) {
        int s = end - ac.patternLength[pi];
        if (ac.wholeWord[pi]) {
          if (s > 0 && alnum(a[s]) && alnum(a[s - 1])) {
            continue;
          }
          if (end < n && alnum(a[end - 1]) && alnum(a[end])) {
            continue;
          }
        }
        if (hN == hS.length) {
          hS = java.util.Arrays.copyOf(hS, hN * 2);
          hE = java.util.Arrays.copyOf(hE, hN * 2);
          hG = java.util.Arrays.copyOf(hG, hN * 2);
        }
        hS[hN] = s;
        hE[hN] = end;
        hG[hN] = ac.payload[pi];
        hN++;
      }
    }
  }

  /** Whether a keyword of {@code entry} is within the proximity of {@code [s, e)}. */
  /**
   * {@link #kw} for generic number shapes (security codes, expiry dates, bank account numbers): the
   * keyword must come before the value ("cvv 123", "exp 04/26", "checking account 1234..."), or
   * head its column. A bare 3-digit number followed within 30 chars by "exp 04/26 cvv" is not a
   * security code.
   */
  boolean kwBefore(int entry, int s, int e) {
    for (int i = firstHitEndingAt(s - CatalogEntry.PROXIMITY); i < hN && hE[i] <= s; i++) {
      if (r.groupHas(hG[i], entry)) {
        return true;
      }
    }
    return hN > 0 && columnKeyword(entry, s, e);
  }

  /** Index of the first keyword hit (hits are sorted by end) that ends at or after {@code pos}. */
  private int firstHitEndingAt(int pos) {
    int lo = 0;
    int hi = hN;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (hE[mid] < pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  boolean kw(int entry, int s, int e) {
    if (hN == 0) {
      return false;
    }
    int dist = CatalogEntry.PROXIMITY;
    int limit = e + dist + r.ac.maxLength;
    for (int i = firstHitEndingAt(s - dist); i < hN && hE[i] <= limit; i++) {
      if (hS[i] <= e + dist && r.groupHas(hG[i], entry)) {
        // a keyword inside the value itself does not count
        if (hE[i] <= s || hS[i] >= e) {
          return true;
        }
      }
    }
    return columnKeyword(entry, s, e);
  }

  /**
   * {@link #kw} for dates, where one keyword must not vouch for every date near it: a keyword
   * before the date counts only when no digit stands between them ("date of birth 1990-01-02,
   * starts on 2020-06-13": the start date is not a birth date); a keyword after it only on the same
   * line with no digit between them, and when the keyword is not itself followed by a value on its
   * line. A column keyword counts as before.
   */
  boolean kwOwnDate(int entry, int s, int e) {
    if (hN == 0 || releaseHeading(s)) {
      return false;
    }
    int dist = CatalogEntry.PROXIMITY;
    int limit = e + dist + r.ac.maxLength;
    for (int i = firstHitEndingAt(s - dist); i < hN && hE[i] <= limit; i++) {
      if (!r.groupHas(hG[i], entry)) {
        continue;
      }
      if (hE[i] <= s && noDigit(hE[i], s)) {
        return true;
      }
      if (hS[i] >= e
          && hS[i] <= e + dist
          && noDigit(e, hS[i])
          && noLineBreak(e, hS[i])
          && !valueFollows(hE[i])) {
        return true;
      }
    }
    return columnKeyword(entry, s, e);
  }

  /**
   * The line holding {@code s} opens with a version number ({@code 3.1.0 "Happy Birthday"
   * (2009-02-28)}, {@code ## v2.4.0 - 2024-03-14}): a release heading, whose dates are release
   * dates.
   */
  private boolean releaseHeading(int s) {
    int i = s;
    while (i > 0 && s - i < 120 && a[i - 1] != '\n') {
      i--;
    }
    if (i > 0 && a[i - 1] != '\n') {
      return false; // a long line of prose, not a heading
    }
    while (i < s && (a[i] == '#' || a[i] == ' ' || a[i] == '[' || a[i] == '=')) {
      i++;
    }
    if (i < s && (a[i] == 'v' || a[i] == 'V')) {
      i++;
    }
    int d = i;
    while (i < s && digit(a[i])) {
      i++;
    }
    return i > d && i + 1 < s && a[i] == '.' && digit(a[i + 1]);
  }

  private boolean noLineBreak(int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == '\n') {
        return false;
      }
    }
    return true;
  }

  private boolean noDigit(int from, int to) {
    for (int i = from; i < to; i++) {
      if (digit(a[i])) {
        return false;
      }
    }
    return true;
  }

  /** A digit within the proximity after {@code at} on the same line. */
  private boolean valueFollows(int at) {
    int lim = Math.min(n, at + CatalogEntry.PROXIMITY);
    for (int i = at; i < lim && a[i] != '\n'; i++) {
      if (digit(a[i])) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- tables

  /**
   * Macie's columnar rule: in a table (csv, tsv, a spreadsheet's text), a keyword in the column's
   * header cell counts for every value in that column. A table here is a run of lines with the same
   * number (at least one) of the same delimiter (tab, comma, semicolon or pipe); its first line is
   * the header. The value must sit inside one cell.
   */
  private boolean columnKeyword(int entry, int s, int e) {
    if (!fillsCell(s, e)) {
      return false; // cheap test first
    }
    int hc = headerCell(s, e);
    if (hc < 0) {
      return false;
    }
    int cs = cellStart;
    int ce = cellEnd;
    for (int i = firstHitEndingAt(cs + 1); i < hN && hS[i] < ce; i++) {
      if (hS[i] >= cs && hE[i] <= ce && r.groupHas(hG[i], entry)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code [s, e)} fills its table cell, give or take up to 3 quotes or spaces each side: a
   * delimiter, a line break or the text's edge on both sides.
   */
  private boolean fillsCell(int s, int e) {
    int b = s;
    while (b > 0 && s - b < 4 && (a[b - 1] == ' ' || a[b - 1] == '"')) {
      b--;
    }
    int f = e;
    while (f < n && f - e < 4 && (a[f] == ' ' || a[f] == '"')) {
      f++;
    }
    return (b == 0 || cellEdge(a[b - 1])) && (f == n || cellEdge(a[f]));
  }

  private static boolean cellEdge(char c) {
    return c == ',' || c == '\t' || c == ';' || c == '|' || c == '\n' || c == '\r';
  }

  static final int MAX_LINE = 4_096; // longest table line considered
  static final int MAX_COLUMNS = 256;

  private int cellStart;
  private int cellEnd;

  /** line start -> start of its table's header line (or -1: not in a table); per window */
  private final java.util.HashMap<Integer, Integer> headerOfLine = new java.util.HashMap<>();

  /**
   * The header cell above {@code [s, e)}: returns its column index and leaves the cell in {@link
   * #cellStart}/{@link #cellEnd}, or -1 when the value is not in a table cell below a header.
   */
  private int headerCell(int s, int e) {
    if (s == memoCellS && e == memoCellE) {
      cellStart = memoCellStart;
      cellEnd = memoCellEnd;
      return memoCol;
    }
    memoCellS = s;
    memoCellE = e;
    memoCol = headerCellUncached(s, e);
    memoCellStart = cellStart;
    memoCellEnd = cellEnd;
    return memoCol;
  }

  private int memoCellS = -1;
  private int memoCellE = -1;
  private int memoCol;
  private int memoCellStart;
  private int memoCellEnd;

  // the line of the last header-cell query: [curLs, curLe), its delimiter and header line
  private int curLs = -1;
  private int curLe = -1;
  private char curD;
  private int curHeader;

  private int headerCellUncached(int s, int e) {
    if (!(s >= curLs && s < curLe)) {
      curLs = -1;
      curLe = -1;
      int ls = lineStart(s);
      if (ls < 0) {
        return -1;
      }
      int le = lineEnd(ls);
      if (le < 0) {
        return -1;
      }
      curLs = ls;
      curLe = le;
      curD = delimiter(ls, le);
      curHeader = curD == 0 ? -1 : headerOf(ls, le, curD);
    }
    int ls = curLs;
    int le = curLe;
    char d = curD;
    if (d == 0 || e > le) {
      return -1;
    }
    int col = count(ls, s, d);
    if (count(s, e, d) > 0 || col >= MAX_COLUMNS) {
      return -1; // spans cells, or too far right
    }
    int header = curHeader;
    if (header < 0 || header == ls || !cellAt(header, lineEnd(header), d, col)) {
      return -1;
    }
    return col;
  }

  /**
   * Finds cell {@code col} of the line {@code [ls, le)} split by {@code d} and leaves it in {@link
   * #cellStart}/{@link #cellEnd}; false when the line has fewer cells.
   */
  boolean cellAt(int ls, int le, char d, int col) {
    int cs = Tables.cellStart(a, ls, le, d, col);
    if (cs < 0) {
      return false;
    }
    cellStart = cs;
    cellEnd = Tables.cellEnd(a, cs, le, d);
    return true;
  }

  // the header line found by headerColumn: its bounds and delimiter
  int columnLine;
  int columnLineEnd;
  char columnDelimiter;

  /**
   * The column index of a header cell {@code [hs, he)} that is a whole cell of the first line of a
   * table (give or take quotes and spaces), leaving that line in {@link #columnLine}, {@link
   * #columnLineEnd} and {@link #columnDelimiter}; -1 otherwise.
   */
  int headerColumn(int hs, int he) {
    if (he >= n || !fillsCell(hs, he)) {
      return -1;
    }
    int ls = lineStart(hs);
    int le = ls < 0 ? -1 : lineEnd(ls);
    if (le < 0) {
      return -1;
    }
    char dl = delimiter(ls, le);
    if (dl == 0 || headerOf(ls, le, dl) != ls) {
      return -1;
    }
    int cs = hs;
    while (cs > ls && (a[cs - 1] == '"' || a[cs - 1] == ' ')) {
      cs--;
    }
    int ce = he;
    while (ce < le && (a[ce] == '"' || a[ce] == ' ')) {
      ce++;
    }
    if (cs > ls && a[cs - 1] != dl || ce < le && a[ce] != dl) {
      return -1;
    }
    columnLine = ls;
    columnLineEnd = le;
    columnDelimiter = dl;
    return count(ls, cs, dl);
  }

  int countCells(int ls, int le, char dl) {
    return count(ls, le, dl);
  }

  int nextLineAfter(int le) {
    return nextLine(le);
  }

  int lineEndOf(int ls) {
    return lineEnd(ls);
  }

  int cellStartFound() {
    return cellStart;
  }

  int cellEndFound() {
    return cellEnd;
  }

  static final int MAX_NAME_COLUMNS = 8; // name columns followed per header line

  private int nameColumnsLine = -1;
  private int nameColumnsSeen;

  /**
   * A header cell {@code [hs, he)} that names a column of people ("first_name", "Customer"): every
   * cell below it in the table that is shaped like a name is a NAME. With {@code person} false
   * (generic headers such as "name" or "owner") a cell must also hold a listed given name or name
   * token, so product or team names stay out.
   */
  private void nameColumn(int hs, int he, boolean person) {
    if (he >= n || !fillsCell(hs, he)) {
      if (person) {
        personField(he); // "first_name": "Ivo", lastName: Dunmore, <surname>Dunmore</surname>
      }
      return; // not a whole header cell
    }
    int ls = lineStart(hs);
    if (ls < 0) {
      return;
    }
    int le = lineEnd(ls);
    if (le < 0) {
      return;
    }
    char d = delimiter(ls, le);
    if (d == 0) {
      return;
    }
    // the hit must be the whole cell, give or take quotes and spaces
    int cs = hs;
    while (cs > ls && (a[cs - 1] == '"' || a[cs - 1] == ' ')) {
      cs--;
    }
    int ce = he;
    while (ce < le && (a[ce] == '"' || a[ce] == ' ')) {
      ce++;
    }
    if (cs > ls && a[cs - 1] != d || ce < le && a[ce] != d) {
      return;
    }
    if (headerOf(ls, le, d) != ls) {
      return; // not the first line of its table
    }
    if (nameColumnsLine != ls) {
      nameColumnsLine = ls;
      nameColumnsSeen = 0;
    }
    if (++nameColumnsSeen > MAX_NAME_COLUMNS) {
      return;
    }
    int col = count(ls, cs, d);
    peopleTable = false;
    for (int i = firstHitEndingAt(ls + 1); i < hN && hE[i] <= le && !peopleTable; i++) {
      peopleTable = hS[i] >= ls && hS[i] != hs && r.groupIsPeople(hG[i]);
    }
    int want = count(ls, le, d);
    int row = nextLine(le);
    cells = 0;
    strict = 0;
    while (row < n) {
      int re = lineEnd(row);
      if (re < 0 || re == row || delimiter(row, re) != d || count(row, re, d) != want) {
        break;
      }
      cellAt(row, re, d, col); // the row has want cells, so col is among them
      int s = cellStart;
      int e = cellEnd;
      while (s < e && (a[s] == ' ' || a[s] == '"')) {
        s++;
      }
      while (e > s && (a[e - 1] == ' ' || a[e - 1] == '"')) {
        e--;
      }
      int kind = nameCell(s, e);
      if (kind > 0) {
        if (cells == cellS.length) {
          cellS = java.util.Arrays.copyOf(cellS, cells * 2);
          cellE = java.util.Arrays.copyOf(cellE, cells * 2);
        }
        cellS[cells] = s;
        cellE[cells] = e;
        cells++;
        if (kind == 2) {
          strict++;
        }
      }
      row = nextLine(re);
    }
    emitNameColumn(person);
  }

  /**
   * The value of a person field whose key ends at {@code ke}: after a closing quote, a {@code :},
   * {@code =} or {@code >} (JSON, YAML, properties, XML) and an optional opening quote, 1-4
   * name-shaped tokens up to a quote, {@code <}, comma or line end are a NAME.
   */
  private void personField(int ke) {
    int i = ke;
    if (i < n && a[i] == '"') {
      i++;
    }
    while (i < n && a[i] == ' ') {
      i++;
    }
    if (i >= n || a[i] != ':' && a[i] != '=' && a[i] != '>') {
      return;
    }
    i++;
    while (i < n && i - ke < 8 && (a[i] == ' ' || a[i] == '"' || a[i] == '\'')) {
      i++;
    }
    int s = i;
    int lim = Math.min(n, s + 80);
    while (i < lim
        && a[i] != '"'
        && a[i] != '\''
        && a[i] != '<'
        && a[i] != ','
        && a[i] != '\n'
        && a[i] != '\r') {
      i++;
    }
    int e = i;
    while (e > s && a[e - 1] == ' ') {
      e--;
    }
    if (e > s && nameCell(s, e) > 0 && (e == n || i < lim)) {
      out.add(r.NAME, s, e, true);
    }
  }

  private int[] cellS = new int[64];
  private int[] cellE = new int[64];
  private int cells;
  private int strict;
  private boolean peopleTable;

  /**
   * Emits the name-shaped cells of a column: all of them under a person header; under a generic
   * header only when another header of the line says the rows are people (an e-mail, phone or
   * department column...) or at least half of the cells start with a listed given name (a column of
   * people, not of products: "Widget Pro", "Jordan Blake" and "Rose Garden Kit" do not make one).
   */
  private void emitNameColumn(boolean person) {
    if (person || peopleTable || strict > 0 && strict * 2 >= cells) {
      for (int i = 0; i < cells; i++) {
        out.add(r.NAME, cellS[i], cellE[i], true);
      }
    }
    cells = 0;
    strict = 0;
  }

  /**
   * 0 unless the cell is 1-4 capitalised name tokens (initials, hyphens and apostrophes allowed)
   * and nothing else; 2 when its first token is a listed given name that is not also an everyday
   * word, else 1.
   */
  private int nameCell(int s, int e) {
    if (e - s < 2 || e - s > 80) {
      return 0;
    }
    int tokens = 0;
    boolean known = false;
    int i = s;
    while (i < e) {
      int ts = i;
      while (i < e && a[i] != ' ') {
        i++;
      }
      int te = i;
      if (te == ts || ++tokens > 4) {
        return 0;
      }
      boolean initial = te - ts == 2 && upper(a[ts]) && a[ts + 1] == '.';
      if (!initial) {
        if (!upper(a[ts])) {
          return 0;
        }
        for (int k = ts + 1; k < te; k++) {
          char c = a[k];
          if (!(Character.isLetter(c) || c == '-' || c == '\'')) {
            return 0;
          }
        }
        if (names.shapes.notAName(ts, te) || nm.stop.contains(a, ts, te)) {
          return 0;
        }
        if (tokens == 1) {
          known =
              names.shapes.knownGiven(ts, te)
                  && !nm.wordGiven.contains(a, ts, te)
                  && !nm.ambiguousGiven.contains(a, ts, te);
        }
      }
      if (i < e) {
        i++; // the space
        if (i < e && a[i] == ' ') {
          return 0;
        }
      }
    }
    return known ? 2 : 1;
  }

  /** Start of the line holding {@code i}, or -1 when it lies more than {@link #MAX_LINE} back. */
  private int lineStart(int i) {
    return Tables.lineStart(a, i);
  }

  /** End of the line starting at {@code ls} (index of its newline or of the text's end). */
  private int lineEnd(int ls) {
    return Tables.lineEnd(a, n, ls);
  }

  /** The line's delimiter: tab, else comma, else semicolon, else pipe; 0 when it has none. */
  private char delimiter(int ls, int le) {
    return Tables.delimiter(a, ls, le);
  }

  private int count(int ls, int le, char d) {
    return Tables.count(a, ls, le, d);
  }

  /**
   * The header line of the table holding line {@code ls}: walks up while the lines above have as
   * many {@code d} delimiters, memoising every line it passes so each line is walked once.
   */
  private int headerOf(int ls, int le, char d) {
    if (ls == seqLs && d == seqD) {
      return seqHeader;
    }
    int want = count(ls, le, d);
    // the common case: the line right after the last one resolved, in the same table
    if (seqLs >= 0 && d == seqD && want == seqWant && ls == nextLine(seqLe)) {
      seqLs = ls;
      seqLe = le;
      return seqHeader;
    }
    int header = headerOfWalk(ls, le, d, want);
    seqLs = ls;
    seqLe = le;
    seqD = d;
    seqWant = want;
    seqHeader = header;
    return header;
  }

  private int seqLs = -1;
  private int seqLe;
  private char seqD;
  private int seqWant;
  private int seqHeader;

  private int nextLine(int le) {
    return le < n && a[le] == '\r' ? le + 2 : le + 1;
  }

  private int headerOfWalk(int ls, int le, char d, int want) {
    Integer known = headerOfLine.get(ls);
    if (known != null) {
      return known;
    }
    java.util.ArrayList<Integer> path = new java.util.ArrayList<>();
    int cur = ls;
    int header;
    while (true) {
      path.add(cur);
      if (cur == 0) {
        header = cur;
        break;
      }
      int ps = lineStart(cur - 1);
      if (ps < 0) {
        header = cur;
        break;
      }
      int pe = lineEnd(ps);
      if (pe < 0 || delimiter(ps, pe) != d || count(ps, pe, d) != want) {
        header = cur;
        break;
      }
      Integer k = headerOfLine.get(ps);
      if (k != null) {
        header = k;
        break;
      }
      cur = ps;
    }
    for (int l : path) {
      headerOfLine.put(l, header);
    }
    return header;
  }

  // ---------------------------------------------------------------- anchors

  private void anchors() {
    for (int i = 0; i < hN; i++) {
      int g = hG[i];
      int code = r.anchorOf(g);
      if (code == 0) {
        continue;
      }
      switch (code) {
        case Rules.A_PEM:
          pem(hS[i], hE[i]);
          break;
        case Rules.A_PUTTY:
          putty(hS[i]);
          break;
        case Rules.A_AUTH:
          basicAuth(hS[i], hE[i]);
          break;
        case Rules.A_COOKIE:
          cookie(hS[i], hE[i]);
          break;
        case Rules.A_BASIC:
          basicCredentials(hS[i], hE[i]);
          break;
        case Rules.A_NAME:
          names.nameContext(hE[i], false, NameRules.CONTEXT);
          break;
        case Rules.A_ROLE:
          names.nameContext(hE[i], false, NameRules.ROLE);
          break;
        case Rules.A_NAME_BEFORE:
          names.nameBefore(hS[i]);
          break;
        case Rules.A_TITLE:
          names.nameContext(hE[i], true, NameRules.CONTEXT);
          break;
        case Rules.A_ADDRESS_COLUMN:
          addresses.column(hS[i], hE[i]);
          break;
        case Rules.A_PERSON_COLUMN:
        case Rules.A_NAME_COLUMN:
          nameColumn(hS[i], hE[i], code == Rules.A_PERSON_COLUMN);
          if (r.groupIsNameContext(g)) {
            names.nameContext(
                hE[i], false, NameRules.CONTEXT); // "Full name Ivo Dunmore" outside a table
          } else if (r.groupIsRole(g)) {
            names.nameContext(hE[i], false, NameRules.ROLE); // "Customer Ivo Dunmore called"
          }
          break;
        default:
          break;
      }
    }
  }

  private void pem(int s, int e) {
    // "-----BEGIN <LABEL>-----"
    if (e >= n || a[e] != ' ') {
      return;
    }
    int ls = e + 1;
    int le = indexOf("-----", ls, Math.min(n, ls + 64));
    if (le < 0) {
      return;
    }
    int entry;
    if (!containsIgnoreCase(ls, le, "PRIVATE KEY")) {
      return;
    } else if (containsIgnoreCase(ls, le, "OPENSSH")) {
      entry = r.OPENSSH;
    } else if (containsIgnoreCase(ls, le, "PGP")) {
      entry = r.PGP;
    } else {
      entry = r.PKCS;
    }
    int limit = Math.min(n, s + MAX_BLOCK);
    int endMark = memoIndexOf("-----END ", le + 5, limit);
    int nextBegin = endMark < 0 ? -1 : memoIndexOf("-----BEGIN ", le + 5, endMark);
    if (nextBegin >= 0) {
      endMark = -1; // this block was cut off: the END belongs to the next one
    }
    int end;
    int bodyEnd;
    if (endMark >= 0) {
      int close = indexOf("-----", endMark + 9, Math.min(limit, endMark + 80));
      end = close < 0 ? endMark + 9 : close + 5;
      bodyEnd = endMark;
    } else {
      end = truncatedBlockEnd(le + 5, limit);
      bodyEnd = end;
    }
    // a short or truncated body is still (part of) a key; an empty block or "..." is a template
    if (base64Run(le + 5, bodyEnd) < MIN_KEY_BODY) {
      return;
    }
    out.add(entry, s, end, false);
  }

  static final int MIN_KEY_BODY = 16; // base64 chars: 12 bytes of key material

  /**
   * End of a key block with no END line: the lines after the BEGIN line that are all base64, or RFC
   * 1421 headers ({@code Proc-Type: 4,ENCRYPTED}) and the blank line after them; the first other
   * line (prose, a blank line after base64) ends it.
   */
  private int truncatedBlockEnd(int from, int limit) {
    int end = from;
    int i = from;
    boolean body = false;
    while (i < limit) {
      int ls = i;
      while (i < limit && a[i] != '\n') {
        i++;
      }
      int le = i > ls && a[i - 1] == '\r' ? i - 1 : i;
      boolean header = false;
      boolean b64 = le > ls;
      for (int k = ls; k < le; k++) {
        char c = a[k];
        if (c == ':') {
          header = true;
        } else if (!(alnum(c) || c == '+' || c == '/' || c == '=')) {
          b64 = false;
        }
      }
      if (b64) {
        body = true;
        end = le;
      } else if (le == ls ? body : !(header && !body)) {
        break; // a blank line after the body, or a line of something else
      }
      i++; // past '\n'
    }
    return end;
  }

  /** Longest run of base64 chars (line breaks inside it allowed) in {@code [from, to)}. */
  private int base64Run(int from, int to) {
    int best = 0;
    int cur = 0;
    for (int i = from; i < to; i++) {
      char c = a[i];
      if (alnum(c) || c == '+' || c == '/' || c == '=') {
        cur++;
        best = Math.max(best, cur);
      } else if (c != '\n' && c != '\r') {
        cur = 0;
      }
    }
    return best;
  }

  private void putty(int s) {
    int limit = Math.min(n, s + MAX_BLOCK);
    int pos = s;
    for (String h :
        new String[] {
          "Encryption:", "Comment:", "Public-Lines:", "Private-Lines:", "Private-MAC:"
        }) {
      int at = memoIndexOf(h, pos, limit);
      if (at < 0) {
        return;
      }
      pos = at + h.length();
    }
    int end = pos;
    while (end < limit && a[end] != '\n' && a[end] != '\r') {
      end++;
    }
    while (end > pos && a[end - 1] == ' ') {
      end--;
    }
    out.add(r.PUTTY, s, end, false);
  }

  private void basicAuth(int s, int e) {
    int start = s;
    if (s >= 6 && regionIgnoreCase(s - 6, "proxy-")) {
      start = s - 6;
    }
    int i = e;
    while (i < n && a[i] == ' ' && i - e < 8) {
      i++;
    }
    if (i + 6 > n || !regionIgnoreCase(i, "basic ")) {
      return;
    }
    i += 6;
    while (i < n && a[i] == ' ') {
      i++;
    }
    int ts = i;
    while (i < n && i - ts < 1024 && base64(a[i])) {
      i++;
    }
    if (i - ts < 4 || (i < n && alnum(a[i]))) {
      return;
    }
    if (!decodesToUserPass(ts, i)) {
      return;
    }
    out.add(r.BASIC_AUTH, start, i, false);
  }

  /**
   * Basic credentials outside an Authorization header (a config value {@code auth = Basic
   * dXNlcjpwYXNz}, a curl {@code -H} argument): the scheme word, one space, and a base64 token that
   * decodes to printable {@code user:password} with both parts present (RFC 7617).
   */
  private void basicCredentials(int s, int e) {
    if (e + 1 >= n || a[e] != ' ' || a[s] != 'B' && a[s] != 'b') {
      return;
    }
    int ts = e + 1;
    int i = ts;
    while (i < n && i - ts < 1024 && base64(a[i])) {
      i++;
    }
    if (i - ts < 8 || (i < n && alnum(a[i]))) {
      return;
    }
    if (SecretShapes.basicUserPass(a, ts, i)) {
      out.add(r.BASIC_AUTH, s, i, false);
    }
  }

  private boolean decodesToUserPass(int s, int e) {
    try {
      byte[] d = Base64.getDecoder().decode(new String(a, s, e - s));
      for (byte b : d) {
        if (b == ':') {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException ex) {
      return false;
    }
  }

  private void cookie(int s, int e) {
    int start = s;
    if (s >= 4 && regionIgnoreCase(s - 4, "set-")) {
      start = s - 4;
    }
    if (start > 0 && !Character.isWhitespace(a[start - 1]) && a[start - 1] != '"') {
      return;
    }
    int limit = Math.min(n, e + MAX_HEADER);
    int i = e;
    boolean eq = false;
    while (i < limit && a[i] != '\n' && a[i] != '\r') {
      if (a[i] == '=') {
        eq = true;
      }
      i++;
    }
    while (i > e && (a[i - 1] == ' ' || a[i - 1] == '"')) {
      i--;
    }
    if (eq && i > e + 2) {
      out.add(r.COOKIE, start, i, false);
    }
  }

  // ---------------------------------------------------------------- structural (words)

  private void structural() {
    int words = p.words;
    byte[] wf = p.wFlags;
    for (int w = 0; w < words; w++) {
      int f = wf[w];
      int last = -1;
      if ((f & F_DIGIT) == 0 && IpShapes.hexGroupBeforeColon(a, n, p.wStart[w], p.wEnd[w])
          || IpShapes.leadingDoubleColon(a, p.wStart[w])) {
        // an IPv6 address whose first group has no digit (fe80::, abcd:ef01:...) or none (::1)
        last = ipv6(w);
        if (last < 0 && (f & F_DIGIT) != 0) {
          last = (f & (F_UPPER | F_LOWER)) == 0 ? digitWord(w) : alnumWord(w);
        }
      } else if ((f & (F_UPPER | F_LOWER)) == 0) {
        last = digitWord(w);
      } else if ((f & F_DIGIT) != 0) {
        last = alnumWord(w);
      } else if ((f & F_CAP) != 0) {
        last = capWord(w);
      }
      if (last > w) {
        w = last;
      }
    }
  }

  private int digitWord(int w) {
    int len = wlen(w);
    int s = p.wStart[w];
    int last;
    if (len <= 4 && p.wEnd[w] < n && a[p.wEnd[w]] == ':' && (last = ipv6(w)) >= 0) {
      return last;
    }
    if (len <= 6 && (last = addresses.numberFirst(w)) >= 0) {
      return last;
    }
    if ((len == 4 || len == 5) && (last = addresses.beforePostcode(w)) >= 0) {
      return last;
    }
    if ((last = card(w)) >= 0) {
      return last;
    }
    if ((len == 3 || len == 9) && (last = ssn(w)) >= 0) {
      return last;
    }
    if ((len == 3 || len == 9) && (last = sin(w)) >= 0) {
      return last;
    }
    if ((len == 3 || len == 10) && (last = nhs(w)) >= 0) {
      return last;
    }
    if (len == 2 && (last = ukSortCode(w)) >= 0) {
      return last;
    }
    if ((last = phone(w)) >= 0) {
      return last;
    }
    if (len <= 3 && (last = ip(w)) >= 0) {
      return last;
    }
    if (len <= 4 && (last = date(w)) >= 0) {
      return last;
    }
    if (len <= 3 && (last = latLong(w)) >= 0) {
      return last;
    }
    if (!leftOkStrict(s)) {
      return -1; // weak shapes (passport, account, licence, CVV): "DL_1234567" is an identifier
    }
    int e = p.wEnd[w];
    if (len >= 9 && len <= 17 && rightOk(e)) {
      if (len == 9 && (kw(r.PASSPORT, s, e) || kwInSentence(r.PASSPORT, s))) {
        out.add(r.PASSPORT, s, e, true);
        return w;
      }
      if (kwBefore(r.BANK, s, e) && !allSame(s, e)) {
        out.add(r.BANK, s, e, true);
        return w;
      }
    }
    if (len >= 7 && len <= 14 && rightOk(e) && kw(r.DL, s, e)) {
      out.add(r.DL, s, e, true);
      return w;
    }
    if ((len == 3 || len == 4) && rightOk(e) && kwBefore(r.CVV, s, e)) {
      out.add(r.CVV, s, e, true);
      return w;
    }
    return -1;
  }

  private int alnumWord(int w) {
    int s = p.wStart[w];
    int e = p.wEnd[w];
    int len = e - s;
    int last;
    if (len <= 4 && p.wEnd[w] < n && a[p.wEnd[w]] == ':' && (last = ipv6(w)) >= 0) {
      return last;
    }
    if (len >= 4 && upper(a[s]) && upper(a[s + 1]) && digit(a[s + 2]) && digit(a[s + 3])) {
      if ((last = iban(w)) >= 0) {
        return last;
      }
    }
    if (len == 9 && (last = nino(w)) >= 0) {
      return last;
    }
    if (len >= 2 && len <= 6 && letter(a[e - 1]) && countDigits(s, e) == len - 1) {
      if ((last = addresses.numberFirst(w)) >= 0) { // house number with a letter: 221B Baker St
        return last;
      }
    }
    if (len == 17 && vin(w)) {
      return w;
    }
    if (len >= 14 && a[s] == 'B' && s > 0 && a[s - 1] == '%' && (last = track1(w)) >= 0) {
      return last;
    }
    if (!leftOkStrict(s) || !rightOk(e)) {
      return -1;
    }
    int digits = countDigits(s, e);
    if (len == 9
        && letter(a[s])
        && digits == 8
        && (kw(r.PASSPORT, s, e) || kwInSentence(r.PASSPORT, s))) {
      out.add(r.PASSPORT, s, e, true);
      return w;
    }
    if (len >= 5 && len <= 16 && digits >= 4 && letter(a[s]) && kw(r.DL, s, e)) {
      out.add(r.DL, s, e, true);
      return w;
    }
    return -1;
  }

  private int capWord(int w) {
    int s = p.wStart[w];
    int e = p.wEnd[w];
    int len = e - s;
    int last;
    if (len == 2 && (p.wFlags[w] & F_LOWER) == 0 && (last = nino(w)) >= 0) {
      return last;
    }
    if (len <= 4 && a[s] == 'P' && (last = addresses.poBox(w)) >= 0) {
      return last;
    }
    if (len >= 2 && (last = addresses.typeFirst(w)) >= 0) {
      return last;
    }
    if (len >= 3 && len <= 9 && NameModel.monthNumber(a, s, e) > 0 && nm.months.contains(a, s, e)) {
      if ((last = monthDate(w)) >= 0) {
        return last;
      }
    }
    if ((p.wFlags[w] & F_UPPER_LATER) == 0 || names.shapes.isMcName(s, e)) {
      if ((last = names.name(w, NameRules.NO_CONTEXT)) >= 0) {
        return last;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- financial

  private int card(int w) {
    int s = p.wStart[w];
    if (!leftOk(s)) {
      return -1;
    }
    int len = wlen(w);
    if (len >= 13 && len <= 19) {
      int e = p.wEnd[w];
      if (rightOk(e) && cardDigits(w, w)) {
        emitCard(s, e);
        return w;
      }
      return -1;
    }
    if (len != 4) {
      return -1;
    }
    char sep = gap(w);
    if (sep != ' ' && sep != '-') {
      return -1;
    }
    int k = w;
    int total = 4;
    // a group may wrap to the next line (a card number broken by a line break, CRLF too)
    while (k + 1 < p.words
        && k - w < 4
        && (gap(k) == sep || lineBreakGap(k))
        && isDigitWord(k + 1)) {
      total += wlen(k + 1);
      if (total > 19) {
        break;
      }
      k++;
    }
    for (int last = k; last > w; last--) {
      int t = digitsIn(w, last);
      if (t < 13 || t > 19 || !rightOk(p.wEnd[last]) || !cardGrouping(w, last)) {
        continue;
      }
      if (cardDigits(w, last)) {
        emitCard(s, p.wEnd[last]);
        return last;
      }
    }
    return -1;
  }

  private boolean cardGrouping(int w, int last) {
    int g = last - w + 1;
    if (g == 3) {
      return wlen(w) == 4 && wlen(w + 1) == 6 && (wlen(w + 2) == 5 || wlen(w + 2) == 4);
    }
    for (int i = w; i < last; i++) {
      if (wlen(i) != 4) {
        return false;
      }
    }
    return wlen(last) >= 1 && wlen(last) <= 4;
  }

  private boolean cardDigits(int w, int last) {
    int len = collectDigits(w, last);
    if (!Checks.cardIssuerKnown(dig, len)) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = len - 1; i >= 0; i--) {
      int d = dig[i];
      if (dbl) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      dbl = !dbl;
    }
    if (sum % 10 != 0) {
      return false;
    }
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append((char) ('0' + dig[i]));
    }
    return !ManagedIdentifiers.TEST_CARD_NUMBERS.contains(sb.toString());
  }

  private void emitCard(int s, int e) {
    // track 2: ;PAN=YYMM...?
    if (s > 0 && a[s - 1] == ';' && e < n && a[e] == '=') {
      int q = indexOf("?", e, Math.min(n, e + 48));
      if (q > 0) {
        out.add(r.STRIPE_MAG, s - 1, q + 1, kw(r.STRIPE_MAG, s - 1, q + 1));
        return;
      }
    }
    boolean k = kw(r.CARD, s, e);
    out.add(k ? r.CARD : r.CARD_NO_KW, s, e, k);
  }

  private int track1(int w) {
    int s = p.wStart[w];
    int e = p.wEnd[w];
    if (e >= n || a[e] != '^' || countDigits(s + 1, e) != e - s - 1) {
      return -1;
    }
    int len = e - s - 1;
    if (len < 13 || len > 19 || !Luhn.isValid(a, s + 1, e)) {
      return -1;
    }
    int q = indexOf("?", e, Math.min(n, e + 100));
    if (q < 0) {
      return -1;
    }
    out.add(r.STRIPE_MAG, s - 1, q + 1, kw(r.STRIPE_MAG, s - 1, q + 1));
    return wordAtOrAfter(q) - 1;
  }

  private int iban(int w) {
    int s = p.wStart[w];
    if (!leftOk(s)) {
      return -1;
    }
    Iban.Country c = Iban.byCode(a[s], a[s + 1]);
    if (c == null) {
      return -1;
    }
    int need = c.length();
    int len = wlen(w);
    if (len == need) {
      if (allUpperAlnum(s, p.wEnd[w]) && rightOk(p.wEnd[w]) && Checks.ibanMod97(a, s, p.wEnd[w])) {
        out.add(r.ibanEntry(c), s, p.wEnd[w], kw(r.ibanEntry(c), s, p.wEnd[w]));
        return w;
      }
      return -1;
    }
    if (len != 4) {
      return -1;
    }
    char sep = gap(w);
    if (sep != ' ' && sep != '-') {
      return -1;
    }
    int total = 4;
    int k = w;
    char[] buf = new char[40];
    System.arraycopy(a, s, buf, 0, 4);
    while (total < need && k + 1 < p.words && gap(k) == sep) {
      int ns = p.wStart[k + 1];
      int nl = wlen(k + 1);
      if (nl > 4 || total + nl > need || !allUpperAlnum(ns, ns + nl)) {
        return -1;
      }
      System.arraycopy(a, ns, buf, total, nl);
      total += nl;
      k++;
      if (nl < 4) {
        break;
      }
    }
    if (total != need || !rightOk(p.wEnd[k]) || !Checks.ibanMod97(buf, 0, total)) {
      return -1;
    }
    int id = r.ibanEntry(c);
    out.add(id, s, p.wEnd[k], kw(id, s, p.wEnd[k]));
    return k;
  }

  private int ukSortCode(int w) {
    // 60-16-13 31926819
    if (w + 3 >= p.words || gap(w) != '-' || gap(w + 1) != '-' || wlen(w + 1) != 2) {
      return -1;
    }
    if (wlen(w + 2) != 2 || !isDigitWord(w + 1) || !isDigitWord(w + 2)) {
      return -1;
    }
    int s = p.wStart[w];
    int last = w + 2;
    char g = gap(w + 2);
    if ((g == ' ' || g == ',') && isDigitWord(w + 3) && wlen(w + 3) == 8) {
      last = w + 3;
    } else {
      return -1;
    }
    int e = p.wEnd[last];
    if (!leftOk(s) || !rightOk(e) || !kw(r.UK_BANK, s, e)) {
      return -1;
    }
    out.add(r.UK_BANK, s, e, true);
    return last;
  }

  // ---------------------------------------------------------------- national IDs

  private int ssn(int w) {
    int s = p.wStart[w];
    if (!leftOk(s)) {
      return -1;
    }
    int last;
    char sep = 0;
    if (wlen(w) == 9) {
      last = w;
    } else {
      sep = gap(w);
      if ((sep != '-' && sep != ' ') || w + 2 >= p.words || gap(w + 1) != sep) {
        return -1;
      }
      if (wlen(w + 1) != 2 || wlen(w + 2) != 4 || !isDigitWord(w + 1) || !isDigitWord(w + 2)) {
        return -1;
      }
      last = w + 2;
    }
    int e = p.wEnd[last];
    if (!rightOk(e)) {
      return -1;
    }
    collectDigits(w, last);
    int area = dig[0] * 100 + dig[1] * 10 + dig[2];
    int group = dig[3] * 10 + dig[4];
    int serial = dig[5] * 1000 + dig[6] * 100 + dig[7] * 10 + dig[8];
    boolean dashed = sep == '-';
    if (Checks.itinValid(area, group)) {
      boolean k = kw(r.ITIN, s, e);
      if (dashed || k) {
        out.add(r.ITIN, s, e, k);
        return last;
      }
      return -1;
    }
    if (!Checks.ssnValid(area, group, serial)) {
      return -1;
    }
    if ((area == 78 && group == 5 && serial == 1120)
        || (area == 219 && group == 9 && serial == 9999)) {
      return -1; // SSA-voided sample numbers
    }
    boolean k = kw(r.SSN, s, e) || kwInSentence(r.SSN, s);
    if (dashed || k) {
      out.add(r.SSN, s, e, k);
      return last;
    }
    return -1;
  }

  static final int MAX_SENTENCE = 96; // farthest a same-sentence keyword may stand before a value

  /**
   * A keyword of {@code entry} earlier in the value's sentence, further than Macie's 30 chars ("the
   * SSN on file for Mary Ann Smith-Jones is 123 45 6789"): no line break, no sentence end ({@code
   * .!?} after a lower-case letter or digit, then a space) and no digit between them, so the
   * keyword vouches for its own value only.
   */
  private boolean kwInSentence(int entry, int s) {
    for (int i = firstHitEndingAt(s - MAX_SENTENCE); i < hN && hE[i] <= s; i++) {
      if (!r.groupHas(hG[i], entry)) {
        continue;
      }
      boolean ok = true;
      for (int j = hE[i]; j < s && ok; j++) {
        char c = a[j];
        if (c == '\n' || digit(c)) {
          ok = false;
        } else if ((c == '.' || c == '!' || c == '?') && j + 1 < s && a[j + 1] == ' ') {
          char b = a[j - 1];
          ok = !(Character.isLowerCase(b) || digit(b));
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private int sin(int w) {
    int s = p.wStart[w];
    int last = groups(w, 3, 3, 3);
    if (last < 0 || !leftOk(s) || !rightOk(p.wEnd[last])) {
      return -1;
    }
    int e = p.wEnd[last];
    int len = collectDigits(w, last);
    if (len != 9 || dig[0] == 0 || dig[0] == 8 || !luhn(len)) {
      return -1;
    }
    if (!kw(r.SIN, s, e) && !kwInSentence(r.SIN, s)) {
      return -1;
    }
    out.add(r.SIN, s, e, true);
    return last;
  }

  private int nhs(int w) {
    int s = p.wStart[w];
    int last = groups(w, 3, 3, 4);
    if (last < 0 || !leftOk(s) || !rightOk(p.wEnd[last])) {
      return -1;
    }
    int e = p.wEnd[last];
    int len = collectDigits(w, last);
    if (len != 10 || !Checks.nhsMod11(dig)) {
      return -1;
    }
    if (!kw(r.NHS, s, e) && !kwInSentence(r.NHS, s)) {
      return -1;
    }
    out.add(r.NHS, s, e, true);
    return last;
  }

  /** Words w.. as g1-g2-g3 with one uniform separator (space or hyphen), or one unbroken word. */
  private int groups(int w, int g1, int g2, int g3) {
    if (wlen(w) == g1 + g2 + g3) {
      return w;
    }
    if (wlen(w) != g1 || w + 2 >= p.words) {
      return -1;
    }
    char sep = gap(w);
    if ((sep != '-' && sep != ' ') || gap(w + 1) != sep) {
      return -1;
    }
    if (wlen(w + 1) != g2 || wlen(w + 2) != g3 || !isDigitWord(w + 1) || !isDigitWord(w + 2)) {
      return -1;
    }
    return w + 2;
  }

  private int nino(int w) {
    int s = p.wStart[w];
    if (!leftOk(s)) {
      return -1;
    }
    int last = w;
    char[] v = new char[9];
    if (wlen(w) == 9) {
      System.arraycopy(a, s, v, 0, 9);
    } else if (w + 2 < p.words
        && gap(w) == ' '
        && gap(w + 1) == ' '
        && wlen(w + 1) == 6
        && wlen(w + 2) == 1) {
      // AB 123456 C
      v[0] = a[s];
      v[1] = a[s + 1];
      System.arraycopy(a, p.wStart[w + 1], v, 2, 6);
      v[8] = a[p.wStart[w + 2]];
      last = w + 2;
    } else {
      // AB 12 34 56 C
      if (w + 4 >= p.words) {
        return -1;
      }
      for (int i = 0; i < 4; i++) {
        if (gap(w + i) != ' ') {
          return -1;
        }
      }
      if (wlen(w + 1) != 2 || wlen(w + 2) != 2 || wlen(w + 3) != 2 || wlen(w + 4) != 1) {
        return -1;
      }
      v[0] = a[s];
      v[1] = a[s + 1];
      for (int i = 0; i < 3; i++) {
        v[2 + 2 * i] = a[p.wStart[w + 1 + i]];
        v[3 + 2 * i] = a[p.wStart[w + 1 + i] + 1];
      }
      v[8] = a[p.wStart[w + 4]];
      last = w + 4;
    }
    int e = p.wEnd[last];
    if (!rightOk(e)) {
      return -1;
    }
    boolean lower = false;
    for (int i = 0; i < 9; i++) {
      if (Character.isLowerCase(v[i])) {
        lower = true;
        v[i] = Character.toUpperCase(v[i]);
      }
    }
    if (!validNino(v)) {
      return -1;
    }
    boolean k = kw(r.NINO, s, e) || kwInSentence(r.NINO, s);
    if (lower && !k) {
      return -1; // "ab123456c" is a NINO written in lower case only where a keyword says so
    }
    out.add(r.NINO, s, e, k);
    return last;
  }

  private static boolean validNino(char[] v) {
    char c0 = v[0];
    char c1 = v[1];
    if (!upper(c0) || !upper(c1) || "DFIQUV".indexOf(c0) >= 0 || "DFIOQUV".indexOf(c1) >= 0) {
      return false;
    }
    String pre = "" + c0 + c1;
    if (pre.equals("BG")
        || pre.equals("GB")
        || pre.equals("NK")
        || pre.equals("KN")
        || pre.equals("TN")
        || pre.equals("NT")
        || pre.equals("ZZ")) {
      return false;
    }
    for (int i = 2; i < 8; i++) {
      if (!digit(v[i])) {
        return false;
      }
    }
    return v[8] >= 'A' && v[8] <= 'D';
  }

  private boolean vin(int w) {
    int s = p.wStart[w];
    int e = p.wEnd[w];
    if (!leftOk(s) || !rightOk(e)) {
      return false;
    }
    int letters = 0;
    for (int i = s; i < e; i++) {
      char c = a[i];
      if (Checks.vinValue(c) < 0 || (c >= 'a' && c <= 'z')) {
        return false;
      }
      if (letter(c)) {
        letters++;
      }
    }
    int digits = countDigits(s, e);
    if (letters == 0 || digits == 0) {
      return false;
    }
    boolean k = kw(r.VIN, s, e);
    if (k || (Checks.vinCheckDigit(a, s) && digits >= 4 && letters <= 12)) {
      out.add(r.VIN, s, e, k);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- phones, IPs, dates, GPS

  private int phone(int w) {
    int s = p.wStart[w];
    boolean plus = s > 0 && a[s - 1] == '+';
    boolean paren = s > 0 && a[s - 1] == '(';
    int start = plus || paren ? s - 1 : s;
    if (start > 0 && (alnum(a[start - 1]) || a[start - 1] == '.' || a[start - 1] == '/')) {
      return -1;
    }
    if (!plus && !paren && !leftOk(s)) {
      return -1;
    }
    // collect groups
    int k = w;
    int total = wlen(w);
    if (total > 15) {
      return -1;
    }
    int[] lens = phoneLens;
    char[] seps = phoneSeps;
    lens[0] = wlen(w);
    int g = 1;
    while (k + 1 < p.words && g < 8) {
      int ge = p.wEnd[k];
      int ns = p.wStart[k + 1];
      if (ns - ge > 3 || !isDigitWord(k + 1)) {
        break;
      }
      char sep = 0;
      boolean ok = true;
      for (int i = ge; i < ns; i++) {
        char c = a[i];
        if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
          ok = false;
          break;
        }
        if (sep == 0 || c == ')') {
          sep = c;
        }
      }
      if (!ok || total + wlen(k + 1) > 15) {
        break;
      }
      seps[g - 1] = ns - ge == 1 ? a[ge] : sep;
      lens[g] = wlen(k + 1);
      total += wlen(k + 1);
      k++;
      g++;
    }
    for (int last = k; last >= w; last--) {
      int ng = last - w + 1;
      int e = p.wEnd[last];
      if (!rightOk(e)) {
        continue;
      }
      int d = collectDigits(w, last);
      int id = classifyPhone(d, plus, paren, lens, seps, ng, s, start, e);
      if (id >= 0) {
        return last;
      }
    }
    return -1;
  }

  /** Emits and returns the entry when the groups form a phone number, else -1. */
  private int classifyPhone(
      int d,
      boolean plus,
      boolean paren,
      int[] lens,
      char[] seps,
      int ng,
      int s,
      int start,
      int e) {
    if (plus) {
      int id = -1;
      if (dig[0] == 1) {
        if (d == 11 && dig[1] >= 2 && dig[4] >= 2) {
          id = r.PHONE;
        }
      } else if (dig[0] == 4 && dig[1] == 4) {
        id = (d == 12 || d == 11) && dig[2] != 0 ? r.PHONE_UK : -1;
      } else if (dig[0] == 4 && dig[1] == 9) {
        id = d >= 9 && d <= 14 ? r.PHONE_DE : -1;
      } else if (dig[0] == 3 && dig[1] == 3) {
        id = d == 11 ? r.PHONE_FR : -1;
      } else if (dig[0] == 3 && dig[1] == 4) {
        id = d == 11 ? r.PHONE_ES : -1;
      } else if (dig[0] == 3 && dig[1] == 9) {
        id = d >= 8 && d <= 13 ? r.PHONE_IT : -1;
      } else if (dig[0] == 5 && dig[1] == 5) {
        id = d == 12 || d == 13 ? r.PHONE_BR : -1;
      } else if (d >= 9 && d <= 15 && ng >= 2) {
        id = r.PHONE;
      }
      if (id >= 0 && ng == 1 && d < 10) {
        id = -1;
      }
      if (id >= 0) {
        out.add(id, start, e, kw(id, start, e));
      }
      return id;
    }
    boolean nanp = d == 10 && dig[0] >= 2 && dig[3] >= 2;
    boolean nanp1 = d == 11 && dig[0] == 1 && dig[1] >= 2 && dig[4] >= 2;
    if (paren) {
      if (nanp && lens[0] == 3 && ng == 3 && lens[1] == 3 && lens[2] == 4) {
        out.add(r.PHONE, start, e, kw(r.PHONE, start, e));
        return r.PHONE;
      }
      return -1;
    }
    if ((nanp && ng == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4)
        || (nanp1 && ng == 4 && lens[0] == 1 && lens[1] == 3 && lens[2] == 3 && lens[3] == 4)) {
      // 555-123-4567 and 555.123.4567 (both separators alike) are written as phone numbers
      boolean dashed = seps[0] == '-' && seps[ng - 2] == '-';
      boolean dotted =
          seps[0] == '.'
              && seps[ng - 2] == '.'
              && (ng == 3 || seps[1] == '.')
              && !IpShapes.afterVersionWord(a, s); // "build 415.555.0132" is a build number
      boolean k = kw(r.PHONE, s, e);
      boolean lineDash = ng == 3 && seps[0] == ' ' && seps[1] == '-'; // 415 555-0132
      if (dashed || dotted || lineDash || k) {
        out.add(r.PHONE, s, e, k);
        return r.PHONE;
      }
      return -1;
    }
    if ((nanp || nanp1) && ng == 1 && kw(r.PHONE, s, e)) {
      out.add(r.PHONE, s, e, true);
      return r.PHONE;
    }
    if (dig[0] == 0 && d == 11 && dig[1] >= 1 && ng <= 3 && kw(r.PHONE_UK, s, e)) {
      out.add(r.PHONE_UK, s, e, true);
      return r.PHONE_UK;
    }
    if (dig[0] == 0 && d == 10 && dig[1] >= 1 && (ng == 1 || ng == 5) && kw(r.PHONE_FR, s, e)) {
      out.add(r.PHONE_FR, s, e, true);
      return r.PHONE_FR;
    }
    return -1;
  }

  private int ip(int w) {
    int s = p.wStart[w];
    if (w + 3 >= p.words || (s > 0 && (alnum(a[s - 1]) || a[s - 1] == '.'))) {
      return -1;
    }
    for (int i = 0; i < 4; i++) {
      int x = w + i;
      if (!isDigitWord(x) || wlen(x) > 3 || (i < 3 && gap(x) != '.')) {
        return -1;
      }
      int v = 0;
      for (int c = p.wStart[x]; c < p.wEnd[x]; c++) {
        v = v * 10 + (a[c] - '0');
      }
      if (v > 255 || (wlen(x) > 1 && a[p.wStart[x]] == '0')) {
        return -1;
      }
    }
    int e = IpShapes.suffixEnd(a, n, p.wEnd[w + 3], 32, false); // 10.0.0.0/8
    if (e < n && (alnum(a[e]) || (a[e] == '.' && e + 1 < n && digit(a[e + 1])))) {
      return -1;
    }
    if (IpShapes.versionContext(a, n, s, p.wEnd[w + 3])) {
      return w + 3; // "version 4.2.10.1", "dpkg (1.4.1.6) unstable": a version, not an address
    }
    out.add(r.IP, s, e, kw(r.IP, s, e));
    return w + 3;
  }

  /**
   * An IPv6 address starting with word {@code w}: eight groups of 1-4 hex digits, or fewer with one
   * {@code ::}, optionally ending in a dotted IPv4 address. Times (12:30:45) and MAC addresses (six
   * groups, no {@code ::}) do not qualify.
   */
  private int ipv6(int w) {
    int s = p.wStart[w];
    int i = s;
    boolean dbl = false;
    if (IpShapes.leadingDoubleColon(a, s)) {
      s -= 2; // ::1, ::ffff:192.0.2.1
      dbl = true;
    } else if (s > 0 && (alnum(a[s - 1]) || a[s - 1] == ':' || a[s - 1] == '.')) {
      return -1;
    }
    int groups = 0;
    int end;
    int limit = Math.min(n, s + 64);
    while (true) {
      int h = i;
      while (h < limit && h - i < 5 && hex(a[h])) {
        h++;
      }
      int len = h - i;
      if (len == 0 || len > 4) {
        return -1;
      }
      if (h + 1 < n && a[h] == '.' && digit(a[h + 1]) && (groups >= 2 || dbl && groups >= 1)) {
        int v4 = ipv4End(i);
        if (v4 < 0) {
          return -1;
        }
        groups += 2;
        end = v4;
        break;
      }
      groups++;
      i = h;
      if (i + 1 < n && a[i] == ':' && a[i + 1] == ':') {
        if (dbl) {
          return -1;
        }
        dbl = true;
        i += 2;
        if (i >= n || !hex(a[i])) {
          end = i;
          break;
        }
      } else if (i + 1 < n && a[i] == ':' && hex(a[i + 1])) {
        i++;
      } else {
        end = i;
        break;
      }
      if (groups > 8) {
        return -1;
      }
    }
    boolean lead = s < p.wStart[w];
    if (dbl ? groups > 7 || groups < 1 : groups != 8) { // fe80:: and ::1 are addresses
      return -1;
    }
    if ((lead || (p.wFlags[w] & F_DIGIT) == 0) && countDigits(s, end) == 0) {
      return -1; // "::add", "db::add" in code are scope operators, not addresses
    }
    int bare = end;
    end = IpShapes.suffixEnd(a, n, end, 128, true); // fe80::1%eth0, 2001:db8::/32
    if (groups == 1 && !lead && end == bare && bare - s < 6) {
      return -1; // "12::" is not written as an address; "fe80::" and "fe80::/10" are
    }
    if (end < n
        && (alnum(a[end]) || a[end] == ':' || a[end] == '.' && end + 1 < n && alnum(a[end + 1]))) {
      return -1;
    }
    out.add(r.IP, s, end, kw(r.IP, s, end));
    int last = w;
    while (last + 1 < p.words && p.wStart[last + 1] < end) {
      last++;
    }
    return last;
  }

  /** End of a dotted IPv4 address starting at {@code i}, or -1. */
  private int ipv4End(int i) {
    for (int part = 0; part < 4; part++) {
      int v = 0;
      int d = 0;
      while (i < n && d < 4 && digit(a[i])) {
        v = v * 10 + a[i] - '0';
        i++;
        d++;
      }
      if (d == 0 || d > 3 || v > 255) {
        return -1;
      }
      if (part < 3) {
        if (i >= n || a[i] != '.') {
          return -1;
        }
        i++;
      }
    }
    return i;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** Numeric dates: d/m/y, m/d/y, y-m-d; and card expiry m/y. */
  private int date(int w) {
    int s = p.wStart[w];
    if (!leftOk(s) || w + 1 >= p.words || !isDigitWord(w + 1)) {
      return -1;
    }
    char sep = gap(w);
    if (sep != '/' && sep != '-' && sep != '.') {
      return -1;
    }
    int l0 = wlen(w);
    int l1 = wlen(w + 1);
    boolean three = w + 2 < p.words && gap(w + 1) == sep && isDigitWord(w + 2);
    if (three) {
      int l2 = wlen(w + 2);
      int v0 = num(w);
      int v1 = num(w + 1);
      int v2 = num(w + 2);
      boolean ok;
      if (l0 == 4) {
        ok = l1 <= 2 && l2 <= 2 && v1 >= 1 && v1 <= 12 && v2 >= 1 && v2 <= 31;
      } else {
        ok =
            l0 <= 2
                && l1 <= 2
                && (l2 == 4 || l2 == 2)
                && v0 >= 1
                && v1 >= 1
                && ((v0 <= 31 && v1 <= 12) || (v0 <= 12 && v1 <= 31));
      }
      int e = p.wEnd[w + 2];
      if (ok && rightOk(e)) {
        if (kwOwnDate(r.DOB, s, e)) {
          out.add(r.DOB, s, e, true);
          return w + 2;
        }
        if (kwBefore(r.EXP, s, e) && l0 <= 2) {
          out.add(r.EXP, s, e, true);
          return w + 2;
        }
      }
      return -1;
    }
    // MM/YY or MM/YYYY
    int e = p.wEnd[w + 1];
    if (l0 <= 2 && (l1 == 2 || l1 == 4) && sep != '.' && rightOk(e)) {
      int m = num(w);
      if (m >= 1 && m <= 12 && kwBefore(r.EXP, s, e)) {
        out.add(r.EXP, s, e, true);
        return w + 1;
      }
    }
    return -1;
  }

  /** "March 12, 1985", "Mar 1985", and "12 March 1985" (entered from the day word). */
  private int monthDate(int w) {
    int s = p.wStart[w];
    int e0 = p.wEnd[w];
    int i = e0;
    if (i < n && a[i] == '.') {
      i++;
    }
    int next = wordAtOrAfter(i);
    if (next >= p.words || p.wStart[next] - i > 1 || !isDigitWord(next)) {
      return -1;
    }
    int nl = wlen(next);
    if (nl <= 2) {
      int day = num(next);
      int after = p.wEnd[next];
      int j = after;
      if (j < n && a[j] == ',') {
        j++;
      }
      if (j < n && a[j] == ' ') {
        j++;
      }
      int y = wordAtOrAfter(j);
      if (day >= 1
          && day <= 31
          && y < p.words
          && p.wStart[y] == j
          && isDigitWord(y)
          && wlen(y) == 4
          && rightOk(p.wEnd[y])) {
        int e = p.wEnd[y];
        if (kwOwnDate(r.DOB, s, e)) {
          out.add(r.DOB, s, e, true);
          return y;
        }
      }
      return -1;
    }
    if (nl == 4 && rightOk(p.wEnd[next])) {
      int e = p.wEnd[next];
      if (kwBefore(r.EXP, s, e)) {
        out.add(r.EXP, s, e, true);
        return next;
      }
      // "12 March 1985": the day is the word before; the keyword is judged for the whole date
      // (a column keyword needs the value to fill its cell, day included)
      int ds =
          w > 0 && gap(w - 1) == ' ' && isDigitWord(w - 1) && wlen(w - 1) <= 2
              ? p.wStart[w - 1]
              : -1;
      if (ds >= 0 && kwOwnDate(r.DOB, ds, e)) {
        out.add(r.DOB, ds, e, true);
        return next;
      }
    }
    return -1;
  }

  private int latLong(int w) {
    // [-]d{1,3}.d{3,}[,][ ][-]d{1,3}.d{3,}
    int s = p.wStart[w];
    int start = s > 0 && a[s - 1] == '-' ? s - 1 : s;
    if (start > 0 && (alnum(a[start - 1]) || a[start - 1] == '.')) {
      return -1;
    }
    if (w + 3 >= p.words || gap(w) != '.' || !isDigitWord(w + 1) || wlen(w + 1) < 3) {
      return -1;
    }
    int i = p.wEnd[w + 1];
    int j = i;
    if (j < n && a[j] == ',') {
      j++;
    }
    if (j < n && a[j] == ' ') {
      j++;
    }
    if (j == i) {
      return -1;
    }
    boolean neg = j < n && a[j] == '-';
    if (neg) {
      j++;
    }
    int w2 = w + 2;
    if (p.wStart[w2] != j || !isDigitWord(w2) || wlen(w2) > 3 || gap(w2) != '.') {
      return -1;
    }
    if (!isDigitWord(w2 + 1) || wlen(w2 + 1) < 3) {
      return -1;
    }
    int e = p.wEnd[w2 + 1];
    if (!rightOk(e) || num(w) > 90 || num(w2) > 180) {
      return -1;
    }
    if (!kw(r.LATLONG, start, e)) {
      return -1;
    }
    out.add(r.LATLONG, start, e, true);
    return w2 + 1;
  }

  // ---------------------------------------------------------------- tokens

  private void tokenRuns() {
    for (int i = 0; i < p.runs; i++) {
      int rs = p.runStart[i];
      int re = p.runEnd[i];
      for (int q = rs; q < re - 8; q++) {
        char c = a[q];
        if (c >= 128 || !TOKEN_START[c] || (q > rs && alnum(a[q - 1]))) {
          continue;
        }
        int end = token(q, re);
        if (end > 0) {
          q = end - 1;
        }
      }
      if (re - rs >= 40) {
        secretSegments(rs, re);
      }
    }
  }

  private int token(int q, int re) {
    char c = a[q];
    int id = -1;
    int end = -1;
    int body = q; // where the random part starts (placeholder test)
    int start = q;
    int pl;
    switch (c) {
      case 'g':
        if (re - q >= 5 && a[q + 1] == 'h' && "pousr".indexOf(a[q + 2]) >= 0 && a[q + 3] == '_') {
          end = span(body = q + 4, re, 36, 255, ALNUM);
          id = r.GITHUB;
        } else if (startsWith(q, "github_pat_")) {
          end = span(body = q + 11, re, 60, 255, ALNUM_US);
          id = r.GITHUB;
        } else if ((pl = SecretShapes.gitlabPrefix(a, q, re)) > 0) {
          end = span(body = q + pl, re, 20, 255, ALNUM_US_DASH_DOT);
          while (end > body && a[end - 1] == '.') {
            end--; // a full stop after the token
          }
          id = end - body >= 20 ? r.GITLAB : -1;
        }
        break;
      case 'x':
        if ((pl = SecretShapes.slackPrefix(a, q, re)) > 0) {
          end = span(body = q + pl, re, 10, 255, ALNUM_DASH);
          id = r.SLACK;
        }
        break;
      case 'h':
        end = SecretShapes.slackWebhookEnd(a, q, re);
        if (end > 0) {
          id = r.SLACK_WEBHOOK;
          body = end; // checked by slackWebhookEnd
          start = regionBefore(q, "https://") ? q - 8 : regionBefore(q, "http://") ? q - 7 : q;
        }
        break;
      case 's':
      case 'r':
      case 'p':
      case 'w':
        if (SecretShapes.stripePublishable(a, q, re)) {
          return q + 8; // publishable keys are public by design (Stripe "API keys")
        }
        if ((pl = SecretShapes.stripePrefix(a, q, re)) > 0) {
          end = span(body = q + pl, re, 10, 247, ALNUM);
          id = r.STRIPE;
        }
        break;
      case 'n':
        if (startsWith(q, "npm_")) {
          end = span(body = q + 4, re, 36, 36, ALNUM);
          id = r.NPM;
        }
        break;
      case 'A':
        if (startsWith(q, "AIza")) {
          end = span(body = q + 4, re, 35, 35, ALNUM_US_DASH);
          id = r.GCP;
        } else if (startsWith(q, "AKIA")
            || startsWith(q, "ASIA")
            || startsWith(q, "ABIA")
            || startsWith(q, "ACCA")) {
          end = span(body = q + 4, re, 16, 16, UPPER_DIGIT);
          id = r.AWS_KEY_ID;
        }
        break;
      case 'y':
        if (startsWith(q, "ya29.")) {
          end = span(body = q + 5, re, 20, 2048, ALNUM_US_DASH);
          id = r.GOOGLE_OAUTH;
        }
        break;
      case 'e':
        if (a[q + 1] == 'y' && a[q + 2] == 'J') {
          end = jwt(q, re);
          id = r.JWT;
          body = end; // structured: the header decodes to JSON
        }
        break;
      default:
        break;
    }
    if (end < 0 || id < 0) {
      return -1;
    }
    if (end < n && alnum(a[end])) {
      return -1;
    }
    String v = new String(a, start, end - start);
    if (ManagedIdentifiers.SAMPLE_SECRETS.contains(v)
        || body < end && SecretShapes.isPlaceholder(a, body, end)) {
      return end;
    }
    out.add(id, start, end, r.keywordRuleNone(id) ? false : kw(id, start, end));
    return end;
  }

  private boolean regionBefore(int q, String s) {
    return q >= s.length() && region(q - s.length(), s);
  }

  /** First chars of the token prefixes {@link #token} knows. */
  private static final boolean[] TOKEN_START = new boolean[128];

  static {
    for (char c : "gxsrpnAyehw".toCharArray()) {
      TOKEN_START[c] = true;
    }
  }

  private static final int ALNUM = 0;
  private static final int ALNUM_US = 1;
  private static final int ALNUM_US_DASH = 2;
  private static final int ALNUM_DASH = 3;
  private static final int UPPER_DIGIT = 4;
  private static final int ALNUM_US_DASH_DOT = 5;

  /**
   * End of a run of {@code min..max} chars of {@code set} from {@code from}, or -1. A run cut short
   * by one line break (LF or CRLF) that goes on at the start of the next line is followed there: a
   * key hard-wrapped in an e-mail or a log is still the key.
   */
  private int span(int from, int re, int min, int max, int set) {
    int i = from;
    int limit = Math.min(re, from + max);
    while (i < limit && inSet(a[i], set)) {
      i++;
    }
    if (i - from < min && i == re) {
      return wrappedSpan(from, i, min, max, set);
    }
    if (i - from < min || (i < re && inSet(a[i], set))) {
      return -1;
    }
    return i;
  }

  private int wrappedSpan(int from, int i, int min, int max, int set) {
    int j =
        i < n && a[i] == '\n' ? i + 1 : i + 1 < n && a[i] == '\r' && a[i + 1] == '\n' ? i + 2 : -1;
    if (j < 0 || j >= n || !inSet(a[j], set)) {
      return -1;
    }
    int have = i - from;
    int k = j;
    while (k < n && have + (k - j) < max && inSet(a[k], set)) {
      k++;
    }
    int total = have + (k - j);
    if (total < min || (k < n && (inSet(a[k], set) || alnum(a[k])))) {
      return -1;
    }
    return k;
  }

  private static boolean inSet(char c, int set) {
    switch (set) {
      case ALNUM:
        return alnum(c);
      case ALNUM_US:
        return alnum(c) || c == '_';
      case ALNUM_US_DASH:
        return alnum(c) || c == '_' || c == '-';
      case ALNUM_DASH:
        return alnum(c) || c == '-';
      case ALNUM_US_DASH_DOT:
        return alnum(c) || c == '_' || c == '-' || c == '.';
      default:
        return digit(c) || (c >= 'A' && c <= 'Z');
    }
  }

  private int jwt(int q, int re) {
    int i = q;
    int dots = 0;
    int[] segEnd = new int[3];
    while (i < re && i - q < 16_384) {
      char c = a[i];
      if (c == '.') {
        if (dots == 2) {
          break;
        }
        segEnd[dots++] = i;
      } else if (!(alnum(c) || c == '_' || c == '-')) {
        break;
      }
      i++;
    }
    if (dots < 2 || segEnd[0] - q < 10 || segEnd[1] - segEnd[0] < 3) {
      return -1;
    }
    try {
      byte[] h = Base64.getUrlDecoder().decode(stripPad(q, segEnd[0]));
      String header = new String(h, StandardCharsets.UTF_8);
      if (!header.startsWith("{") || !header.contains("\"alg\"")) {
        return -1;
      }
    } catch (IllegalArgumentException ex) {
      return -1;
    }
    return i;
  }

  private String stripPad(int s, int e) {
    while (e > s && a[e - 1] == '=') {
      e--;
    }
    return new String(a, s, e - s);
  }

  /** AWS secret keys (40 base64 chars) and Azure storage keys (86 + "=="), both keyword-bound. */
  private void secretSegments(int rs, int re) {
    int i = rs;
    while (i < re) {
      while (i < re && !b64core(a[i])) {
        i++;
      }
      int s = i;
      while (i < re && b64core(a[i])) {
        i++;
      }
      int len = i - s;
      if (len == 40 && mixed(s, i) && (i == re || !alnum(a[i]))) {
        String v = new String(a, s, 40);
        if (!ManagedIdentifiers.SAMPLE_SECRETS.contains(v)
            && !SecretShapes.isPlaceholder(a, s, i)
            && (kw(r.AWS, s, i) || awsRecord(s, i))) {
          out.add(r.AWS, s, i, true);
        }
      } else if (len == 86 && i + 2 <= re && a[i] == '=' && a[i + 1] == '=' && mixed(s, i)) {
        if (kw(r.AZURE, s, i + 2)) {
          out.add(r.AZURE, s, i + 2, true);
        }
        i += 2;
      }
    }
  }

  static final int MAX_RECORD = 512; // chars either side of a value searched for its record

  /**
   * A 40-char secret whose keyword stands further than 30 chars away but in the same record (a
   * paragraph: no blank line between, at most {@link #MAX_RECORD} chars): an AWS keyword, the word
   * {@code secret} ({@code SecretAccessKey}, {@code "secret":}), or an access key ID (AKIA...,
   * ASIA...) that the secret pairs with.
   */
  private boolean awsRecord(int s, int e) {
    int from = s;
    while (from > 0 && s - from < MAX_RECORD && !blankLineEndsAt(from)) {
      from--;
    }
    int to = e;
    while (to < n && to - e < MAX_RECORD && !blankLineEndsAt(to)) {
      to++;
    }
    for (int i = firstHitEndingAt(from); i < hN && hS[i] < to; i++) {
      if (r.groupHas(hG[i], r.AWS) && (hE[i] <= s || hS[i] >= e)) {
        return true;
      }
    }
    return containsIgnoreCase(from, s, "secret")
        || containsIgnoreCase(e, to, "secret")
        || accessKeyIdIn(from, s)
        || accessKeyIdIn(e, to);
  }

  private boolean blankLineEndsAt(int i) {
    return i > 0 && a[i - 1] == '\n' && (i < n && (a[i] == '\n' || a[i] == '\r'));
  }

  private boolean accessKeyIdIn(int from, int to) {
    for (int i = from; i + 20 <= to; i++) {
      if (a[i] == 'A'
          && (startsWith(i, "AKIA") || startsWith(i, "ASIA"))
          && (i == 0 || !alnum(a[i - 1]))
          && span(i + 4, to, 16, 16, UPPER_DIGIT) > 0) {
        return true;
      }
    }
    return false;
  }

  private boolean mixed(int s, int e) {
    boolean up = false;
    boolean lo = false;
    boolean d = false;
    for (int i = s; i < e; i++) {
      char c = a[i];
      up |= c >= 'A' && c <= 'Z';
      lo |= c >= 'a' && c <= 'z';
      d |= digit(c) || c == '/' || c == '+';
    }
    return up && lo && d;
  }

  private static boolean b64core(char c) {
    return alnum(c) || c == '+' || c == '/';
  }

  // ---------------------------------------------------------------- e-mail and URLs

  private void emails() {
    for (int k = 0; k < p.ats; k++) {
      int x = p.at[k];
      int ls = x;
      while (ls > 0 && x - ls < 64 && localChar(a[ls - 1])) {
        ls--;
      }
      if (ls == x || a[ls] == '.') {
        continue;
      }
      int de = domainEnd(x + 1);
      if (de < 0) {
        continue;
      }
      if (userInfoUrl(ls, x, de)) {
        continue;
      }
      out.add(r.EMAIL, ls, de, kw(r.EMAIL, ls, de));
    }
  }

  /** "scheme://user:pass@host": the local part holds the password; the user precedes ':'. */
  private boolean userInfoUrl(int ls, int at, int de) {
    // user:pass@host where local-part chars stopped at ':'
    if (ls < 4 || a[ls - 1] != ':') {
      return false;
    }
    return urlWithPassword(ls - 1, at, de);
  }

  private boolean urlWithPassword(int colon, int at, int de) {
    int i = colon - 1;
    int limit = Math.max(0, colon - 256);
    while (i >= limit && a[i] != '/' && !Character.isWhitespace(a[i])) {
      i--;
    }
    if (i < 2 || a[i] != '/' || a[i - 1] != '/' || a[i - 2] != ':') {
      return false;
    }
    int ss = i - 2;
    while (ss > 0 && ss > i - 20 && letter(a[ss - 1])) {
      ss--;
    }
    if (ss == i - 2) {
      return false;
    }
    int e = de;
    if (e < n && a[e] == ':') {
      e++;
      while (e < n && digit(a[e])) {
        e++;
      }
    }
    // the path and query belong to the URL: postgres://u:p@db:5432/orders?sslmode=require
    if (e < n && (a[e] == '/' || a[e] == '?')) {
      int lim = Math.min(n, ss + MAX_URL);
      while (e < lim && urlChar(a[e])) {
        e++;
      }
      while (e > de && ".,;:!?)'".indexOf(a[e - 1]) >= 0) {
        e--; // sentence punctuation after the URL
      }
    }
    out.add(r.URL_PASSWORD, ss, e, false);
    return true;
  }

  private static boolean urlChar(char c) {
    return c > ' ' && c < 127 && "\"<>`{}|\\^".indexOf(c) < 0;
  }

  private int domainEnd(int from) {
    int i = from;
    int labelStart = i;
    int labels = 0;
    int lastLabel = -1;
    int limit = Math.min(n, from + 253);
    while (i < limit) {
      char c = a[i];
      if (alnum(c) || c == '-') {
        i++;
      } else if (c == '.' && i > labelStart && i + 1 < n && alnum(a[i + 1])) {
        labels++;
        lastLabel = i + 1;
        i++;
        labelStart = i;
      } else {
        break;
      }
    }
    if (labels == 0 || lastLabel < 0) {
      return -1;
    }
    int tld = i - lastLabel;
    if (tld < 2 || tld > 24) {
      return -1;
    }
    for (int k = lastLabel; k < i; k++) {
      if (!letter(a[k])) {
        return -1;
      }
    }
    return i;
  }

  private static boolean localChar(char c) {
    return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  // ---------------------------------------------------------------- helpers

  int wlen(int w) {
    return p.wEnd[w] - p.wStart[w];
  }

  boolean isDigitWord(int w) {
    return (p.wFlags[w] & (F_UPPER | F_LOWER)) == 0;
  }

  /** The single char between word w and w+1, or 0 when the gap is not exactly one char. */
  /** Words {@code w} and {@code w + 1} are separated by one line break ({@code \n} or CRLF). */
  boolean lineBreakGap(int w) {
    if (w + 1 >= p.words) {
      return false;
    }
    int e = p.wEnd[w];
    int g = p.wStart[w + 1] - e;
    return g == 1 && a[e] == '\n' || g == 2 && a[e] == '\r' && a[e + 1] == '\n';
  }

  char gap(int w) {
    if (w + 1 >= p.words) {
      return 0;
    }
    int e = p.wEnd[w];
    return p.wStart[w + 1] - e == 1 ? a[e] : 0;
  }

  int num(int w) {
    int v = 0;
    for (int i = p.wStart[w]; i < p.wEnd[w] && i - p.wStart[w] < 9; i++) {
      v = v * 10 + (a[i] - '0');
    }
    return v;
  }

  int digitsIn(int w, int last) {
    int t = 0;
    for (int i = w; i <= last; i++) {
      t += wlen(i);
    }
    return t;
  }

  int collectDigits(int w, int last) {
    int k = 0;
    for (int i = w; i <= last; i++) {
      for (int c = p.wStart[i]; c < p.wEnd[i] && k < dig.length; c++) {
        dig[k++] = a[c] - '0';
      }
    }
    return k;
  }

  private boolean luhn(int len) {
    int sum = 0;
    boolean dbl = false;
    for (int i = len - 1; i >= 0; i--) {
      int d = dig[i];
      if (dbl) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  int wordAtOrAfter(int pos) {
    int lo = 0;
    int hi = p.words;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (p.wStart[mid] < pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * No letter/digit just before, and not glued to a number by {@code . - / : _} either. After a
   * word, {@code : / _ .} separate a value from its label or path ({@code SSN:123-45-6789}, {@code
   * /users/123-45-6789}, {@code ssn_123456789}); a hyphen after a word still glues ({@code
   * ORD-4111...} is an order number).
   */
  boolean leftOk(int s) {
    if (s == 0) {
      return true;
    }
    char c = a[s - 1];
    if (alnum(c)) {
      return false;
    }
    if (s < 2 || !(c == '.' || c == '-' || c == '/' || c == ':' || c == '_')) {
      return true;
    }
    char b = a[s - 2];
    return !(digit(b) || c == '-' && alnum(b));
  }

  /** {@link #leftOk} without the label and path separators: nothing glued on the left at all. */
  boolean leftOkStrict(int s) {
    if (s == 0) {
      return true;
    }
    char c = a[s - 1];
    return !alnum(c)
        && !((c == '.' || c == '-' || c == '/' || c == ':' || c == '_')
            && s >= 2
            && alnum(a[s - 2]));
  }

  /**
   * No letter/digit just after, and no {@code . - / _} gluing a number on; {@code . / _} before a
   * word end the value ({@code 123-45-6789.pdf}, {@code 4111.../receipt}).
   */
  boolean rightOk(int e) {
    if (e >= n) {
      return true;
    }
    char c = a[e];
    if (alnum(c)) {
      return false;
    }
    if (e + 1 >= n || !(c == '.' || c == '-' || c == '/' || c == '_')) {
      return true;
    }
    char f = a[e + 1];
    return !(digit(f) || c == '-' && alnum(f));
  }

  private boolean allSame(int s, int e) {
    for (int i = s + 1; i < e; i++) {
      if (a[i] != a[s]) {
        return false;
      }
    }
    return true;
  }

  private int countDigits(int s, int e) {
    int d = 0;
    for (int i = s; i < e; i++) {
      if (digit(a[i])) {
        d++;
      }
    }
    return d;
  }

  private boolean allUpperAlnum(int s, int e) {
    for (int i = s; i < e; i++) {
      if (!digit(a[i]) && !upper(a[i])) {
        return false;
      }
    }
    return true;
  }

  private static final boolean[] ALNUM_ASCII = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ALNUM_ASCII[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }

  static boolean alnum(char c) {
    return c < 128 ? ALNUM_ASCII[c] : Character.isLetterOrDigit(c);
  }

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean base64(char c) {
    return alnum(c) || c == '+' || c == '/' || c == '=';
  }

  boolean startsWith(int q, String s) {
    if (q + s.length() > n) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (a[q + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  boolean region(int q, String s) {
    return startsWith(q, s);
  }

  private boolean regionIgnoreCase(int q, String s) {
    if (q < 0 || q + s.length() > n) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.toLowerCase(a[q + i]) != Character.toLowerCase(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private final java.util.Map<String, int[]> memo = new java.util.HashMap<>();

  /**
   * {@link #indexOf} that remembers, per needle, the last range searched and the first hit, so
   * repeated anchors (hundreds of "-----BEGIN" without an end) cost linear time overall: a range
   * already searched is never searched again.
   */
  private int memoIndexOf(String needle, int from, int to) {
    int[] m = memo.get(needle); // {searchedFrom, searchedTo, first hit or -1}
    if (m != null && from >= m[0] && from <= m[1]) {
      if (m[2] >= from) {
        return m[2] + needle.length() <= to ? m[2] : -1;
      }
      if (m[2] < 0) {
        // nothing in [m[0], m[1]): only the new part needs a look
        int found = indexOf(needle, Math.max(from, m[1] - needle.length() + 1), to);
        m[1] = Math.max(m[1], to);
        m[2] = found;
        return found;
      }
    }
    int found = indexOf(needle, from, to);
    memo.put(needle, new int[] {from, to, found});
    return found;
  }

  private int indexOf(String s, int from, int to) {
    char c0 = s.charAt(0);
    for (int i = from; i + s.length() <= to; i++) {
      if (a[i] == c0 && startsWith(i, s)) {
        return i;
      }
    }
    return -1;
  }

  private boolean containsIgnoreCase(int from, int to, String s) {
    for (int i = from; i + s.length() <= to; i++) {
      if (regionIgnoreCase(i, s)) {
        return true;
      }
    }
    return false;
  }
}
