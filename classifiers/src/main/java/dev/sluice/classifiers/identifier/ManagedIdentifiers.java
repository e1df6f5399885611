package dev.sluice.classifiers.identifier;

import static dev.sluice.classifiers.Category.CREDENTIALS;
import static dev.sluice.classifiers.Category.FINANCIAL_INFORMATION;
import static dev.sluice.classifiers.Category.PERSONAL_INFORMATION;
import static dev.sluice.classifiers.KeywordRule.NONE;
import static dev.sluice.classifiers.KeywordRule.OPTIONAL;
import static dev.sluice.classifiers.KeywordRule.REQUIRED;
import static dev.sluice.classifiers.SeverityScale.HIGH_HIGH_HIGH;
import static dev.sluice.classifiers.SeverityScale.LOW_LOW_MEDIUM;
import static dev.sluice.classifiers.SeverityScale.LOW_MEDIUM_HIGH;
import static dev.sluice.classifiers.SeverityScale.LOW_MEDIUM_MEDIUM;
import static dev.sluice.classifiers.SeverityScale.MEDIUM_HIGH_HIGH;

import dev.sluice.classifiers.CatalogEntry;
import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.KeywordRule;
import dev.sluice.classifiers.SeverityScale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The managed catalogue: identifier IDs spelled as Amazon Macie's managed data identifiers, plus a
 * few common token types Macie lacks (flagged {@code macieManaged = false}). The list order is the
 * tie-break priority when two findings cover the same text.
 */
public final class ManagedIdentifiers {
  private ManagedIdentifiers() {}

  /** Published sample values that Macie skips (AWS documentation keys, Stripe docs keys). */
  public static final Set<String> SAMPLE_SECRETS =
      Set.of(
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
          "AKIAIOSFODNN7EXAMPLE",
          "AKIAI44QH8DHBEXAMPLE",
          "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
          "pk_test_TYooMQauvdEDq54NiTphI7jx");

  /**
   * Published test card numbers (processor documentation) that Macie skips; digits only. Sources:
   * Stripe, Braintree, Adyen, PayPal and Worldpay test-card pages.
   */
  public static final Set<String> TEST_CARD_NUMBERS =
      Set.of(
          "4111111111111111",
          "4012888888881881",
          "4222222222222",
          "4242424242424242",
          "4000056655665556",
          "4000002500003155",
          "4000000000000077",
          "4000000000000002",
          "4000000000009995",
          "4000000000000069",
          "4000000000000127",
          "4000000000000119",
          "4000000000000101",
          "4000000000000341",
          "4000000000003220",
          "4000002760003184",
          "4000008260003178",
          "4005519200000004",
          "4009348888881881",
          "4012000033330026",
          "4012000077777777",
          "4217651111111119",
          "4500600000000061",
          "4917610000000000",
          "4484070000000000",
          "4444333322221111",
          "4988438843884305",
          "4035501000000008",
          "4111111145551142",
          "4917300800000000",
          "4462030000000000",
          "4263982640269299",
          "5555555555554444",
          "5105105105105100",
          "5200828282828210",
          "5454545454545454",
          "5431111111111111",
          "5500000000000004",
          "5555444433331111",
          "2223003122003222",
          "2223000048400011",
          "2221000000000009",
          "5101180000000007",
          "5199999999999991",
          "378282246310005",
          "371449635398431",
          "378734493671000",
          "371111111111114",
          "370000000000002",
          "340000000000009",
          "6011111111111117",
          "6011000990139424",
          "6011601160116611",
          "6445644564456445",
          "30569309025904",
          "38520000023237",
          "36006666333344",
          "3530111333300000",
          "3566002020360505",
          "3566111111111113",
          "6200000000000005",
          "6243030000000001",
          "6250941006528599",
          "5019717010103742",
          "4571000000000001",
          "4175000000000001");

  private static final List<CatalogEntry> ENTRIES = build();

  /** The managed entries, in priority order. */
  public static List<CatalogEntry> entries() {
    return ENTRIES;
  }

  private static List<CatalogEntry> build() {
    List<CatalogEntry> l = new ArrayList<>();
    // Credentials: structure is unmistakable, so they come first.
    add(
        l,
        "PKCS",
        CREDENTIALS,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "PEM private key block (PKCS#1/#8, EC, DSA)");
    add(
        l,
        "OPENSSH_PRIVATE_KEY",
        CREDENTIALS,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "OpenSSH private key block");
    add(l, "PGP_PRIVATE_KEY", CREDENTIALS, true, NONE, HIGH_HIGH_HIGH, "PGP private key block");
    add(l, "PUTTY_PRIVATE_KEY", CREDENTIALS, true, NONE, HIGH_HIGH_HIGH, "PuTTY .ppk private key");
    add(
        l,
        "JSON_WEB_TOKEN",
        CREDENTIALS,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "JWS compact token (RFC 7519)");
    add(
        l,
        "AWS_CREDENTIALS",
        CREDENTIALS,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "AWS secret access key: 40 chars near a keyword (Macie's rule; the key ID is AWS_ACCESS_KEY_ID)",
        "aws_secret_access_key",
        "credentials",
        "secret access key",
        "secret key",
        "set-awscredential",
        "aws secret",
        "aws_access_key_id",
        "access key");
    add(
        l,
        "GCP_API_KEY",
        CREDENTIALS,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "Google Cloud API key (AIza...)",
        "gcp api key",
        "gcp key",
        "google cloud key",
        "google api key",
        "googlekey",
        "x-goog-api-key",
        "api key");
    add(
        l,
        "HTTP_BASIC_AUTH_HEADER",
        CREDENTIALS,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "Authorization or Proxy-Authorization header with Basic credentials");
    add(
        l,
        "STRIPE_CREDENTIALS",
        CREDENTIALS,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "Stripe secret or restricted API key (sk_, rk_: live, test, prod) or webhook secret");
    add(
        l,
        "AWS_ACCESS_KEY_ID",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "AWS access key ID (AKIA, ASIA, ABIA, ACCA + 16): names a key pair; not a secret alone");
    add(
        l,
        "GITHUB_TOKEN",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)");
    add(
        l,
        "GITLAB_TOKEN",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "GitLab token (glpat-, gloas-, gldt-, glrt-, glcbt-, glptt-, glft-... prefixes)");
    add(
        l,
        "SLACK_TOKEN",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxo-, xapp-)");
    add(
        l,
        "SLACK_WEBHOOK_URL",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "Slack incoming-webhook URL (hooks.slack.com/services/T.../B.../...)");
    add(l, "NPM_TOKEN", CREDENTIALS, false, NONE, HIGH_HIGH_HIGH, "npm access token (npm_)");
    add(
        l,
        "GOOGLE_OAUTH_TOKEN",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "Google OAuth access token (ya29.)");
    add(
        l,
        "AZURE_STORAGE_KEY",
        CREDENTIALS,
        false,
        REQUIRED,
        HIGH_HIGH_HIGH,
        "Azure storage account key (88 base64 chars) near a keyword",
        "accountkey",
        "azure",
        "storage key",
        "storage account key",
        "shared key");
    add(
        l,
        "URL_WITH_PASSWORD",
        CREDENTIALS,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "URL with user:password@ credentials");

    // Financial.
    add(
        l,
        "CREDIT_CARD_MAGNETIC_STRIPE",
        FINANCIAL_INFORMATION,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "Card track 1 or track 2 data",
        "card data",
        "iso7813",
        "mag",
        "magstripe",
        "stripe",
        "swipe",
        "track 1",
        "track 2");
    add(
        l,
        "CREDIT_CARD_NUMBER",
        FINANCIAL_INFORMATION,
        true,
        REQUIRED,
        HIGH_HIGH_HIGH,
        "13-19 digit card number, issuer prefix, Luhn, keyword nearby",
        "credit card",
        "card",
        "cc #",
        "cc#",
        "ccn",
        "amex",
        "american express",
        "visa",
        "mastercard",
        "master card",
        "mc",
        "jcb",
        "discover",
        "debit card",
        "pan",
        "diners",
        "unionpay",
        "dankort",
        "maestro",
        "card number",
        "card no",
        "cc",
        "payment");
    add(
        l,
        "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
        FINANCIAL_INFORMATION,
        true,
        NONE,
        HIGH_HIGH_HIGH,
        "Card number without a keyword nearby");
    for (Iban.Country c : Iban.countries().values()) {
      String[] kw = bbanKeywords(c.code());
      add(
          l,
          c.identifierId(),
          FINANCIAL_INFORMATION,
          true,
          kw.length == 0 ? NONE : OPTIONAL,
          HIGH_HIGH_HIGH,
          "IBAN of "
              + c.macieName()
              + " ("
              + c.length()
              + " chars, mod-97)"
              + (c.code().equals("GB") ? "; UK sort code and account number near a keyword" : ""),
          kw);
    }
    add(
        l,
        "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
        FINANCIAL_INFORMATION,
        false,
        NONE,
        HIGH_HIGH_HIGH,
        "IBAN of a country Macie has no identifier for (Austria, Belgium, Norway...; registry"
            + " length, mod-97)");
    add(
        l,
        "BANK_ACCOUNT_NUMBER",
        FINANCIAL_INFORMATION,
        true,
        REQUIRED,
        HIGH_HIGH_HIGH,
        "US/Canada bank account number: 9-17 digits near a keyword",
        "bank account",
        "checking account",
        "savings account",
        "deposit account",
        "account number",
        "acct",
        "acct #",
        "acct no",
        "account no",
        "bank acct",
        "checking acct",
        "savings acct",
        "account #",
        "compte bancaire");
    add(
        l,
        "CREDIT_CARD_SECURITY_CODE",
        FINANCIAL_INFORMATION,
        true,
        REQUIRED,
        MEDIUM_HIGH_HIGH,
        "3-4 digit card security code near a keyword",
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "card security code",
        "card verification value",
        "card verification code",
        "security code",
        "csc",
        "cvn");
    add(
        l,
        "CREDIT_CARD_EXPIRATION",
        FINANCIAL_INFORMATION,
        true,
        REQUIRED,
        LOW_MEDIUM_HIGH,
        "Card expiry date (MM/YY, MM/YYYY, Mon YYYY) near a keyword",
        "exp d",
        "exp m",
        "exp y",
        "expiration",
        "expiry",
        "expires",
        "exp date",
        "valid thru",
        "valid through",
        "good thru",
        "exp");

    // Personal.
    add(
        l,
        "USA_SOCIAL_SECURITY_NUMBER",
        PERSONAL_INFORMATION,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "US SSN; AAA-GG-SSSS alone, other layouts near a keyword",
        "social security",
        "ss#",
        "ss #",
        "ssn",
        "ssn#",
        "social security number",
        "soc sec");
    add(
        l,
        "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
        PERSONAL_INFORMATION,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "US ITIN (9XX-[5-9]X-XXXX ranges)",
        "itin",
        "individual taxpayer identification number",
        "taxpayer id",
        "tax id",
        "tin");
    add(
        l,
        "CANADA_SOCIAL_INSURANCE_NUMBER",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        HIGH_HIGH_HIGH,
        "Canadian SIN, Luhn, near a keyword",
        "sin",
        "sin#",
        "social insurance number",
        "social insurance",
        "canadian id",
        "numero d'assurance sociale",
        "nas");
    add(
        l,
        "UK_NHS_NUMBER",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        HIGH_HIGH_HIGH,
        "UK NHS number, mod-11, near a keyword",
        "nhs",
        "national health service",
        "nhs number",
        "nhs no");
    add(
        l,
        "UK_NATIONAL_INSURANCE_NUMBER",
        PERSONAL_INFORMATION,
        true,
        OPTIONAL,
        HIGH_HIGH_HIGH,
        "UK National Insurance number (valid prefix, suffix A-D)",
        "nino",
        "nin",
        "national insurance number",
        "national insurance",
        "insurance no",
        "ni number",
        "ni no");
    add(
        l,
        "USA_PASSPORT_NUMBER",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        MEDIUM_HIGH_HIGH,
        "US passport number (9 digits or letter + 8 digits) near a keyword",
        "passport",
        "passport#",
        "passport no",
        "passport number",
        "travel document");
    add(
        l,
        "DRIVERS_LICENSE",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        LOW_MEDIUM_HIGH,
        "US driver's licence number near a keyword",
        "dl#",
        "dl:",
        "dl #",
        "dl no",
        "driver license",
        "driver's license",
        "drivers license",
        "driver licence",
        "driver's licence",
        "drivers licence",
        "driving licence",
        "driving license",
        "driver lic",
        "dln",
        "license number",
        "licence number",
        "license no",
        "lic#",
        "lic no");
    add(
        l,
        "VEHICLE_IDENTIFICATION_NUMBER",
        PERSONAL_INFORMATION,
        true,
        OPTIONAL,
        LOW_LOW_MEDIUM,
        "17-char VIN (ISO 3779) with a valid check digit, or any VIN near a keyword",
        "vin",
        "vin#",
        "vehicle identification number",
        "vehicle id",
        "niv",
        "chassis",
        "fahrgestellnummer",
        "numero de serie");
    add(
        l,
        "DATE_OF_BIRTH",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        LOW_MEDIUM_HIGH,
        "Date near a birth keyword",
        "dob",
        "d.o.b",
        "birth date",
        "birthday",
        "bday",
        "date of birth",
        "born",
        "birthdate",
        "born on",
        "geburtsdatum",
        "date de naissance",
        "fecha de nacimiento");
    add(
        l,
        "LATITUDE_LONGITUDE",
        PERSONAL_INFORMATION,
        true,
        REQUIRED,
        LOW_MEDIUM_MEDIUM,
        "Decimal-degree latitude,longitude pair near a keyword",
        "coordinate",
        "coordinates",
        "lat long",
        "latitude longitude",
        "latitude",
        "longitude",
        "position",
        "location",
        "gps",
        "lat",
        "lng",
        "lon",
        "latlng",
        "geo",
        "geolocation");
    add(
        l,
        "HTTP_COOKIE",
        PERSONAL_INFORMATION,
        true,
        NONE,
        LOW_MEDIUM_HIGH,
        "Cookie or Set-Cookie header");
    String[] phoneKw = {
      "phone",
      "tel",
      "telephone",
      "mobile",
      "cell",
      "cellphone",
      "fax",
      "contact",
      "call",
      "ph",
      "mob",
      "phone number",
      "phone no",
      "tel no",
      "handy",
      "telefon",
      "telefonnummer",
      "telephone",
      "portable",
      "telefono",
      "movil",
      "cellulare",
      "celular",
      "telefone",
      "numero"
    };
    add(
        l,
        "PHONE_NUMBER",
        PERSONAL_INFORMATION,
        true,
        OPTIONAL,
        LOW_MEDIUM_HIGH,
        "US/Canada phone number (+1, formatted, or near a keyword); other countries' +CC numbers",
        phoneKw);
    for (String c : List.of("UK", "GERMANY", "FRANCE", "SPAIN", "ITALY", "BRAZIL")) {
      add(
          l,
          c + "_PHONE_NUMBER",
          PERSONAL_INFORMATION,
          true,
          OPTIONAL,
          LOW_MEDIUM_HIGH,
          c + " phone number (country code, or national format near a keyword)",
          phoneKw);
    }
    add(
        l,
        "ADDRESS",
        PERSONAL_INFORMATION,
        true,
        NONE,
        LOW_MEDIUM_HIGH,
        "Street line (US, UK, FR, DE, ES, IT, PT forms) with or without its city and postcode");
    add(
        l,
        "NAME",
        PERSONAL_INFORMATION,
        true,
        NONE,
        LOW_MEDIUM_HIGH,
        "Full person name (given + family), from name lists and context");
    add(
        l,
        "EMAIL_ADDRESS",
        PERSONAL_INFORMATION,
        false,
        OPTIONAL,
        LOW_MEDIUM_HIGH,
        "E-mail address",
        "email",
        "e-mail",
        "mail",
        "mailto");
    add(
        l,
        "IP_ADDRESS",
        PERSONAL_INFORMATION,
        false,
        OPTIONAL,
        LOW_MEDIUM_HIGH,
        "IPv4 or IPv6 address",
        "ip",
        "ip address",
        "host",
        "client ip",
        "remote addr");
    return Collections.unmodifiableList(l);
  }

  private static String[] bbanKeywords(String code) {
    switch (code) {
      case "GB":
        return new String[] {"sort code", "account number", "bban", "iban", "bank account", "acct"};
      case "DE":
        return new String[] {"kontonummer", "iban", "bban", "konto", "bankverbindung"};
      case "FR":
        return new String[] {"compte bancaire", "rib", "iban", "bban"};
      case "ES":
        return new String[] {"cuenta bancaria", "iban", "bban", "ccc"};
      case "IT":
        return new String[] {"conto corrente", "iban", "bban"};
      default:
        return new String[0];
    }
  }

  private static void add(
      List<CatalogEntry> l,
      String id,
      Category category,
      boolean macie,
      KeywordRule rule,
      SeverityScale scale,
      String description,
      String... keywords) {
    l.add(new CatalogEntry(id, category, macie, rule, List.of(keywords), scale, description));
  }
}
