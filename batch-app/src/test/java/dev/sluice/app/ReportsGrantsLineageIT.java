package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Given a raw bucket with planted synthetic values, when Sluice runs classify and ingest against
 * the local emulators, then every run has a report.html next to report.json, {@code sluice report}
 * prints and regenerates it, {@code sluice report diff} shows what changed, OpenLineage events go
 * to a file or an HTTP endpoint, {@code sluice grants} prints dataset-scoped policies under the
 * resolved key ARN, and no planted value appears in any report or lineage event file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsGrantsLineageIT {
  static final String CARD = IngestJobIT.luhnComplete("455673758689985");
  static final String EMAIL = "mira.stone@example-corp.test";
  static final String EVIL_KEY = "public/<script>alert(1)</script>.txt";
  static final ObjectMapper JSON = new ObjectMapper();

  static LocalStack stack;
  @TempDir static Path tmp;
  static Path dataDir;
  static Path outDir;
  static Path events;

  @BeforeAll
  static void start() {
    stack = new LocalStack();
    dataDir = tmp.resolve("data");
    outDir = tmp.resolve("out");
    events = tmp.resolve("openlineage/events.jsonl");
    put("public/faq.txt", DocumentWriters.txt("How do I reset my password? Use the portal."));
    put(EVIL_KEY, DocumentWriters.txt("Nothing sensitive here."));
    put("support/ticket.txt", DocumentWriters.txt("Customer " + EMAIL + " cannot log in."));
    put(
        "finance/cards.csv",
        DocumentWriters.csv(List.of(List.of("name", "card"), List.of("order-1", CARD))));
    put("finance/broken.pdf", DocumentWriters.corruptPdf("Broken", List.of("Card " + CARD), 0.4));
  }

  static void put(String key, byte[] bytes) {
    stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(bytes));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

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

  static String[] job(String command, String runId, String keyId, String... extra) {
    List<String> a = new ArrayList<>(List.of(command, "s3://" + LocalStack.RAW + "/"));
    a.addAll(List.of("--run-id", runId, "--date", "2026-01-15"));
    a.addAll(List.of(extra));
    a.addAll(stack.flags(dataDir.toString(), outDir.toString(), keyId));
    return a.toArray(String[]::new);
  }

  static String[] command(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(stack.flags(dataDir.toString(), outDir.toString(), LocalStack.KEY_ID));
    return a.toArray(String[]::new);
  }

  static void assertNoPlantedValue(String text) {
    for (String secret : List.of(CARD, EMAIL, IngestJobIT.spaced(CARD))) {
      assertThat(text).doesNotContain(secret);
    }
  }

  static List<JsonNode> events() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(events)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  @Order(1)
  void classifyWritesAnHtmlReportAndOpenLineageEventsWithoutPlantedValues() throws Exception {
    Run run =
        cli(
            job(
                "classify",
                "rp-1",
                LocalStack.KEY_ID,
                "--sluice.lineage.openlineage.file=" + events));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    Path dir = outDir.resolve("reports/rp-1");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("id=\"total-documents\"><span class=\"n\">5</span>")
        .contains("id=\"total-reject\"><span class=\"n\">1</span>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;.txt")
        .doesNotContain("<script>alert(1)");
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(report.path("findingsByCategory").path("FINANCIAL_INFORMATION").asInt())
        .isPositive();
    assertThat(report.path("findingsByCategory").path("PERSONAL_INFORMATION").asInt()).isPositive();
    assertNoPlantedValue(IngestJobIT.readTree(dir));
    if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      String dom = chromiumDom(dir.resolve("report.html"));
      assertThat(dom).contains("data-js-ready=\"1\"").contains("Showing 5 of 5 documents");
      assertThat(dom.substring(dom.indexOf("<html"), dom.indexOf('>', dom.indexOf("<html"))))
          .doesNotContain("data-js-error");
    }

    List<JsonNode> ev = events();
    assertThat(ev)
        .extracting(e -> e.path("eventType").asText())
        .containsExactly("START", "COMPLETE");
    assertThat(ev.get(0).path("run").path("runId").asText())
        .isEqualTo(ev.get(1).path("run").path("runId").asText());
    assertThat(ev.get(1).path("job").path("name").asText()).isEqualTo("classify");
    assertThat(ev.get(1).path("inputs").get(0).path("namespace").asText())
        .isEqualTo("s3://raw-docs");
    assertThat(ev.get(1).path("outputs")).isEmpty(); // dry run writes no dataset
    assertThat(ev.get(1).path("run").path("facets").path("sluice").path("documents").asText())
        .isEqualTo("5");
    assertNoPlantedValue(Files.readString(events));
  }

  /** The DOM of {@code html} after headless Chromium ran its scripts. */
  static String chromiumDom(Path html) throws Exception {
    Path profile = Files.createTempDirectory(tmp, "chromium");
    Path out = tmp.resolve("dom-" + System.nanoTime() + ".html");
    Process p =
        new ProcessBuilder(
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--dump-dom",
                html.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    assertThat(p.exitValue()).isZero();
    return Files.readString(out);
  }

  @Test
  @Order(2)
  void ingestPostsOpenLineageEventsToAnHttpEndpoint() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/lineage",
        x -> {
          bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage";
      Run run =
          cli(job("ingest", "rp-2", LocalStack.KEY_ID, "--sluice.lineage.openlineage.url=" + url));
      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);
    } finally {
      server.stop(0);
    }
    assertThat(bodies).hasSize(2);
    JsonNode complete = JSON.readTree(bodies.get(1));
    assertThat(complete.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(complete.path("outputs").get(0).path("namespace").asText())
        .isEqualTo("s3://curated");
    assertThat(complete.path("outputs").get(0).path("name").asText()).isEqualTo("support-kb");
    assertThat(Files.readString(outDir.resolve("reports/rp-2/report.html")))
        .contains("id=\"total-documents\"><span class=\"n\">5</span>");
  }

  @Test
  @Order(3)
  void aFailedRunEmitsAFailEvent() throws Exception {
    Run run =
        cli(
            job(
                "ingest",
                "rp-fail",
                "0000dead-0000-4000-8000-000000000000",
                "--force",
                "--sluice.lineage.openlineage.file=" + events));
    assertThat(run.code()).isEqualTo(SluiceCli.FAILED);
    List<JsonNode> ev = events();
    JsonNode last = ev.get(ev.size() - 1);
    assertThat(last.path("eventType").asText()).isEqualTo("FAIL");
    assertThat(last.path("run").path("facets").path("errorMessage").path("message").asText())
        .contains("does not exist");
  }

  @Test
  @Order(4)
  void reportPrintsPathsAndRegeneratesMissingFilesFromLineage() throws Exception {
    Path dir = outDir.resolve("reports/rp-1");
    Run shown = cli(command("report", "rp-1"));
    assertThat(shown.code()).as(shown.err()).isEqualTo(SluiceCli.OK);
    assertThat(shown.out())
        .contains("documents:   5")
        .contains("report.html:    " + dir.resolve("report.html").toAbsolutePath())
        .doesNotContain("regenerated");
    JsonNode summary = JSON.readTree(cli(command("report", "rp-1", "--json")).out());
    assertThat(summary.path("totals").path("documents").asInt()).isEqualTo(5);
    assertThat(summary.path("files").path("report.html").asText())
        .isEqualTo(dir.resolve("report.html").toAbsolutePath().toString());

    Files.delete(dir.resolve("report.json"));
    Files.delete(dir.resolve("report.html"));
    Files.delete(dir.resolve("documents.csv"));
    Run regen = cli(command("report", "rp-1"));
    assertThat(regen.code()).as(regen.err()).isEqualTo(SluiceCli.OK);
    assertThat(regen.out()).contains("regenerated from lineage").contains("documents:   5");
    assertThat(dir.resolve("report.html")).isNotEmptyFile();
    assertThat(Files.readAllLines(dir.resolve("documents.csv"))).hasSize(6);
    assertThat(Files.readString(dir.resolve("findings.jsonl"))).contains("CREDIT_CARD_NUMBER");
    assertNoPlantedValue(IngestJobIT.readTree(dir) + regen.out());

    assertThat(cli(command("report", "no-such-run")).code()).isEqualTo(SluiceCli.FAILED);
  }

  @Test
  @Order(5)
  void reportDiffShowsNewSensitiveDocumentsInTextAndJson() throws Exception {
    put("support/new.txt", DocumentWriters.txt("Contact " + EMAIL + " about the refund."));
    stack.s3.deleteObject(r -> r.bucket(LocalStack.RAW).key("public/faq.txt"));
    Run run = cli(job("classify", "rp-3", LocalStack.KEY_ID));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    Run text = cli(command("report", "diff", "rp-1", "rp-3"));
    assertThat(text.code()).as(text.err()).isEqualTo(SluiceCli.OK);
    assertThat(text.out())
        .contains("1 newly sensitive, 0 changed decisions, 1 gone, 1 added")
        .contains("s3://raw-docs/support/new.txt  - -> REDACT")
        .contains("s3://raw-docs/public/faq.txt  APPROVE -> -");
    assertNoPlantedValue(text.out());

    Run json = cli(command("report", "diff", "rp-1", "rp-3", "--json"));
    JsonNode d = JSON.readTree(json.out());
    assertThat(d.path("newSensitive").get(0).path("source").asText())
        .isEqualTo("s3://raw-docs/support/new.txt");
    assertThat(d.path("newSensitive").get(0).path("countsB").path("EMAIL_ADDRESS").asInt())
        .isEqualTo(1);
    assertThat(d.path("gone").get(0).path("decisionA").asText()).isEqualTo("APPROVE");
  }

  @Test
  @Order(6)
  void grantsResolveTheDatasetKeyArnAndPrintValidPolicies() throws Exception {
    String arn = stack.aws.kmsKey("alias/it-curated").arn();
    Run run =
        cli(
            command(
                "grants",
                "support-kb",
                "--role-arn",
                "arn:aws:iam::111122223333:role/model-support",
                "--not-after",
                "2026-12-31T00:00:00Z"));
    assertThat(run.code()).as(run.err()).isEqualTo(SluiceCli.OK);
    JsonNode doc = JSON.readTree(run.out());
    JsonNode id = doc.path("identityPolicy").path("Statement");
    assertThat(id.get(0).path("Resource").asText())
        .isEqualTo("arn:aws:s3:::curated/support-kb/classification=internal/*");
    assertThat(id.get(2).path("Resource").asText()).isEqualTo(arn);
    assertThat(id.get(2).path("Condition").path("StringEquals").path("kms:ViaService").asText())
        .isEqualTo("s3." + stack.aws.region() + ".amazonaws.com");
    assertThat(id.get(0).path("Condition").path("DateLessThan").path("aws:CurrentTime").asText())
        .isEqualTo("2026-12-31T00:00:00Z");
    JsonNode bucket = doc.path("bucketPolicy").path("Statement");
    assertThat(
            bucket
                .get(1)
                .path("Condition")
                .path("StringNotEquals")
                .path("s3:x-amz-server-side-encryption-aws-kms-key-id")
                .get(0)
                .asText())
        .isEqualTo(arn);
    assertThat(bucket.get(3).path("Principal").path("AWS").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/model-support");

    // consumer grants expire by default: 7 days after now
    Run dflt = cli(command("grants", "support-kb", "--only", "identity"));
    java.time.Instant end =
        java.time.Instant.parse(
            JSON.readTree(dflt.out())
                .path("Statement")
                .get(0)
                .path("Condition")
                .path("DateLessThan")
                .path("aws:CurrentTime")
                .asText());
    assertThat(java.time.Duration.between(java.time.Instant.now(), end))
        .isBetween(java.time.Duration.ofDays(7).minusMinutes(5), java.time.Duration.ofDays(7));

    Run only = cli(command("grants", "support-kb", "--only", "bucket"));
    assertThat(JSON.readTree(only.out()).path("Id").asText())
        .isEqualTo("sluice-dataset-support-kb");

    Run unknown = cli(command("grants", "nope"));
    assertThat(unknown.code()).isEqualTo(SluiceCli.USAGE);
    assertThat(unknown.err()).contains("no dataset 'nope' (known: support-kb)");

    Run badTime = cli(command("grants", "support-kb", "--not-after", "tomorrow"));
    assertThat(badTime.code()).isEqualTo(SluiceCli.USAGE);
    assertThat(badTime.err()).contains("--not-after must be an ISO-8601 instant");
  }
}
