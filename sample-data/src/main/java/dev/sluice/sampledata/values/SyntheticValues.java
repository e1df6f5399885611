package dev.sluice.sampledata.values;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Deterministic factory of synthetic but type-valid sensitive values: Luhn-valid card numbers with
 * real issuer prefixes (never a published test number), mod-97-valid IBANs, SSNs in valid ranges,
 * well-formed credentials, and so on. No value belongs to a real person: names come from small
 * invented lists combined at random, phone numbers use ranges reserved for fiction where a country
 * has one, addresses are invented.
 *
 * <p>Not thread-safe: one instance wraps one {@link Random}; the same seed gives the same sequence
 * of values.
 */
public final class SyntheticValues {

  /** Published test card numbers (Stripe, PayPal, Braintree docs) that detectors must skip. */
  public static final Set<String> PUBLISHED_TEST_CARDS =
      Set.of(
          "4111111111111111",
          "4242424242424242",
          "4012888888881881",
          "4222222222222",
          "5555555555554444",
          "5105105105105100",
          "5200828282828210",
          "378282246310005",
          "371449635398431",
          "378734493671000",
          "6011111111111117",
          "6011000990139424",
          "3530111333300000",
          "3566002020360505",
          "30569309025904",
          "38520000023237");

  /** Macie's documentation sample AWS secret keys (hard negatives, must be skipped). */
  public static final List<String> MACIE_SAMPLE_AWS_SECRETS =
      List.of(
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

  /** Macie's documentation sample Stripe keys (hard negatives, must be skipped). */
  public static final List<String> MACIE_SAMPLE_STRIPE_KEYS =
      List.of("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "pk_test_TYooMQauvdEDq54NiTphI7jx");

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String BASE64 = ALNUM + "+/";
  private static final String HEX = "0123456789abcdef";

  private static final String[] FIRST = {
    "Amara",
    "Bastian",
    "Celeste",
    "Dorian",
    "Elodie",
    "Fenna",
    "Gideon",
    "Hana",
    "Ivo",
    "Jolene",
    "Kasimir",
    "Liora",
    "Matteo",
    "Nerys",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosalind",
    "Soren",
    "Talia",
    "Ulrich",
    "Vesna",
    "Wendell",
    "Ximena",
    "Yannick",
    "Zofia",
    "Anouk",
    "Benedikt",
    "Carys",
    "Desmond"
  };
  private static final String[] LAST = {
    "Abernathy", "Bellweather", "Castellano", "Dunmore", "Eskildsen", "Falkenrath", "Grimaldi",
    "Holloway", "Ingersoll", "Jankowitz", "Kettleborough", "Lindqvist", "Marchetti", "Nakashima",
    "Oyelaran", "Pemberton", "Quarles", "Rautenberg", "Stavrakis", "Thornquist", "Underhill",
    "Vasquez-Holm", "Whitcombe", "Yardley", "Zellweger", "Achterberg", "Brennecke", "Coldwater"
  };
  private static final String[] US_STREETS = {
    "Maple Grove Ave", "Hollis Ridge Rd", "Quarry Lane", "Birchwood Ct", "Lantern Hill Dr"
  };
  private static final String[][] US_CITIES = {
    {"Springfield", "IL", "627"}, {"Columbus", "OH", "432"}, {"Tacoma", "WA", "984"},
    {"Boise", "ID", "837"}, {"Albany", "NY", "122"}, {"Madison", "WI", "537"}
  };
  private static final String[][] UK_CITIES = {
    {"London", "NW1"}, {"Leeds", "LS2"}, {"Bristol", "BS1"}, {"Glasgow", "G12"}
  };
  private static final String[] DE_CITIES = {"Berlin", "Hamburg", "Leipzig", "Bremen"};

  private final Random rnd;

  /** Creates a factory whose values are a pure function of {@code seed}. */
  public SyntheticValues(long seed) {
    this.rnd = new Random(seed);
  }

  /** The underlying random source (for callers that need extra deterministic choices). */
  public Random random() {
    return rnd;
  }

  // ------------------------------------------------------------------ helpers

  private String pick(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private String digits(int n) {
    return pick("0123456789", n);
  }

  private int between(int lo, int hiInclusive) {
    return lo + rnd.nextInt(hiInclusive - lo + 1);
  }

  /** Luhn check digit for the given digits (without the check digit). */
  public static int luhnCheckDigit(String payload) {
    int sum = 0;
    boolean dbl = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  // ------------------------------------------------------------------ financial

  /** A Luhn-valid card number (digits only) with a real issuer prefix, not a test number. */
  public String cardNumber() {
    while (true) {
      String prefix;
      int length = 16;
      switch (rnd.nextInt(5)) {
        case 0 -> prefix = "4" + digits(5);
        case 1 -> prefix = "5" + between(1, 5) + digits(4);
        case 2 -> {
          prefix = (rnd.nextBoolean() ? "34" : "37") + digits(4);
          length = 15;
        }
        case 3 -> prefix = "6011" + digits(2);
        default -> prefix = "35" + between(28, 89) + digits(2);
      }
      String payload = prefix + digits(length - 1 - prefix.length());
      String card = payload + luhnCheckDigit(payload);
      if (!PUBLISHED_TEST_CARDS.contains(card) && !card.matches(".*(\\d)\\1{5}.*")) {
        return card;
      }
    }
  }

  /** Groups a 16-digit number as {@code 4-4-4-4} (15-digit Amex as 4-6-5) with {@code sep}. */
  public static String groupCard(String card, String sep) {
    if (card.length() == 15) {
      return card.substring(0, 4) + sep + card.substring(4, 10) + sep + card.substring(10);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < card.length(); i += 4) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(card, i, Math.min(card.length(), i + 4));
    }
    return sb.toString();
  }

  /** A 16-digit number with a Visa prefix whose Luhn check fails (hard negative). */
  public String luhnInvalidCard() {
    String payload = "4" + digits(14);
    return payload + (luhnCheckDigit(payload) + 1 + rnd.nextInt(8)) % 10;
  }

  /** Card expiry as {@code MM/YY} in the future of the fixed corpus date. */
  public String cardExpiry() {
    return String.format(Locale.ROOT, "%02d/%02d", between(1, 12), between(25, 31));
  }

  /** A 3-digit card security code. */
  public String cvv() {
    return String.format(Locale.ROOT, "%03d", between(101, 989));
  }

  /** Track 1 magnetic stripe data for a fresh card. */
  public String magstripeTrack1() {
    String pan = cardNumberOfLength16();
    return "%B"
        + pan
        + "^"
        + LAST[rnd.nextInt(LAST.length)].toUpperCase(Locale.ROOT).replace("-", "")
        + "/"
        + FIRST[rnd.nextInt(FIRST.length)].toUpperCase(Locale.ROOT)
        + "^"
        + between(26, 31)
        + String.format(Locale.ROOT, "%02d", between(1, 12))
        + "101"
        + digits(12)
        + "?";
  }

  /** Track 2 magnetic stripe data for a fresh card. */
  public String magstripeTrack2() {
    String pan = cardNumberOfLength16();
    return ";"
        + pan
        + "="
        + between(26, 31)
        + String.format(Locale.ROOT, "%02d", between(1, 12))
        + "101"
        + digits(10)
        + "?";
  }

  private String cardNumberOfLength16() {
    String c;
    do {
      c = cardNumber();
    } while (c.length() != 16);
    return c;
  }

  /** A US-style bank account number of 10 to 12 digits (not starting with 0). */
  public String usBankAccount() {
    return between(1, 9) + digits(between(9, 11));
  }

  /** Countries for which {@link #iban} can build a BBAN. */
  public static final List<String> IBAN_COUNTRIES = List.of("DE", "FR", "GB", "ES", "IT", "NL");

  /** A mod-97-valid IBAN (compact form) for a country of {@link #IBAN_COUNTRIES}. */
  public String iban(String country) {
    String bban =
        switch (country) {
          case "DE" -> digits(18);
          case "FR" -> frBban();
          case "GB" -> pick(UPPER, 4) + digits(14);
          case "ES" -> esBban();
          case "IT" -> pick(UPPER, 1) + digits(10) + digits(12);
          case "NL" -> pick(UPPER, 4) + digits(10);
          default -> throw new IllegalArgumentException("unsupported IBAN country " + country);
        };
    return country + ibanCheck(country, bban) + bban;
  }

  private String frBban() {
    String bank = digits(5);
    String branch = digits(5);
    String account = digits(11);
    long r =
        (89L * Long.parseLong(bank) + 15L * Long.parseLong(branch) + 3L * Long.parseLong(account))
            % 97;
    return bank + branch + account + String.format(Locale.ROOT, "%02d", 97 - r);
  }

  private String esBban() {
    String bank = digits(4);
    String branch = digits(4);
    String account = digits(10);
    int[] w = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    String first = "00" + bank + branch;
    return bank + branch + esControl(first, w) + esControl(account, w) + account;
  }

  private static int esControl(String ten, int[] w) {
    int s = 0;
    for (int i = 0; i < 10; i++) {
      s += (ten.charAt(i) - '0') * w[i];
    }
    int c = 11 - s % 11;
    return c == 11 ? 0 : c == 10 ? 1 : c;
  }

  /** The two ISO 13616 check digits for country + BBAN. */
  public static String ibanCheck(String country, String bban) {
    String rearranged = bban + country + "00";
    int mod = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      mod = v > 9 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
    }
    return String.format(Locale.ROOT, "%02d", 98 - mod);
  }

  /** Formats a compact IBAN in groups of four separated by spaces. */
  public static String groupIban(String iban) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(iban, i, Math.min(iban.length(), i + 4));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ government ids

  /** A US SSN {@code AAA-GG-SSSS}: area 001-899 except 666, group 01-99, serial 0001-9999. */
  public String ssn() {
    int area;
    do {
      area = between(1, 899);
    } while (area == 666 || area == 78 || area == 219);
    return String.format(Locale.ROOT, "%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
  }

  /** SSN-shaped strings in invalid ranges (hard negatives). */
  public String invalidSsn() {
    return switch (rnd.nextInt(4)) {
      case 0 -> String.format(Locale.ROOT, "000-%02d-%04d", between(1, 99), between(1, 9999));
      case 1 -> String.format(Locale.ROOT, "666-%02d-%04d", between(1, 99), between(1, 9999));
      case 2 ->
          String.format(
              Locale.ROOT, "9%02d-%02d-%04d", between(0, 99), between(1, 99), between(1, 9999));
      default -> String.format(Locale.ROOT, "%03d-00-%04d", between(1, 665), between(1, 9999));
    };
  }

  /** A US ITIN {@code 9NN-GG-NNNN} with group in 70-88. */
  public String itin() {
    return String.format(
        Locale.ROOT, "9%02d-%02d-%04d", between(0, 99), between(70, 88), between(1, 9999));
  }

  /** A US passport number: 9 digits starting 5 or 6 (book format). */
  public String usPassport() {
    return between(5, 6) + digits(8);
  }

  /** A US (California-style) driver's licence: one letter and seven digits. */
  public String driversLicense() {
    return pick(UPPER, 1) + digits(7);
  }

  /** A UK National Insurance number formatted {@code AB 12 34 56 C} with valid prefix letters. */
  public String nino() {
    String first = "ABCEGHJKLMNOPRSTWXYZ";
    String second = "ABCEGHJKLMNPRSTWXYZ";
    String prefix;
    do {
      prefix = pick(first, 1) + pick(second, 1);
    } while (Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix));
    String d = digits(6);
    return prefix
        + " "
        + d.substring(0, 2)
        + " "
        + d.substring(2, 4)
        + " "
        + d.substring(4)
        + " "
        + pick("ABCD", 1);
  }

  /** A Canadian SIN {@code NNN NNN NNN}, Luhn-valid, first digit 1-7. */
  public String canadaSin() {
    String payload = between(1, 7) + digits(7);
    String sin = payload + luhnCheckDigit(payload);
    return sin.substring(0, 3) + " " + sin.substring(3, 6) + " " + sin.substring(6);
  }

  /** A UK NHS number {@code NNN NNN NNNN} with a valid mod-11 check digit. */
  public String nhsNumber() {
    while (true) {
      String nine = between(4, 7) + digits(8);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += (nine.charAt(i) - '0') * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 11) {
        check = 0;
      }
      if (check == 10) {
        continue;
      }
      String n = nine + check;
      return n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
    }
  }

  /** A vehicle identification number with a valid ISO 3779 (North American) check digit. */
  public String vin() {
    String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    char[] v = (pick("123459JKLSWYZ", 1) + pick(alphabet, 16)).toCharArray();
    v[9] = "ABCDEFGHJKLMNPRSTVWXY123456789".charAt(rnd.nextInt(30)); // model year
    v[8] = vinCheck(v);
    return new String(v);
  }

  /** Computes the VIN check character (position 9) for the given 17 characters. */
  public static char vinCheck(char[] v) {
    int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = v[i];
      int value = Character.isDigit(c) ? c - '0' : values[letters.indexOf(c)];
      sum += value * weights[i];
    }
    int r = sum % 11;
    return r == 10 ? 'X' : (char) ('0' + r);
  }

  // ------------------------------------------------------------------ personal

  /** An invented full name (first + last from small synthetic lists). */
  public String fullName() {
    return FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)];
  }

  /** An email address for the given full name at a reserved example domain. */
  public String email(String fullName) {
    String[] p = fullName.toLowerCase(Locale.ROOT).split(" ");
    String[] domains = {"example.com", "example.org", "example.net", "mail.example.com"};
    return p[0] + "." + p[p.length - 1].replace("-", "") + "@" + domains[rnd.nextInt(4)];
  }

  /** A US phone number in the fictional 555-01XX range, e.g. {@code (312) 555-0147}. */
  public String usPhone() {
    return String.format(
        Locale.ROOT,
        "(%03d) 555-01%02d",
        new int[] {312, 415, 206, 617, 512}[rnd.nextInt(5)],
        between(0, 99));
  }

  /** A UK number in Ofcom's drama range: {@code +44 20 7946 0NNN}. */
  public String ukPhone() {
    return "+44 20 7946 0" + digits(3);
  }

  /** A German number in the drama range: {@code +49 30 23125 NNN}. */
  public String germanyPhone() {
    return "+49 30 23125 " + digits(3);
  }

  /** A French number in the fiction range: {@code +33 1 99 00 NN NN}. */
  public String francePhone() {
    return "+33 1 99 00 " + digits(2) + " " + digits(2);
  }

  /** A Spanish Madrid-style landline {@code +34 91 NNN NN NN}. */
  public String spainPhone() {
    return "+34 91 " + digits(3) + " " + digits(2) + " " + digits(2);
  }

  /** An Italian Rome-style landline {@code +39 06 NNNN NNNN}. */
  public String italyPhone() {
    return "+39 06 " + digits(4) + " " + digits(4);
  }

  /** A Brazilian São Paulo mobile {@code +55 11 9NNNN-NNNN}. */
  public String brazilPhone() {
    return "+55 11 9" + digits(4) + "-" + digits(4);
  }

  /** A birth date {@code YYYY-MM-DD} between 1950 and 2002. */
  public String dateOfBirth() {
    return String.format(
        Locale.ROOT, "%04d-%02d-%02d", between(1950, 2002), between(1, 12), between(1, 28));
  }

  /** A US street address with city, state and ZIP code on one line. */
  public String usAddress() {
    String[] city = US_CITIES[rnd.nextInt(US_CITIES.length)];
    return between(10, 9899)
        + " "
        + US_STREETS[rnd.nextInt(US_STREETS.length)]
        + ", "
        + city[0]
        + ", "
        + city[1]
        + " "
        + city[2]
        + digits(2);
  }

  /** A UK address with a postcode, e.g. {@code 14 Fenwick Row, Leeds LS2 7QT}. */
  public String ukAddress() {
    String[] city = UK_CITIES[rnd.nextInt(UK_CITIES.length)];
    return between(2, 180)
        + " "
        + new String[] {"Fenwick Row", "Calder Street", "Ashdown Mews"}[rnd.nextInt(3)]
        + ", "
        + city[0]
        + " "
        + city[1]
        + " "
        + between(1, 9)
        + pick("ABDEFGHJLNPQRSTUWXYZ", 2);
  }

  /** A German address, e.g. {@code Lindenweg 12, 10115 Berlin}. */
  public String germanyAddress() {
    return new String[] {"Lindenweg", "Am Kirchhof", "Gartenstrasse"}[rnd.nextInt(3)]
        + " "
        + between(1, 90)
        + ", "
        + between(10, 99)
        + digits(3)
        + " "
        + DE_CITIES[rnd.nextInt(DE_CITIES.length)];
  }

  /** A latitude/longitude pair with six decimals, e.g. {@code 47.608013,-122.335167}. */
  public String latLong() {
    double lat = (rnd.nextInt(150_000_000) - 60_000_000) / 1_000_000.0;
    double lon = (rnd.nextInt(340_000_000) - 170_000_000) / 1_000_000.0;
    return String.format(Locale.ROOT, "%.6f,%.6f", lat, lon);
  }

  /** A public-looking IPv4 address (first octet 23-223, never private or loopback ranges). */
  public String ipv4() {
    int a;
    do {
      a = between(23, 223);
    } while (a == 127 || a == 10 || a == 172 || a == 192 || a == 169 || a == 100);
    return a + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
  }

  /** A complete {@code Cookie:} request header with a session id. */
  public String cookieHeader() {
    return "Cookie: sessionid=" + pick(HEX, 32) + "; csrftoken=" + pick(ALNUM, 24);
  }

  // ------------------------------------------------------------------ credentials

  /** An AWS access key id: {@code AKIA} + 16 characters of the AWS base32 alphabet. */
  public String awsAccessKeyId() {
    return "AKIA" + pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  }

  /** A 40-character AWS secret access key. */
  public String awsSecretKey() {
    return pick(BASE64, 40);
  }

  /** A Google API key: {@code AIza} + 35 characters. */
  public String gcpApiKey() {
    return "AIza" + pick(ALNUM + "_-", 35);
  }

  /** {@code Authorization: Basic <base64(user:password)>}. */
  public String basicAuthHeader() {
    String creds = "svc-" + pick("abcdefghijklmnopqrstuvwxyz", 6) + ":" + pick(ALNUM, 14);
    return "Authorization: Basic "
        + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.US_ASCII));
  }

  /** An HS256-shaped JSON web token with a random signature. */
  public String jwt() {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    String payload =
        "{\"sub\":\"usr_"
            + digits(7)
            + "\",\"iat\":"
            + (1_700_000_000L + rnd.nextInt(20_000_000))
            + ",\"scope\":\"read:tickets\"}";
    byte[] sig = new byte[32];
    rnd.nextBytes(sig);
    return b.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + b.encodeToString(sig);
  }

  /** A Stripe live secret key {@code sk_live_} + 24 characters. */
  public String stripeSecretKey() {
    return "sk_live_" + pick(ALNUM, 24);
  }

  /** A GitHub personal access token {@code ghp_} + 30 random + 6 base62 CRC32 checksum chars. */
  public String githubToken() {
    String body = pick(ALNUM, 30);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    char[] c = new char[6];
    for (int i = 5; i >= 0; i--) {
      c[i] = base62.charAt((int) (v % 62));
      v /= 62;
    }
    return "ghp_" + body + new String(c);
  }

  /** A Slack bot token {@code xoxb-<team>-<bot>-<secret>}. */
  public String slackToken() {
    return "xoxb-"
        + between(1, 9)
        + digits(10)
        + "-"
        + between(1, 9)
        + digits(12)
        + "-"
        + pick(ALNUM, 24);
  }

  /** A URL with user info (user:password) in the authority. */
  public String urlWithPassword() {
    return "postgres://app_"
        + pick("abcdefghijklmnopqrstuvwxyz", 5)
        + ":"
        + pick(ALNUM, 16)
        + "@db-"
        + between(1, 9)
        + ".internal.example.com:5432/orders";
  }

  private String pemBody(byte[] prefix, int totalBytes, int lineLength) {
    byte[] b = new byte[totalBytes];
    rnd.nextBytes(b);
    System.arraycopy(prefix, 0, b, 0, prefix.length);
    String base64 = Base64.getEncoder().encodeToString(b);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < base64.length(); i += lineLength) {
      sb.append(base64, i, Math.min(base64.length(), i + lineLength)).append('\n');
    }
    return sb.toString();
  }

  /** An OpenSSH private key block (magic header then random bytes), newline-terminated lines. */
  public String opensshPrivateKey() {
    byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + pemBody(magic, 399, 70)
        + "-----END OPENSSH PRIVATE KEY-----";
  }

  /** A PKCS#8 private key block ({@code BEGIN PRIVATE KEY}) with a DER-like prefix. */
  public String pkcs8PrivateKey() {
    byte[] der = {0x30, (byte) 0x82, 0x04, (byte) 0xbd, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09};
    return "-----BEGIN PRIVATE KEY-----\n" + pemBody(der, 1217, 64) + "-----END PRIVATE KEY-----";
  }

  /** An ASCII-armoured PGP private key block with a CRC-24 checksum line. */
  public String pgpPrivateKey() {
    byte[] b = new byte[600];
    rnd.nextBytes(b);
    b[0] = (byte) 0x95; // old-format secret-key packet tag
    String base64 = Base64.getEncoder().encodeToString(b);
    StringBuilder sb = new StringBuilder("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n");
    for (int i = 0; i < base64.length(); i += 64) {
      sb.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    int crc = crc24(b);
    byte[] c = {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
    sb.append('=').append(Base64.getEncoder().encodeToString(c)).append('\n');
    return sb.append("-----END PGP PRIVATE KEY BLOCK-----").toString();
  }

  private static int crc24(byte[] data) {
    int crc = 0xB704CE;
    for (byte value : data) {
      crc ^= (value & 0xFF) << 16;
      for (int i = 0; i < 8; i++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= 0x1864CFB;
        }
      }
    }
    return crc & 0xFFFFFF;
  }

  /** A PuTTY v2 private key file in the standard header order, unencrypted. */
  public String puttyPrivateKey() {
    return "PuTTY-User-Key-File-2: ssh-rsa\n"
        + "Encryption: none\n"
        + "Comment: rsa-key-20240301\n"
        + "Public-Lines: 6\n"
        + pemBody(new byte[] {0, 0, 0, 7, 's', 's', 'h', '-', 'r', 's', 'a'}, 279, 64)
        + "Private-Lines: 14\n"
        + pemBody(new byte[] {0, 0, 1, 0}, 660, 64)
        + "Private-MAC: "
        + pick(HEX, 40);
  }

  // ------------------------------------------------------------------ hard negatives

  /** A random RFC 4122 version-4 UUID string. */
  public String uuid() {
    String h = pick(HEX, 32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-4"
        + h.substring(13, 16)
        + "-"
        + "89ab".charAt(rnd.nextInt(4))
        + h.substring(17, 20)
        + "-"
        + h.substring(20);
  }

  /** A 40-hex git commit SHA. */
  public String gitSha() {
    return pick(HEX, 40);
  }

  /** A valid ISBN-13 with hyphens. */
  public String isbn13() {
    String twelve = "978" + digits(9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    int check = (10 - sum % 10) % 10;
    return twelve.substring(0, 3)
        + "-"
        + twelve.charAt(3)
        + "-"
        + twelve.substring(4, 8)
        + "-"
        + twelve.substring(8, 12)
        + "-"
        + check;
  }

  /** Base64 of random bytes that is not a key (e.g. a content digest). */
  public String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    rnd.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** An employee id matching the custom identifier {@code EMP-\d{6}}. */
  public String employeeId() {
    return "EMP-" + between(1, 9) + digits(5);
  }
}
