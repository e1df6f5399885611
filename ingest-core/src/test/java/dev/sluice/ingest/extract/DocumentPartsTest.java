package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * Parts of real documents that are not their content (issue 15, channel 1): each becomes a scanned
 * part with a payload-free label. The files are built here with POI, PDFBox and java.util.zip.
 */
class DocumentPartsTest {
  static final TikaExtractor EXTRACTOR = TikaExtractor.builder().build();

  static Extraction extract(byte[] bytes, String name) {
    return EXTRACTOR.extract(new ByteArrayInputStream(bytes), name, bytes.length);
  }

  /** The text of the part labelled {@code label} (all such parts joined). */
  static String part(Extraction e, String label) {
    StringBuilder sb = new StringBuilder();
    e.parts().stream()
        .filter(p -> p.part().equals(label))
        .forEach(p -> sb.append(p.text()).append('\n'));
    assertThat(sb)
        .as("part %s in %s", label, e.parts().stream().map(TextUnit::part).toList())
        .isNotEmpty();
    return sb.toString();
  }

  static byte[] docx(boolean withPicture) throws Exception {
    try (XWPFDocument doc = new XWPFDocument()) {
      var run = doc.createParagraph().createRun();
      run.setText("Quarterly onboarding guide.");
      if (withPicture) {
        run.addPicture(
            new ByteArrayInputStream(png()), Document.PICTURE_TYPE_PNG, "scan.png", 100, 100);
      }
      POIXMLProperties props = doc.getProperties();
      props.getCoreProperties().setCreator("creator.canary@example-corp.test");
      props.getCoreProperties().setTitle("Title canary");
      props.getCoreProperties().setSubjectProperty("Subject canary");
      props.getCoreProperties().setDescription("Description canary");
      props.getCoreProperties().setKeywords("keyword-canary");
      props.getCustomProperties().addProperty("Reviewer", "custom.canary@example-corp.test");
      props.getCustomProperties().addProperty("SSN 219-09-9999", "value");
      props.getCustomProperties().addProperty("EmployeeSSN", "231476021");
      XWPFComment c = doc.createComments().createComment(BigInteger.ONE);
      c.setAuthor("Comment Author Canary");
      c.createParagraph().createRun().setText("comment.canary@example-corp.test");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    }
  }

  static byte[] png() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void officeCorePropertiesCustomPropertiesAndCommentsAreScannedParts() throws Exception {
    Extraction e = extract(docx(false), "guide.docx");

    assertThat(e.unscannable()).isEmpty();
    assertThat(part(e, "metadata:dc:creator")).contains("creator.canary@example-corp.test");
    assertThat(part(e, "metadata:dc:title")).contains("Title canary");
    assertThat(part(e, "metadata:dc:description")).contains("Description canary");
    assertThat(part(e, "metadata:meta:keyword")).contains("keyword-canary");
    assertThat(part(e, "metadata:custom:Reviewer")).contains("custom.canary@example-corp.test");
    assertThat(part(e, "ooxml:comments"))
        .contains("comment.canary@example-corp.test")
        .contains("Comment Author Canary");
    // a user-defined key's value is scanned even when it looks like a plain number
    assertThat(part(e, "metadata:custom:EmployeeSSN")).contains("231476021");
    // a key that could carry a value is scanned, but never used as a label
    assertThat(part(e, "metadata:?")).contains("219-09-9999");
    assertThat(e.parts()).allMatch(p -> p.part().matches("[A-Za-z:?-]+"));
    assertThat(e.verbatim()).isFalse();
    assertThat(e.unscannableContent()).isEmpty();
  }

  @Test
  void pdfInfoAndCustomEntriesAreScannedParts() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(50, 700);
        cs.showText("Release notes.");
        cs.endText();
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setAuthor("pdf.author.canary@example-corp.test");
      info.setKeywords("pdf-keyword-canary");
      info.setCustomMetadataValue("Approver", "pdf.custom.canary@example-corp.test");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    Extraction e = extract(pdf, "notes.pdf");

    assertThat(part(e, "metadata:dc:creator")).contains("pdf.author.canary@example-corp.test");
    assertThat(part(e, "metadata:pdf:docinfo:keywords")).contains("pdf-keyword-canary");
    assertThat(part(e, "metadata:pdf:docinfo:custom:Approver"))
        .contains("pdf.custom.canary@example-corp.test");
    assertThat(e.unscannableContent()).isEmpty();
  }

  @Test
  void mailHeadersAndAttachmentNamesAreScannedParts() {
    String eml =
        String.join(
            "\r\n",
            "From: Header Canary <from.canary@example-corp.test>",
            "To: to.canary@example-corp.test",
            "Cc: cc.canary@example-corp.test",
            "Subject: subject canary 219-09-9998",
            "X-Employee: xheader.canary@example-corp.test",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "See attached.",
            "--b",
            "Content-Type: text/plain; name=\"attach.canary@example-corp.test.txt\"",
            "Content-Disposition: attachment; filename=\"attach.canary@example-corp.test.txt\"",
            "",
            "Attached notes.",
            "--b--",
            "");
    Extraction e = extract(eml.getBytes(StandardCharsets.US_ASCII), "mail.eml");

    assertThat(part(e, "header:From")).contains("from.canary@example-corp.test");
    assertThat(part(e, "header:To")).contains("to.canary@example-corp.test");
    assertThat(part(e, "header:Cc")).contains("cc.canary@example-corp.test");
    assertThat(part(e, "header:Subject")).contains("219-09-9998");
    assertThat(part(e, "header:X-Employee")).contains("xheader.canary@example-corp.test");
    assertThat(part(e, "attachment:name")).contains("attach.canary@example-corp.test.txt");
  }

  @Test
  void zipCommentsAndEntryNamesAreScannedParts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setComment("zip.comment.canary@example-corp.test");
      ZipEntry entry = new ZipEntry("hr/entry.canary@example-corp.test.txt");
      entry.setComment("entry.comment.canary@example-corp.test");
      zip.putNextEntry(entry);
      zip.write("Meeting notes.".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Extraction e = extract(out.toByteArray(), "bundle.zip");

    assertThat(e.unscannable()).isEmpty();
    assertThat(part(e, "zip:comment")).contains("zip.comment.canary@example-corp.test");
    assertThat(part(e, "zip:entry-comment")).contains("entry.comment.canary@example-corp.test");
    assertThat(part(e, "entry:name")).contains("hr/entry.canary@example-corp.test.txt");
  }

  @Test
  void plainTextIsVerbatimButNotWithUndecodableBytes() {
    assertThat(extract(DocumentWriters.txt("Plain notes."), "a.txt").verbatim()).isTrue();
    assertThat(extract(DocumentWriters.csv(List.of(List.of("a", "b"))), "a.csv").verbatim())
        .isTrue();
    assertThat(extract(DocumentWriters.html("T", List.of("p")), "a.html").verbatim()).isTrue();
    // valid UTF-8 for the first 64 KiB, so decoded as UTF-8; the bad byte after it becomes U+FFFD
    ByteArrayOutputStream broken = new ByteArrayOutputStream();
    broken.writeBytes("Plain notes. ".repeat(6000).getBytes(StandardCharsets.UTF_8));
    broken.write(0xFF);
    broken.writeBytes("end".getBytes(StandardCharsets.UTF_8));
    assertThat(extract(broken.toByteArray(), "b.txt").verbatim()).isFalse();
    assertThat(extract(DocumentWriters.docx("T", List.of("p")), "a.docx").verbatim()).isFalse();
  }

  @Test
  void anImageInsideADocumentIsUnscannableContent() throws Exception {
    Extraction docx = extract(docx(true), "scan.docx");
    assertThat(docx.unscannable()).isEmpty();
    assertThat(docx.unscannableContent()).containsExactly(UnscannableContent.IMAGE);

    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      PDImageXObject img =
          LosslessFactory.createFromImage(doc, new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(50, 700);
        cs.showText("A scanned form follows.");
        cs.endText();
        cs.drawImage(img, 50, 400, 100, 100);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    Extraction e = extract(pdf, "form.pdf");
    assertThat(e.unscannable()).isEmpty();
    assertThat(e.unscannableContent()).containsExactly(UnscannableContent.IMAGE);
  }
}
