package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Given a raw bucket of mixed documents with planted synthetic values, when the {@code ingest} job
 * runs against S3Mock and the KMS emulator, then only approved (and redacted) documents reach the
 * curated bucket, exactly once, SSE-KMS under the dataset key, each source has lineage, and no
 * planted value appears in logs, reports, lineage or the dataset.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobIT {
  static final String DATE = "2026-01-15";
  static final String CARD = luhnComplete("455673758689985"); // synthetic Visa, Luhn-valid
  static final String CARD2 = luhnComplete("510510510510511"); // synthetic Mastercard
  static final String EMAIL = "dana.quill@example-corp.test";

  /** Source key to the decision the default policy must give it. */
  static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static LocalStack stack;
  @TempDir static Path tmp;
  static Path dataDir;
  static Path outDir;

  @BeforeAll
  static void start() {
    stack = new LocalStack();
    dataDir = tmp.resolve("data");
    outDir = tmp.resolve("out");
    put(
        "public/faq.txt",
        DocumentWriters.txt("How do I reset my password? Use the portal."),
        "APPROVE");
    put(
        "public/guide.docx",
        DocumentWriters.docx("Guide", List.of("Install the agent.", "Restart the service.")),
        "APPROVE");
    put(
        "public/notes.html",
        DocumentWriters.html("Notes", List.of("Version 4.2 ships faster search.")),
        "APPROVE");
    put(
        "public/release.pdf",
        DocumentWriters.pdf("Release", List.of("Release 4.2 is available.")),
        "APPROVE");
    put(
        "support/ticket.txt",
        DocumentWriters.txt("Customer " + EMAIL + " cannot log in since Monday."),
        "REDACT");
    put(
        "finance/cards.csv",
        DocumentWriters.csv(List.of(List.of("name", "card"), List.of("order-1", CARD))),
        "REJECT");
    put(
        "finance/statement.pdf",
        DocumentWriters.pdf("Statement", List.of("Visa card number " + CARD2 + " was charged.")),
        "REJECT");
    put(
        "hr/offer.docx",
        DocumentWriters.docx("Offer", List.of("Reimburse to credit card " + CARD + ".")),
        "REJECT");
    put(
        "finance/broken.pdf",
        DocumentWriters.corruptPdf("Broken", List.of("Card " + CARD), 0.4),
        "QUARANTINE");
  }

  static void put(String key, byte[] bytes, String decision) {
    stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(bytes));
    EXPECTED.put(key, decision);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static TestCli.Run cli(String... args) {
    return TestCli.run(args);
  }

  static String[] args(String command, String runId, String keyId, String... extra) {
    List<String> a = new ArrayList<>(List.of(command, "s3://" + LocalStack.RAW + "/"));
    a.addAll(List.of("--run-id", runId, "--date", DATE));
    a.addAll(List.of(extra));
    a.addAll(stack.flags(dataDir.toString(), outDir.toString(), keyId));
    return a.toArray(String[]::new);
  }

  static String runPrefix(String runId) {
    return "support-kb/classification=internal/ingest_date=" + DATE + "/run=" + runId + "/";
  }

  @Test
  @Order(1)
  void ingestWritesApprovedDocumentsOnceUnderTheDatasetKeyAndRecordsLineage(CapturedOutput logs)
      throws Exception {
    TestCli.Run run = cli(args("ingest", "it-1", LocalStack.KEY_ID));

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).as(run.out()).isEqualTo(SluiceCli.HELD_BACK); // broken.pdf quarantined

    // the curated bucket holds parts and a manifest under the run prefix, all SSE-KMS, our key
    List<S3Object> objects =
        stack.s3.listObjectsV2Paginator(r -> r.bucket(LocalStack.CURATED)).contents().stream()
            .toList();
    assertThat(objects).isNotEmpty();
    String arn = stack.aws.kmsKey("alias/it-curated").arn();
    for (S3Object o : objects) {
      assertThat(o.key()).startsWith(runPrefix("it-1"));
      HeadObjectResponse head = stack.s3.headObject(r -> r.bucket(LocalStack.CURATED).key(o.key()));
      assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head.ssekmsKeyId()).isIn(LocalStack.KEY_ID, arn);
    }
    assertThat(objects).anyMatch(o -> o.key().endsWith("_manifest.json"));

    // each approved or redacted source exactly once; nothing rejected or quarantined
    Map<String, Integer> sources = new HashMap<>();
    StringBuilder datasetText = new StringBuilder();
    for (S3Object o : objects) {
      if (!o.key().endsWith(".jsonl.gz")) {
        continue;
      }
      for (JsonNode rec : records(o.key())) {
        sources.merge(rec.path("source").path("uri").asText(), 1, Integer::sum);
        datasetText.append(rec.path("text").asText()).append('\n');
      }
    }
    Map<String, Integer> expectedWritten = new HashMap<>();
    EXPECTED.forEach(
        (k, d) -> {
          if (d.equals("APPROVE") || d.equals("REDACT")) {
            expectedWritten.put("s3://" + LocalStack.RAW + "/" + k, 1);
          }
        });
    assertThat(sources).isEqualTo(expectedWritten);
    assertThat(datasetText.toString()).contains("[EMAIL_ADDRESS]").doesNotContain(EMAIL);

    // every source has a lineage record with its expected decision
    Map<String, String> decisions = new HashMap<>();
    List<String> lineageText = new ArrayList<>();
    try (Connection c = h2();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM sluice_lineage WHERE run_id = 'it-1'")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        decisions.put(rs.getString("source_uri"), rs.getString("decision"));
        for (int i = 1; i <= md.getColumnCount(); i++) {
          lineageText.add(String.valueOf(rs.getObject(i)));
        }
      }
    }
    Map<String, String> expectedDecisions = new HashMap<>();
    EXPECTED.forEach((k, d) -> expectedDecisions.put("s3://" + LocalStack.RAW + "/" + k, d));
    assertThat(decisions).isEqualTo(expectedDecisions);

    // no raw planted value in logs, CLI output, reports or lineage
    String reports = readTree(outDir.resolve("reports").resolve("it-1"));
    assertThat(reports).contains("CREDIT_CARD_NUMBER");
    for (String secret : List.of(CARD, CARD2, EMAIL, spaced(CARD))) {
      assertThat(logs.getAll()).doesNotContain(secret);
      assertThat(run.out()).doesNotContain(secret);
      assertThat(reports).doesNotContain(secret);
      assertThat(String.join("\n", lineageText)).doesNotContain(secret);
    }
  }

  @Test
  @Order(2)
  void rerunOverUnchangedSourcesSkipsEverythingUnlessForced() throws Exception {
    TestCli.Run again = cli(args("ingest", "it-2", LocalStack.KEY_ID));
    assertThat(again.code()).as(again.out() + again.err()).isEqualTo(SluiceCli.OK);
    assertThat(keysUnder(runPrefix("it-2")))
        .as("only a manifest, no parts: nothing changed")
        .allMatch(k -> k.endsWith("_manifest.json"));

    TestCli.Run forced = cli(args("ingest", "it-3", LocalStack.KEY_ID, "--force"));
    assertThat(forced.code()).isEqualTo(SluiceCli.HELD_BACK);
    assertThat(keysUnder(runPrefix("it-3"))).anyMatch(k -> k.endsWith(".jsonl.gz"));
  }

  @Test
  @Order(3)
  void classifyIsADryRunThatWritesReportsButNoData() throws Exception {
    int before = keysUnder("").size();
    Path findings = tmp.resolve("findings.jsonl");
    TestCli.Run run =
        cli(args("classify", "cl-1", LocalStack.KEY_ID, "--findings", findings.toString()));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);
    assertThat(keysUnder("")).hasSize(before);
    List<String> lines = Files.readAllLines(findings);
    assertThat(lines).isNotEmpty();
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.has("source") && first.has("type") && first.has("start") && first.has("end"))
        .isTrue();
    assertThat(String.join("\n", lines)).doesNotContain(CARD).doesNotContain(EMAIL);
  }

  @Test
  @Order(4)
  void aMissingKmsKeyStopsTheJobBeforeAnyDocumentIsRead() throws Exception {
    TestCli.Run run =
        cli(args("ingest", "it-nokey", "0000dead-0000-4000-8000-000000000000", "--force"));
    assertThat(run.code()).isEqualTo(SluiceCli.FAILED);
    assertThat(run.err()).contains("KMS key '0000dead-0000-4000-8000-000000000000' does not exist");
    assertThat(keysUnder(runPrefix("it-nokey"))).isEmpty();
    try (Connection c = h2();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM sluice_lineage WHERE run_id = 'it-nokey'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  static List<String> keysUnder(String prefix) {
    return stack
        .s3
        .listObjectsV2Paginator(r -> r.bucket(LocalStack.CURATED).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  static List<JsonNode> records(String key) throws IOException {
    byte[] gz = stack.s3.getObjectAsBytes(r -> r.bucket(LocalStack.CURATED).key(key)).asByteArray();
    String text =
        new String(
            new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(),
            StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(json.readTree(line));
      }
    }
    return out;
  }

  static Connection h2() throws Exception {
    return TestCli.h2(dataDir);
  }

  static String readTree(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f)).append('\n');
      }
    }
    return sb.toString();
  }

  static String spaced(String card) {
    return card.substring(0, 4)
        + " "
        + card.substring(4, 8)
        + " "
        + card.substring(8, 12)
        + " "
        + card.substring(12);
  }

  static String luhnComplete(String partial) {
    for (int d = 0; d <= 9; d++) {
      String c = partial + d;
      if (dev.sluice.classifiers.validate.Luhn.isValid(c)) {
        return c;
      }
    }
    throw new IllegalStateException();
  }
}
