package dev.sluice.classifiers;

/**
 * A window as a reader sees it, for text that hides values from a byte-level scan: zero-width
 * characters and soft hyphens dropped, fullwidth forms (U+FF01-U+FF5E) and odd spaces (no-break,
 * figure, narrow, ideographic) folded to ASCII, and HTML numeric character references ({@code
 * &#52;}, {@code &#x34;}) of printable ASCII decoded. Every char of the view knows the source range
 * it came from, so findings and redaction point at the text as written. Built only when the window
 * holds such a char ({@link #of} returns null otherwise, the common case: one cheap pass).
 */
final class NormalizedView {
  static final int MAX_REFERENCE = 10; // "&#x0000FF;"

  final char[] text;
  final int length;
  private final int[] srcStart;
  private final int[] srcEnd;

  private NormalizedView(char[] text, int length, int[] srcStart, int[] srcEnd) {
    this.text = text;
    this.length = length;
    this.srcStart = srcStart;
    this.srcEnd = srcEnd;
  }

  /** The view of {@code a[0, n)}, or null when it reads the same as the source. */
  static NormalizedView of(char[] a, int n) {
    int first = -1;
    for (int i = 0; i < n; i++) {
      char c = a[i];
      if (c >= 0xA0 ? fold(c) != c : c == '&' && i + 2 < n && a[i + 1] == '#') {
        if (c != '&' || reference(a, i, n) > 0) {
          first = i;
          break;
        }
      }
    }
    if (first < 0) {
      return null;
    }
    char[] t = new char[n];
    int[] ss = new int[n + 1];
    int[] se = new int[n + 1];
    int k = 0;
    for (int i = 0; i < first; i++) {
      t[k] = a[i];
      ss[k] = i;
      se[k] = i + 1;
      k++;
    }
    int i = first;
    while (i < n) {
      char c = a[i];
      if (c == '&') {
        int end = reference(a, i, n);
        if (end > 0) {
          t[k] = (char) refValue(a, i, end);
          ss[k] = i;
          se[k] = end;
          k++;
          i = end;
          continue;
        }
      }
      char f = c >= 0xA0 ? fold(c) : c;
      if (f != 0) {
        t[k] = f;
        ss[k] = i;
        se[k] = i + 1;
        k++;
      }
      i++;
    }
    ss[k] = n;
    se[k] = n;
    return new NormalizedView(t, k, ss, se);
  }

  /** Source offset where the view's char {@code i} starts ({@code length} maps to the end). */
  int sourceStart(int i) {
    return srcStart[i];
  }

  /** Source offset just after the view's chars {@code [.., e)}. */
  int sourceEnd(int e) {
    return e == 0 ? srcStart[0] : srcEnd[e - 1];
  }

  /** First view index whose source start is at or after {@code src}. */
  int viewIndex(int src) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (srcStart[mid] < src) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The folded char, 0 for one to drop, {@code c} itself when unchanged. */
  static char fold(char c) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      return (char) (c - 0xFEE0); // fullwidth ASCII
    }
    switch (c) {
      case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
        return 0; // zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen
      case '\u00A0', '\u2007', '\u202F', '\u3000':
        return ' ';
      default:
        return c;
    }
  }

  /** End of a numeric character reference of printable ASCII at {@code i}, or -1. */
  static int reference(char[] a, int i, int n) {
    int j = i + 2;
    boolean hex = j < n && (a[j] == 'x' || a[j] == 'X');
    if (hex) {
      j++;
    }
    int v = 0;
    int digits = 0;
    while (j < n && j - i < MAX_REFERENCE) {
      char c = a[j];
      int d = Character.digit(c, hex ? 16 : 10);
      if (d < 0) {
        break;
      }
      v = v * (hex ? 16 : 10) + d;
      digits++;
      j++;
    }
    if (digits == 0 || j >= n || a[j] != ';' || v < 0x20 || v > 0x7E) {
      return -1;
    }
    return j + 1;
  }

  private static int refValue(char[] a, int i, int end) {
    boolean hex = a[i + 2] == 'x' || a[i + 2] == 'X';
    int v = 0;
    for (int j = i + (hex ? 3 : 2); j < end - 1; j++) {
      v = v * (hex ? 16 : 10) + Character.digit(a[j], hex ? 16 : 10);
    }
    return v;
  }
}
