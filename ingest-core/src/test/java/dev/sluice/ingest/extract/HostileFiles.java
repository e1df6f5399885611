package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.TestDocuments.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hostile-file catalogue: each case names a file, how to build it and the reason extraction
 * must end with ({@code null} = scannable). Reused by the extractor suite; the batch job can run
 * the same files once sample-data ships them.
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

  static List<Case> all() {
    return List.of(
        new Case(
            "corrupt-pdf",
            "statement.pdf",
            () ->
                concat(utf8("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), TestDocuments.random(7, 4096)),
            UnscannableReason.MALFORMED_FILE),
        new Case(
            "truncated-docx",
            "contract.docx",
            () -> {
              byte[] docx = TestDocuments.docx("SSN " + PLANTED, "more text here");
              return TestDocuments.truncate(docx, docx.length / 2);
            },
            UnscannableReason.MALFORMED_FILE),
        new Case(
            "password-docx",
            "salaries.docx",
            () -> TestDocuments.encryptedOoxml(TestDocuments.docx("SSN " + PLANTED), "s3cret"),
            UnscannableReason.ENCRYPTED),
        new Case(
            "password-pdf",
            "salaries.pdf",
            () -> TestDocuments.encryptedPdf("s3cret", "SSN " + PLANTED),
            UnscannableReason.ENCRYPTED),
        new Case(
            "zip-bomb",
            "zeros.zip",
            () -> TestDocuments.zipBomb("zeros.txt", 48L << 20),
            UnscannableReason.RATIO_LIMIT),
        new Case(
            "nested-zip-bomb",
            "42.zip",
            () -> TestDocuments.nestedZipBomb(TestDocuments.zipBomb("z.txt", 4L << 20), 3, 10),
            UnscannableReason.RATIO_LIMIT),
        new Case(
            "deep-nesting",
            "matryoshka.zip",
            () -> TestDocuments.nestedZipBomb(utf8("SSN " + PLANTED), 8, 1),
            UnscannableReason.NESTING_LIMIT),
        new Case(
            "billion-laughs",
            "lolz.xml",
            TestDocuments::billionLaughs,
            UnscannableReason.ENTITY_EXPANSION),
        new Case("zip-named-pdf", "invoice.pdf", () -> TestDocuments.docx("SSN " + PLANTED), null),
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
        new Case("zero-bytes", "empty.docx", () -> new byte[0], UnscannableReason.NO_TEXT),
        new Case("image", "scan.png", HostileFiles::png, UnscannableReason.NO_TEXT),
        new Case(
            "scanned-pdf",
            "scan.pdf",
            () -> TestDocuments.pdf((String) null),
            UnscannableReason.NO_TEXT),
        new Case(
            "image-in-zip",
            "photos.zip",
            () -> TestDocuments.zip(entries("id-card.png", png(), "readme.txt", utf8("photos"))),
            UnscannableReason.NO_TEXT),
        new Case("invalid-utf8", "broken.txt", HostileFiles::invalidUtf8, null));
  }

  static Map<String, byte[]> entries(Object... kv) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (byte[]) kv[i + 1]);
    }
    return m;
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

  /** Mostly UTF-8 text with invalid sequences (lone continuation bytes, truncated sequences). */
  static byte[] invalidUtf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = "Customer record: SSN ".getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, head.length);
    byte[] ssn = PLANTED.getBytes(StandardCharsets.UTF_8);
    out.write(ssn, 0, ssn.length);
    out.write(
        new byte[] {
          ' ', (byte) 0xC3, 0x28, ' ', (byte) 0x80, (byte) 0xBF, ' ', (byte) 0xE2, (byte) 0x82, '\n'
        },
        0,
        10);
    byte[] tail = "The rest of the line is ordinary text.\n".getBytes(StandardCharsets.UTF_8);
    out.write(tail, 0, tail.length);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
