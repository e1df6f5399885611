package dev.sluice.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.ConflictException;
import software.amazon.awssdk.services.macie2.model.CriterionAdditionalProperties;
import software.amazon.awssdk.services.macie2.model.CustomDataIdentifierSummary;
import software.amazon.awssdk.services.macie2.model.Finding;
import software.amazon.awssdk.services.macie2.model.FindingCriteria;
import software.amazon.awssdk.services.macie2.model.GetCustomDataIdentifierResponse;
import software.amazon.awssdk.services.macie2.model.InternalServerException;
import software.amazon.awssdk.services.macie2.model.ListFindingsResponse;
import software.amazon.awssdk.services.macie2.model.Occurrences;
import software.amazon.awssdk.services.macie2.model.OrderBy;
import software.amazon.awssdk.services.macie2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.macie2.model.SensitiveDataItemCategory;
import software.amazon.awssdk.services.macie2.model.ValidationException;

class MacieEmulatorTest {

  static final String NOTES_TXT = "4f0c2a9e8b7d6c5a4f3e2d1c0b9a8f7e";
  static final String LEASE_PDF = "9a1b2c3d4e5f60718293a4b5c6d7e8f0";
  static final String CARDS_XLSX = "b7e6d5c4b3a291807f6e5d4c3b2a1908";
  static final String CONTACTS_JSONL = "c0ffee00c0ffee00c0ffee00c0ffee01";
  static final String ARCHIVED_KEY = "d15ab1ed0a5c41e7d15ab1ed0a5c41e7";
  static final String EMPLOYEES_CSV = "e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0";

  MacieEmulator macie;
  Macie2Client client;

  @BeforeEach
  void start() throws URISyntaxException {
    macie = MacieEmulator.start();
    macie.loadFindings(fixtures());
    client =
        Macie2Client.builder()
            .endpointOverride(macie.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    macie.close();
  }

  static Path fixtures() throws URISyntaxException {
    return Path.of(MacieEmulatorTest.class.getResource("/macie/findings").toURI());
  }

  static FindingCriteria criteria(Map<String, CriterionAdditionalProperties> criterion) {
    return FindingCriteria.builder().criterion(criterion).build();
  }

  static CriterionAdditionalProperties eq(String... values) {
    return CriterionAdditionalProperties.builder().eq(values).build();
  }

  List<String> ids(FindingCriteria criteria) {
    return client.listFindings(r -> r.findingCriteria(criteria)).findingIds();
  }

  @Test
  void loadsEveryFindingOfTheFixtureDirectoryInAllThreeFileShapes() {
    assertThat(macie.findingCount()).isEqualTo(6);
  }

  @Test
  void listFindingsLeavesArchivedOutUnlessAsked() {
    assertThat(client.listFindings(r -> r.maxResults(50)).findingIds())
        .containsExactly(NOTES_TXT, LEASE_PDF, CARDS_XLSX, CONTACTS_JSONL, EMPLOYEES_CSV);
    assertThat(ids(criteria(Map.of("archived", eq("true"))))).containsExactly(ARCHIVED_KEY);
  }

  @Test
  void filtersByBucketAndObjectKey() {
    assertThat(
            ids(
                criteria(
                    Map.of(
                        "resourcesAffected.s3Bucket.name", eq("raw-docs"),
                        "resourcesAffected.s3Object.key", eq("in/notes.txt")))))
        .containsExactly(NOTES_TXT);
    assertThat(
            ids(
                criteria(
                    Map.of(
                        "resourcesAffected.s3Object.key", eq("in/notes.txt"),
                        "archived", eq("true", "false")))))
        .containsExactlyInAnyOrder(NOTES_TXT, ARCHIVED_KEY);
    assertThat(ids(criteria(Map.of("resourcesAffected.s3Bucket.name", eq("hr-exports")))))
        .containsExactly(EMPLOYEES_CSV);
    assertThat(ids(criteria(Map.of("resourcesAffected.s3Bucket.name", eq("Raw-Docs")))))
        .as("values are case-sensitive")
        .isEmpty();
  }

  @Test
  void filtersByTypeCategorySeverityJobAndDetectionType() {
    assertThat(ids(criteria(Map.of("type", eq("SensitiveData:S3Object/Personal")))))
        .containsExactly(LEASE_PDF, CONTACTS_JSONL);
    assertThat(
            ids(
                criteria(
                    Map.of(
                        "severity.description",
                        CriterionAdditionalProperties.builder().neq("High").build()))))
        .containsExactly(LEASE_PDF, CONTACTS_JSONL);
    assertThat(
            ids(
                criteria(
                    Map.of("classificationDetails.jobId", eq("8df4fca1eccfdae45d8b936a21f1882d")))))
        .containsExactly(NOTES_TXT, LEASE_PDF, CARDS_XLSX, EMPLOYEES_CSV);
    assertThat(
            ids(
                criteria(
                    Map.of("sensitiveData.detections.type", eq("USA_SOCIAL_SECURITY_NUMBER")))))
        .containsExactly(NOTES_TXT, EMPLOYEES_CSV);
    assertThat(
            ids(
                criteria(
                    Map.of(
                        "sensitiveData.detections.type",
                        CriterionAdditionalProperties.builder()
                            .eqExactMatch("NAME", "DATE_OF_BIRTH")
                            .build()))))
        .as("eqExactMatch needs exactly that set")
        .containsExactly(LEASE_PDF);
    assertThat(ids(criteria(Map.of("category", eq("CLASSIFICATION"))))).hasSize(5);
  }

  @Test
  void createdAtComparesAsEpochMillis() {
    long june3 = Instant.parse("2025-06-03T07:45:00.000Z").toEpochMilli();

    assertThat(
            ids(
                criteria(
                    Map.of(
                        "createdAt", CriterionAdditionalProperties.builder().gte(june3).build()))))
        .containsExactly(CARDS_XLSX, CONTACTS_JSONL, EMPLOYEES_CSV);
    assertThat(
            ids(
                criteria(
                    Map.of(
                        "createdAt",
                        CriterionAdditionalProperties.builder()
                            .gt(june3)
                            .lt(june3 + 2 * 86_400_000L)
                            .build()))))
        .containsExactly(CONTACTS_JSONL);
  }

  @Test
  void sortCriteriaOrdersByCreatedAtDescending() {
    List<String> ids =
        client
            .listFindings(
                r -> r.sortCriteria(s -> s.attributeName("createdAt").orderBy(OrderBy.DESC)))
            .findingIds();

    assertThat(ids)
        .containsExactly(EMPLOYEES_CSV, CONTACTS_JSONL, CARDS_XLSX, LEASE_PDF, NOTES_TXT);
  }

  @Test
  void getFindingsReturnsFindingsThatTheSdkParsesWithEveryOccurrenceKind() {
    List<Finding> found =
        client
            .getFindings(
                r ->
                    r.findingIds(
                        NOTES_TXT,
                        LEASE_PDF,
                        CARDS_XLSX,
                        CONTACTS_JSONL,
                        EMPLOYEES_CSV,
                        "unknown-id"))
            .findings();
    Map<String, Finding> byId = found.stream().collect(Collectors.toMap(Finding::id, f -> f));

    assertThat(byId).hasSize(5).doesNotContainKey("unknown-id");
    Finding notes = byId.get(NOTES_TXT);
    assertThat(notes.resourcesAffected().s3Object().key()).isEqualTo("in/notes.txt");
    assertThat(notes.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:15:30.123Z"));
    assertThat(notes.severity().score()).isEqualTo(3L);
    assertThat(notes.classificationDetails().result().sensitiveData())
        .extracting(s -> s.category())
        .containsExactly(
            SensitiveDataItemCategory.CREDENTIALS, SensitiveDataItemCategory.PERSONAL_INFORMATION);
    Occurrences ssn =
        notes
            .classificationDetails()
            .result()
            .sensitiveData()
            .get(1)
            .detections()
            .get(0)
            .occurrences();
    assertThat(ssn.lineRanges()).extracting(r -> r.start(), r -> r.startColumn()).hasSize(2);
    assertThat(ssn.lineRanges().get(1).start()).isEqualTo(9L);
    assertThat(
            notes
                .classificationDetails()
                .result()
                .customDataIdentifiers()
                .detections()
                .get(0)
                .name())
        .isEqualTo("EmployeeId");

    Occurrences pdf =
        byId.get(LEASE_PDF)
            .classificationDetails()
            .result()
            .sensitiveData()
            .get(0)
            .detections()
            .get(0)
            .occurrences();
    assertThat(pdf.pages()).extracting(p -> p.pageNumber()).containsExactly(1L, 4L);
    Occurrences xlsx =
        byId.get(CARDS_XLSX)
            .classificationDetails()
            .result()
            .sensitiveData()
            .get(0)
            .detections()
            .get(0)
            .occurrences();
    assertThat(xlsx.cells().get(2).cellReference()).isEqualTo("Sheet2!B2");
    Occurrences jsonl =
        byId.get(CONTACTS_JSONL)
            .classificationDetails()
            .result()
            .sensitiveData()
            .get(0)
            .detections()
            .get(0)
            .occurrences();
    assertThat(jsonl.records()).extracting(r -> r.recordIndex()).containsExactly(0L, 3L);
    assertThat(byId.get(CONTACTS_JSONL).classificationDetails().jobId()).isNull();
    assertThat(
            byId.get(EMPLOYEES_CSV)
                .classificationDetails()
                .result()
                .sensitiveData()
                .get(0)
                .detections()
                .get(0)
                .occurrences()
                .cells()
                .get(0)
                .cellReference())
        .isNull();
  }

  @Test
  void pagesOfFiftyCoverOneHundredTwentyFindingsThroughTheSdkPaginator() {
    for (int i = 0; i < 120; i++) {
      macie.addFinding(
          "{\"id\":\"page%03d\",\"archived\":false,\"createdAt\":\"2025-07-01T00:00:00.000Z\",\"resourcesAffected\":{\"s3Bucket\":{\"name\":\"paged\"}}}"
              .formatted(i));
    }
    long before = macie.requestCount();

    List<ListFindingsResponse> pages =
        client
            .listFindingsPaginator(
                r ->
                    r.maxResults(50)
                        .findingCriteria(
                            criteria(Map.of("resourcesAffected.s3Bucket.name", eq("paged")))))
            .stream()
            .toList();

    assertThat(pages).extracting(p -> p.findingIds().size()).containsExactly(50, 50, 20);
    List<String> all = new ArrayList<>();
    pages.forEach(p -> all.addAll(p.findingIds()));
    assertThat(all)
        .containsExactlyElementsOf(
            IntStream.range(0, 120).mapToObj(i -> "page%03d".formatted(i)).toList());
    assertThat(macie.requestCount() - before).isEqualTo(3);
  }

  @Test
  void maxResultsAboveFiftyAndForeignTokensAreRejected() {
    assertThatThrownBy(() -> client.listFindings(r -> r.maxResults(51)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults");
    assertThatThrownBy(() -> client.listFindings(r -> r.nextToken("bm90LWEtdG9rZW4")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nextToken");
  }

  @Test
  void moreThanFiftyEqValuesIsAValidationError() {
    assertThatThrownBy(
            () ->
                client.listFindings(
                    r ->
                        r.findingCriteria(
                            criteria(
                                Map.of(
                                    "type",
                                    CriterionAdditionalProperties.builder()
                                        .eq(
                                            new ArrayList<>(
                                                IntStream.range(0, 51)
                                                    .mapToObj(Integer::toString)
                                                    .toList()))
                                        .build())))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 50 values");
  }

  @Test
  void throttledRequestsSucceedThroughTheSdkRetry() {
    long before = macie.requestCount();
    macie.throttleNext(2);

    List<String> ids = client.listFindings(r -> r.maxResults(50)).findingIds();

    assertThat(ids).hasSize(5);
    assertThat(macie.requestCount() - before).as("two 429s then success").isEqualTo(3);
  }

  @Test
  void downEmulatorAnswersInternalServerErrorUntilUp() {
    macie.setDown(true);
    assertThatThrownBy(() -> client.listFindings(r -> r.maxResults(1)))
        .isInstanceOf(InternalServerException.class);

    macie.setDown(false);
    assertThat(client.listFindings(r -> r.maxResults(1)).findingIds()).hasSize(1);
  }

  @Test
  void getFindingsWithFiftyOneIdsIsAValidationError() {
    List<String> ids = IntStream.range(0, 51).mapToObj(i -> "id" + i).toList();

    assertThatThrownBy(() -> client.getFindings(r -> r.findingIds(ids)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 50");
    assertThat(client.getFindings(r -> r.findingIds(ids.subList(0, 50))).findings()).isEmpty();
  }

  @Test
  void customIdentifierCreateIsIdempotentPerClientToken() {
    String first =
        client
            .createCustomDataIdentifier(
                r ->
                    r.name("EmployeeId")
                        .regex("EMP-\\d{6}")
                        .keywords("employee", "staff id")
                        .maximumMatchDistance(30)
                        .clientToken("token-1"))
            .customDataIdentifierId();
    String again =
        client
            .createCustomDataIdentifier(
                r ->
                    r.name("EmployeeId")
                        .regex("EMP-\\d{6}")
                        .keywords("employee", "staff id")
                        .maximumMatchDistance(30)
                        .clientToken("token-1"))
            .customDataIdentifierId();
    String other =
        client
            .createCustomDataIdentifier(
                r -> r.name("EmployeeId").regex("EMP-\\d{6}").clientToken("token-2"))
            .customDataIdentifierId();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThatThrownBy(
            () ->
                client.createCustomDataIdentifier(
                    r -> r.name("Changed").regex("X").clientToken("token-1")))
        .isInstanceOf(ConflictException.class);

    GetCustomDataIdentifierResponse got = client.getCustomDataIdentifier(r -> r.id(first));
    assertThat(got.regex()).isEqualTo("EMP-\\d{6}");
    assertThat(got.keywords()).containsExactly("employee", "staff id");
    assertThat(got.maximumMatchDistance()).isEqualTo(30);
    assertThat(got.arn())
        .isEqualTo("arn:aws:macie2:us-east-1:111122223333:custom-data-identifier/" + first);
    assertThat(client.listCustomDataIdentifiers(r -> r.maxResults(10)).items())
        .extracting(CustomDataIdentifierSummary::id)
        .containsExactly(first, other);
    var batch = client.batchGetCustomDataIdentifiers(r -> r.ids(first, "missing"));
    assertThat(batch.customDataIdentifiers()).extracting(c -> c.id()).containsExactly(first);
    assertThat(batch.notFoundIdentifierIds()).containsExactly("missing");
    assertThatThrownBy(() -> client.getCustomDataIdentifier(r -> r.id("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deletedCustomIdentifierLeavesTheListButStaysVisibleAsDeleted() {
    String id =
        client
            .createCustomDataIdentifier(r -> r.name("Ticket").regex("TCK-\\d{5}"))
            .customDataIdentifierId();

    client.deleteCustomDataIdentifier(r -> r.id(id));

    assertThat(client.listCustomDataIdentifiers(r -> r.maxResults(10)).items()).isEmpty();
    assertThat(client.batchGetCustomDataIdentifiers(r -> r.ids(id)).customDataIdentifiers())
        .singleElement()
        .satisfies(c -> assertThat(c.deleted()).isTrue());
    assertThatThrownBy(() -> client.deleteCustomDataIdentifier(r -> r.id(id)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void customIdentifierFieldLimitViolationNamesTheField() {
    assertThatThrownBy(
            () -> client.createCustomDataIdentifier(r -> r.name("x".repeat(129)).regex("a")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("name must be 1 to 128 characters, got 129");
    assertThatThrownBy(
            () ->
                client.createCustomDataIdentifier(
                    r -> r.name("ok").regex("a").keywords("employee", "id")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("keywords[1] must be 3 to 90 characters");
    assertThatThrownBy(
            () ->
                client.createCustomDataIdentifier(r -> r.name("ok").regex("a").ignoreWords("abc")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("ignoreWords[0] must be 4 to 90 characters");
    assertThatThrownBy(
            () ->
                client.createCustomDataIdentifier(
                    r -> r.name("ok").regex("a").maximumMatchDistance(301)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("maximumMatchDistance");
    assertThatThrownBy(
            () -> client.createCustomDataIdentifier(r -> r.name("ok").regex("a".repeat(513))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("regex must be 1 to 512 characters");
    assertThatThrownBy(
            () ->
                client.createCustomDataIdentifier(
                    r ->
                        r.name("ok")
                            .regex("a")
                            .keywords(IntStream.range(0, 51).mapToObj(i -> "kw" + i).toList())))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("keywords must hold at most 50 entries");
  }

  @Test
  void badFileInADirectoryNamesFileAndIndexAndAddsNothing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-good.json"), "[{\"id\":\"good1\"}]");
    Files.writeString(dir.resolve("b-bad.json"), "[{\"id\":\"good2\"},{\"id\":\"bad id!\"}]");
    Files.writeString(dir.resolve("ignored.txt"), "not json");

    assertThatThrownBy(() -> macie.loadFindings(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b-bad.json finding #1");
    assertThat(macie.findingCount()).isEqualTo(6);

    Files.delete(dir.resolve("b-bad.json"));
    assertThat(macie.loadFindings(dir)).isEqualTo(1);
    assertThat(macie.findingCount()).isEqualTo(7);
  }

  @Test
  void badFixturesAreRejectedNamingTheFinding() {
    assertThatThrownBy(() -> macie.addFinding("{\"title\":\"no id\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id must be");
    assertThatThrownBy(() -> macie.addFinding("{\"id\":\"x1\",\"createdAt\":\"yesterday\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("createdAt");
    assertThat(macie.findingCount()).isEqualTo(6);
  }
}
