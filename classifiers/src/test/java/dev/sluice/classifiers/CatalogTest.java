package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.classifiers.identifier.Iban;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
  private final Catalog catalog = Catalog.managed();

  @Test
  void holdsEveryCredentialIdentifierOfMacie() {
    for (String id :
        List.of(
            "AWS_CREDENTIALS",
            "GCP_API_KEY",
            "HTTP_BASIC_AUTH_HEADER",
            "JSON_WEB_TOKEN",
            "OPENSSH_PRIVATE_KEY",
            "PGP_PRIVATE_KEY",
            "PKCS",
            "PUTTY_PRIVATE_KEY",
            "STRIPE_CREDENTIALS")) {
      CatalogEntry e = catalog.entry(id);
      assertThat(e.category()).isEqualTo(Category.CREDENTIALS);
      assertThat(e.macieManaged()).isTrue();
    }
  }

  @Test
  void holdsOneIbanIdentifierPerMacieCountry() {
    assertThat(Iban.countries()).hasSize(52);
    for (Iban.Country c : Iban.countries().values()) {
      assertThat(catalog.entry(c.identifierId()).category())
          .isEqualTo(Category.FINANCIAL_INFORMATION);
    }
    assertThat(catalog.entry("UK_BANK_ACCOUNT_NUMBER").macieManaged()).isTrue();
  }

  @Test
  void marksIdentifiersMacieDoesNotHave() {
    for (String id :
        List.of(
            "EMAIL_ADDRESS", "IP_ADDRESS", "GITHUB_TOKEN", "SLACK_TOKEN", "URL_WITH_PASSWORD")) {
      assertThat(catalog.entry(id).macieManaged()).as(id).isFalse();
    }
    assertThat(catalog.entries()).allSatisfy(e -> assertThat(e.description()).isNotBlank());
  }

  @ParameterizedTest
  @CsvSource({
    "AWS_CREDENTIALS, 1, HIGH",
    "AWS_CREDENTIALS, 500, HIGH",
    "NAME, 1, LOW",
    "NAME, 2, MEDIUM",
    "NAME, 99, MEDIUM",
    "NAME, 100, HIGH",
    "CREDIT_CARD_SECURITY_CODE, 1, MEDIUM",
    "CREDIT_CARD_SECURITY_CODE, 2, HIGH",
    "USA_PASSPORT_NUMBER, 1, MEDIUM",
    "LATITUDE_LONGITUDE, 100, MEDIUM",
    "VEHICLE_IDENTIFICATION_NUMBER, 99, LOW",
    "VEHICLE_IDENTIFICATION_NUMBER, 100, MEDIUM",
    "CREDIT_CARD_NUMBER_(NO_KEYWORD), 1, HIGH",
    "GERMANY_BANK_ACCOUNT_NUMBER, 1, HIGH"
  })
  void documentSeverityFollowsMacieTable(String id, long count, Severity expected) {
    assertThat(catalog.documentSeverity(id, count)).isEqualTo(expected);
  }

  @Test
  void documentSeverityRejectsZeroCount() {
    assertThatThrownBy(() -> catalog.documentSeverity("NAME", 0))
        .hasMessage("count must be >= 1, was 0");
  }

  @Test
  void versionIsStableAndNamesTheRevision() {
    assertThat(catalog.version())
        .startsWith(Catalog.RULES_REVISION + "-")
        .hasSize(Catalog.RULES_REVISION.length() + 13);
    assertThat(Catalog.managed().version()).isEqualTo(catalog.version());
    assertThat(Scanner.builder().build().catalogVersion()).isEqualTo(catalog.version());
  }

  @Test
  void unknownIdentifierIsRejectedByName() {
    assertThatThrownBy(() -> Scanner.builder().onlyIdentifiers(java.util.Set.of("NOPE")))
        .hasMessage("unknown identifier id: NOPE");
  }

  @Test
  void onlyIdentifiersLimitsTheScan() {
    Scanner s = Scanner.builder().onlyIdentifiers(java.util.Set.of("EMAIL_ADDRESS")).build();
    assertThat(s.scan("mail a.b@example.org from 10.1.2.3"))
        .extracting(Finding::identifierId)
        .containsExactly("EMAIL_ADDRESS");
  }
}
