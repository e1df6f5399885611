package dev.sluice.ingest.extract;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * The hostile-file catalogue: each case names a file, how to build it and the reason extraction
 * must end with ({@code null} = scannable). The bytes come from sample-data's {@link
 * DocumentWriters} hostile builders where it has one, so the batch job can run the same files.
 */
final class HostileFiles {
  private HostileFiles() {}

  /** A named hostile file and the outcome it must produce. */
  record Case(String id, String fileName, Supplier<byte[]> bytes, UnscannableReason expected) {
    @Override
    public String toString() {
      return id;
    }
  }

  static final String PLANTED = "078-05-1120";
  static final List<String> PARAGRAPHS = List.of("Employee SSN " + PLANTED, "Salary 52,000");

  static List<Case> all() {
    return List.of(
        new Case(
            "corrupt-pdf",
            "statement.pdf",
            () -> DocumentWriters.corruptPdf("Statement", PARAGRAPHS, 0.5),
            UnscannableReason.MALFORMED_FILE),
        new Case(
            "truncated-docx",
            "contract.docx",
            () -> DocumentWriters.truncatedDocx("Contract", PARAGRAPHS, 0.5),
            UnscannableReason.MALFORMED_FILE),
        new Case(
            "password-docx",
            "salaries.docx",
            () -> DocumentWriters.encryptedDocx("Salaries", PARAGRAPHS, "s3cret"),
            UnscannableReason.ENCRYPTED),
        new Case(
            "password-pdf",
            "salaries.pdf",
            () -> DocumentWriters.encryptedPdf("Salaries", PARAGRAPHS, "s3cret"),
            UnscannableReason.ENCRYPTED),
        new Case(
            "zip-bomb",
            "zeros.zip",
            () -> DocumentWriters.zipBomb("zeros.bin", 64L << 20),
            UnscannableReason.RATIO_LIMIT),
        new Case(
            "nested-zip-bomb",
            "42.zip",
            () -> DocumentWriters.nestedZipBomb(3, 10, 4L << 20),
            UnscannableReason.RATIO_LIMIT),
        new Case(
            "deep-nesting",
            "matryoshka.zip",
            () -> DocumentWriters.nestedZip(8, "ssn.txt", DocumentWriters.txt("SSN " + PLANTED)),
            UnscannableReason.NESTING_LIMIT),
        new Case(
            "billion-laughs",
            "lolz.xml",
            DocumentWriters::billionLaughs,
            UnscannableReason.ENTITY_EXPANSION),
        new Case(
            "docx-named-pdf",
            "invoice.pdf",
            () -> DocumentWriters.docx("Invoice", PARAGRAPHS),
            UnscannableReason.TYPE_MISMATCH),
        new Case(
            "zip-named-pdf",
            "whitepaper.pdf",
            () ->
                DocumentWriters.zip(
                    List.of(new DocumentWriters.Entry("a.txt", DocumentWriters.txt("hello")))),
            UnscannableReason.TYPE_MISMATCH),
        new Case(
            "random-bytes-named-txt",
            "notes.txt",
            () -> TestDocuments.random(11, 8192),
            UnscannableReason.UNSUPPORTED_TYPE),
        new Case(
            "executable",
            "setup.exe",
            HostileFiles::peExecutable,
            UnscannableReason.UNSUPPORTED_TYPE),
        new Case("zero-bytes", "empty.docx", DocumentWriters::empty, UnscannableReason.NO_TEXT),
        new Case("image", "scan.png", HostileFiles::png, UnscannableReason.NO_TEXT),
        new Case(
            "scanned-pdf",
            "scan.pdf",
            () -> DocumentWriters.pdfWithoutText(2),
            UnscannableReason.NO_TEXT),
        new Case(
            "image-in-zip",
            "photos.zip",
            () ->
                TestDocuments.zip(
                    TestDocuments.entries(
                        "id-card.png", png(), "readme.txt", DocumentWriters.txt("photos"))),
            UnscannableReason.NO_TEXT),
        new Case(
            "invalid-utf8",
            "broken.txt",
            () ->
                DocumentWriters.invalidUtf8(
                    "Customer record, the rest follows after the bad bytes: SSN " + PLANTED),
            null));
  }

  /** A DOS/PE header followed by random bytes: detected as an executable, which has no text. */
  static byte[] peExecutable() {
    byte[] b = TestDocuments.random(3, 4096);
    b[0] = 'M';
    b[1] = 'Z';
    int peOffset = 0x80;
    b[0x3C] = (byte) peOffset;
    b[0x3D] = 0;
    b[0x3E] = 0;
    b[0x3F] = 0;
    b[peOffset] = 'P';
    b[peOffset + 1] = 'E';
    b[peOffset + 2] = 0;
    b[peOffset + 3] = 0;
    b[peOffset + 4] = 0x4c; // i386
    b[peOffset + 5] = 0x01;
    return b;
  }

  /** A real PNG written by ImageIO: pixels, no text. */
  static byte[] png() {
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(64, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.fillRect(4, 4, 40, 20);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
