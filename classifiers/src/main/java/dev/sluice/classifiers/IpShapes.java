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
    "version",
    "ver",
    "v",
    "release",
    "released",
    "rev",
    "revision",
    "build",
    "firmware",
    "fw",
    "cvs",
    "changes",
    "bump",
    "bumped",
    "upgrade",
    "upgraded",
    "since",
    "versions",
    "section",
    "sec",
    "rfc",
    "standard",
    "standards",
    "policy"
  };

  /** Words between a version word and its number ("Bump Standards-Version to 4.6.1.0"). */
  private static final String[] LINK_WORDS = {"to", "is", "in", "of", "from", "at", "was"};

  /**
   * Whether the dotted quad {@code [s, e)} is written as a version: after a version word (see
   * {@link #afterVersionWord}), glued to a package name ({@code zlib-1.2.8.1}), after an epoch or a
   * version comparison ({@code 1:24.3.4.1}, {@code (>= 0.1.99.2)}), followed by a package revision
   * ({@code 1.4.0.9-3}, {@code +dfsg}, {@code ~rc1}), or in a Debian changelog heading ({@code dpkg
   * (1.4.1.6) unstable; urgency=low}).
   */
  static boolean versionContext(char[] a, int n, int s, int e) {
    if (afterVersionWord(a, s)) {
      return true;
    }
    if (s >= 2 && a[s - 1] == '-' && Character.isLetter(a[s - 2])) {
      return true;
    }
    if (s >= 2 && a[s - 1] == ':' && Detectors.digit(a[s - 2])) {
      return true; // epoch
    }
    int b = s;
    while (b > 0 && s - b < 3 && a[b - 1] == ' ') {
      b--;
    }
    if (b >= 2
        && (a[b - 1] == '=' || a[b - 1] == '<' || a[b - 1] == '>')
        && (a[b - 2] == '<' || a[b - 2] == '>' || a[b - 2] == '=' || a[b - 2] == '(')) {
      return true; // (>= 0.1.99.2), (<< 1.0.24.2)
    }
    if (e + 1 < n && (a[e] == '+' || a[e] == '~') && Detectors.alnum(a[e + 1])) {
      return true;
    }
    if (e + 1 < n && a[e] == '-' && Detectors.alnum(a[e + 1]) && !quadAt(a, n, e + 1)) {
      return true; // a package revision, not a range 10.0.0.1-10.0.0.9
    }
    if (s >= 12 && a[s - 1] == '(' && a[s - 2] == ' ' && isoDateEndingAt(a, s - 2)) {
      return true; // a release heading: "2014-03-11 (3.8.4.1)"
    }
    return s > 0 && a[s - 1] == '(' && debianHeadingAfter(a, n, e);
  }

  /** {@code ) unstable; urgency=low}: the rest of a Debian changelog heading after a version. */
  private static boolean debianHeadingAfter(char[] a, int n, int e) {
    int i = e;
    while (i < n && i - e < 16 && a[i] != ')' && a[i] != '\n') {
      i++; // the revision: -3, +dfsg-1
    }
    if (i + 2 >= n || a[i] != ')' || a[i + 1] != ' ') {
      return false;
    }
    i += 2;
    int limit = Math.min(n, i + 64);
    while (i < limit && (Character.isLetter(a[i]) || a[i] == '-' || a[i] == ' ')) {
      i++; // distributions: "unstable", "frozen unstable", "BETA"
    }
    return i < limit && a[i] == ';' && i + 2 < n && a[i + 1] == ' ';
  }

  /** {@code a[end - 10, end)} is an ISO date, yyyy-mm-dd. */
  private static boolean isoDateEndingAt(char[] a, int end) {
    int b = end - 10;
    if (b < 0) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = a[b + i];
      if (i == 4 || i == 7 ? c != '-' : !Detectors.digit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean quadAt(char[] a, int n, int i) {
    int dots = 0;
    while (i < n && (Detectors.digit(a[i]) || a[i] == '.')) {
      dots += a[i] == '.' ? 1 : 0;
      i++;
    }
    return dots == 3;
  }

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
    int[] w = wordBefore(a, s);
    if (w == null) {
      return false;
    }
    if (isOneOf(a, w[0], w[1], VERSION_WORDS)) {
      return true;
    }
    if (!isOneOf(a, w[0], w[1], LINK_WORDS)) {
      return false;
    }
    int[] w2 = wordBefore(a, w[0]);
    return w2 != null && isOneOf(a, w2[0], w2[1], VERSION_WORDS);
  }

  private static boolean isOneOf(char[] a, int b, int e, String[] words) {
    for (String v : words) {
      if (v.length() == e - b && v.regionMatches(true, 0, new String(a, b, e - b), 0, e - b)) {
        return true;
      }
    }
    return false;
  }

  /** {@code [start, end)} of the letter word before {@code s} (one space or colon between). */
  private static int[] wordBefore(char[] a, int s) {
    int e = s;
    while (e > 0 && s - e < 2 && (a[e - 1] == ' ' || a[e - 1] == ':')) {
      e--;
    }
    int b = e;
    while (b > 0 && e - b < 9 && Character.isLetter(a[b - 1])) {
      b--;
    }
    if (b == e || b > 0 && Character.isLetter(a[b - 1])) {
      return null;
    }
    return new int[] {b, e};
  }

  static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
