package dev.sluice.classifiers;

/** Masked previews: enough to recognise a value's shape, never enough to recover it. */
public final class Masking {
  private Masking() {}

  /**
   * Keeps at most the last 2 characters of values of 8 or more characters (4 for values of 16 or
   * more), masks letters and digits as {@code *}, and keeps separators so the shape stays visible.
   */
  public static String preview(CharSequence value) {
    int n = value.length();
    int keep = n >= 16 ? 4 : n >= 8 ? 2 : 0;
    StringBuilder sb = new StringBuilder(Math.min(n, 64));
    int limit = Math.min(n, 64);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      boolean tail = i >= n - keep;
      sb.append(Character.isLetterOrDigit(c) && !tail ? '*' : c);
    }
    if (n > limit) {
      sb.append("…");
    }
    return sb.toString();
  }

  /** {@link #preview(CharSequence)} of {@code a[s, e)}, without copying the value first. */
  static String preview(char[] a, int s, int e) {
    int n = e - s;
    int keep = n >= 16 ? 4 : n >= 8 ? 2 : 0;
    int limit = Math.min(n, 64);
    char[] out = new char[limit + (n > limit ? 1 : 0)];
    for (int i = 0; i < limit; i++) {
      char c = a[s + i];
      boolean tail = i >= n - keep;
      out[i] = Character.isLetterOrDigit(c) && !tail ? '*' : c;
    }
    if (n > limit) {
      out[limit] = '…';
    }
    return new String(out);
  }
}
