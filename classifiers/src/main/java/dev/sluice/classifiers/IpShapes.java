package dev.sluice.classifiers;

/**
 * Shape tests around IP addresses on a char window, for {@link Detectors}: where an IPv6 address
 * may start (a first group without digits, a leading {@code ::}), the suffixes that belong to the
 * address as written (RFC 4632 prefix length {@code /8}, RFC 6874 zone id {@code %eth0}), and the
 * words that make a dotted quad a version number. Stateless.
 */
final class IpShapes {
  private IpShapes() {}

  static final int MAX_ZONE = 16; // interface names: eth0, en0, wlp2s0, 12

  /** Words that make a following dotted quad a version ("version 4.2.10.1", "rev 1.12.2.3"). */
  private static final String[] VERSION_WORDS = {
    "version", "ver", "v", "release", "rev", "revision", "build", "firmware", "fw", "cvs"
  };

  /** {@code [s, e)} is 1-4 hex letters directly followed by {@code :} and a hex digit or colon. */
  static boolean hexGroupBeforeColon(char[] a, int n, int s, int e) {
    if (e - s > 4 || e + 1 >= n || a[e] != ':' || !(hex(a[e + 1]) || a[e + 1] == ':')) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (!hex(a[i])) {
        return false;
      }
    }
    return true;
  }

  /** A {@code ::} right before {@code s} that starts the address (nothing address-like before). */
  static boolean leadingDoubleColon(char[] a, int s) {
    if (s < 2 || a[s - 1] != ':' || a[s - 2] != ':') {
      return false;
    }
    if (s == 2) {
      return true;
    }
    char c = a[s - 3];
    return !(Detectors.alnum(c) || c == ':' || c == '.' || c == '_');
  }

  /**
   * End of the address with its prefix length ({@code /0} to {@code /max}) and, for IPv6, a zone
   * id; {@code end} when there is neither.
   */
  static int suffixEnd(char[] a, int n, int end, int max, boolean v6) {
    int i = end;
    if (v6 && i + 1 < n && a[i] == '%' && Detectors.alnum(a[i + 1])) {
      int j = i + 1;
      while (j < n && j - i <= MAX_ZONE && (Detectors.alnum(a[j]) || a[j] == '_' || a[j] == '.')) {
        j++;
      }
      if (j - i <= MAX_ZONE) {
        i = j;
      }
    }
    if (i + 1 < n && a[i] == '/' && Detectors.digit(a[i + 1])) {
      int j = i + 1;
      int v = 0;
      while (j < n && j - i <= 4 && Detectors.digit(a[j])) {
        v = v * 10 + a[j] - '0';
        j++;
      }
      boolean tail =
          j >= n
              || !(Detectors.alnum(a[j])
                  || a[j] == '/'
                  || a[j] == '.' && j + 1 < n && Detectors.alnum(a[j + 1]));
      if (v <= max && j - i <= 4 && tail) {
        return j;
      }
    }
    return i;
  }

  /**
   * The word before {@code s} (one space or colon or none between) is a version word: dotted
   * numbers after it are versions or builds, not addresses or phone numbers.
   */
  static boolean afterVersionWord(char[] a, int s) {
    int e = s;
    while (e > 0 && s - e < 2 && (a[e - 1] == ' ' || a[e - 1] == ':')) {
      e--;
    }
    int b = e;
    while (b > 0 && e - b < 9 && Character.isLetter(a[b - 1])) {
      b--;
    }
    if (b == e || b > 0 && Character.isLetter(a[b - 1])) {
      return false;
    }
    for (String v : VERSION_WORDS) {
      if (v.length() == e - b && v.regionMatches(true, 0, new String(a, b, e - b), 0, e - b)) {
        return true;
      }
    }
    return false;
  }

  static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
