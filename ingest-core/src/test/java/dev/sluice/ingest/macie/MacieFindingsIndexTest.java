package dev.sluice.ingest.macie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.classifiers.Category;
import dev.sluice.ingest.source.SourceItem;
import dev.sluice.localaws.MacieEmulator;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.CriterionAdditionalProperties;

/**
 * The findings index against the local Macie emulator, seeded with findings in the documented
 * macie2 shape ({@code src/test/resources/macie/findings}), through the real SDK client.
 */
class MacieFindingsIndexTest {
  static final String BUCKET = "raw-docs";
  static final String NOTES_ETAG = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

  static MacieEmulator macie;
  static Macie2Client client;

  @BeforeAll
  static void start() {
    macie = MacieEmulator.start();
    client =
        Macie2Client.builder()
            .endpointOverride(macie.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
            // what AwsClients configures for every client
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    macie.close();
  }

  @BeforeEach
  void seed() throws URISyntaxException {
    macie.clearFindings();
    macie.setDown(false);
    macie.throttleNext(0);
    assertThat(macie.loadFindings(fixtures())).isEqualTo(10);
  }

  @AfterEach
  void heal() {
    macie.setDown(false);
    macie.throttleNext(0);
  }

  static Path fixtures() throws URISyntaxException {
    return Path.of(MacieFindingsIndexTest.class.getResource("/macie/findings").toURI());
  }

  static SourceItem item(String key, String eTag) {
    return new SourceItem("s3://" + BUCKET + "/" + key, BUCKET, key, "", eTag, 100);
  }

  static MacieSignals load(MacieMode mode) {
    return MacieFindingsIndex.builder(BUCKET, mode).findings(client).load();
  }

  static MacieDetection detection(MacieFinding f, String type) {
    return f.detections().stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void findingOfTheIngestedETagIsCurrentWithTypesCountsAndLines() {
    MacieEvidence ev = load(MacieMode.ADVISORY).forObject(item("in/notes.txt", NOTES_ETAG));

    assertThat(ev.current())
        .extracting(MacieFinding::id)
        .containsExactly("4f0c2a9e8b7d6c5a4f3e2d1c0b9a8f7e");
    MacieFinding f = ev.current().get(0);
    assertThat(detection(f, "AWS_CREDENTIALS"))
        .isEqualTo(
            new MacieDetection("AWS_CREDENTIALS", Category.CREDENTIALS, 1, "lines 3-3 col 23"));
    assertThat(detection(f, "USA_SOCIAL_SECURITY_NUMBER").count()).isEqualTo(2);
    assertThat(detection(f, "USA_SOCIAL_SECURITY_NUMBER").where())
        .isEqualTo("lines 7-7 col 6; lines 9-9 col 6");
    assertThat(ev.unavailable()).isEmpty();
  }

  @Test
  void findingAboutAnotherETagIsStaleReportedAndNotUsed() {
    MacieEvidence ev = load(MacieMode.ADVISORY).forObject(item("in/notes.txt", NOTES_ETAG));

    assertThat(ev.stale())
        .extracting(MacieFinding::id)
        .containsExactly("9a8b7c6d5e4f30211203f4e5d6c7b8a9");
    assertThat(ev.current()).noneMatch(f -> f.id().equals("9a8b7c6d5e4f30211203f4e5d6c7b8a9"));
    assertThat(ev.warnings())
        .containsExactly(
            "stale Macie finding 9a8b7c6d5e4f30211203f4e5d6c7b8a9 describes ETag"
                + " 0123456789abcdef0123456789abcdef, not the ingested ETag "
                + NOTES_ETAG
                + "; not used");

    // a new version of the object: both findings are stale, none is evidence
    MacieEvidence changed = load(MacieMode.ADVISORY).forObject(item("in/notes.txt", "ffff"));
    assertThat(changed.current()).isEmpty();
    assertThat(changed.stale()).hasSize(2);
  }

  @Test
  void requiredModeWithOnlyStaleResultsIsUnavailableWithTheReason() {
    MacieEvidence ev = load(MacieMode.REQUIRED).forObject(item("in/notes.txt", "ffff"));
    assertThat(ev.unavailable())
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("only stale Macie results (another version)"));
    // a current finding satisfies required mode
    assertThat(load(MacieMode.REQUIRED).forObject(item("in/notes.txt", NOTES_ETAG)).unavailable())
        .isEmpty();
    // no result at all
    assertThat(load(MacieMode.REQUIRED).forObject(item("in/clean.txt", "abc")).unavailable())
        .hasValueSatisfying(why -> assertThat(why).startsWith("no current Macie result"));
  }

  @Test
  void versionIdWinsOverETagWhenBothSidesHaveOne() {
    MacieSignals s = load(MacieMode.ADVISORY);
    String v = "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo";
    SourceItem same =
        new SourceItem("s3://raw-docs/in/versioned.txt", BUCKET, "in/versioned.txt", v, "other", 1);
    SourceItem other =
        new SourceItem(
            "s3://raw-docs/in/versioned.txt",
            BUCKET,
            "in/versioned.txt",
            "older",
            "e4da3b7fbbce2345d7772b0674a318d5",
            1);
    assertThat(s.forObject(same).current()).hasSize(1);
    assertThat(s.forObject(other).current()).isEmpty();
    assertThat(s.forObject(other).stale()).hasSize(1);
  }

  @Test
  void everyOccurrenceKindBecomesALocation() {
    MacieSignals s = load(MacieMode.ADVISORY);
    MacieFinding pdf =
        s.forObject(item("in/report.pdf", "5d41402abc4b2a76b9719d911017c592")).current().get(0);
    assertThat(detection(pdf, "NAME").where()).isEqualTo("page 2; page 5");
    assertThat(detection(pdf, "ADDRESS").category()).isEqualTo(Category.PERSONAL_INFORMATION);

    MacieFinding xlsx =
        s.forObject(item("hr/payroll.xlsx", "7e240de74fb1ed08fa08d38063f6a6a9-2")).current().get(0);
    assertThat(detection(xlsx, "BANK_ACCOUNT_NUMBER").where())
        .isEqualTo("cell Sheet2!C5; cell Sheet2!C6");
    assertThat(detection(xlsx, "BANK_ACCOUNT_NUMBER").category())
        .isEqualTo(Category.FINANCIAL_INFORMATION);

    MacieFinding csv =
        s.forObject(item("hr/contacts.csv", "c4ca4238a0b923820dcc509a6f75849b")).current().get(0);
    assertThat(csv.detections().get(0).where()).isEqualTo("cell row 3 col 2 (staff_ref)");

    MacieFinding jsonl =
        s.forObject(item("logs/events.jsonl", "45c48cce2e2d7fbdea1afc51c7c6ad26")).current().get(0);
    assertThat(detection(jsonl, "USA_SOCIAL_SECURITY_NUMBER").where())
        .isEqualTo("record 4 $.customer.ssn");
  }

  @Test
  void findingForAFileInsideAnArchiveIsAttachedToTheArchive() {
    MacieEvidence ev =
        load(MacieMode.ADVISORY)
            .forObject(item("in/bundle.zip", "d3d9446802a44259755d38e6d163e820"));
    assertThat(ev.current()).hasSize(1);
    assertThat(detection(ev.current().get(0), "OPENSSH_PRIVATE_KEY").where())
        .isEqualTo("lines 1-27 col 1");
  }

  @Test
  void customIdentifierDetectionsMapIdOrArnToOurNameAndFallBackToMacieName() {
    CustomIdentifierNames names =
        CustomIdentifierNames.of(
            Map.of(
                "0e8eb8a1-1a3a-49ad-992f-0ab825642859",
                "EMPLOYEE_ID",
                "arn:aws:macie2:us-east-1:111122223333:custom-data-identifier/"
                    + "6b1f1e9c-2f9a-4d3e-8a8b-0c6d2e1f3a4b",
                "STAFF_REF"));
    MacieSignals mapped =
        MacieFindingsIndex.builder(BUCKET, MacieMode.ADVISORY)
            .findings(client)
            .customIdentifiers(names)
            .load();
    MacieFinding notes = mapped.forObject(item("in/notes.txt", NOTES_ETAG)).current().get(0);
    // bare UUID id in the finding's "arn" field
    assertThat(detection(notes, "EMPLOYEE_ID").category()).isEqualTo(Category.CUSTOM_IDENTIFIER);
    MacieFinding csv =
        mapped
            .forObject(item("hr/contacts.csv", "c4ca4238a0b923820dcc509a6f75849b"))
            .current()
            .get(0);
    // full ARN in the finding, known by its bare id
    assertThat(csv.detections()).extracting(MacieDetection::type).containsExactly("STAFF_REF");

    // unknown ids keep Macie's name
    MacieFinding plain =
        load(MacieMode.ADVISORY).forObject(item("in/notes.txt", NOTES_ETAG)).current().get(0);
    assertThat(plain.detections()).extracting(MacieDetection::type).contains("EmployeeId");
  }

  @Test
  void sampleFindingsOtherBucketsAndKeysOutsideThePrefixAreIgnored() {
    MacieSignals s = load(MacieMode.ADVISORY);
    // the sample (CREDIT_CARD_NUMBER) and other-bucket (AWS_CREDENTIALS line 1) findings share
    // the key and ETag of in/notes.txt
    assertThat(s.forObject(item("in/notes.txt", NOTES_ETAG)).current()).hasSize(1);
    assertThat(
            s.forObject(item("in/notes.txt", NOTES_ETAG)).current().get(0).detections().stream()
                .map(MacieDetection::type))
        .doesNotContain("CREDIT_CARD_NUMBER");

    MacieSignals hrOnly =
        MacieFindingsIndex.builder(BUCKET, MacieMode.REQUIRED)
            .prefix("hr/")
            .findings(client)
            .load();
    assertThat(hrOnly.forObject(item("in/notes.txt", NOTES_ETAG)).current()).isEmpty();
    assertThat(
            hrOnly
                .forObject(item("hr/payroll.xlsx", "7e240de74fb1ed08fa08d38063f6a6a9-2"))
                .current())
        .hasSize(1);
  }

  @Test
  void pagesThroughSeveralListFindingsPagesAndBatchesGetFindingsBy50() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode template =
        (ObjectNode) json.readTree(Files.readAllBytes(fixtures().resolve("01-notes-txt.json")));
    for (int i = 0; i < 120; i++) {
      ObjectNode f = template.deepCopy();
      f.put("id", String.format("%032x", 0x1000 + i));
      ObjectNode o = (ObjectNode) f.path("resourcesAffected").path("s3Object");
      o.put("key", "bulk/doc-" + i + ".txt");
      o.put("path", BUCKET + "/bulk/doc-" + i + ".txt");
      o.put("eTag", "etag" + i);
      macie.addFinding(json.writeValueAsString(f));
    }
    // 129 findings match the bucket: 3 ListFindings pages (50, 50, 29) and 3 GetFindings batches
    long before = macie.requestCount();
    MacieSignals s = load(MacieMode.REQUIRED);
    assertThat(macie.requestCount() - before).isEqualTo(6);
    for (int i = 0; i < 120; i++) {
      assertThat(s.forObject(item("bulk/doc-" + i + ".txt", "etag" + i)).current())
          .as("doc %d", i)
          .hasSize(1);
    }
  }

  @Test
  void throttlingIsRetriedWithBackoffThenSucceeds() {
    macie.throttleNext(2);
    long before = macie.requestCount();
    MacieSignals s = load(MacieMode.REQUIRED);
    assertThat(((MacieFindingsIndex) s).failures()).isEmpty();
    assertThat(s.forObject(item("in/notes.txt", NOTES_ETAG)).current()).hasSize(1);
    // 2 throttled attempts, then 1 list page and 1 GetFindings batch
    assertThat(macie.requestCount() - before).isEqualTo(4);
  }

  @Test
  void persistentThrottlingMakesMacieUnavailableNotAnException() {
    macie.throttleNext(1000);
    MacieSignals required = load(MacieMode.REQUIRED);
    assertThat(required.forObject(item("in/notes.txt", NOTES_ETAG)).unavailable())
        .contains("Macie findings API unreachable: ThrottlingException (HTTP 429)");
  }

  @Test
  void downMacieBlocksRequiredModeAndWarnsInAdvisoryMode() {
    macie.setDown(true);
    MacieEvidence required = load(MacieMode.REQUIRED).forObject(item("in/notes.txt", NOTES_ETAG));
    assertThat(required.unavailable())
        .contains("Macie findings API unreachable: InternalServerException (HTTP 500)");
    assertThat(required.current()).isEmpty();

    MacieEvidence advisory = load(MacieMode.ADVISORY).forObject(item("in/notes.txt", NOTES_ETAG));
    assertThat(advisory.unavailable()).isEmpty();
    assertThat(advisory.warnings())
        .containsExactly(
            "Macie findings API unreachable: InternalServerException (HTTP 500)"
                + " (advisory mode: Macie results may be incomplete)");
  }

  @Test
  void offModeAsksNothing() {
    long before = macie.requestCount();
    MacieEvidence ev = load(MacieMode.OFF).forObject(item("in/notes.txt", NOTES_ETAG));
    assertThat(ev).isEqualTo(MacieEvidence.none());
    assertThat(macie.requestCount()).isEqualTo(before);
  }

  /**
   * Why the key prefix is applied client-side: criteria values are exact, so {@code
   * resourcesAffected.s3Object.key} matches a whole key, never a prefix.
   */
  @Test
  void objectKeyCriterionMatchesExactKeysOnly() {
    var exact =
        client.listFindings(
            r ->
                r.findingCriteria(
                    c ->
                        c.criterion(
                            Map.of(
                                "resourcesAffected.s3Object.key",
                                CriterionAdditionalProperties.builder()
                                    .eq("hr/payroll.xlsx")
                                    .build()))));
    assertThat(exact.findingIds()).containsExactly("2b3c4d5e6f708192a3b4c5d6e7f80912");
    var prefix =
        client.listFindings(
            r ->
                r.findingCriteria(
                    c ->
                        c.criterion(
                            Map.of(
                                "resourcesAffected.s3Object.key",
                                CriterionAdditionalProperties.builder().eq("hr/").build()))));
    assertThat(prefix.findingIds()).isEmpty();
  }

  @Test
  void loadedIndexReportsNoFailuresAndCurrentResultsOnlyForTheRightObject() {
    MacieFindingsIndex idx = (MacieFindingsIndex) load(MacieMode.ADVISORY);
    assertThat(idx.failures()).isEmpty();
    assertThat(idx.forObject(item("in/unknown.txt", "x")))
        .isEqualTo(new MacieEvidence(List.of(), List.of(), Optional.empty(), List.of()));
  }
}
