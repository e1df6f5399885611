package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a folder of broken, encrypted, oversized-on-expansion, hostile and mislabelled documents,
 * when the real {@code classify} job runs in a JVM capped at 256 MB of heap, then the job
 * completes, each document ends with its reason code, none is approved, and no planted value
 * reaches the report.
 */
class HostileFilesJobIT {
  static final String CARD = "4556737586899855"; // synthetic, Luhn-valid
  static final List<String> PARAS = List.of("Card on file " + CARD, "Totals attached.");

  @TempDir Path tmp;

  @Test
  void everyHostileDocumentEndsWithItsReasonAndTheJobCompletesInABoundedHeap() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Map<String, String> expected = new LinkedHashMap<>();
    write(
        docs,
        "corrupt.pdf",
        DocumentWriters.corruptPdf("Statement", PARAS, 0.5),
        "MALFORMED_FILE",
        expected);
    write(
        docs,
        "truncated.docx",
        DocumentWriters.truncatedDocx("Offer", PARAS, 0.6),
        "MALFORMED_FILE",
        expected);
    write(
        docs,
        "locked.docx",
        DocumentWriters.encryptedDocx("Offer", PARAS, "pw"),
        "ENCRYPTED",
        expected);
    write(
        docs,
        "locked.pdf",
        DocumentWriters.encryptedPdf("Statement", PARAS, "pw"),
        "ENCRYPTED",
        expected);
    write(
        docs,
        "bomb.zip",
        DocumentWriters.zipBomb("zeros.txt", 300L << 20),
        "RATIO_LIMIT",
        expected);
    write(docs, "lol.xml", DocumentWriters.billionLaughs(), "ENTITY_EXPANSION", expected);
    write(
        docs,
        "whitepaper.pdf",
        DocumentWriters.zip(List.of(new DocumentWriters.Entry("a.txt", DocumentWriters.txt("x")))),
        "TYPE_MISMATCH",
        expected);
    write(docs, "empty.txt", DocumentWriters.empty(), "NO_TEXT", expected);
    write(docs, "scan.pdf", DocumentWriters.pdfWithoutText(2), "NO_TEXT", expected);
    // a document whose parse outlasts the per-document timeout: the stand-in for a parser that
    // spins
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < 200_000; r++) {
      rows.add(List.of("row " + r, "alpha " + r, "beta " + r, "gamma " + r));
    }
    write(
        docs,
        "huge.xlsx",
        DocumentWriters.xlsx(List.of(new DocumentWriters.Sheet("data", rows))),
        "TIMEOUT",
        expected);
    // scannable despite invalid UTF-8: the planted card is found, so the document is rejected
    Files.write(
        docs.resolve("invalid-utf8.txt"),
        DocumentWriters.invalidUtf8(
            "Card " + CARD + " is on file; thank you for your order today."));

    Path log = tmp.resolve("job.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SluiceApplication.class.getName());
    cmd.addAll(
        List.of(
            "classify",
            docs.toString(),
            "--run-id",
            "hostile-1",
            "--sluice.data-dir=" + tmp.resolve("data"),
            "--sluice.output-dir=" + tmp.resolve("out"),
            "--sluice.extraction.timeout-seconds=2",
            "--sluice.extraction.max-expansion-ratio=10",
            "--sluice.job.threads=2"));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("job finished in time").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isEqualTo(SluiceCli.HELD_BACK);
    assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain(CARD);

    JsonNode report =
        new ObjectMapper().readTree(tmp.resolve("out/reports/hostile-1/report.json").toFile());
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, String> decisions = new LinkedHashMap<>();
    for (JsonNode d : report.path("documents")) {
      String name =
          Path.of(d.path("source").asText().replace("file:", "")).getFileName().toString();
      reasons.put(name, d.path("unscannable").asText());
      decisions.put(name, d.path("decision").asText());
    }
    expected.forEach(
        (name, reason) -> {
          assertThat(reasons.get(name)).as(name).isEqualTo(reason);
          assertThat(decisions.get(name)).as(name).isEqualTo("QUARANTINE");
        });
    assertThat(reasons.get("invalid-utf8.txt")).isEmpty();
    assertThat(decisions.get("invalid-utf8.txt")).isEqualTo("REJECT");
    assertThat(decisions.values()).doesNotContain("APPROVE", "REDACT");
    assertThat(Files.readString(tmp.resolve("out/reports/hostile-1/report.json")))
        .doesNotContain(CARD);
  }

  static void write(
      Path dir, String name, byte[] bytes, String reason, Map<String, String> expected)
      throws Exception {
    Files.write(dir.resolve(name), bytes);
    expected.put(name, reason);
  }
}
