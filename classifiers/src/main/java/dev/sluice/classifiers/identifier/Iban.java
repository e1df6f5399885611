package dev.sluice.classifiers.identifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBAN countries: those Macie has a {@code <COUNTRY>_BANK_ACCOUNT_NUMBER} identifier for, and the
 * other registry countries.
 */
public final class Iban {
  private Iban() {}

  /**
   * A country's IBAN format.
   *
   * @param code ISO 3166 alpha-2 code that starts the IBAN
   * @param macieName the country part of the Macie identifier ID
   * @param length total IBAN length in characters, without separators
   */
  public record Country(String code, String macieName, int length) {
    /** The Macie identifier ID, e.g. {@code GERMANY_BANK_ACCOUNT_NUMBER}. */
    public String identifierId() {
      return macieName + "_BANK_ACCOUNT_NUMBER";
    }
  }

  private static final Map<String, Country> BY_CODE;

  static {
    Map<String, Country> m = new LinkedHashMap<>();
    Object[][] rows = {
      {"AL", "ALBANIA", 28},
      {"AD", "ANDORRA", 24},
      {"BA", "BOSNIA_AND_HERZEGOVINA", 20},
      {"BR", "BRAZIL", 29},
      {"BG", "BULGARIA", 22},
      {"CR", "COSTA_RICA", 22},
      {"HR", "CROATIA", 21},
      {"CY", "CYPRUS", 28},
      {"CZ", "CZECH_REPUBLIC", 24},
      {"DK", "DENMARK", 18},
      {"DO", "DOMINICAN_REPUBLIC", 28},
      {"EG", "EGYPT", 29},
      {"EE", "ESTONIA", 20},
      {"FO", "FAROE_ISLANDS", 18},
      {"FI", "FINLAND", 18},
      {"FR", "FRANCE", 27},
      {"GE", "GEORGIA", 22},
      {"DE", "GERMANY", 22},
      {"GR", "GREECE", 27},
      {"GL", "GREENLAND", 18},
      {"HU", "HUNGARY", 28},
      {"IS", "ICELAND", 26},
      {"IE", "IRELAND", 22},
      {"IT", "ITALY", 27},
      {"JO", "JORDAN", 30},
      {"XK", "KOSOVO", 20},
      {"LI", "LIECHTENSTEIN", 21},
      {"LT", "LITHUANIA", 20},
      {"MT", "MALTA", 31},
      {"MR", "MAURITANIA", 27},
      {"MU", "MAURITIUS", 30},
      {"MC", "MONACO", 27},
      {"ME", "MONTENEGRO", 22},
      {"NL", "NETHERLANDS", 18},
      {"MK", "NORTH_MACEDONIA", 19},
      {"PL", "POLAND", 28},
      {"PT", "PORTUGAL", 25},
      {"SM", "SAN_MARINO", 27},
      {"SN", "SENEGAL", 28},
      {"RS", "SERBIA", 22},
      {"SK", "SLOVAKIA", 24},
      {"SI", "SLOVENIA", 19},
      {"ES", "SPAIN", 24},
      {"SE", "SWEDEN", 24},
      {"CH", "SWITZERLAND", 21},
      {"TL", "TIMOR_LESTE", 23},
      {"TN", "TUNISIA", 24},
      {"TR", "TURKIYE", 26},
      {"GB", "UK", 22},
      {"UA", "UKRAINE", 29},
      {"AE", "UNITED_ARAB_EMIRATES", 23},
      {"VG", "VIRGIN_ISLANDS", 24},
    };
    for (Object[] r : rows) {
      m.put((String) r[0], new Country((String) r[0], (String) r[1], (Integer) r[2]));
    }
    BY_CODE = Collections.unmodifiableMap(m);
  }

  /**
   * IBAN countries of the SWIFT IBAN registry that Macie has no identifier for, with their lengths;
   * reported as {@code INTERNATIONAL_BANK_ACCOUNT_NUMBER}.
   */
  private static final Map<String, Country> OTHER;

  static {
    Map<String, Country> m = new LinkedHashMap<>();
    Object[][] rows = {
      {"AT", 20}, {"AZ", 28}, {"BH", 22}, {"BE", 16}, {"BY", 28}, {"BI", 27}, {"DJ", 27},
      {"FK", 18}, {"GI", 23}, {"GT", 28}, {"IQ", 23}, {"IL", 23}, {"KZ", 20}, {"KW", 30},
      {"LV", 21}, {"LB", 28}, {"LY", 25}, {"LU", 20}, {"MD", 24}, {"MN", 20}, {"NI", 28},
      {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PS", 29}, {"QA", 29}, {"LC", 32}, {"RO", 24},
      {"RU", 33}, {"ST", 25}, {"SA", 24}, {"SC", 31}, {"SO", 23}, {"SD", 18}, {"SV", 28},
      {"VA", 22}, {"YE", 30},
    };
    for (Object[] r : rows) {
      m.put((String) r[0], new Country((String) r[0], "INTERNATIONAL", (Integer) r[1]));
    }
    OTHER = Collections.unmodifiableMap(m);
  }

  /** Registry countries Macie has no identifier for (see {@link #OTHER}). */
  public static Map<String, Country> otherCountries() {
    return OTHER;
  }

  /** All countries, in Macie's alphabetical order of names. */
  public static Map<String, Country> countries() {
    return BY_CODE;
  }

  /** The country whose IBANs start with {@code c0 c1} (upper-case letters), or {@code null}. */
  public static Country byCode(char c0, char c1) {
    String code = new String(new char[] {c0, c1});
    Country c = BY_CODE.get(code);
    return c != null ? c : OTHER.get(code);
  }
}
