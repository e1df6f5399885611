package dev.sluice.classifiers;

/**
 * Token-family shapes for {@link Detectors#token} that are documented by their vendors, and the
 * placeholder test every reported secret passes. Stateless; slices of a char window, no allocation.
 *
 * <p>Prefixes and bodies (vendor documentation):
 *
 * <ul>
 *   <li>GitHub: {@code ghp_ gho_ ghu_ ghs_ ghr_} + 36 or more base62 chars (installation tokens
 *       grew past 36), {@code github_pat_} + 82 ("Behind GitHub's new authentication token
 *       formats", 2021; fine-grained PATs, 2022).
 *   <li>GitLab ("Token prefixes"): {@code glpat- gloas- gldt- glrt- glrtr- glcbt- glptt- glft-
 *       glimt- glagent- glsoat- glffct- gltst-} + 20 or more of {@code [A-Za-z0-9_-]}, newer tokens
 *       with {@code .}-separated parts.
 *   <li>Slack ("Token types"): {@code xoxb- xoxp- xoxa- xoxr- xoxs- xoxe- xoxo-}, rotating {@code
 *       xoxe.xoxp-}, app-level {@code xapp-}; incoming webhooks {@code
 *       https://hooks.slack.com/services/T.../B.../...} (also {@code /workflows/}, {@code
 *       /triggers/}).
 *   <li>Stripe ("API keys"): secret {@code sk_} and restricted {@code rk_} keys in {@code live},
 *       {@code test} (and {@code prod}, as secret scanners match) mode; webhook secrets {@code
 *       whsec_}. Publishable keys ({@code pk_}) are public by design and not reported.
 * </ul>
 */
final class SecretShapes {
  private SecretShapes() {}

  static final String[] GITLAB_PREFIXES = {
    "glpat-",
    "gloas-",
    "gldt-",
    "glrt-",
    "glrtr-",
    "glcbt-",
    "glptt-",
    "glft-",
    "glimt-",
    "glagent-",
    "glsoat-",
    "glffct-",
    "gltst-"
  };

  /** Length of the GitLab prefix at {@code q}, or 0. */
  static int gitlabPrefix(char[] a, int q, int re) {
    for (String p : GITLAB_PREFIXES) {
      if (regionMatches(a, q, re, p)) {
        return p.length();
      }
    }
    return 0;
  }

  /** Length of the Slack token prefix at {@code q} ({@code xoxb-}, {@code xoxe.xoxp-}...), or 0. */
  static int slackPrefix(char[] a, int q, int re) {
    if (regionMatches(a, q, re, "xapp-")) {
      return 5;
    }
    int i = q;
    if (regionMatches(a, i, re, "xoxe.")) {
      i += 5;
    }
    if (regionMatches(a, i, re, "xox") && i + 4 < re && "abeoprs".indexOf(a[i + 3]) >= 0) {
      if (a[i + 4] == '-') {
        return i + 5 - q;
      }
    }
    return 0;
  }

  /** Length of a Stripe secret-key prefix at {@code q} ({@code sk_live_}, {@code rk_prod_}...). */
  static int stripePrefix(char[] a, int q, int re) {
    if (regionMatches(a, q, re, "whsec_")) {
      return 6;
    }
    if (q + 3 >= re || a[q + 1] != 'k' || a[q + 2] != '_' || (a[q] != 's' && a[q] != 'r')) {
      return 0;
    }
    for (String mode : new String[] {"live_", "test_", "prod_"}) {
      if (regionMatches(a, q + 3, re, mode)) {
        return 3 + mode.length();
      }
    }
    return 0;
  }

  /** {@code pk_live_}/{@code pk_test_}: a Stripe publishable key, public by design. */
  static boolean stripePublishable(char[] a, int q, int re) {
    return regionMatches(a, q, re, "pk_live_") || regionMatches(a, q, re, "pk_test_");
  }

  static final String WEBHOOK_HOST = "hooks.slack.com/";

  /**
   * End of a Slack incoming-webhook URL whose host starts at {@code q} ({@code
   * hooks.slack.com/services/T.../B.../secret}), or -1. The scheme before it is the caller's.
   */
  static int slackWebhookEnd(char[] a, int q, int re) {
    if (!regionMatches(a, q, re, WEBHOOK_HOST)) {
      return -1;
    }
    int i = q + WEBHOOK_HOST.length();
    if (regionMatches(a, i, re, "services/")) {
      i += 9;
    } else if (regionMatches(a, i, re, "workflows/")) {
      i += 10;
    } else if (regionMatches(a, i, re, "triggers/")) {
      i += 9;
    } else {
      return -1;
    }
    // T<team>/B<hook>/<secret> (services) or T.../A.../<id>/<secret> (workflows, triggers): 2-3
    // slashes, ids of 6+ chars, a final secret of 16+ chars
    int slashes = 0;
    int seg = i;
    int start = i;
    while (i < re && i - start <= 160 && (Detectors.alnum(a[i]) || a[i] == '/')) {
      if (a[i] == '/') {
        if (i - seg < 6) {
          return -1;
        }
        slashes++;
        seg = i + 1;
      }
      i++;
    }
    if (slashes < 2 || slashes > 3 || i - seg < 16) {
      return -1;
    }
    return isPlaceholder(a, seg, i) ? -1 : i;
  }

  /**
   * Whether the body {@code [s, e)} of a secret is a placeholder rather than a value: a run of 4 or
   * more {@code x}, {@code X}, {@code *}, {@code #} or {@code .}; 6 or more of any one char in a
   * row; a run of 8 ascending or descending chars ({@code 12345678}, {@code abcdefgh}); placeholder
   * words ({@code your}, {@code example}, {@code dummy}, {@code redacted}...); or so few distinct
   * chars that it cannot be random (fewer than a third of its length, capped at 10). Real keys are
   * random: the chance that 24 random base62 chars show any of these is under 1e-4.
   */
  static boolean isPlaceholder(char[] a, int s, int e) {
    int len = e - s;
    if (len <= 0) {
      return true;
    }
    int same = 1;
    int up = 1;
    int down = 1;
    for (int i = s; i < e; i++) {
      char c = a[i];
      if (c == '<' || c == '>' || c == '{' || c == '}' || c == '$') {
        return true; // <YOUR_KEY>, ${SECRET}, {{ token }}
      }
      if (i > s) {
        char b = a[i - 1];
        same = c == b ? same + 1 : 1;
        up = c == b + 1 ? up + 1 : 1;
        down = c == b - 1 ? down + 1 : 1;
        boolean filler = c == 'x' || c == 'X' || c == '*' || c == '#' || c == '.';
        if (same >= 6 || (filler && same >= 4) || up >= 8 || down >= 8) {
          return true;
        }
      }
    }
    for (String w : WORDS) {
      if (containsIgnoreCase(a, s, e, w)) {
        return true;
      }
    }
    return len >= 12 && distinct(a, s, e) < Math.min(10, len / 3);
  }

  private static final String[] WORDS = {
    "your",
    "example",
    "dummy",
    "redacted",
    "placeholder",
    "changeme",
    "replace",
    "insert",
    "notreal",
    "not_real",
    "not-a-real",
    "fake",
    "sample"
  };

  private static int distinct(char[] a, int s, int e) {
    long lo = 0;
    long hi = 0;
    int other = 0;
    for (int i = s; i < e; i++) {
      char c = a[i];
      if (c < 64) {
        lo |= 1L << c;
      } else if (c < 128) {
        hi |= 1L << (c - 64);
      } else {
        other++;
      }
    }
    return Long.bitCount(lo) + Long.bitCount(hi) + Math.min(other, 1);
  }

  static boolean regionMatches(char[] a, int q, int re, String p) {
    if (q < 0 || q + p.length() > re) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (a[q + i] != p.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code w} (lower case) occurs in {@code [s, e)} as people write it: all lower case, all
   * upper case or capitalised ({@code your}, {@code YOUR}, {@code Your}). Mixed case ({@code YoUR},
   * {@code FAke}) is what random key bodies contain, about once in 20,000 keys per word.
   */
  private static boolean containsIgnoreCase(char[] a, int s, int e, String w) {
    int m = w.length();
    outer:
    for (int i = s; i + m <= e; i++) {
      if (Character.toLowerCase(a[i]) != w.charAt(0)) {
        continue;
      }
      boolean upperRest = Character.isUpperCase(a[i + 1]);
      for (int k = 1; k < m; k++) {
        char c = a[i + k];
        if (Character.toLowerCase(c) != w.charAt(k)
            || Character.isLetter(c) && Character.isUpperCase(c) != upperRest) {
          continue outer;
        }
      }
      if (upperRest && Character.isLowerCase(a[i])) {
        continue; // yOUR
      }
      return true;
    }
    return false;
  }

  /**
   * Whether {@code [s, e)} is base64 (standard alphabet, padding optional) of printable {@code
   * user:password} text with a non-empty user and password, and the password not a placeholder.
   */
  static boolean basicUserPass(char[] a, int s, int e) {
    int len = e - s;
    while (len > 0 && a[s + len - 1] == '=') {
      len--;
    }
    if (len < 8 || len % 4 == 1) {
      return false;
    }
    byte[] out = new byte[len * 3 / 4];
    int bits = 0;
    int acc = 0;
    int o = 0;
    for (int i = s; i < s + len; i++) {
      int v = b64(a[i]);
      if (v < 0) {
        return false;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >> bits);
      }
    }
    int colon = -1;
    for (int k = 0; k < o; k++) {
      int b = out[k] & 0xFF;
      if (b < 0x20 || b == 0x7F) {
        return false;
      }
      if (b == ':' && colon < 0) {
        colon = k;
      }
    }
    if (colon <= 0 || colon == o - 1) {
      return false;
    }
    char[] pass = new char[o - colon - 1];
    for (int k = 0; k < pass.length; k++) {
      pass[k] = (char) (out[colon + 1 + k] & 0xFF);
    }
    return !isPlaceholder(pass, 0, pass.length);
  }

  private static int b64(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }
}
