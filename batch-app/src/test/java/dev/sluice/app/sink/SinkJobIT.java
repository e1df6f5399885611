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
    Set<String> expected =
        Set.of(
            prefix + "kb/public/faq.txt",
            prefix + "kb/public/guide.docx.txt",
            prefix + "kb/support/ticket.txt",
            prefix + "kb/support/offer.docx.txt");
    Set<String> withSidecars = new HashSet<>();
    expected.forEach(k -> withSidecars.addAll(List.of(k, k + ".metadata.json")));
    List<String> stored = stack.keys(CURATED, prefix);
    assertThat(stored)
        .containsExactlyInAnyOrderElementsOf(
            concat(withSidecars, Set.of(prefix + "_manifest.json")));
    stored.forEach(k -> assertKmsUnder(CURATED, k, KEY_ID));

    // approved plain text is byte-identical (every byte was scanned); an approved DOCX and redacted
    // documents are their sanitized text (ADR 0006)
    assertThat(stack.get(CURATED, prefix + "kb/public/faq.txt")).isEqualTo(faq);
    assertThat(
            new String(
                stack.get(CURATED, prefix + "kb/public/guide.docx.txt"), StandardCharsets.UTF_8))
        .contains("Install the agent.")
        .contains("Restart the service.");
    String offer =
        new String(
            stack.get(CURATED, prefix + "kb/support/offer.docx.txt"), StandardCharsets.UTF_8);
    String ticket =
        new String(stack.get(CURATED, prefix + "kb/support/ticket.txt"), StandardCharsets.UTF_8);
    assertThat(offer + ticket).contains("[EMAIL_ADDRESS]").doesNotContain(EMAIL);

    // sidecars: Bedrock simple form with dataset, classification, source, lineage, decision
    Map<String, Lineage> lin = lineage(data, "docs-1");
    JsonNode side = stack.json(CURATED, prefix + "kb/support/offer.docx.txt.metadata.json");
    JsonNode attrs = side.path("metadataAttributes");
    String offerUri = "s3://" + RAW + "/kb/support/offer.docx";
    assertThat(attrs.path("dataset").asText()).isEqualTo("support-docs");
    assertThat(attrs.path("classification").asText()).isEqualTo("internal");
    assertThat(attrs.path("sourceUri").asText()).isEqualTo(offerUri);
    assertThat(attrs.path("decision").asText()).isEqualTo("REDACT");
    assertThat(lin.get(offerUri).decision()).isEqualTo("REDACT");
    assertThat(attrs.path("lineageId").asText()).hasSize(32);
    assertThat(lin.get(offerUri).outputs()).contains(prefix + "kb/support/offer.docx.txt");

    // the manifest lists exactly the documents and sidecars
    JsonNode manifest = stack.json(CURATED, prefix + "_manifest.json");
    assertThat(manifest.path("mode").asText()).isEqualTo("documents");
    assertThat(manifest.path("objects").findValuesAsText("key"))
        .containsExactlyInAnyOrderElementsOf(withSidecars);

    // QUARANTINE is copied to the quarantine bucket under its own key; REJECT is only reported
    List<String> held = stack.keys(QUARANTINE, "docs-1/");
    assertThat(held)
        .containsExactlyInAnyOrder(
            "docs-1/kb/finance/broken.pdf", "docs-1/kb/finance/broken.pdf.reasons.json");
    held.forEach(k -> assertKmsUnder(QUARANTINE, k, Q_KEY_ID));
    assertThat(stack.get(QUARANTINE, "docs-1/kb/finance/broken.pdf")).isEqualTo(broken);
    String reasons =
        new String(
            stack.get(QUARANTINE, "docs-1/kb/finance/broken.pdf.reasons.json"),
            StandardCharsets.UTF_8);
    assertThat(reasons).contains("QUARANTINE").doesNotContain(CARD);
    assertThat(lin.get("s3://" + RAW + "/kb/finance/broken.pdf").outputs())
        .contains("s3://" + QUARANTINE + "/docs-1/kb/finance/broken.pdf");
    assertThat(lin.get("s3://" + RAW + "/kb/finance/cards.csv").decision()).isEqualTo("REJECT");
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
