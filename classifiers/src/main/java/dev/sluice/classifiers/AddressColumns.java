package dev.sluice.classifiers;

import static dev.sluice.classifiers.Detectors.digit;

/**
 * ADDRESS cells under an address column ({@code street_address}, {@code Address line 1}, {@code
 * Adresse}, {@code Dirección}...): a cell that holds a word and a house number or "s/n" is an
 * address whatever its street form. Not thread-safe; one per {@link Addresses}.
 */
final class AddressColumns {
  private final Detectors d;
  private final Rules r;
  private char[] a;
  private int n;

  AddressColumns(Detectors d, Rules r) {
    this.d = d;
    this.r = r;
  }

  void bind(char[] a, int n) {
    this.a = a;
    this.n = n;
  }

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
    if (e - s < 5 || e - s > Addresses.MAX_STREET) {
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
    return longest >= 2 && (number || EuropeanStreets.containsSn(a, n, s, e));
  }
}
