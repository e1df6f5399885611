package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.Iban;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiled rules shared by every scan of one scanner: entry indices, the keyword/anchor automaton
 * and which keyword group supports which entry. Immutable and thread-safe.
 */
final class Rules {
  static final int A_PEM = 1;
  static final int A_PUTTY = 2;
  static final int A_AUTH = 3;
  static final int A_COOKIE = 4;
  static final int A_NAME = 5;
  static final int A_TITLE = 6;
  static final int A_NAME_COLUMN = 7;
  static final int A_PERSON_COLUMN = 8;
  static final int A_PEOPLE_HINT = 9;
  static final int A_BASIC = 10;
  static final int A_ADDRESS_COLUMN = 11;
  static final int A_ROLE = 12;
  static final int A_NAME_BEFORE = 13;

  /** Phrases after a person's name: "Ivo Dunmore was born on", "Zoë Müller (date of birth". */
  static final List<String> NAME_BEFORE =
      List.of("was born", "born on", "date of birth", "dob", "née", "geb.", "nacido", "nata", "né");

  /**
   * Role words, verbs and greetings that people write before a name in prose, in several languages:
   * weaker evidence than "From:" or "Dear", so the name after one needs a listed given name or name
   * tokens ({@code Detectors.ROLE}).
   */
  static final List<String> ROLE_CONTEXT =
      List.of(
          "new hire",
          "employee",
          "customer",
          "account holder",
          "cardholder",
          "card holder",
          "patient",
          "tenant",
          "client",
          "candidate",
          "applicant",
          "contractor",
          "member",
          "guest",
          "passenger",
          "student",
          "colleague",
          "for",
          "to",
          "with",
          "copy",
          "cc",
          "ask",
          "call",
          "ping",
          "thanks",
          "thank you",
          "merci",
          "danke",
          "gracias",
          "grazie",
          "obrigado",
          "obrigada",
          "hey",
          "hola",
          "bonjour",
          "salut",
          "hallo",
          "ciao",
          "buongiorno",
          "estimado",
          "estimada",
          "cher",
          "chère",
          "liebe",
          "lieber",
          "sehr geehrte",
          "sehr geehrter",
          "gentile",
          "atentamente",
          "cordialement",
          "mit freundlichen grüßen",
          "saludos",
          "cordiali saluti",
          "best",
          "best regards",
          "kind regards",
          "warm regards",
          "regards",
          "sincerely",
          "cheers");

  /**
   * Column headers whose cells are street lines (snake, kebab and camel case fold to these). Not
   * "address" after "email", "ip" or "mac": the whole header cell must be one of these.
   */
  static final List<String> ADDRESS_COLUMNS =
      List.of(
          "address",
          "street",
          "street address",
          "streetaddress",
          "address line 1",
          "address line1",
          "address1",
          "address 1",
          "addr",
          "addr1",
          "mailing address",
          "home address",
          "postal address",
          "billing address",
          "shipping address",
          "delivery address",
          "residential address",
          "street line",
          "adresse",
          "anschrift",
          "strasse",
          "straße",
          "dirección",
          "direccion",
          "domicilio",
          "indirizzo",
          "endereço",
          "morada");

  /** Column headers that, next to a generic "name" column, say the rows are people. */
  static final List<String> PEOPLE_HINTS =
      List.of(
          "department",
          "salary",
          "job title",
          "hire date",
          "start date",
          "employee id",
          "email",
          "e-mail",
          "mobile",
          "gender",
          "age",
          "nationality");

  /** Column headers whose cells are names of people, one part or whole. */
  static final List<String> PERSON_COLUMNS =
      List.of(
          "first name",
          "firstname",
          "last name",
          "lastname",
          "full name",
          "fullname",
          "given name",
          "family name",
          "surname",
          "middle name",
          "customer name",
          "employee name",
          "contact name",
          "patient name",
          "cardholder name",
          "card holder",
          "account holder",
          "account name",
          "holder name",
          "person");

  /** Column headers whose cells are often, not always, people's names. */
  static final List<String> NAME_COLUMNS =
      List.of(
          "name",
          "customer",
          "employee",
          "contact",
          "patient",
          "cardholder",
          "owner",
          "author",
          "assignee",
          "reporter",
          "manager",
          "requester",
          "applicant",
          "recipient",
          "sender");

  /** Titles: a single capitalised word after one is a family name ("Mr. Abernathy"). */
  static final List<String> TITLES =
      List.of("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr.", "prof.");

  static final List<String> NAME_CONTEXT =
      List.of(
          "name:",
          "name -",
          "full name",
          "dear",
          "mr",
          "mr.",
          "mrs",
          "mrs.",
          "ms",
          "ms.",
          "miss",
          "dr.",
          "prof.",
          "from:",
          "to:",
          "cc:",
          "attn",
          "attn:",
          "regards,",
          "sincerely,",
          "thanks,",
          "cheers,",
          "signed",
          "signed:",
          "patient:",
          "employee:",
          "customer:",
          "client:",
          "client :",
          "customer :",
          "name :",
          "nom :",
          "nom:",
          "contact:",
          "applicant:",
          "author:",
          "by:",
          "cardholder:",
          "holder:",
          "witness:",
          "name of",
          "hi",
          "hello",
          "manager:",
          "owner:",
          "approved by",
          "submitted by",
          "prepared by",
          "assigned to",
          "reported by",
          "requested by",
          // JSON / YAML keys: "customer": "Dorian Coldwater" (the quote sits before the colon)
          "name\"",
          "full_name\"",
          "fullname\"",
          "full name\"",
          "customer\"",
          "customer_name\"",
          "employee\"",
          "employee_name\"",
          "contact\"",
          "contact_name\"",
          "patient\"",
          "applicant\"",
          "cardholder\"",
          "author\"",
          "owner\"",
          "manager\"",
          "assignee\"",
          "reporter\"");

  final List<CatalogEntry> entries;
  final KeywordAutomaton ac;
  private final BitSet[] groupEntries;
  private final boolean[] groupPeople;
  private final BitSet nameContextGroups;
  private final BitSet roleGroups;
  private final int[] groupAnchor;
  private final BitSet[] groupCdis;
  private final Map<String, Integer> ibanEntries = new HashMap<>();

  final int PKCS, OPENSSH, PGP, PUTTY, JWT, AWS, GCP, BASIC_AUTH, STRIPE, GITHUB, GITLAB, SLACK;
  final int SLACK_WEBHOOK, IBAN_OTHER;
  final int AWS_KEY_ID,
      NPM,
      GOOGLE_OAUTH,
      AZURE,
      URL_PASSWORD,
      STRIPE_MAG,
      CARD,
      CARD_NO_KW,
      BANK,
      UK_BANK;
  final int CVV, EXP, SSN, ITIN, SIN, NHS, NINO, PASSPORT, DL, VIN, DOB, LATLONG, COOKIE, PHONE;
  final int PHONE_UK, PHONE_DE, PHONE_FR, PHONE_ES, PHONE_IT, PHONE_BR, ADDRESS, NAME, EMAIL, IP;

  /**
   * @param entries managed entries in priority order
   * @param cdiKeywords keywords of each custom identifier, by CDI index
   */
  Rules(List<CatalogEntry> entries, List<List<String>> cdiKeywords) {
    this.entries = List.copyOf(entries);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      idx.put(entries.get(i).id(), i);
    }
    PKCS = idx.get("PKCS");
    OPENSSH = idx.get("OPENSSH_PRIVATE_KEY");
    PGP = idx.get("PGP_PRIVATE_KEY");
    PUTTY = idx.get("PUTTY_PRIVATE_KEY");
    JWT = idx.get("JSON_WEB_TOKEN");
    AWS = idx.get("AWS_CREDENTIALS");
    AWS_KEY_ID = idx.get("AWS_ACCESS_KEY_ID");
    GCP = idx.get("GCP_API_KEY");
    BASIC_AUTH = idx.get("HTTP_BASIC_AUTH_HEADER");
    STRIPE = idx.get("STRIPE_CREDENTIALS");
    GITHUB = idx.get("GITHUB_TOKEN");
    GITLAB = idx.get("GITLAB_TOKEN");
    SLACK = idx.get("SLACK_TOKEN");
    SLACK_WEBHOOK = idx.get("SLACK_WEBHOOK_URL");
    IBAN_OTHER = idx.get("INTERNATIONAL_BANK_ACCOUNT_NUMBER");
    NPM = idx.get("NPM_TOKEN");
    GOOGLE_OAUTH = idx.get("GOOGLE_OAUTH_TOKEN");
    AZURE = idx.get("AZURE_STORAGE_KEY");
    URL_PASSWORD = idx.get("URL_WITH_PASSWORD");
    STRIPE_MAG = idx.get("CREDIT_CARD_MAGNETIC_STRIPE");
    CARD = idx.get("CREDIT_CARD_NUMBER");
    CARD_NO_KW = idx.get("CREDIT_CARD_NUMBER_(NO_KEYWORD)");
    BANK = idx.get("BANK_ACCOUNT_NUMBER");
    UK_BANK = idx.get("UK_BANK_ACCOUNT_NUMBER");
    CVV = idx.get("CREDIT_CARD_SECURITY_CODE");
    EXP = idx.get("CREDIT_CARD_EXPIRATION");
    SSN = idx.get("USA_SOCIAL_SECURITY_NUMBER");
    ITIN = idx.get("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER");
    SIN = idx.get("CANADA_SOCIAL_INSURANCE_NUMBER");
    NHS = idx.get("UK_NHS_NUMBER");
    NINO = idx.get("UK_NATIONAL_INSURANCE_NUMBER");
    PASSPORT = idx.get("USA_PASSPORT_NUMBER");
    DL = idx.get("DRIVERS_LICENSE");
    VIN = idx.get("VEHICLE_IDENTIFICATION_NUMBER");
    DOB = idx.get("DATE_OF_BIRTH");
    LATLONG = idx.get("LATITUDE_LONGITUDE");
    COOKIE = idx.get("HTTP_COOKIE");
    PHONE = idx.get("PHONE_NUMBER");
    PHONE_UK = idx.get("UK_PHONE_NUMBER");
    PHONE_DE = idx.get("GERMANY_PHONE_NUMBER");
    PHONE_FR = idx.get("FRANCE_PHONE_NUMBER");
    PHONE_ES = idx.get("SPAIN_PHONE_NUMBER");
    PHONE_IT = idx.get("ITALY_PHONE_NUMBER");
    PHONE_BR = idx.get("BRAZIL_PHONE_NUMBER");
    ADDRESS = idx.get("ADDRESS");
    NAME = idx.get("NAME");
    EMAIL = idx.get("EMAIL_ADDRESS");
    IP = idx.get("IP_ADDRESS");
    for (Iban.Country c : Iban.countries().values()) {
      ibanEntries.put(c.code(), idx.get(c.identifierId()));
    }
    for (Iban.Country c : Iban.otherCountries().values()) {
      ibanEntries.put(c.code(), IBAN_OTHER);
    }

    // keyword groups: one per distinct (text, wholeWord)
    Map<String, Integer> groups = new LinkedHashMap<>();
    List<BitSet> ge = new ArrayList<>();
    List<Integer> ga = new ArrayList<>();
    List<BitSet> gc = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    List<Boolean> whole = new ArrayList<>();
    List<Integer> payload = new ArrayList<>();
    java.util.function.BiFunction<String, Boolean, Integer> group =
        (text, w) -> {
          String key = (w ? "w:" : "s:") + text;
          Integer g = groups.get(key);
          if (g == null) {
            g = ge.size();
            groups.put(key, g);
            ge.add(new BitSet());
            ga.add(0);
            gc.add(new BitSet());
            patterns.add(text);
            whole.add(w);
            payload.add(g);
          }
          return g;
        };
    for (int i = 0; i < entries.size(); i++) {
      for (String k : entries.get(i).keywords()) {
        String lk = k.toLowerCase(Locale.ROOT);
        ge.get(group.apply(lk, true)).set(i);
        if (lk.indexOf(' ') >= 0) {
          ge.get(group.apply(lk.replace(" ", ""), true)).set(i);
        }
      }
    }
    ga.set(group.apply("-----begin", false), A_PEM);
    ga.set(group.apply("putty-user-key-file-", false), A_PUTTY);
    ga.set(group.apply("authorization:", true), A_AUTH);
    ga.set(group.apply("cookie:", true), A_COOKIE);
    ga.set(group.apply("basic", true), A_BASIC); // "upstream_auth = Basic dXNlcjpwYXNz"
    BitSet contexts = new BitSet();
    for (String c : NAME_CONTEXT) {
      int g = group.apply(c, true);
      ga.set(g, TITLES.contains(c) ? A_TITLE : A_NAME);
      contexts.set(g);
    }
    for (String c : NAME_BEFORE) {
      int g = group.apply(c, true);
      if (ga.get(g) == 0) {
        ga.set(g, A_NAME_BEFORE);
      }
    }
    BitSet roles = new BitSet();
    for (String c : ROLE_CONTEXT) {
      int g = group.apply(c, true);
      roles.set(g);
      if (ga.get(g) == 0) {
        ga.set(g, A_ROLE);
      }
    }
    this.roleGroups = roles; // also those a column anchor took over ("customer")
    for (String c : PERSON_COLUMNS) {
      ga.set(group.apply(c, true), A_PERSON_COLUMN);
    }
    for (String c : NAME_COLUMNS) {
      ga.set(group.apply(c, true), A_NAME_COLUMN);
    }
    for (String c : ADDRESS_COLUMNS) {
      int g = group.apply(c, true);
      if (ga.get(g) == 0) {
        ga.set(g, A_ADDRESS_COLUMN);
      }
    }
    for (String c : PEOPLE_HINTS) {
      int g = group.apply(c, true);
      if (ga.get(g) == 0) {
        ga.set(g, A_PEOPLE_HINT);
      }
    }
    for (int ci = 0; ci < cdiKeywords.size(); ci++) {
      for (String k : cdiKeywords.get(ci)) {
        gc.get(group.apply(k.toLowerCase(Locale.ROOT), false)).set(ci);
      }
    }
    this.groupEntries = ge.toArray(new BitSet[0]);
    this.nameContextGroups = contexts; // also those a column anchor took over ("full name")
    this.groupPeople = new boolean[ge.size()];
    for (int g = 0; g < ge.size(); g++) {
      int code = ga.get(g);
      boolean people = code == A_PERSON_COLUMN || code == A_PEOPLE_HINT;
      for (int e = ge.get(g).nextSetBit(0); e >= 0 && !people; e = ge.get(g).nextSetBit(e + 1)) {
        people = entries.get(e).category() == Category.PERSONAL_INFORMATION;
      }
      groupPeople[g] = people;
    }
    this.groupAnchor = ga.stream().mapToInt(Integer::intValue).toArray();
    this.groupCdis = gc.toArray(new BitSet[0]);
    this.ac = new KeywordAutomaton(patterns, whole, payload);
  }

  /** Whether a keyword group is a role word in prose ("customer" is a column header too). */
  boolean groupIsRole(int group) {
    return roleGroups.get(group);
  }

  /** Whether a keyword group is a NAME context ("full name" is a column header too). */
  boolean groupIsNameContext(int group) {
    return nameContextGroups.get(group);
  }

  /** Whether a keyword group says "people": a personal identifier's keyword or a people header. */
  boolean groupIsPeople(int group) {
    return groupPeople[group];
  }

  boolean groupHas(int group, int entry) {
    return groupEntries[group].get(entry);
  }

  int anchorOf(int group) {
    return groupAnchor[group];
  }

  boolean groupHasCdi(int group, int cdi) {
    return groupCdis[group].get(cdi);
  }

  int ibanEntry(Iban.Country c) {
    return ibanEntries.get(c.code());
  }

  boolean keywordRuleNone(int entry) {
    return entries.get(entry).keywordRule() == KeywordRule.NONE;
  }
}
