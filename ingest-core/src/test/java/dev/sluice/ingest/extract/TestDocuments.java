package dev.sluice.ingest.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.swing.text.DefaultStyledDocument;
import javax.swing.text.rtf.RTFEditorKit;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Small test fixtures built with the real writer libraries on the test classpath (POI, PDFBox,
 * commons-compress, mime4j, the JDK's RTF kit and zip), plus hostile byte patterns. All values are
 * synthetic.
 */
final class TestDocuments {
  private TestDocuments() {}

  static byte[] text(String s, Charset cs, boolean bom) {
    byte[] body = s.getBytes(cs);
    if (!bom) {
      return body;
    }
    byte[] mark =
        cs.equals(StandardCharsets.UTF_16BE)
            ? new byte[] {(byte) 0xFE, (byte) 0xFF}
            : new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] out = new byte[mark.length + body.length];
    System.arraycopy(mark, 0, out, 0, mark.length);
    System.arraycopy(body, 0, out, mark.length, body.length);
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] zip(Map<String, byte[]> entries) {
    return bytes(
        out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
              zip.putNextEntry(new ZipEntry(e.getKey()));
              zip.write(e.getValue());
              zip.closeEntry();
            }
          }
        });
  }

  static byte[] tar(Map<String, byte[]> entries) {
    return bytes(out -> writeTar(out, entries));
  }

  static byte[] tgz(Map<String, byte[]> entries) {
    return bytes(
        out -> {
          try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            writeTar(gz, entries);
          }
        });
  }

  private static void writeTar(OutputStream out, Map<String, byte[]> entries) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
      entry.setSize(e.getValue().length);
      tar.putArchiveEntry(entry);
      tar.write(e.getValue());
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  static byte[] gzip(byte[] content) {
    return bytes(
        out -> {
          try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
          }
        });
  }

  static byte[] sevenZ(Map<String, byte[]> entries, Path tmp) {
    try {
      Path file = Files.createTempFile(tmp, "fixture", ".7z");
      try (SevenZOutputFile z = new SevenZOutputFile(file.toFile())) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          SevenZArchiveEntry entry = new SevenZArchiveEntry();
          entry.setName(e.getKey());
          entry.setSize(e.getValue().length);
          // Tika's PackageParser reads the mtime and fails on 7z entries without one
          entry.setLastModifiedDate(new java.util.Date(1_700_000_000_000L));
          z.putArchiveEntry(entry);
          z.write(e.getValue());
          z.closeArchiveEntry();
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] docx(String... paragraphs) {
    return bytes(
        out -> {
          try (XWPFDocument doc = new XWPFDocument()) {
            for (String p : paragraphs) {
              doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
          }
        });
  }

  /** A workbook with one sheet per entry; each row is a list of cells. */
  static byte[] xlsx(Map<String, List<List<String>>> sheets) {
    return bytes(
        out -> {
          try (Workbook wb = new XSSFWorkbook()) {
            fill(wb, sheets);
            wb.write(out);
          }
        });
  }

  static byte[] xls(Map<String, List<List<String>>> sheets) {
    return bytes(
        out -> {
          try (Workbook wb = new HSSFWorkbook()) {
            fill(wb, sheets);
            wb.write(out);
          }
        });
  }

  private static void fill(Workbook wb, Map<String, List<List<String>>> sheets) {
    for (Map.Entry<String, List<List<String>>> e : sheets.entrySet()) {
      Sheet sheet = wb.createSheet(e.getKey());
      int r = 0;
      for (List<String> cells : e.getValue()) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
        }
      }
    }
  }

  static byte[] pptx(String... slides) {
    return bytes(
        out -> {
          try (XMLSlideShow show = new XMLSlideShow()) {
            for (String s : slides) {
              XSLFSlide slide = show.createSlide();
              XSLFTextBox box = slide.createTextBox();
              box.setText(s);
              box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            }
            show.write(out);
          }
        });
  }

  static byte[] ppt(String... slides) {
    return bytes(
        out -> {
          try (HSLFSlideShow show = new HSLFSlideShow()) {
            for (String s : slides) {
              HSLFSlide slide = show.createSlide();
              HSLFTextBox box = slide.createTextBox();
              box.setText(s);
              box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            }
            show.write(out);
          }
        });
  }

  /** One page per string; {@code null} makes a page without a text layer. */
  static byte[] pdf(String... pages) {
    return pdf(null, pages);
  }

  static byte[] encryptedPdf(String userPassword, String... pages) {
    return pdf(userPassword, pages);
  }

  private static byte[] pdf(String userPassword, String... pages) {
    return bytes(
        out -> {
          try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
              PDPage page = new PDPage();
              doc.addPage(page);
              try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                if (text != null) {
                  cs.beginText();
                  cs.setFont(font, 12);
                  cs.newLineAtOffset(72, 700);
                  cs.showText(text);
                  cs.endText();
                } else {
                  cs.addRect(72, 600, 200, 100); // a drawing, no text layer
                  cs.fill();
                }
              }
            }
            if (userPassword != null) {
              StandardProtectionPolicy policy =
                  new StandardProtectionPolicy(
                      "owner-" + userPassword, userPassword, new AccessPermission());
              policy.setEncryptionKeyLength(128);
              doc.protect(policy);
            }
            doc.save(out);
          }
        });
  }

  /** An OOXML document encrypted with a password (agile encryption, an OLE2 wrapper). */
  static byte[] encryptedOoxml(byte[] ooxml, String password) {
    return bytes(
        out -> {
          try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword(password);
            try (OutputStream os = enc.getDataStream(fs)) {
              os.write(ooxml);
            }
            fs.writeFilesystem(out);
          } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
          }
        });
  }

  static byte[] rtf(String text) {
    return bytes(
        out -> {
          RTFEditorKit kit = new RTFEditorKit();
          DefaultStyledDocument doc = new DefaultStyledDocument();
          try {
            kit.read(new StringReader(""), doc, 0);
            doc.insertString(0, text, null);
            kit.write(out, doc, 0, doc.getLength());
          } catch (javax.swing.text.BadLocationException e) {
            throw new IOException(e);
          }
        });
  }

  /** A mail with a plain-text body and the given attachments. */
  static byte[] eml(String subject, String body, Map<String, byte[]> attachments) {
    return bytes(
        out -> {
          MultipartBuilder mp = MultipartBuilder.create("mixed");
          mp.addBodyPart(
              BodyPartBuilder.create().setBody(body, "plain", StandardCharsets.UTF_8).build());
          for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
            mp.addBodyPart(
                BodyPartBuilder.create()
                    .setBody(a.getValue(), "application/octet-stream")
                    .setContentTransferEncoding("base64")
                    .setContentDisposition("attachment", a.getKey())
                    .build());
          }
          Message msg =
              Message.Builder.of()
                  .setSubject(subject)
                  .setFrom("alice@example.test")
                  .setTo("bob@example.test")
                  .setDate(new java.util.Date(1_700_000_000_000L))
                  .setMessageId("<fixture-1@example.test>")
                  .setBody(mp.build())
                  .build();
          new DefaultMessageWriter().writeMessage(msg, out);
        });
  }

  /**
   * An OpenDocument package (no ODF writer library is on the classpath, so the package is put
   * together with java.util.zip: {@code mimetype} stored first, manifest, content.xml).
   */
  static byte[] odf(String mimeType, String officeBody) {
    String content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<office:document-content"
            + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
            + " xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""
            + " office:version=\"1.2\"><office:body>"
            + officeBody
            + "</office:body></office:document-content>";
    String manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
            + " manifest:version=\"1.2\">"
            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
            + mimeType
            + "\"/><manifest:file-entry manifest:full-path=\"content.xml\""
            + " manifest:media-type=\"text/xml\"/></manifest:manifest>";
    return storedFirstZip(
        "mimetype",
        utf8(mimeType),
        Map.of("META-INF/manifest.xml", utf8(manifest), "content.xml", utf8(content)));
  }

  /** A minimal EPUB 3 package (put together with java.util.zip, like {@link #odf}). */
  static byte[] epub(String chapterText) {
    String container =
        "<?xml version=\"1.0\"?><container version=\"1.0\""
            + " xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
            + "<rootfile full-path=\"OEBPS/content.opf\""
            + " media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
    String opf =
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\""
            + " unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:identifier id=\"id\">urn:uuid:00000000-0000-0000-0000-000000000001</dc:identifier>"
            + "<dc:title>Fixture</dc:title><dc:language>en</dc:language></metadata><manifest>"
            + "<item id=\"c1\" href=\"chapter1.xhtml\" media-type=\"application/xhtml+xml\"/>"
            + "</manifest><spine><itemref idref=\"c1\"/></spine></package>";
    String chapter =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<head><title>Chapter 1</title></head><body><p>"
            + chapterText
            + "</p></body></html>";
    return storedFirstZip(
        "mimetype",
        utf8("application/epub+zip"),
        new java.util.LinkedHashMap<>(
            Map.of(
                "META-INF/container.xml", utf8(container),
                "OEBPS/content.opf", utf8(opf),
                "OEBPS/chapter1.xhtml", utf8(chapter))));
  }

  private static byte[] storedFirstZip(String name, byte[] first, Map<String, byte[]> rest) {
    return bytes(
        out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(first.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(first);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(first);
            zip.closeEntry();
            for (Map.Entry<String, byte[]> r : rest.entrySet()) {
              zip.putNextEntry(new ZipEntry(r.getKey()));
              zip.write(r.getValue());
              zip.closeEntry();
            }
          }
        });
  }

  // ---- hostile byte patterns ----

  /**
   * A zip with one entry of {@code uncompressedBytes} copies of {@code fill}, streamed, never held
   * in memory. A fill of {@code '0'} looks like text, so a parser really reads it.
   */
  static byte[] zipBomb(String entryName, long uncompressedBytes) {
    return zipBomb(entryName, uncompressedBytes, (byte) '0');
  }

  static byte[] zipBomb(String entryName, long uncompressedBytes, byte fill) {
    return bytes(
        out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(entryName));
            byte[] zeros = new byte[64 * 1024];
            java.util.Arrays.fill(zeros, fill);
            for (long left = uncompressedBytes; left > 0; left -= zeros.length) {
              zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeEntry();
          }
        });
  }

  /** {@code levels} of zips, each holding {@code copies} copies of the level below. */
  static byte[] nestedZipBomb(byte[] leaf, int levels, int copies) {
    byte[] current = leaf;
    for (int level = 0; level < levels; level++) {
      Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
      for (int c = 0; c < copies; c++) {
        entries.put("l" + level + "-" + c + ".zip", current);
      }
      current = zip(entries);
    }
    return current;
  }

  /** The classic billion-laughs XML: 10 levels of 10 entity references. */
  static byte[] billionLaughs() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
    sb.append(" <!ENTITY lol \"lol\">\n");
    String prev = "lol";
    for (int i = 1; i <= 9; i++) {
      String name = "lol" + i;
      sb.append(" <!ENTITY ").append(name).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append('&').append(prev).append(';');
      }
      sb.append("\">\n");
      prev = name;
    }
    sb.append("]>\n<lolz>&").append(prev).append(";</lolz>\n");
    return utf8(sb.toString());
  }

  static byte[] truncate(byte[] b, int keep) {
    return java.util.Arrays.copyOf(b, keep);
  }

  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws Exception;
  }

  static byte[] bytes(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
