package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.extract.TikaExtractor;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.SourceItem;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: every part of a document is decided on, parts are never written, only verbatim text may
 * be written as its original, and no value hidden by obfuscation is written raw.
 */
class PipelineContainmentTest {
  static final Scanner SCANNER = Scanner.builder().build();
  static final String CARD = "4556737586899855"; // synthetic, Luhn-valid

  @TempDir Path tmp;

  Outcome process(String name, byte[] bytes) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("src-" + name.replace('.', '-')));
    Files.write(root.resolve(name), bytes);
    LocalSource source = LocalSource.of(root);
    DatasetSpec ds = new DatasetSpec("kb", List.of(), "curated", "kb", "key", "internal");
    Pipeline p =
        Pipeline.builder()
            .source(source)
            .extractor(TikaExtractor.builder().build())
            .scanner(SCANNER, SCANNER.catalogVersion())
            .policy(PolicyLoader.defaultPolicy())
            .datasets(k -> Optional.of(ds))
            .mode(Pipeline.Mode.INGEST)
            .runId("t1")
            .build();
    SourceItem item = source.list("").findFirst().orElseThrow();
    return p.process(item);
  }

  static String written(Outcome o) {
    return String.join("\n", o.records().stream().map(DatasetRecord::text).toList());
  }

  @Test
  void aCardInAMailHeaderRejectsTheMailAndTheFindingNamesTheHeader() throws Exception {
    String eml =
        "From: ops@example-corp.test\r\nTo: desk@example-corp.test\r\nSubject: refund\r\n"
            + "X-Card: "
            + CARD
            + "\r\nContent-Type: text/plain\r\n\r\nPlease process the refund.\r\n";
    Outcome o = process("refund.eml", eml.getBytes(StandardCharsets.US_ASCII));

    assertThat(o.verdict().decision()).isEqualTo(Decision.REJECT);
    assertThat(o.units())
        .anyMatch(
            u ->
                u.part().equals("header:X-Card")
                    && u.findings().stream()
                        .anyMatch(f -> f.identifierId().startsWith("CREDIT_CARD_NUMBER")));
  }

  @Test
  void anEmailInDocumentMetadataRedactsButOnlyContentIsWrittenAndTheOriginalIsNot()
      throws Exception {
    byte[] docx;
    try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
      doc.createParagraph().createRun().setText("Install the agent.");
      doc.getProperties().getCoreProperties().setCreator("meta.author@example-corp.test");
      var out = new java.io.ByteArrayOutputStream();
      doc.write(out);
      docx = out.toByteArray();
    }
    Outcome o = process("guide.docx", docx);

    assertThat(o.verdict().decision()).isEqualTo(Decision.REDACT);
    assertThat(o.records()).isNotEmpty().allMatch(r -> r.embeddedPath().isEmpty());
    assertThat(written(o)).contains("Install the agent.").doesNotContain("meta.author");
    assertThat(o.verbatim()).isFalse();
  }

  @Test
  void aCleanTextFileIsVerbatimAndADocxIsNot() throws Exception {
    assertThat(process("faq.txt", DocumentWriters.txt("Reset via the portal.")).verbatim())
        .isTrue();
    assertThat(
            process("faq.docx", DocumentWriters.docx("FAQ", List.of("Reset via the portal.")))
                .verbatim())
        .isFalse();
  }

  @Test
  void anEntryNameWithAFindingIsMaskedInPathsAndRecords() throws Exception {
    byte[] zip =
        DocumentWriters.zip(
            List.of(
                new DocumentWriters.Entry(
                    "notes-name.canary@example-corp.test.txt",
                    DocumentWriters.txt("Meeting notes."))));
    Outcome o = process("bundle.zip", zip);

    assertThat(o.verdict().decision()).isEqualTo(Decision.REDACT);
    assertThat(o.units()).noneMatch(u -> u.path().contains("name.canary@"));
    // the engine reads the whole name as an address, so the whole name is masked
    assertThat(o.units()).anyMatch(u -> u.path().equals("/[EMAIL_ADDRESS]"));
    assertThat(o.records()).noneMatch(r -> r.embeddedPath().contains("name.canary@"));
    assertThat(written(o)).doesNotContain("name.canary@");
  }

  static Stream<Arguments> obfuscatedCards() {
    return Stream.of(
        Arguments.of("zero-width", "Card on file 4556\u200B7375\u200B8689\u200B9855 charged."),
        Arguments.of(
            "fullwidth",
            "Card on file \uFF14\uFF15\uFF15\uFF16\uFF17\uFF13\uFF17\uFF15"
                + "\uFF18\uFF16\uFF18\uFF19\uFF19\uFF18\uFF15\uFF15 charged."),
        Arguments.of("line-broken", "Card on file 4556 7375\n8689 9855 charged."),
        Arguments.of("line-broken-run", "Card on file 45567375\n86899855 charged."),
        Arguments.of("entities", "Card on file &#52;556737586899855 charged."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("obfuscatedCards")
  void aValueOnlyANormalisedViewShowsIsNeverWrittenRaw(String form, String text) throws Exception {
    Outcome o = process(form + ".txt", DocumentWriters.txt(text));

    // whether the engine reads the obfuscated form itself (then the policy rejects it) or only the
    // sink guard's normalised view does (then it is held), nothing is written
    assertThat(o.verdict().decision()).isIn(Decision.QUARANTINE, Decision.REJECT);
    assertThat(o.records()).isEmpty();
    if (o.verdict().decision() == Decision.QUARANTINE) {
      assertThat(o.lineage().reasons()).anyMatch(r -> r.contains("sink-guard"));
    }
  }

  @Test
  void aDocxWithAPictureIsHeldUnlessThePolicyAllowsImages() throws Exception {
    byte[] png;
    var img = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(
        new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png",
        img);
    png = img.toByteArray();
    byte[] docx;
    try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
      var run = doc.createParagraph().createRun();
      run.setText("See the diagram.");
      run.addPicture(
          new java.io.ByteArrayInputStream(png),
          org.apache.poi.xwpf.usermodel.Document.PICTURE_TYPE_PNG,
          "diagram.png",
          100,
          100);
      var out = new java.io.ByteArrayOutputStream();
      doc.write(out);
      docx = out.toByteArray();
    }
    Outcome o = process("diagram.docx", docx);

    assertThat(o.verdict().decision()).isEqualTo(Decision.QUARANTINE);
    assertThat(o.lineage().reasons()).anyMatch(r -> r.contains("defaults.unscannableContent"));
    assertThat(o.records()).isEmpty();
  }
}
