package dev.sluice.sampledata.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identifier catalogue the corpus covers, with each type's Macie category and whether the
 * default policy rejects it. Stateless and thread-safe.
 */
public final class Catalog {

  /** Macie category of credentials. */
  public static final String CREDENTIALS = "CREDENTIALS";

  /** Macie category of financial identifiers. */
  public static final String FINANCIAL = "FINANCIAL_INFORMATION";

  /** Macie category of personal identifiers. */
  public static final String PERSONAL = "PERSONAL_INFORMATION";

  private static final Map<String, String> CATEGORY = new LinkedHashMap<>();
  private static final Map<String, Boolean> REJECT = new LinkedHashMap<>();

  static {
    for (String t :
        List.of(
            "AWS_CREDENTIALS",
            "GCP_API_KEY",
            "HTTP_BASIC_AUTH_HEADER",
            "JSON_WEB_TOKEN",
            "OPENSSH_PRIVATE_KEY",
            "PGP_PRIVATE_KEY",
            "PKCS",
            "PUTTY_PRIVATE_KEY",
            "STRIPE_CREDENTIALS",
            "GITHUB_TOKEN",
            "SLACK_TOKEN",
            "URL_WITH_PASSWORD")) {
      put(t, CREDENTIALS, true);
    }
    for (String t :
        List.of(
            "CREDIT_CARD_NUMBER",
            "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
            "CREDIT_CARD_EXPIRATION",
            "CREDIT_CARD_SECURITY_CODE",
            "CREDIT_CARD_MAGNETIC_STRIPE",
            "BANK_ACCOUNT_NUMBER",
            "GERMANY_BANK_ACCOUNT_NUMBER",
            "FRANCE_BANK_ACCOUNT_NUMBER",
            "UK_BANK_ACCOUNT_NUMBER",
            "SPAIN_BANK_ACCOUNT_NUMBER",
            "ITALY_BANK_ACCOUNT_NUMBER",
            "NETHERLANDS_BANK_ACCOUNT_NUMBER")) {
      put(t, FINANCIAL, true);
    }
    for (String t :
        List.of(
            "USA_SOCIAL_SECURITY_NUMBER",
            "USA_PASSPORT_NUMBER",
            "DRIVERS_LICENSE",
            "UK_NATIONAL_INSURANCE_NUMBER",
            "CANADA_SOCIAL_INSURANCE_NUMBER",
            "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
            "UK_NHS_NUMBER")) {
      put(t, PERSONAL, true);
    }
    for (String t :
        List.of(
            "PHONE_NUMBER",
            "UK_PHONE_NUMBER",
            "GERMANY_PHONE_NUMBER",
            "FRANCE_PHONE_NUMBER",
            "SPAIN_PHONE_NUMBER",
            "ITALY_PHONE_NUMBER",
            "BRAZIL_PHONE_NUMBER",
            "DATE_OF_BIRTH",
            "LATITUDE_LONGITUDE",
            "HTTP_COOKIE",
            "VEHICLE_IDENTIFICATION_NUMBER",
            "ADDRESS",
            "NAME",
            "EMAIL_ADDRESS",
            "IP_ADDRESS")) {
      put(t, PERSONAL, false);
    }
  }

  /** Types that Sluice detects but Amazon Macie has no managed identifier for. */
  private static final List<String> NOT_IN_MACIE =
      List.of("EMAIL_ADDRESS", "IP_ADDRESS", "GITHUB_TOKEN", "SLACK_TOKEN", "URL_WITH_PASSWORD");

  private Catalog() {}

  private static void put(String type, String category, boolean reject) {
    CATEGORY.put(type, category);
    REJECT.put(type, reject);
  }

  /** Every identifier type the corpus must cover, in catalogue order. */
  public static List<String> types() {
    return List.copyOf(CATEGORY.keySet());
  }

  /** The Macie category of a type; throws for unknown types. */
  public static String category(String type) {
    String c = CATEGORY.get(type);
    if (c == null) {
      throw new IllegalArgumentException("unknown identifier type " + type);
    }
    return c;
  }

  /** True if the default policy rejects a document containing this type. */
  public static boolean isRejectClass(String type) {
    Boolean r = REJECT.get(type);
    if (r == null) {
      throw new IllegalArgumentException("unknown identifier type " + type);
    }
    return r;
  }

  /** True if Amazon Macie has a managed data identifier with this id. */
  public static boolean isMacieManaged(String type) {
    return CATEGORY.containsKey(type) && !NOT_IN_MACIE.contains(type);
  }
}
