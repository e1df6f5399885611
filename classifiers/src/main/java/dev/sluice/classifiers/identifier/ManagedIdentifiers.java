package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import dev.sluice.classifiers.validate.Luhn;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The managed catalogue, with identifier IDs spelled as Amazon Macie's. */
public final class ManagedIdentifiers {
  private ManagedIdentifiers() {}

  /** Published test card numbers that Macie skips. */
  static final Set<String> TEST_CARD_NUMBERS =
      Set.of(
          "4111111111111111",
          "5555555555554444",
          "378282246310005",
          "6011111111111117",
          "4012888888881881",
          "5105105105105100",
          "371449635398431",
          "4242424242424242");

  /** Returns the default catalogue. */
  public static List<Identifier> defaults() {
    return List.of(creditCard(), email());
  }

  static Identifier creditCard() {
    Pattern p = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    return new Identifier(
        "CREDIT_CARD_NUMBER",
        Category.FINANCIAL_INFORMATION,
        Severity.HIGH,
        p,
        v -> {
          String digits = v.toString().replaceAll("[ -]", "");
          return digits.length() >= 13
              && digits.length() <= 19
              && IssuerPrefix.isKnown(digits)
              && Luhn.isValid(digits)
              && !TEST_CARD_NUMBERS.contains(digits);
        },
        List.of("credit card", "card", "visa", "mastercard", "amex", "ccn", "cc#", "pan"),
        false,
        30);
  }

  static Identifier email() {
    Pattern p =
        Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])");
    return new Identifier(
        "EMAIL_ADDRESS",
        Category.PERSONAL_INFORMATION,
        Severity.MEDIUM,
        p,
        v -> true,
        List.of("email", "e-mail", "mail"),
        false,
        30);
  }
}
