package dev.sluice.classifiers.identifier;

/** Card issuer prefixes (IIN ranges) of the networks Macie recognises. */
final class IssuerPrefix {
  private IssuerPrefix() {}

  static boolean isKnown(String digits) {
    int len = digits.length();
    int p2 = Integer.parseInt(digits.substring(0, 2));
    int p3 = Integer.parseInt(digits.substring(0, 3));
    int p4 = Integer.parseInt(digits.substring(0, 4));
    int p6 = Integer.parseInt(digits.substring(0, 6));
    if (digits.charAt(0) == '4') {
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
    if (p2 == 62) {
      return len >= 16 && len <= 19; // UnionPay
    }
    if (p4 == 5019) {
      return len == 16; // Dankort
    }
    return false;
  }
}
