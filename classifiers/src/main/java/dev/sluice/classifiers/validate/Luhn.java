package dev.sluice.classifiers.validate;

/** The Luhn (mod 10) check used by card numbers, Canadian SINs and others. */
public final class Luhn {
  private Luhn() {}

  /** Whether {@code digits} (ASCII digits only) passes the Luhn check. */
  public static boolean isValid(CharSequence digits) {
    int n = digits.length();
    char[] a = new char[n];
    for (int i = 0; i < n; i++) {
      a[i] = digits.charAt(i);
    }
    return isValid(a, 0, n);
  }

  /** Whether the ASCII digits {@code a[from, to)} pass the Luhn check; false on any non-digit. */
  public static boolean isValid(char[] a, int from, int to) {
    int sum = 0;
    boolean dbl = false;
    for (int i = to - 1; i >= from; i--) {
      int d = a[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return to > from && sum % 10 == 0;
  }

  /** The digit that makes {@code payload + digit} Luhn-valid (for generating test values). */
  public static int checkDigit(CharSequence payload) {
    for (int d = 0; d <= 9; d++) {
      if (isValid(payload.toString() + d)) {
        return d;
      }
    }
    throw new IllegalArgumentException("payload must be digits");
  }
}
