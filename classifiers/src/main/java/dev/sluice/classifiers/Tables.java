package dev.sluice.classifiers;

/**
 * Line and delimiter arithmetic for tables (csv, tsv, a spreadsheet's text) on a char window: a
 * table is a run of lines with the same number (at least one) of the same delimiter (tab, else
 * comma, else semicolon, else pipe), and its first line is the header. Stateless; lines longer than
 * {@link Detectors#MAX_LINE} are not followed.
 */
final class Tables {
  private Tables() {}

  /** Start of the line holding {@code i}, or -1 when it lies more than MAX_LINE back. */
  static int lineStart(char[] a, int i) {
    int lim = Math.max(0, i - Detectors.MAX_LINE);
    int j = i;
    while (j > lim && a[j - 1] != '\n') {
      j--;
    }
    return j == 0 || a[j - 1] == '\n' ? j : -1;
  }

  /** End of the line starting at {@code ls} (before its newline and any CR), or -1 if too long. */
  static int lineEnd(char[] a, int n, int ls) {
    int lim = Math.min(n, ls + Detectors.MAX_LINE);
    int j = ls;
    while (j < lim && a[j] != '\n') {
      j++;
    }
    return j < n && a[j] != '\n' ? -1 : (j > ls && a[j - 1] == '\r' ? j - 1 : j);
  }

  /** The line's delimiter: tab, else comma, else semicolon, else pipe; 0 when it has none. */
  static char delimiter(char[] a, int ls, int le) {
    int tab = 0;
    int comma = 0;
    int semi = 0;
    int pipe = 0;
    for (int i = ls; i < le; i++) {
      switch (a[i]) {
        case '\t' -> tab++;
        case ',' -> comma++;
        case ';' -> semi++;
        case '|' -> pipe++;
        default -> {}
      }
    }
    return tab > 0 ? '\t' : comma > 0 ? ',' : semi > 0 ? ';' : pipe > 0 ? '|' : 0;
  }

  /**
   * Delimiters in {@code [ls, le)} outside quoted cells: a double quote that opens a cell (at
   * {@code ls} or right after a delimiter) hides delimiters up to its closing quote, and a doubled
   * quote inside stays inside (RFC 4180: {@code "Flat 3, 12 High St"} is one cell).
   */
  static int count(char[] a, int ls, int le, char d) {
    int c = 0;
    boolean quoted = false;
    for (int i = ls; i < le; i++) {
      char x = a[i];
      if (quoted) {
        if (x == '"') {
          if (i + 1 < le && a[i + 1] == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (x == d) {
        c++;
      } else if (x == '"' && (i == ls || a[i - 1] == d) && closes(a, i + 1, le, d)) {
        quoted = true;
      }
    }
    return c;
  }

  /**
   * Start of cell {@code col} of the line {@code [ls, le)} split by {@code d}, quoted cells read as
   * {@link #count} reads them; -1 when the line has fewer cells.
   */
  static int cellStart(char[] a, int ls, int le, char d, int col) {
    if (col == 0) {
      return ls;
    }
    boolean quoted = false;
    int c = 0;
    for (int i = ls; i < le; i++) {
      char x = a[i];
      if (quoted) {
        if (x == '"') {
          if (i + 1 < le && a[i + 1] == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (x == d) {
        if (++c == col) {
          return i + 1;
        }
      } else if (x == '"' && (i == ls || a[i - 1] == d) && closes(a, i + 1, le, d)) {
        quoted = true;
      }
    }
    return -1;
  }

  /** End of the cell starting at {@code cs} (its delimiter or the line end). */
  static int cellEnd(char[] a, int cs, int le, char d) {
    int i = cs;
    if (i < le && a[i] == '"' && closes(a, i + 1, le, d)) {
      for (i++; i < le; i++) {
        if (a[i] == '"') {
          if (i + 1 < le && a[i + 1] == '"') {
            i++;
          } else {
            return i + 1;
          }
        }
      }
      return le;
    }
    while (i < le && a[i] != d) {
      i++;
    }
    return i;
  }

  /** Whether a quote opened before {@code i} closes on this line before a cell edge. */
  private static boolean closes(char[] a, int i, int le, char d) {
    for (int j = i; j < le; j++) {
      if (a[j] == '"') {
        if (j + 1 < le && a[j + 1] == '"') {
          j++;
        } else {
          return j + 1 == le || a[j + 1] == d;
        }
      }
    }
    return false;
  }

  /**
   * The header line of the table holding the line that starts at {@code ls} (walking up while the
   * lines above have as many of the same delimiter), or -1 when that line is in no table. Linear in
   * the lines walked; for one-off use (the scan engine's window carry).
   */
  static int headerLine(char[] a, int n, int ls) {
    int le = lineEnd(a, n, ls);
    if (le < 0) {
      return -1;
    }
    char d = delimiter(a, ls, le);
    if (d == 0) {
      return -1;
    }
    int want = count(a, ls, le, d);
    int cur = ls;
    while (cur > 0) {
      int ps = lineStart(a, cur - 1);
      if (ps < 0) {
        break;
      }
      int pe = lineEnd(a, n, ps);
      if (pe < 0 || delimiter(a, ps, pe) != d || count(a, ps, pe, d) != want) {
        break;
      }
      cur = ps;
    }
    return cur;
  }
}
