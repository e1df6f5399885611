package dev.sluice.app.sink;

import static dev.sluice.app.sink.SinkStack.CURATED;
import static dev.sluice.app.sink.SinkStack.KEY_ID;
import static dev.sluice.app.sink.SinkStack.QUARANTINE;
import static dev.sluice.app.sink.SinkStack.Q_KEY_ID;
import static dev.sluice.app.sink.SinkStack.RAW;
import static dev.sluice.app.sink.SinkStack.runPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.localaws.KmsEmulator;
import dev.sluice.localaws.KmsEmulator.KeyOptions;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The ingest job's sink on S3Mock + the KMS emulator: documents output mode with Bedrock sidecars,
 * quarantine copies under a separate key, the sink guard refusing a unit redaction left unclean,
 * and pre-flight failures that stop the job before any document is read.
 */
class SinkJobIT {
  static final String EMAIL = "rowan.vale@example-corp.test";
  static final String CARD = SinkStack.luhnComplete("455673758689985");

  static SinkStack stack;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    stack = SinkStack.shared();
  }

  record Lineage(String decision, String reasons, String outputs) {}

  static Map<String, Lineage> lineage(Path dataDir, String runId) throws Exception {
    Map<String, Lineage> out = new HashMap<>();
    try (Connection c = SinkStack.h2(dataDir);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_uri, decision, reasons, output_uris FROM sluice_lineage"
                    + " WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Lineage(rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }

  static int lineageRows(Path dataDir, String runId) throws Exception {
    try (Connection c = SinkStack.h2(dataDir);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SLUICE_LINEAGE'")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return 0;
        }
      }
    }
    return lineage(dataDir, runId).size();
  }

  void assertKmsUnder(String bucket, String key, String keyId) {
    HeadObjectResponse head = stack.s3.headObject(r -> r.bucket(bucket).key(key));
    assertThat(head.serverSideEncryption()).as(key).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).as(key).endsWith(keyId);
  }

  @Test
  void documentsModeWritesApprovedOriginalsRedactedTextSidecarsAndQuarantineCopies()
      throws Exception {
    byte[] faq = DocumentWriters.txt("How do I reset my password? Use the portal.");
    byte[] guide =
        DocumentWriters.docx("Guide", List.of("Install the agent.", "Restart the service."));
    byte[] broken = DocumentWriters.corruptPdf("Broken", List.of("Card " + CARD), 0.4);
    stack.put("kb/public/faq.txt", faq);
    stack.put("kb/public/guide.docx", guide);
    stack.put("kb/support/ticket.txt", DocumentWriters.txt("Mail " + EMAIL + " about login."));
    stack.put(
        "kb/support/offer.docx", DocumentWriters.docx("Offer", List.of("Contact " + EMAIL + ".")));
    stack.put(
        "kb/finance/cards.csv",
        DocumentWriters.csv(List.of(List.of("name", "card"), List.of("order-1", CARD))));
    stack.put("kb/finance/broken.pdf", broken);

    Path data = tmp.resolve("data");
    List<String> flags =
        new ArrayList<>(stack.flags(data, tmp.resolve("out"), "support-docs", CURATED, KEY_ID));
    flags.add("--sluice.sink.mode=documents");
    flags.add("--sluice.sink.quarantine-bucket=" + QUARANTINE);
    flags.add("--sluice.sink.quarantine-kms-key-id=" + Q_KEY_ID);
    SinkStack.Run run = SinkStack.cli(stack.ingest("kb/", "docs-1", flags));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    String prefix = runPrefix("support-docs", "docs-1");
    Map<String, Lineage> lin = lineage(data, "docs-1");
    String raw = "s3://" + RAW + "/";
    // issue 15: curated keys are doc-<keyed lineage id>.<ext>, never the source name
    String faqKey = documentKey(lin.get(raw + "kb/public/faq.txt"), CURATED);
    String guideKey = documentKey(lin.get(raw + "kb/public/guide.docx"), CURATED);
    String ticketKey = documentKey(lin.get(raw + "kb/support/ticket.txt"), CURATED);
    String offerKey = documentKey(lin.get(raw + "kb/support/offer.docx"), CURATED);
    assertThat(faqKey).matches(java.util.regex.Pattern.quote(prefix) + "doc-[0-9a-f]{32}\\.txt");
    // an approved DOCX is written as its sanitized text rendition (ADR 0006)
    assertThat(guideKey).matches(java.util.regex.Pattern.quote(prefix) + "doc-[0-9a-f]{32}\\.txt");
    assertThat(offerKey).matches(java.util.regex.Pattern.quote(prefix) + "doc-[0-9a-f]{32}\\.txt");
    Set<String> expected = Set.of(faqKey, guideKey, ticketKey, offerKey);
    Set<String> withSidecars = new HashSet<>();
    expected.forEach(k -> withSidecars.addAll(List.of(k, k + ".metadata.json")));
    List<String> stored = stack.keys(CURATED, prefix);
    assertThat(stored)
        .containsExactlyInAnyOrderElementsOf(
            concat(withSidecars, Set.of(prefix + "_manifest.json")));
    assertThat(stored).noneMatch(k -> k.contains("faq") || k.contains("offer"));
    stored.forEach(k -> assertKmsUnder(CURATED, k, KEY_ID));

    // approved plain text is byte-identical (every byte was scanned); an approved DOCX and redacted
    // documents are their sanitized text (ADR 0006)
    assertThat(stack.get(CURATED, faqKey)).isEqualTo(faq);
    assertThat(new String(stack.get(CURATED, guideKey), StandardCharsets.UTF_8))
        .contains("Install the agent.")
        .contains("Restart the service.");
    String offer = new String(stack.get(CURATED, offerKey), StandardCharsets.UTF_8);
    String ticket = new String(stack.get(CURATED, ticketKey), StandardCharsets.UTF_8);
    assertThat(offer + ticket).contains("[EMAIL_ADDRESS]").doesNotContain(EMAIL);

    // sidecars: Bedrock simple form with dataset, classification, source, lineage, decision
    JsonNode side = stack.json(CURATED, offerKey + ".metadata.json");
    JsonNode attrs = side.path("metadataAttributes");
    String offerUri = "s3://" + RAW + "/kb/support/offer.docx";
    assertThat(attrs.path("dataset").asText()).isEqualTo("support-docs");
    assertThat(attrs.path("classification").asText()).isEqualTo("internal");
    assertThat(attrs.path("sourceUri").asText()).isEqualTo(offerUri);
    assertThat(attrs.path("decision").asText()).isEqualTo("REDACT");
    assertThat(lin.get(offerUri).decision()).isEqualTo("REDACT");
    assertThat(attrs.path("lineageId").asText()).hasSize(32);
    assertThat(offerKey).contains(attrs.path("lineageId").asText());

    // the manifest lists exactly the documents and sidecars
    JsonNode manifest = stack.json(CURATED, prefix + "_manifest.json");
    assertThat(manifest.path("mode").asText()).isEqualTo("documents");
    assertThat(manifest.path("objects").findValuesAsText("key"))
        .containsExactlyInAnyOrderElementsOf(withSidecars);

    // QUARANTINE is copied to the quarantine bucket under a keyed id; REJECT is only reported
    String brokenKey = documentKey(lin.get(raw + "kb/finance/broken.pdf"), QUARANTINE);
    assertThat(brokenKey).matches("docs-1/doc-[0-9a-f]{32}\\.pdf");
    List<String> held = stack.keys(QUARANTINE, "docs-1/");
    assertThat(held).containsExactlyInAnyOrder(brokenKey, brokenKey + ".reasons.json");
    held.forEach(k -> assertKmsUnder(QUARANTINE, k, Q_KEY_ID));
    assertThat(stack.get(QUARANTINE, brokenKey)).isEqualTo(broken);
    String reasons =
        new String(stack.get(QUARANTINE, brokenKey + ".reasons.json"), StandardCharsets.UTF_8);
    assertThat(reasons).contains("QUARANTINE").doesNotContain(CARD);
    assertThat(lin.get(raw + "kb/finance/cards.csv").decision()).isEqualTo("REJECT");
  }

  /** The key of the document (not sidecar or reasons) a lineage row lists in {@code bucket}. */
  static String documentKey(Lineage l, String bucket) throws Exception {
    assertThat(l).isNotNull();
    List<String> keys = new ArrayList<>();
    for (JsonNode u : new com.fasterxml.jackson.databind.ObjectMapper().readTree(l.outputs())) {
      String uri = u.asText();
      String at = "s3://" + bucket + "/";
      if (uri.startsWith(at) && !uri.endsWith(".metadata.json") && !uri.endsWith(".reasons.json")) {
        keys.add(uri.substring(at.length()));
      }
    }
    assertThat(keys).as(l.outputs()).hasSize(1);
    return keys.get(0);
  }

  static Set<String> concat(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }

  @Test
  void theSinkGuardRefusesAUnitThatStillHasAFindingAfterRedaction() throws Exception {
    // the policy redacts e-mail addresses but lets card numbers pass; the guard must still refuse
    Path policy = tmp.resolve("guard-policy.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        name: guard-test
        defaults:
          unscannable: QUARANTINE
          truncated: QUARANTINE
          unmatched: QUARANTINE
          macieUnavailable: QUARANTINE
        datasets: []
        rules:
          - id: cards-allowed
            identifiers: [CREDIT_CARD_NUMBER]
            action: APPROVE
            acknowledgeRisk: "test of the sink guard only"
          - id: personal
            categories: [PERSONAL_INFORMATION]
            action: REDACT
            operator: REPLACE
        """);
    stack.put("guard/mixed.txt", DocumentWriters.txt("Mail " + EMAIL + " card " + CARD + "."));
    stack.put("guard/only-mail.txt", DocumentWriters.txt("Mail " + EMAIL + " please."));
    Path data = tmp.resolve("data");
    List<String> flags = stack.flags(data, tmp.resolve("out"), "guarded", CURATED, KEY_ID);
    SinkStack.Run run =
        SinkStack.cli(stack.ingest("guard/", "guard-1", flags, "--policy", policy.toString()));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.HELD_BACK);

    Map<String, Lineage> lin = lineage(data, "guard-1");
    Lineage mixed = lin.get("s3://" + RAW + "/guard/mixed.txt");
    assertThat(mixed.decision()).isEqualTo("QUARANTINE");
    assertThat(mixed.reasons()).contains("sink-guard").contains("CREDIT_CARD_NUMBER");
    assertThat(mixed.reasons()).doesNotContain(CARD);
    assertThat(mixed.outputs()).isEqualTo("[]");
    assertThat(lin.get("s3://" + RAW + "/guard/only-mail.txt").decision()).isEqualTo("REDACT");

    String prefix = runPrefix("guarded", "guard-1");
    List<String> sources = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String k : stack.keys(CURATED, prefix)) {
      if (k.endsWith(".jsonl.gz")) {
        for (JsonNode r : stack.records(k)) {
          sources.add(r.path("source").path("uri").asText());
          text.append(r.path("text").asText());
        }
      }
    }
    assertThat(sources).containsExactly("s3://" + RAW + "/guard/only-mail.txt");
    assertThat(text.toString()).doesNotContain(CARD).doesNotContain(EMAIL);
  }

  @Test
  void aDisabledKeyStopsTheJobBeforeAnyDocumentIsRead() throws Exception {
    KmsEmulator.KeyRef disabled =
        stack.aws.kms().createKey(KeyOptions.builder().enabled(false).build());
    assertPreflightFails(
        "pf-disabled",
        CURATED,
        disabled.keyId(),
        "KMS key '" + disabled.keyId() + "' is not enabled (state Disabled)");
  }

  @Test
  void aKeyInAnotherRegionStopsTheJobBeforeAnyDocumentIsRead() throws Exception {
    KmsEmulator.KeyRef remote =
        stack.aws.kms().createKey(KeyOptions.builder().region("eu-west-1").build());
    assertPreflightFails(
        "pf-region",
        CURATED,
        remote.arn(),
        "KMS key '"
            + remote.arn()
            + "' is in region eu-west-1 but the curated bucket is in us-east-1");
  }

  @Test
  void aMissingCuratedBucketStopsTheJobBeforeAnyDocumentIsRead() throws Exception {
    assertPreflightFails(
        "pf-bucket",
        "no-such-curated-bucket",
        KEY_ID,
        "curated bucket 'no-such-curated-bucket' is not reachable: NoSuchBucketException");
  }

  void assertPreflightFails(String runId, String bucket, String keyId, String message)
      throws Exception {
    stack.put("preflight/doc.txt", DocumentWriters.txt("Plain approved text."));
    Path data = tmp.resolve("data");
    SinkStack.Run run =
        SinkStack.cli(
            stack.ingest(
                "preflight/", runId, stack.flags(data, tmp.resolve("out"), "pf", bucket, keyId)));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.FAILED);
    assertThat(run.out() + run.err()).contains(message);
    assertThat(lineageRows(data, runId)).isZero();
    assertThat(stack.keys(CURATED, runPrefix("pf", runId))).isEmpty();
  }
}
