package dev.sluice.app.macie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import dev.sluice.localaws.MacieEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Given a raw bucket whose documents our engine passes, and Macie (emulator) findings and discovery
 * results about them, when jobs run through the CLI in each Macie mode, then: advisory mode holds
 * back what Macie flags and reports stale findings; required mode with Macie down approves nothing
 * and says why; required mode approves a clean document only with a current COMPLETE discovery
 * result; our custom identifiers are pushed to Macie idempotently and Macie's detections of them
 * come back under our name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MacieJobIT {
  static final String RAW = "raw-docs";
  static final String CURATED = "curated";
  static final String RESULTS = "macie-results";
  static final String KEY_ID = "1d1e2f30-0000-4000-8000-0000000000cc";
  static final String DATE = "2026-02-01";
  static final String DISCOVERY_PREFIX =
      "AWSLogs/111122223333/Macie/us-east-1/8df4fca1eccfdae45d8b936a21f1882d/";
  static final ObjectMapper JSON = new ObjectMapper();

  static final String FAQ = "public/faq.txt";
  static final String MINUTES = "public/minutes.txt";
  static final String OLD = "public/old.txt";
  static final String ROSTER = "public/roster.txt";

  static LocalAws aws;
  static S3Client s3;
  static MacieEmulator macie;
  static Map<String, String> etags = new HashMap<>();
  static String employeeIdentifierId;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(RAW)
                .bucket(CURATED)
                .bucket(RESULTS)
                .kmsKey("alias/macie-it", KEY_ID)
                .build());
    s3 =
        AwsClients.s3(
            AwsSettings.local(
                aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()));
    macie = aws.macie();
    put(FAQ, "How do I reset my password? Use the self-service portal.\n");
    put(MINUTES, "Minutes of the weekly sync.\nThe roadmap was presented and approved.\n");
    put(OLD, "Release notes: search is faster in version 4.2.\n");
    put(ROSTER, "Team roster for the spring offsite.\n");
  }

  static void put(String key, String text) {
    s3.putObject(r -> r.bucket(RAW).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    // S3Mock's ETag for a simple PUT is the hex MD5 of the bytes, as on S3
    etags.put(key, s3.headObject(r -> r.bucket(RAW).key(key)).eTag().replace("\"", ""));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> flags() {
    List<String> f = new ArrayList<>();
    f.add("--sluice.aws.region=" + aws.region());
    f.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
    f.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
    f.add("--sluice.aws.macie-endpoint=" + aws.macieEndpoint());
    f.add("--sluice.aws.path-style=true");
    f.add("--sluice.aws.access-key=it");
    f.add("--sluice.aws.secret-key=it");
    f.add("--sluice.dataset.name=kb");
    f.add("--sluice.dataset.bucket=" + CURATED);
    f.add("--sluice.dataset.kms-key-id=" + KEY_ID);
    f.add("--sluice.data-dir=" + tmp.resolve("data"));
    f.add("--sluice.output-dir=" + tmp.resolve("out"));
    f.add("--sluice.job.threads=1");
    return f;
  }

  static Run job(String command, String runId, String macieMode, String... extra) {
    List<String> a = new ArrayList<>(List.of(command, "s3://" + RAW + "/public/"));
    a.addAll(List.of("--run-id", runId, "--date", DATE, "--macie", macieMode));
    a.addAll(List.of(extra));
    a.addAll(flags());
    return cli(a.toArray(String[]::new));
  }

  static JsonNode report(String runId) throws IOException {
    return JSON.readTree(
        tmp.resolve("out").resolve("reports").resolve(runId).resolve("report.json").toFile());
  }

  static Map<String, JsonNode> documents(JsonNode report) {
    Map<String, JsonNode> out = new HashMap<>();
    report.get("documents").forEach(d -> out.put(d.get("source").asText(), d));
    return out;
  }

  static String uri(String key) {
    return "s3://" + RAW + "/" + key;
  }

  static List<String> reasons(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("reasons").forEach(r -> out.add(r.asText()));
    return out;
  }

  static List<String> curatedSources(String runId) throws IOException {
    List<String> sources = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(CURATED).prefix("kb/")).contents()) {
      if (o.key().contains("/run=" + runId + "/") && o.key().endsWith(".jsonl.gz")) {
        byte[] gz = s3.getObjectAsBytes(r -> r.bucket(CURATED).key(o.key())).asByteArray();
        String text =
            new String(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))
                    .readAllBytes(),
                StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          if (!line.isBlank()) {
            sources.add(JSON.readTree(line).path("source").path("uri").asText());
          }
        }
      }
    }
    return sources;
  }

  /** A finding in the macie2 GetFindings shape (macie.md section 5), about {@code key}. */
  static ObjectNode finding(String id, String key, String eTag) throws IOException {
    ObjectNode f =
        (ObjectNode)
            JSON.readTree(MacieJobIT.class.getResourceAsStream("/macie/finding-template.json"));
    f.put("id", id);
    ObjectNode o = (ObjectNode) f.path("resourcesAffected").path("s3Object");
    o.put("key", key).put("path", RAW + "/" + key).put("eTag", eTag).put("size", 60);
    ObjectNode result = (ObjectNode) f.path("classificationDetails").path("result");
    result.putArray("sensitiveData");
    result.putObject("customDataIdentifiers").put("totalCount", 0).putArray("detections");
    return f;
  }

  static void addName(ObjectNode finding, int line, int column) {
    ArrayNode sd =
        (ArrayNode) finding.path("classificationDetails").path("result").path("sensitiveData");
    ObjectNode d =
        sd.addObject()
            .put("category", "PERSONAL_INFORMATION")
            .put("totalCount", 1)
            .putArray("detections")
            .addObject();
    d.put("type", "NAME").put("count", 1);
    d.putObject("occurrences")
        .putArray("lineRanges")
        .addObject()
        .put("start", line)
        .put("end", line)
        .put("startColumn", column);
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  @Order(1)
  void customIdentifiersAreExportedAndPushedToMacieIdempotently() throws Exception {
    Path defs = Path.of(MacieJobIT.class.getResource("/macie/custom-identifiers.json").toURI());

    Run export = cli("identifiers", "export", defs.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(SluiceCli.OK);
    JsonNode requests = JSON.readTree(export.out());
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("name").asText()).isEqualTo("EMPLOYEE_ID");
    assertThat(requests.get(0).get("clientToken").asText()).hasSize(64);

    List<String> push = new ArrayList<>(List.of("identifiers", "push", defs.toString()));
    push.addAll(flags());
    Run first = cli(push.toArray(String[]::new));
    assertThat(first.code()).as(first.out() + first.err()).isEqualTo(SluiceCli.OK);
    assertThat(first.out()).contains("2 created, 0 already present");
    Run second = cli(push.toArray(String[]::new));
    assertThat(second.code()).as(second.out() + second.err()).isEqualTo(SluiceCli.OK);
    assertThat(second.out()).contains("0 created, 2 already present");

    try (var client =
        AwsClients.macie(
            AwsSettings.local(
                aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()))) {
      var items = client.listCustomDataIdentifiers(r -> {}).items();
      assertThat(items).hasSize(2);
      employeeIdentifierId =
          items.stream().filter(i -> i.name().equals("EMPLOYEE_ID")).findFirst().orElseThrow().id();
    }
    JsonNode state =
        JSON.readTree(tmp.resolve("data").resolve("macie-custom-identifiers.json").toFile());
    assertThat(state.get("identifiers").toString()).contains(employeeIdentifierId);

    // Macie down: a clear error, exit 1, the state is left as it was
    macie.setDown(true);
    try {
      Run down = cli(push.toArray(String[]::new));
      assertThat(down.code()).isEqualTo(SluiceCli.FAILED);
      assertThat(down.err())
          .contains("sluice: Macie: InternalServerException (HTTP 500); nothing recorded");
    } finally {
      macie.setDown(false);
    }
    assertThat(JSON.readTree(tmp.resolve("data").resolve("macie-custom-identifiers.json").toFile()))
        .isEqualTo(state);
  }

  @Test
  @Order(2)
  void advisoryModeHoldsBackWhatMacieFlagsAndReportsStaleFindings() throws Exception {
    // Macie saw a NAME (its models find names our engine does not) in the exact version we ingest
    ObjectNode minutes = finding("a0000000000000000000000000000001", MINUTES, etags.get(MINUTES));
    addName(minutes, 2, 5);
    macie.addFinding(minutes.toString());
    // and one of our custom identifiers, named by its bare id, in the roster
    ObjectNode roster = finding("a0000000000000000000000000000003", ROSTER, etags.get(ROSTER));
    ObjectNode cdi =
        ((ArrayNode)
                roster
                    .path("classificationDetails")
                    .path("result")
                    .path("customDataIdentifiers")
                    .path("detections"))
            .addObject();
    cdi.put("arn", employeeIdentifierId).put("name", "legacy-name").put("count", 1);
    cdi.putObject("occurrences")
        .putArray("lineRanges")
        .addObject()
        .put("start", 1)
        .put("end", 1)
        .put("startColumn", 3);
    macie.addFinding(roster.toString());
    // a finding about an older version of old.txt
    ObjectNode stale =
        finding("a0000000000000000000000000000002", OLD, "0123456789abcdef0123456789abcdef");
    addName(stale, 1, 1);
    macie.addFinding(stale.toString());

    Run run = job("ingest", "adv-1", "advisory");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    Map<String, JsonNode> docs = documents(report("adv-1"));
    assertThat(docs.get(uri(FAQ)).get("decision").asText()).isEqualTo("APPROVE");
    JsonNode m = docs.get(uri(MINUTES));
    assertThat(m.get("decision").asText()).isEqualTo("QUARANTINE");
    assertThat(reasons(m)).anyMatch(r -> r.startsWith("macie-only-evidence->QUARANTINE"));
    assertThat(m.get("macieFindings").toString()).contains("a0000000000000000000000000000001");
    Map<String, JsonNode> evidence = new HashMap<>();
    m.get("evidence").forEach(e -> evidence.put(e.get("type").asText(), e));
    assertThat(evidence.get("NAME").get("sources").toString()).isEqualTo("[\"MACIE\"]");
    assertThat(evidence.get("NAME").get("where").asText()).isEqualTo("lines 2-2 col 5");
    assertThat(evidence).containsOnlyKeys("NAME");
    // the same evidence, with who found it, in documents.csv and in `sluice lineage`
    java.nio.file.Path csv =
        tmp.resolve("out").resolve("reports").resolve("adv-1").resolve("documents.csv");
    assertThat(java.nio.file.Files.readAllLines(csv))
        .anyMatch(l -> l.startsWith(uri(MINUTES) + ",") && l.contains("[MACIE]@lines 2-2 col 5"));
    List<String> lineageArgs = new ArrayList<>(List.of("lineage", uri(MINUTES)));
    lineageArgs.addAll(flags());
    Run lineage = cli(lineageArgs.toArray(String[]::new));
    assertThat(lineage.code()).as(lineage.err()).isEqualTo(SluiceCli.OK);
    assertThat(lineage.out()).contains("evidence NAME=").contains("[MACIE]@lines 2-2 col 5");

    // Macie's detection by id comes back under our custom identifier's name
    JsonNode ros = docs.get(uri(ROSTER));
    assertThat(ros.get("decision").asText()).isEqualTo("QUARANTINE");
    assertThat(ros.get("evidence").get(0).get("type").asText()).isEqualTo("EMPLOYEE_ID");
    assertThat(ros.get("evidence").get(0).get("where").asText()).isEqualTo("lines 1-1 col 3");
    assertThat(reasons(ros))
        .contains("custom-and-deny-terms->QUARANTINE (EMPLOYEE_ID x1 by [MACIE])");

    JsonNode old = docs.get(uri(OLD));
    assertThat(old.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(old.get("staleMacieFindings").toString())
        .contains("a0000000000000000000000000000002");
    assertThat(reasons(old))
        .anyMatch(
            r ->
                r.startsWith("warning: stale Macie finding a0000000000000000000000000000002")
                    && r.contains("not used"));

    assertThat(curatedSources("adv-1")).containsExactlyInAnyOrder(uri(FAQ), uri(OLD));
  }

  @Test
  @Order(3)
  void advisoryModeWithMacieDownWarnsInTheReport() throws Exception {
    macie.setDown(true);
    try {
      Run run = job("classify", "adv-down", "advisory");
      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.OK);
      JsonNode report = report("adv-down");
      assertThat(report.get("warnings").get(0).get("warning").asText())
          .startsWith("Macie findings API unreachable: InternalServerException (HTTP 500)");
      assertThat(report.get("warnings").get(0).get("documents").asInt()).isEqualTo(4);
    } finally {
      macie.setDown(false);
    }
  }

  @Test
  @Order(4)
  void requiredModeWithMacieDownApprovesNothingAndSaysWhy() throws Exception {
    macie.setDown(true);
    try {
      Run run = job("ingest", "req-down", "required", "--force");
      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);
      Map<String, JsonNode> docs = documents(report("req-down"));
      assertThat(docs).hasSize(4);
      for (JsonNode d : docs.values()) {
        assertThat(d.get("decision").asText()).as(d.toString()).isEqualTo("QUARANTINE");
        assertThat(reasons(d))
            .anyMatch(
                r ->
                    r.startsWith("defaults.macieUnavailable->QUARANTINE")
                        && r.contains(
                            "Macie findings API unreachable: InternalServerException (HTTP 500)"));
      }
      assertThat(curatedSources("req-down")).isEmpty();
    } finally {
      macie.setDown(false);
    }
  }

  @Test
  @Order(5)
  void requiredModeApprovesACleanDocumentWithACurrentCompleteDiscoveryResult() throws Exception {
    // discovery results: JSON Lines, gzip, SSE-KMS, under AWSLogs/<account>/Macie/<region>/<job>/
    StringBuilder jsonl = new StringBuilder();
    ObjectNode clean = finding("d0000000000000000000000000000001", FAQ, etags.get(FAQ));
    jsonl.append(clean).append('\n');
    ObjectNode skipped = finding("d0000000000000000000000000000002", OLD, etags.get(OLD));
    ((ObjectNode) skipped.path("classificationDetails").path("result").path("status"))
        .put("code", "SKIPPED")
        .put("reason", "UNSUPPORTED_FILE_TYPE_EXCEPTION");
    jsonl.append(skipped).append('\n');
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
    s3.putObject(
        r ->
            r.bucket(RESULTS)
                .key(
                    DISCOVERY_PREFIX + "111122223333/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.jsonl.gz")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(KEY_ID),
        RequestBody.fromBytes(gz.toByteArray()));

    Run run =
        job(
            "ingest",
            "req-1",
            "required",
            "--force",
            "--sluice.macie.discovery-results=s3://" + RESULTS + "/AWSLogs/");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    Map<String, JsonNode> docs = documents(report("req-1"));
    assertThat(docs.get(uri(FAQ)).get("decision").asText()).isEqualTo("APPROVE");
    assertThat(docs.get(uri(FAQ)).get("macieFindings").toString())
        .contains("d0000000000000000000000000000001");
    // Macie's NAME finding still holds the minutes back
    assertThat(docs.get(uri(MINUTES)).get("decision").asText()).isEqualTo("QUARANTINE");
    // old.txt: a current SKIPPED result is not a result; the older finding is stale
    JsonNode old = docs.get(uri(OLD));
    assertThat(old.get("decision").asText()).isEqualTo("QUARANTINE");
    assertThat(reasons(old))
        .anyMatch(
            r ->
                r.startsWith("defaults.macieUnavailable->QUARANTINE")
                    && r.contains(
                        "Macie did not fully analyse this version:"
                            + " SKIPPED UNSUPPORTED_FILE_TYPE_EXCEPTION"));
    assertThat(curatedSources("req-1")).containsExactly(uri(FAQ));
  }

  @Test
  @Order(6)
  void requiredModeWithFindingsOnlyHasNoResultForCleanDocuments() throws Exception {
    Run run = job("classify", "req-nodr", "required");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);
    JsonNode faq = documents(report("req-nodr")).get(uri(FAQ));
    assertThat(faq.get("decision").asText()).isEqualTo("QUARANTINE");
    assertThat(reasons(faq))
        .anyMatch(
            r ->
                r.contains("no current Macie result for this version")
                    && r.contains("sluice.macie.discovery-results"));
  }
}
