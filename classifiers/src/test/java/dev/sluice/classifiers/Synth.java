package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.Iban;
import dev.sluice.classifiers.validate.Checks;
import dev.sluice.classifiers.validate.Luhn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Synthetic sensitive values made valid here (Luhn, mod-97, check digits) from a seeded random, so
 * tests and the benchmark never carry real data.
 */
public final class Synth {
  private final Random rnd;

  public Synth(long seed) {
    this.rnd = new Random(seed);
  }

  public Random random() {
    return rnd;
  }

  public String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    return sb.toString();
  }

  public String alnum(int n, String alphabet) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  public static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  public static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** A Luhn-valid card number of {@code len} digits starting with {@code prefix}. */
  public String card(String prefix, int len) {
    String body = prefix + digits(len - prefix.length() - 1);
    return body + Luhn.checkDigit(body);
  }

  public String visa() {
    return card("4" + (1 + rnd.nextInt(8)), 16);
  }

  public String mastercard() {
    return card("5" + (1 + rnd.nextInt(5)), 16);
  }

  public String amex() {
    return card(rnd.nextBoolean() ? "34" : "37", 15);
  }

  /** Same digits, Luhn broken. */
  public static String breakLuhn(String card) {
    char last = card.charAt(card.length() - 1);
    return card.substring(0, card.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
  }

  public static String group(String digits, int... sizes) {
    StringBuilder sb = new StringBuilder();
    int p = 0;
    for (int s : sizes) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(digits, p, Math.min(digits.length(), p + s));
      p += s;
    }
    return sb.toString();
  }

  /** A mod-97-valid IBAN for {@code code}. */
  public String iban(String code) {
    Iban.Country c = Iban.countries().get(code);
    String bban = code.equals("GB") ? "WEST" + digits(14) : digits(c.length() - 4);
    for (int cd = 2; cd <= 98; cd++) {
      String v = code + String.format("%02d", cd) + bban;
      if (Checks.ibanMod97(v.toCharArray(), 0, v.length())) {
        return v;
      }
    }
    throw new IllegalStateException();
  }

  public static String group4(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(s, i, Math.min(s.length(), i + 4));
    }
    return sb.toString();
  }

  public String ssn() {
    int area = 1 + rnd.nextInt(665);
    return String.format("%03d-%02d-%04d", area, 1 + rnd.nextInt(99), 1 + rnd.nextInt(9999));
  }

  public String itin() {
    return String.format(
        "9%02d-%02d-%04d", rnd.nextInt(100), 70 + rnd.nextInt(19), rnd.nextInt(10000));
  }

  public String sin() {
    String body = (1 + rnd.nextInt(7)) + digits(7);
    return body + Luhn.checkDigit(body);
  }

  public String nhs() {
    while (true) {
      String d = digits(9);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += (d.charAt(i) - '0') * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 11) {
        check = 0;
      }
      if (check != 10) {
        return d + check;
      }
    }
  }

  public String vin() {
    String chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    while (true) {
      char[] v = (alnum(8, chars) + "0" + alnum(8, chars)).toCharArray();
      v[0] = '1';
      v[9] = 'K';
      v[12] = (char) ('0' + rnd.nextInt(10));
      for (char ch = '0'; ch <= 'X'; ch++) {
        if (ch > '9' && ch != 'X') {
          continue;
        }
        v[8] = ch;
        if (Checks.vinCheckDigit(v, 0)) {
          return new String(v);
        }
      }
    }
  }

  public String jwt() {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String h =
        b.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String p =
        b.encodeToString(
            ("{\"sub\":\"" + digits(8) + "\",\"iat\":" + digits(10) + "}")
                .getBytes(StandardCharsets.UTF_8));
    return h + "." + p + "." + alnum(43, ALNUM + "-_");
  }

  public String basicAuth() {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString(
                ("user" + digits(3) + ":" + alnum(12, ALNUM)).getBytes(StandardCharsets.UTF_8));
  }

  public String awsKeyId() {
    return "AKIA" + alnum(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  }

  public String awsSecret() {
    return alnum(38, ALNUM) + "/" + (char) ('0' + rnd.nextInt(10));
  }

  public String pem(String label) {
    StringBuilder sb = new StringBuilder("-----BEGIN " + label + "-----\n");
    for (int i = 0; i < 4; i++) {
      sb.append(alnum(64, ALNUM + "+/")).append('\n');
    }
    return sb.append("-----END ").append(label).append("-----").toString();
  }

  public String putty() {
    return "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: key-"
        + digits(4)
        + "\nPublic-Lines: 2\n"
        + alnum(64, ALNUM)
        + "\n"
        + alnum(20, ALNUM)
        + "\nPrivate-Lines: 1\n"
        + alnum(44, ALNUM)
        + "\nPrivate-MAC: "
        + alnum(64, "0123456789abcdef");
  }

  public String phoneUs() {
    return "("
        + (2 + rnd.nextInt(8))
        + digits(2)
        + ") "
        + (2 + rnd.nextInt(8))
        + digits(2)
        + "-"
        + digits(4);
  }
}
