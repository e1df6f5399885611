package dev.sluice.sampledata;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Small validators, written independently of the generator and of the classifiers module, that
 * decide whether a string has the shape (and checksum) of an identifier type.
 */
final class Validators {

  private Validators() {}

  private static final Set<String> TEST_CARDS =
      Set.of(
          "4111111111111111",
          "4242424242424242",
          "5555555555554444",
          "5105105105105100",
          "378282246310005",
          "371449635398431",
          "6011111111111117",
          "6011000990139424",
          "3530111333300000",
          "3566002020360505");

  private static final Map<String, String> IBAN_COUNTRY =
      Map.of(
          "GERMANY", "DE22",
          "FRANCE", "FR27",
          "UK", "GB22",
          "SPAIN", "ES24",
          "ITALY", "IT27",
          "NETHERLANDS", "NL18");

  /** True if {@code value} is a valid instance of {@code type}. */
  static boolean isValid(String type, String value) {
    if (type.startsWith("custom:EmployeeId")) {
      return value.matches("EMP-\\d{6}");
    }
    if (type.startsWith("deny:")) {
      return value.equals(type.substring(5));
    }
    if (type.endsWith("_BANK_ACCOUNT_NUMBER") && !type.equals("BANK_ACCOUNT_NUMBER")) {
      return iban(type.substring(0, type.length() - "_BANK_ACCOUNT_NUMBER".length()), value);
    }
    return switch (type) {
      case "CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER_(NO_KEYWORD)" -> card(value);
      case "CREDIT_CARD_EXPIRATION" -> value.matches("(0[1-9]|1[0-2])/\\d{2}");
      case "CREDIT_CARD_SECURITY_CODE" -> value.matches("\\d{3,4}");
      case "CREDIT_CARD_MAGNETIC_STRIPE" -> magstripe(value);
      case "BANK_ACCOUNT_NUMBER" -> value.matches("\\d{9,17}");
      case "USA_SOCIAL_SECURITY_NUMBER" -> ssn(value);
      case "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER" ->
          value.matches("9\\d{2}-(5\\d|6[0-5]|7\\d|8[0-8]|9[0-2]|9[4-9])-\\d{4}");
      case "USA_PASSPORT_NUMBER" -> value.matches("\\d{9}|[A-Z]\\d{8}");
      case "DRIVERS_LICENSE" -> value.matches("[A-Z]\\d{7}");
      case "UK_NATIONAL_INSURANCE_NUMBER" -> nino(value);
      case "CANADA_SOCIAL_INSURANCE_NUMBER" -> sin(value);
      case "UK_NHS_NUMBER" -> nhs(value);
      case "PHONE_NUMBER" -> value.matches("\\(\\d{3}\\) \\d{3}-\\d{4}");
      case "UK_PHONE_NUMBER" -> value.matches("\\+44 \\d{2} \\d{4} \\d{4}");
      case "GERMANY_PHONE_NUMBER" -> value.matches("\\+49 \\d{2} \\d{5} \\d{3}");
      case "FRANCE_PHONE_NUMBER" -> value.matches("\\+33 \\d( \\d{2}){4}");
      case "SPAIN_PHONE_NUMBER" -> value.matches("\\+34 \\d{2} \\d{3} \\d{2} \\d{2}");
      case "ITALY_PHONE_NUMBER" -> value.matches("\\+39 \\d{2} \\d{4} \\d{4}");
      case "BRAZIL_PHONE_NUMBER" -> value.matches("\\+55 \\d{2} 9\\d{4}-\\d{4}");
      case "DATE_OF_BIRTH" -> dob(value);
      case "LATITUDE_LONGITUDE" -> latLong(value);
      case "HTTP_COOKIE" -> value.matches("Cookie: [^=;\\s]+=[^;\\s]+(; [^=;\\s]+=[^;\\s]+)*");
      case "VEHICLE_IDENTIFICATION_NUMBER" -> vin(value);
      case "ADDRESS" -> address(value);
      case "NAME" -> value.matches("\\p{Lu}\\p{Ll}+( \\p{Lu}\\p{Ll}+(-\\p{Lu}\\p{Ll}+)?)+");
      case "EMAIL_ADDRESS" ->
          value.matches("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");
      case "IP_ADDRESS" -> ipv4(value);
      case "AWS_CREDENTIALS" -> value.matches("[A-Za-z0-9/+]{40}") && !value.contains("EXAMPLE");
      case "GCP_API_KEY" -> value.matches("AIza[0-9A-Za-z_-]{35}");
      case "HTTP_BASIC_AUTH_HEADER" -> basic(value);
      case "JSON_WEB_TOKEN" -> jwt(value);
      case "OPENSSH_PRIVATE_KEY" -> openssh(value);
      case "PGP_PRIVATE_KEY" ->
          value.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----\n")
              && value.endsWith("\n-----END PGP PRIVATE KEY BLOCK-----")
              && Pattern.compile("\n=[A-Za-z0-9+/]{4}\n").matcher(value).find();
      case "PKCS" -> pkcs(value);
      case "PUTTY_PRIVATE_KEY" -> putty(value);
      case "STRIPE_CREDENTIALS" ->
          value.matches("(sk|rk)_live_[0-9A-Za-z]{24,99}") && !value.contains("_test_");
      case "GITHUB_TOKEN" -> github(value);
      case "SLACK_TOKEN" -> value.matches("xox[bpoas]-\\d+-\\d+-[A-Za-z0-9]+");
      case "URL_WITH_PASSWORD" ->
          value.matches("[a-z][a-z0-9+.-]*://[^:/@\\s]+:[^@/\\s]+@[^\\s/]+.*");
      default -> throw new IllegalArgumentException("no validator for " + type);
    };
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  static boolean card(String value) {
    String d = value.replaceAll("[ -]", "");
    if (!d.matches("\\d{13,19}") || !luhn(d) || TEST_CARDS.contains(d)) {
      return false;
    }
    return d.matches("4.*|5[1-5].*|2[2-7].*|3[47].{13}|6011.*|65.*|64[4-9].*|35(2[89]|[3-8]\\d).*");
  }

  private static boolean magstripe(String v) {
    Matcher t1 = Pattern.compile("%B(\\d{13,19})\\^[A-Z /]+\\^\\d{4}\\d{3}\\d*\\?").matcher(v);
    Matcher t2 = Pattern.compile(";(\\d{13,19})=\\d{4}\\d{3}\\d*\\?").matcher(v);
    if (t1.matches()) {
      return luhn(t1.group(1));
    }
    return t2.matches() && luhn(t2.group(1));
  }

  private static boolean iban(String country, String value) {
    String spec = IBAN_COUNTRY.get(country);
    if (spec == null) {
      return false;
    }
    String iban = value.replaceAll("[ -]", "");
    if (!iban.startsWith(spec.substring(0, 2))
        || iban.length() != Integer.parseInt(spec.substring(2))
        || !iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
      return false;
    }
    String r = iban.substring(4) + iban.substring(0, 4);
    StringBuilder num = new StringBuilder();
    for (char c : r.toCharArray()) {
      num.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new java.math.BigInteger(num.toString()).mod(java.math.BigInteger.valueOf(97)).intValue()
        == 1;
  }

  private static boolean ssn(String v) {
    if (!v.matches("\\d{3}-\\d{2}-\\d{4}")) {
      return false;
    }
    int area = Integer.parseInt(v.substring(0, 3));
    return area != 0
        && area != 666
        && area < 900
        && !v.substring(4, 6).equals("00")
        && !v.substring(7).equals("0000");
  }

  private static boolean nino(String v) {
    String c = v.replace(" ", "");
    if (!c.matches("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]")) {
      return false;
    }
    return !List.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(c.substring(0, 2));
  }

  private static boolean sin(String v) {
    String d = v.replace(" ", "");
    return d.matches("[1-79]\\d{8}") && luhn(d);
  }

  private static boolean nhs(String v) {
    String d = v.replace(" ", "");
    if (!d.matches("\\d{10}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (d.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == d.charAt(9) - '0';
  }

  private static boolean dob(String v) {
    if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return false;
    }
    try {
      LocalDate d = LocalDate.parse(v);
      return d.getYear() >= 1900 && d.getYear() <= 2010;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean latLong(String v) {
    Matcher m = Pattern.compile("(-?\\d{1,2}\\.\\d{6}),(-?\\d{1,3}\\.\\d{6})").matcher(v);
    return m.matches()
        && Math.abs(Double.parseDouble(m.group(1))) <= 90
        && Math.abs(Double.parseDouble(m.group(2))) <= 180;
  }

  static boolean vin(String v) {
    if (!v.matches("[A-HJ-NPR-Z0-9]{17}")) {
      return false;
    }
    String map = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    int[] val = {
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7,
      8, 9
    };
    int[] w = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += val[map.indexOf(v.charAt(i))] * w[i];
    }
    int r = sum % 11;
    return v.charAt(8) == (r == 10 ? 'X' : (char) ('0' + r));
  }

  private static boolean address(String v) {
    return v.matches("\\d+ [A-Za-z ]+, [A-Za-z ]+, [A-Z]{2} \\d{5}")
        || v.matches("\\d+ [A-Za-z ]+, [A-Za-z]+ [A-Z]{1,2}\\d{1,2} \\d[A-Z]{2}")
        || v.matches("[A-Za-z ]+ \\d+, \\d{5} [A-Za-z]+");
  }

  private static boolean ipv4(String v) {
    String[] p = v.split("\\.");
    if (p.length != 4) {
      return false;
    }
    for (String s : p) {
      if (!s.matches("\\d{1,3}") || Integer.parseInt(s) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean basic(String v) {
    Matcher m = Pattern.compile("(Proxy-)?Authorization: Basic ([A-Za-z0-9+/]+=*)").matcher(v);
    if (!m.matches()) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
    return decoded.indexOf(':') > 0;
  }

  private static boolean jwt(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3 || !v.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")) {
      return false;
    }
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    return header.contains("\"alg\"") && payload.startsWith("{");
  }

  private static byte[] pemBody(String v, String begin, String end) {
    if (!v.startsWith(begin + "\n") || !v.endsWith("\n" + end)) {
      return null;
    }
    String body = v.substring(begin.length() + 1, v.length() - end.length() - 1);
    return Base64.getMimeDecoder().decode(body);
  }

  private static boolean openssh(String v) {
    byte[] b =
        pemBody(v, "-----BEGIN OPENSSH PRIVATE KEY-----", "-----END OPENSSH PRIVATE KEY-----");
    return b != null && new String(b, 0, 15, StandardCharsets.US_ASCII).equals("openssh-key-v1\0");
  }

  private static boolean pkcs(String v) {
    Matcher m = Pattern.compile("-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----").matcher(v);
    if (!m.lookingAt()) {
      return false;
    }
    String label = m.group(1);
    byte[] b = pemBody(v, "-----BEGIN " + label + "-----", "-----END " + label + "-----");
    return b != null && b.length > 100 && b[0] == 0x30;
  }

  private static boolean putty(String v) {
    return v.matches(
        "(?s)PuTTY-User-Key-File-[23]: \\S+\nEncryption: \\S+\nComment: [^\n]*\nPublic-Lines: \\d+\n"
            + ".*\nPrivate-Lines: \\d+\n.*\nPrivate-MAC: [0-9a-f]{40}");
  }

  private static boolean github(String v) {
    if (!v.matches("ghp_[A-Za-z0-9]{36}")) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(v.substring(4, 34).getBytes(StandardCharsets.US_ASCII));
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    long value = crc.getValue();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.insert(0, alphabet.charAt((int) (value % 62)));
      value /= 62;
    }
    return v.substring(34).equals(sb.toString());
  }
}
