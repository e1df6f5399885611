package dev.sluice.classifiers.validate;

/**
 * Check-digit and range validators over {@code char[]} slices. Stateless and thread-safe; none
 * allocates.
 */
public final class Checks {
  private Checks() {}

  /**
   * ISO 13616 / ISO 7064 mod-97-10 over {@code a[from, to)}: upper-case letters and digits, no
   * separators. Moves the first four chars to the end, letters count as 10-35.
   */
  public static boolean ibanMod97(char[] a, int from, int to) {
    if (to - from < 5) {
      return false;
    }
    int rem = 0;
    for (int k = 0; k < to - from; k++) {
      int i = from + (k + 4) % (to - from);
      char c = a[i];
      if (c >= '0' && c <= '9') {
        rem = (rem * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /** ISO 3779 North-American VIN check digit (position 9) over 17 upper-case chars. */
  public static boolean vinCheckDigit(char[] a, int from) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = vinValue(a[from + i]);
      if (v < 0) {
        return false;
      }
      sum += v * VIN_WEIGHTS[i];
    }
    int check = sum % 11;
    char c = a[from + 8];
    return check == 10 ? c == 'X' : c == (char) ('0' + check);
  }

  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  /** Transliterated VIN value of {@code c}, or -1 for chars a VIN may not hold (I, O, Q). */
  public static int vinValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    switch (c) {
      case 'A':
      case 'J':
        return 1;
      case 'B':
      case 'K':
      case 'S':
        return 2;
      case 'C':
      case 'L':
      case 'T':
        return 3;
      case 'D':
      case 'M':
      case 'U':
        return 4;
      case 'E':
      case 'N':
      case 'V':
        return 5;
      case 'F':
      case 'W':
        return 6;
      case 'G':
      case 'P':
      case 'X':
        return 7;
      case 'H':
      case 'Y':
        return 8;
      case 'R':
      case 'Z':
        return 9;
      default:
        return -1;
    }
  }

  /** UK NHS number mod-11 over 10 digits in {@code d}. */
  public static boolean nhsMod11(int[] d) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += d[i] * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == d[9];
  }

  /**
   * US SSN ranges: area not 000, 666 or 900-999; group not 00; serial not 0000.
   *
   * @param area first three digits as a number
   */
  public static boolean ssnValid(int area, int group, int serial) {
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  /** US ITIN: area 900-999 and group 50-65, 70-88, 90-92 or 94-99. */
  public static boolean itinValid(int area, int group) {
    return area >= 900
        && area <= 999
        && ((group >= 50 && group <= 65)
            || (group >= 70 && group <= 88)
            || (group >= 90 && group <= 92)
            || (group >= 94 && group <= 99));
  }

  /**
   * Known card network for the digits {@code d[0, len)} (Amex, Dankort, Diners, Discover, Visa
   * Electron, JCB, Mastercard, UnionPay, Visa), checking the length each network issues.
   */
  public static boolean cardIssuerKnown(int[] d, int len) {
    if (len < 13 || len > 19) {
      return false;
    }
    int p2 = d[0] * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    int p6 = p4 * 100 + d[4] * 10 + d[5];
    if (p4 == 5019 || p4 == 4571) {
      return len == 16; // Dankort
    }
    if (d[0] == 4) {
      return len == 13 || len == 16 || len == 19; // Visa, Electron
    }
    if ((p2 >= 51 && p2 <= 55) || (p6 >= 222100 && p6 <= 272099)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // Amex
    }
    if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
      return len >= 16 && len <= 19; // Discover
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16 && len <= 19; // JCB
    }
    if (p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305) || p3 == 309) {
      return len >= 14 && len <= 19; // Diners
    }
    if (p2 == 62 || p2 == 81) {
      return len >= 16 && len <= 19; // UnionPay
    }
    return false;
  }
}
