package dev.sluice.classifiers.bench;

import dev.sluice.classifiers.Synth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated mixed text (e-mails, logs, CSV, config, prose) with planted sensitive values and
 * labelled hard negatives. Every label records its identifier and exact span; hard negatives use
 * the label {@code NEG:<kind>}. Deterministic for a seed.
 */
public final class Corpus {
  /** A labelled span. */
  public record Label(String id, int start, int end) {}

  static final String[] GIVEN = {
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Christopher",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Steven",
    "Sandra",
    "Andrew",
    "Ashley",
    "Joshua",
    "Emily",
    "Kevin",
    "Michelle",
    "Brian",
    "Amanda",
    "Timothy",
    "Melissa",
    "Ronald",
    "Deborah",
    "Jason",
    "Stephanie",
    "Ryan",
    "Rebecca",
    "Jacob",
    "Laura",
    "Gary",
    "Sharon",
    "Nicholas",
    "Cynthia",
    "Eric",
    "Kathleen",
    "Jonathan",
    "Amy",
    "Stephen",
    "Angela",
    "Larry",
    "Anna",
    "Justin",
    "Brenda",
    "Scott",
    "Pamela",
    "Brandon",
    "Nicole",
    "Benjamin",
    "Samantha",
    "Samuel",
    "Katherine",
    "Gregory",
    "Christine",
    "Alexander",
    "Helen",
    "Patrick",
    "Debra",
    "Raymond",
    "Rachel",
    "Dennis",
    "Carolyn",
    "Jerry",
    "Janet",
    "Tyler",
    "Maria",
    "Aaron",
    "Olivia",
    "Jose",
    "Heather",
    "Adam",
    "Diane",
    "Nathan",
    "Julie",
    "Priya",
    "Wei",
    "Ahmed",
    "Sofia",
    "Luca",
    "Ingrid",
    "Mateo",
    "Aisha",
    "Hiroshi",
    "Fatima"
  };
  static final String[] FAMILY = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Kowalski",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Novak",
    "Patel",
    "Chen",
    "Kim",
    "Okafor",
    "Haddad",
    "Lindqvist",
    "Fernandes",
    "O'Brien",
    "McAllister",
    "Van Dyke",
    "Lawson",
    "Fitzgerald",
    "Whitaker",
    "Delgado",
    "Brennan"
  };
  static final String[] STREETS = {
    "Maple",
    "Oak",
    "Pine",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Main",
    "Highland",
    "Sunset",
    "Riverside",
    "Church",
    "Mill",
    "Willow",
    "Chestnut",
    "Spring",
    "Lincoln"
  };
  static final String[] SUFFIX = {
    "Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Blvd", "Court"
  };
  static final String[][] CITY_STATE = {
    {"Springfield", "IL"}, {"Austin", "TX"}, {"Portland", "OR"}, {"Columbus", "OH"},
    {"San Diego", "CA"}, {"New York", "NY"}, {"Denver", "CO"}, {"Boston", "MA"},
    {"Seattle", "WA"}, {"Madison", "WI"}, {"Salt Lake City", "UT"}, {"Raleigh", "NC"}
  };
  static final String[][] UK_TOWNS = {
    {"London", "SW1A 2AA"}, {"Manchester", "M1 1AE"}, {"Birmingham", "B33 8TH"},
    {"Leeds", "LS1 4DY"}, {"Bristol", "BS1 6QF"}, {"Cambridge", "CB2 1TN"}
  };
  static final String[] WORDS =
      ("the of and to in is was for on that with as by at from this be are have or an it not which "
              + "report order shipment invoice team project update review meeting schedule deployment "
              + "server cluster request response latency error warning status pending approved "
              + "quarter revenue budget forecast customer account service product release version "
              + "please note attached document following week month year today tomorrow issue ticket "
              + "will can should must may also been has had more than less about into over under "
              + "data file system network backup restore migration database query index cache")
          .split(" ");

  /** Capitalised phrases that are not names (hard negatives for NAME). */
  static final String[] NOT_NAMES = {
    "New York", "Project Manager", "United States", "Customer Service", "Monday Morning",
    "Grand Canyon", "Quarterly Report", "Human Resources", "Board Meeting", "Rose Garden",
    "Will Power", "Golden Gate", "Data Center", "Product Roadmap", "North America",
    "Release Notes", "Security Review", "Annual Budget", "Main Street", "Silicon Valley"
  };

  private final Synth s;
  private final Random r;
  private final StringBuilder sb = new StringBuilder();
  private final List<Label> labels = new ArrayList<>();
  private final boolean withNegatives;

  private final boolean dense;

  /**
   * @param withNegatives label hard negatives (and plant more of them)
   * @param dense quality mode: many values per KB; otherwise a realistic mix (mostly prose and
   *     logs, about one value per KB)
   */
  public Corpus(long seed, boolean withNegatives, boolean dense) {
    this.dense = dense;
    this.s = new Synth(seed);
    this.r = s.random();
    this.withNegatives = withNegatives;
  }

  public String text() {
    return sb.toString();
  }

  public List<Label> labels() {
    return labels;
  }

  public int length() {
    return sb.length();
  }

  /** Appends documents until the text holds at least {@code chars}. */
  public Corpus fill(int chars) {
    while (sb.length() < chars) {
      int k = r.nextInt(100);
      if (dense) {
        k = k < 17 ? 90 : k < 34 ? 75 : k < 50 ? 95 : k < 67 ? 99 : 0;
      }
      if (k < 70) {
        prose();
      } else if (k < 85) {
        log();
      } else if (k < 93) {
        email();
      } else if (k < 97) {
        csv();
      } else {
        config();
      }
      sb.append("\n\n");
    }
    return this;
  }

  private void lit(String t) {
    sb.append(t);
  }

  private void val(String id, String v) {
    labels.add(new Label(id, sb.length(), sb.length() + v.length()));
    sb.append(v);
  }

  private void neg(String kind, String v) {
    if (withNegatives) {
      labels.add(new Label("NEG:" + kind, sb.length(), sb.length() + v.length()));
    }
    sb.append(v);
  }

  private String pick(String[] a) {
    return a[r.nextInt(a.length)];
  }

  private String fullName() {
    String g = pick(GIVEN);
    String f = pick(FAMILY);
    return r.nextInt(6) == 0 ? g + " " + (char) ('A' + r.nextInt(26)) + ". " + f : g + " " + f;
  }

  private void words(int n) {
    for (int i = 0; i < n; i++) {
      lit(pick(WORDS));
      lit(" ");
    }
  }

  private void sentence() {
    String w = pick(WORDS);
    lit(Character.toUpperCase(w.charAt(0)) + w.substring(1) + " ");
    words(6 + r.nextInt(14));
    int k = r.nextInt(40);
    if (withNegatives || k < 8) {
      switch (k) {
        case 0 -> neg("version", "v" + r.nextInt(20) + "." + r.nextInt(30) + "." + r.nextInt(100));
        case 1 -> neg("guid", java.util.UUID.nameUUIDFromBytes(s.digits(8).getBytes()).toString());
        case 2 -> neg("sha", s.alnum(40, "0123456789abcdef"));
        case 3 ->
            neg(
                "timestamp",
                "2024-0"
                    + (1 + r.nextInt(9))
                    + "-1"
                    + r.nextInt(10)
                    + "T0"
                    + r.nextInt(10)
                    + ":1"
                    + r.nextInt(10)
                    + ":00Z");
        case 4 ->
            neg(
                "isbn",
                "978-"
                    + r.nextInt(10)
                    + "-"
                    + s.digits(2)
                    + "-"
                    + s.digits(6)
                    + "-"
                    + r.nextInt(10));
        case 5 -> neg("luhn-invalid", Synth.breakLuhn(s.visa()));
        case 6 -> neg("test-card", "4111111111111111");
        case 7 -> neg("base64", s.alnum(32, Synth.ALNUM) + "==");
        case 8 ->
            neg(
                "bad-ssn",
                r.nextBoolean()
                    ? (r.nextBoolean() ? "000" : "666") + "-" + s.digits(2) + "-" + s.digits(4)
                    : "9" + s.digits(2) + "-4" + s.digits(1) + "-" + s.digits(4));
        case 9 -> neg("capitalised", pick(NOT_NAMES));
        case 10 -> neg("epoch", "17" + s.digits(11));
        case 11 -> neg("amount", "$" + r.nextInt(100) + "," + s.digits(3) + "." + s.digits(2));
        case 12 -> neg("aws-doc-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        case 13 -> neg("order-no", "ORD-" + s.digits(8));
        case 14 ->
            neg("date", (1 + r.nextInt(12)) + "/" + (1 + r.nextInt(28)) + "/20" + s.digits(2));
        case 15 -> neg("hex", "0x" + s.alnum(8, "0123456789ABCDEF"));
        default -> lit(s.digits(1 + r.nextInt(4)));
      }
      lit(" ");
    }
    words(3 + r.nextInt(8));
    sb.setLength(sb.length() - 1);
    lit(". ");
  }

  private void prose() {
    int n = 3 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sentence();
      if (r.nextInt(dense ? 5 : 12) == 0) {
        planted();
        lit(". ");
      }
    }
  }

  /** One sensitive value with natural context. */
  private void planted() {
    switch (r.nextInt(24)) {
      case 0 -> {
        lit("Please charge my card ");
        val("CREDIT_CARD_NUMBER", Synth.group(s.visa(), 4, 4, 4, 4));
      }
      case 1 -> {
        lit("Ref no. ");
        val("CREDIT_CARD_NUMBER_(NO_KEYWORD)", s.mastercard());
      }
      case 2 -> {
        lit("SSN: ");
        val("USA_SOCIAL_SECURITY_NUMBER", s.ssn());
      }
      case 3 -> {
        lit("reach me at ");
        val("PHONE_NUMBER", s.phoneUs());
      }
      case 4 -> {
        lit("or call ");
        val("UK_PHONE_NUMBER", "+44 20 7946 " + s.digits(4));
      }
      case 5 -> {
        lit("send it to ");
        val("EMAIL_ADDRESS", pick(GIVEN).toLowerCase() + "." + s.digits(3) + "@example.com");
      }
      case 6 -> {
        lit("IBAN ");
        String cc = pick(new String[] {"DE", "FR", "GB", "ES", "IT", "NL"});
        val(
            dev.sluice.classifiers.identifier.Iban.countries().get(cc).identifierId(),
            r.nextBoolean() ? s.iban(cc) : Synth.group4(s.iban(cc)));
      }
      case 7 -> {
        lit("Date of birth: ");
        val(
            "DATE_OF_BIRTH",
            (1 + r.nextInt(12)) + "/" + (1 + r.nextInt(28)) + "/19" + (50 + r.nextInt(50)));
      }
      case 8 -> {
        lit("Passport number ");
        val("USA_PASSPORT_NUMBER", s.digits(1).replace("0", "5") + s.digits(8));
      }
      case 9 -> {
        lit("the meeting with ");
        val("NAME", fullName());
        lit(" went well");
      }
      case 10 -> {
        lit("Dear ");
        val("NAME", fullName());
        lit(",");
      }
      case 11 -> {
        lit("ship to ");
        address();
      }
      case 12 -> {
        lit("VIN ");
        val("VEHICLE_IDENTIFICATION_NUMBER", s.vin());
      }
      case 13 -> {
        lit("NHS number ");
        val("UK_NHS_NUMBER", Synth.group(s.nhs(), 3, 3, 4));
      }
      case 14 -> {
        lit("checking account ");
        val("BANK_ACCOUNT_NUMBER", s.digits(1).replace("0", "3") + s.digits(10));
      }
      case 15 -> {
        lit("token ");
        val("GITHUB_TOKEN", "ghp_" + s.alnum(36, Synth.ALNUM));
      }
      case 16 -> {
        lit("Authorization: Bearer ");
        val("JSON_WEB_TOKEN", s.jwt());
      }
      case 17 -> {
        lit("NI number ");
        val("UK_NATIONAL_INSURANCE_NUMBER", "JG" + s.digits(6) + "A");
      }
      case 18 -> {
        lit("client ");
        val(
            "IP_ADDRESS",
            "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
      }
      case 19 -> {
        lit("exp ");
        val(
            "CREDIT_CARD_EXPIRATION",
            String.format("%02d/%02d", 1 + r.nextInt(12), 25 + r.nextInt(8)));
        lit(" cvv ");
        val("CREDIT_CARD_SECURITY_CODE", s.digits(3));
      }
      case 20 -> {
        lit("SIN ");
        val("CANADA_SOCIAL_INSURANCE_NUMBER", Synth.group(s.sin(), 3, 3, 3));
      }
      case 21 -> {
        lit("coordinates ");
        val(
            "LATITUDE_LONGITUDE",
            (10 + r.nextInt(70))
                + "."
                + s.digits(6)
                + ",-"
                + (10 + r.nextInt(160))
                + "."
                + s.digits(6));
      }
      case 22 -> {
        lit("key ");
        val("AWS_ACCESS_KEY_ID", s.awsKeyId());
      }
      default -> {
        lit("Driver's license ");
        val("DRIVERS_LICENSE", "D" + s.digits(7));
      }
    }
  }

  private void address() {
    String num = String.valueOf(1 + r.nextInt(9899));
    String street = pick(STREETS) + " " + pick(SUFFIX);
    if (r.nextInt(3) == 0) {
      String[] t = UK_TOWNS[r.nextInt(UK_TOWNS.length)];
      val("ADDRESS", num + " " + street + ", " + t[0] + " " + t[1]);
    } else {
      String[] c = CITY_STATE[r.nextInt(CITY_STATE.length)];
      val(
          "ADDRESS",
          num
              + " "
              + street
              + (r.nextInt(4) == 0 ? ", Apt " + (1 + r.nextInt(40)) : "")
              + ", "
              + c[0]
              + ", "
              + c[1]
              + " "
              + s.digits(5).replace("00000", "60614"));
    }
  }

  private void email() {
    String from = fullName();
    lit("From: ");
    val("NAME", from);
    lit(" <");
    val("EMAIL_ADDRESS", "sender" + s.digits(4) + "@example.org");
    lit(">\nTo: ");
    val("NAME", fullName());
    lit("\nSubject: ");
    words(4);
    lit("\n\nHi ");
    val("NAME", fullName());
    lit(",\n\n");
    prose();
    lit("\n\nKind regards,\n");
    val("NAME", from);
    lit("\nPhone: ");
    val("PHONE_NUMBER", s.phoneUs());
    lit("\n");
  }

  private void log() {
    int n = 5 + r.nextInt(15);
    for (int i = 0; i < n; i++) {
      lit(
          "2024-03-"
              + (10 + r.nextInt(18))
              + "T1"
              + r.nextInt(10)
              + ":"
              + (10 + r.nextInt(50))
              + ":"
              + (10 + r.nextInt(50))
              + "."
              + s.digits(3)
              + "Z INFO [worker-"
              + r.nextInt(8)
              + "] request id=");
      neg("guid", java.util.UUID.nameUUIDFromBytes(s.digits(6).getBytes()).toString());
      lit(
          " latency="
              + r.nextInt(900)
              + "ms path=/api/v"
              + r.nextInt(3)
              + "/orders/"
              + s.digits(6));
      if (r.nextInt(dense ? 4 : 20) == 0) {
        lit(" ip=");
        val("IP_ADDRESS", "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
      }
      if (r.nextInt(10) == 0) {
        lit(" user=");
        val("EMAIL_ADDRESS", "ops" + s.digits(3) + "@example.net");
      }
      lit("\n");
    }
  }

  private void csv() {
    lit("id,name,email,phone,amount,notes\n");
    int n = 3 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      lit(s.digits(5) + ",");
      val("NAME", pick(GIVEN) + " " + pick(FAMILY));
      lit(",");
      val("EMAIL_ADDRESS", "c" + s.digits(5) + "@example.com");
      lit(",");
      val("PHONE_NUMBER", s.phoneUs());
      lit("," + r.nextInt(1000) + "." + s.digits(2) + ",");
      words(2);
      sb.setLength(sb.length() - 1);
      lit("\n");
    }
  }

  private void config() {
    lit("[default]\nregion = us-east-1\naws_access_key_id = ");
    val("AWS_ACCESS_KEY_ID", s.awsKeyId());
    lit("\naws_secret_access_key = ");
    val("AWS_CREDENTIALS", s.awsSecret());
    lit("\nDATABASE_URL=");
    val(
        "URL_WITH_PASSWORD",
        "postgres://app:" + s.alnum(12, Synth.ALNUM) + "@db.internal.example.com:5432/app");
    lit("\nSTRIPE_KEY=");
    val("STRIPE_CREDENTIALS", "sk_live_" + s.alnum(24, Synth.ALNUM));
    lit("\nSLACK=");
    val(
        "SLACK_TOKEN",
        "xoxb-" + s.digits(12) + "-" + s.digits(13) + "-" + s.alnum(24, Synth.ALNUM));
    lit("\ncache_ttl = " + r.nextInt(3600) + "\nbuild = ");
    neg("sha", s.alnum(40, "0123456789abcdef"));
    lit("\n");
    if (r.nextInt(4) == 0) {
      val("PKCS", s.pem("RSA PRIVATE KEY"));
      lit("\n");
    }
  }
}
