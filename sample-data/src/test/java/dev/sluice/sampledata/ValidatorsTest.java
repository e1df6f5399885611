package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.values.SyntheticValues;
import org.junit.jupiter.api.Test;

/** The test-side validators can fail: they reject hard negatives and corrupted values. */
class ValidatorsTest {

  private final SyntheticValues v = new SyntheticValues(99);

  @Test
  void rejectsPublishedTestCardsAndLuhnFailures() {
    assertThat(Validators.isValid("CREDIT_CARD_NUMBER", "4111111111111111")).isFalse();
    assertThat(Validators.isValid("CREDIT_CARD_NUMBER", "4242 4242 4242 4242")).isFalse();
    for (int i = 0; i < 50; i++) {
      assertThat(Validators.isValid("CREDIT_CARD_NUMBER", v.luhnInvalidCard())).isFalse();
      assertThat(Validators.isValid("CREDIT_CARD_NUMBER", v.cardNumber())).isTrue();
    }
  }

  @Test
  void rejectsInvalidSsnRangesAndAcceptsGeneratedOnes() {
    for (int i = 0; i < 50; i++) {
      assertThat(Validators.isValid("USA_SOCIAL_SECURITY_NUMBER", v.invalidSsn())).isFalse();
      assertThat(Validators.isValid("USA_SOCIAL_SECURITY_NUMBER", v.ssn())).isTrue();
    }
  }

  @Test
  void checkDigitsCatchSingleCharacterChanges() {
    String iban = v.iban("DE");
    String broken =
        iban.substring(0, 10)
            + (char) ('0' + (iban.charAt(10) - '0' + 1) % 10)
            + iban.substring(11);
    assertThat(Validators.isValid("GERMANY_BANK_ACCOUNT_NUMBER", iban)).isTrue();
    assertThat(Validators.isValid("GERMANY_BANK_ACCOUNT_NUMBER", broken)).isFalse();
    String vin = v.vin();
    char wrong = vin.charAt(8) == '0' ? '1' : '0';
    assertThat(Validators.isValid("VEHICLE_IDENTIFICATION_NUMBER", vin)).isTrue();
    assertThat(
            Validators.isValid(
                "VEHICLE_IDENTIFICATION_NUMBER", vin.substring(0, 8) + wrong + vin.substring(9)))
        .isFalse();
    String gh = v.githubToken();
    assertThat(Validators.isValid("GITHUB_TOKEN", gh)).isTrue();
    assertThat(
            Validators.isValid(
                "GITHUB_TOKEN", gh.substring(0, 39) + (gh.charAt(39) == 'a' ? 'b' : 'a')))
        .isFalse();
  }

  @Test
  void rejectsMacieDocumentationSamples() {
    for (String s : SyntheticValues.MACIE_SAMPLE_AWS_SECRETS) {
      assertThat(Validators.isValid("AWS_CREDENTIALS", s)).isFalse();
    }
    for (String s : SyntheticValues.MACIE_SAMPLE_STRIPE_KEYS) {
      assertThat(Validators.isValid("STRIPE_CREDENTIALS", s)).isFalse();
    }
  }
}
