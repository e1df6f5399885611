package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile file ends with its reason code (or scannable), and no detail leaks content. */
class HostileFileTest {
  @org.junit.jupiter.api.Test
  void corruptImageInsideADocxDoesNotMakeItUnscannableButACorruptEntryInAZipDoes()
      throws Exception {
    byte[] badPng = java.util.Arrays.copyOf(HostileFiles.png(), 60); // header, then cut
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.poi.xwpf.usermodel.XWPFDocument doc =
        new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
      var run = doc.createParagraph().createRun();
      run.setText("SSN " + HostileFiles.PLANTED);
      run.addPicture(
          new ByteArrayInputStream(badPng),
          org.apache.poi.xwpf.usermodel.Document.PICTURE_TYPE_PNG,
          "logo.png",
          100_000,
          100_000);
      doc.write(out);
    }
    byte[] docx = out.toByteArray();

    Extraction inDocx = EXTRACTOR.extract(new ByteArrayInputStream(docx), "memo.docx", docx.length);
    byte[] zip =
        TestDocuments.zip(
            TestDocuments.entries(
                "memo.docx",
                docx,
                "broken.pdf",
                DocumentWriters.corruptPdf("x", HostileFiles.PARAGRAPHS, 0.5)));
    Extraction inZip = EXTRACTOR.extract(new ByteArrayInputStream(zip), "a.zip", zip.length);

    assertThat(inDocx.unscannable()).as(inDocx.detail()).isEmpty();
    assertThat(inDocx.units())
        .extracting(TextUnit::mediaType)
        .anyMatch(t -> t.startsWith("image/"));
    assertThat(FormatExtractionTest.allText(inDocx)).contains(HostileFiles.PLANTED);
    assertThat(inZip.unscannable()).contains(UnscannableReason.MALFORMED_FILE);
    assertThat(inZip.detail()).startsWith("embedded document failed at /broken.pdf");
  }

  static final TikaExtractor EXTRACTOR = TikaExtractor.builder().build();

  static List<HostileFiles.Case> cases() {
    return HostileFiles.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsWithItsReasonCode(HostileFiles.Case c) {
    byte[] bytes = c.bytes().get();

    Extraction e = EXTRACTOR.extract(new ByteArrayInputStream(bytes), c.fileName(), bytes.length);

    assertThat(e.unscannable())
        .as("%s: detail=%s", c.id(), e.detail())
        .isEqualTo(Optional.ofNullable(c.expected()));
    assertThat(e.detail()).doesNotContain(HostileFiles.PLANTED).doesNotContain("lol");
    if (c.expected() != null) {
      assertThat(e.detail()).isNotBlank();
    } else {
      assertThat(FormatExtractionTest.allText(e)).contains(HostileFiles.PLANTED);
    }
  }
}
