package dev.sluice.ingest.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.macie.CustomIdentifierExport.PushResult;
import dev.sluice.ingest.macie.CustomIdentifierExport.PushStatus;
import dev.sluice.localaws.MacieEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.macie2.Macie2Client;

/** Export of our custom identifiers as Macie requests, and idempotent push to the emulator. */
class CustomIdentifierExportTest {
  static final ObjectMapper JSON = new ObjectMapper();
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
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    macie.close();
  }

  static Path definitions() throws Exception {
    return Path.of(
        CustomIdentifierExportTest.class.getResource("/macie/custom-identifiers.json").toURI());
  }

  static List<String> liveNames() {
    List<String> names = new ArrayList<>();
    client.listCustomDataIdentifiersPaginator(r -> {}).items().forEach(s -> names.add(s.name()));
    return names;
  }

  @Test
  void definitionsBecomeCreateRequestsWithStableTokensAndNonCapturingGroups() throws Exception {
    List<ObjectNode> reqs = CustomIdentifierExport.requests(definitions());
    assertThat(reqs).hasSize(2);
    ObjectNode emp = reqs.get(0);
    assertThat(emp.get("name").asText()).isEqualTo("EMPLOYEE_ID");
    assertThat(emp.get("regex").asText()).isEqualTo("EMP-(?:\\d{6})");
    assertThat(emp.get("maximumMatchDistance").asInt()).isEqualTo(40);
    assertThat(emp.get("keywords")).hasSize(2);
    assertThat(emp.get("severityLevels").get(1).get("severity").asText()).isEqualTo("HIGH");
    assertThat(emp.get("clientToken").asText()).matches("[0-9a-f]{64}");
    assertThat(reqs.get(1).get("regex").asText()).isEqualTo("(?i)project (?:falcon|heron)");
    assertThat(reqs.get(1).get("maximumMatchDistance").asInt()).isEqualTo(50);

    // same definition, same token; any change, another token
    assertThat(CustomIdentifierExport.requests(definitions()).get(0).get("clientToken"))
        .isEqualTo(emp.get("clientToken"));
    JsonNode changed = JSON.readTree(Files.readAllBytes(definitions()));
    ((ObjectNode) changed.get(0)).put("maximumMatchDistance", 41);
    assertThat(CustomIdentifierExport.requests(changed).get(0).get("clientToken"))
        .isNotEqualTo(emp.get("clientToken"));
  }

  @Test
  void theSampleDataDefinitionsExportWithTheirTags() throws Exception {
    Path sample = Path.of("../sample-data/config/custom-identifiers.json");
    List<ObjectNode> reqs = CustomIdentifierExport.requests(sample);
    assertThat(reqs).extracting(r -> r.get("name").asText()).contains("EmployeeId");
    assertThat(reqs.get(0).get("tags").get("owner").asText()).isEqualTo("hr");
    assertThat(reqs).allMatch(r -> r.get("regex").asText().length() <= 512);
  }

  @Test
  void everyProblemIsNamedWithItsIdentifierAndField() throws Exception {
    String bad =
        "[{\"name\":\"A\",\"regex\":\"(?<=x)y\"},"
            + "{\"name\":\"B\",\"regex\":\"(a)\\\\1\"},"
            + "{\"name\":\"C\",\"regex\":\"x\",\"keywords\":[\"ab\"],\"maximumMatchDistance\":301},"
            + "{\"name\":\"D\",\"regex\":\""
            + "a".repeat(513)
            + "\"},"
            + "{\"name\":\"E\",\"regex\":\"(?m)^x\"},"
            + "{\"name\":\"A\",\"regex\":\"x\",\"severityLevels\":[{\"occurrencesThreshold\":5,"
            + "\"severity\":\"HIGH\"},{\"occurrencesThreshold\":1,\"severity\":\"LOW\"}]},"
            + "{\"regex\":\"[\"}]";
    assertThatThrownBy(() -> CustomIdentifierExport.requests(JSON.readTree(bad)))
        .isInstanceOf(CustomIdentifierExport.InvalidDefinitionException.class)
        .hasMessage(
            String.join(
                "\n",
                "custom identifier #0 'A': regex: lookaround is not supported by Macie",
                "custom identifier #1 'B': regex: backreferences are not supported by Macie",
                "custom identifier #2 'C': keywords[0]: a string of 3 to 90 UTF-8 bytes",
                "custom identifier #2 'C': maximumMatchDistance: must be an integer from 1 to 300",
                "custom identifier #3 'D': regex: at most 512 characters, got 513",
                "custom identifier #4 'E': regex: only the inline flag (?i) is supported by Macie",
                "custom identifier #5 'A': name: duplicate",
                "custom identifier #5 'A': severityLevels: list LOW, MEDIUM, HIGH in order with"
                    + " rising thresholds",
                "custom identifier #6: name: required",
                "custom identifier #6: regex: does not compile (Unclosed character class)"));
  }

  @Test
  void pushCreatesOnceThenFindsThemByNameAndFlagsChangedDefinitions(@TempDir Path tmp)
      throws Exception {
    List<ObjectNode> reqs = CustomIdentifierExport.requests(definitions());
    List<PushResult> first = CustomIdentifierExport.push(client, reqs);
    assertThat(first).extracting(PushResult::status).containsOnly(PushStatus.CREATED);
    assertThat(liveNames()).containsExactlyInAnyOrder("EMPLOYEE_ID", "PROJECT_CODENAME");

    List<PushResult> second = CustomIdentifierExport.push(client, reqs);
    assertThat(second).extracting(PushResult::status).containsOnly(PushStatus.EXISTS);
    assertThat(second)
        .extracting(PushResult::id)
        .isEqualTo(first.stream().map(PushResult::id).toList());
    assertThat(liveNames()).hasSize(2);

    // the token alone makes a retried create idempotent too
    ObjectNode emp = reqs.get(0);
    String again =
        client
            .createCustomDataIdentifier(
                r ->
                    r.name(emp.get("name").asText())
                        .regex(emp.get("regex").asText())
                        .keywords("employee id", "staff no")
                        .ignoreWords("EMP-000000")
                        .maximumMatchDistance(40)
                        .severityLevels(
                            l -> l.occurrencesThreshold(1L).severity("MEDIUM"),
                            l -> l.occurrencesThreshold(50L).severity("HIGH"))
                        .description("Internal employee numbers")
                        .clientToken(emp.get("clientToken").asText()))
            .customDataIdentifierId();
    assertThat(again).isEqualTo(first.get(0).id());

    JsonNode changed = JSON.readTree(Files.readAllBytes(definitions()));
    ((ObjectNode) changed.get(0)).put("regex", "EMP-\\d{7}");
    List<PushResult> third =
        CustomIdentifierExport.push(client, CustomIdentifierExport.requests(changed));
    assertThat(third.get(0).status()).isEqualTo(PushStatus.CONFLICT);
    assertThat(liveNames()).hasSize(2);

    // the state maps Macie ids back to our names
    Path state = tmp.resolve("state.json");
    Files.writeString(state, CustomIdentifierExport.state(first).toString());
    CustomIdentifierNames names = CustomIdentifierNames.read(state);
    assertThat(names.resolve(first.get(0).id(), "whatever")).isEqualTo("EMPLOYEE_ID");
    assertThat(
            names.resolve(
                "arn:aws:macie2:us-east-1:111122223333:custom-data-identifier/" + first.get(1).id(),
                null))
        .isEqualTo("PROJECT_CODENAME");
    assertThat(names.resolve("unknown-id", "TheirName")).isEqualTo("TheirName");
    assertThat(CustomIdentifierNames.read(tmp.resolve("missing.json")).size()).isZero();
  }
}
