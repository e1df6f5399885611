package dev.sluice.classifiers.validate;

/** The Luhn (mod 10) check used by card numbers. */
public final class Luhn {
  private Luhn() {}

  /** Whether {@code digits} (ASCII digits only) passes the Luhn check. */
  public static boolean isValid(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
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
    return digits.length() > 0 && sum % 10 == 0;
  }
}
