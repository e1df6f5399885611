package dev.sluice.sampledata.formats;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.ooxml.POIXMLDocument;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Deterministic writers that turn text or simple structured content into the bytes of real file
 * formats, plus builders for hostile inputs (corrupt, encrypted, bombs).
 *
 * <p>Contract: every method is a pure function of its arguments. The same inputs give the same
 * bytes on every run and machine: document dates are {@link #FIXED_INSTANT}, zip entry times are
 * {@link #FIXED_ZIP_TIME} (local DOS time, independent of the JVM time zone), PDF file ids and
 * encryption salts are derived from the content or fixed seeds. Arguments must not be {@code null}
 * (lists may be empty). All methods are thread-safe (no shared mutable state). Methods that take an
 * {@link OutputStream} write to it but do not close it; the caller owns the stream.
 *
 * <p>Binary formats use the real libraries on the classpath: Apache POI (docx, xlsx, pptx, agile
 * encryption), PDFBox (pdf), commons-compress (tar). ODF, RTF and EML are written by hand. I/O
 * failures on in-memory streams cannot happen in practice and are rethrown as {@link
 * UncheckedIOException}.
 */
public final class DocumentWriters {

  /** The instant used as creation and modification date of every written document. */
  public static final Instant FIXED_INSTANT = Instant.parse("2024-03-01T09:00:00Z");

  /** The local DOS time stamped on every zip entry (zip, docx, xlsx, pptx, odt, ods). */
  public static final LocalDateTime FIXED_ZIP_TIME = LocalDateTime.of(2024, 3, 1, 9, 0, 0);

  /** UTF-16LE byte order mark. */
  private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

  private static final int PDF_CHARS_PER_LINE = 95;
  private static final int PDF_LINES_PER_PAGE = 48;

  private DocumentWriters() {}

  // ---------------------------------------------------------------------------------------------
  // Structured content

  /** A named worksheet: rows of cell strings (ragged rows allowed). */
  public record Sheet(String name, List<List<String>> rows) {
    /** Validates and copies. */
    public Sheet {
      Objects.requireNonNull(name, "name");
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** A slide: a title and body paragraphs. */
  public record Slide(String title, List<String> paragraphs) {
    /** Validates and copies. */
    public Slide {
      Objects.requireNonNull(title, "title");
      paragraphs = List.copyOf(paragraphs);
    }
  }

  /** A file inside an archive or an attachment of an email: a path (or file name) and bytes. */
  public record Entry(String path, byte[] bytes) {
    /** Validates; the array is not copied, callers must not mutate it afterwards. */
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(bytes, "bytes");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("path must not be empty");
      }
    }
  }

  /**
   * An email message: header fields, a plain-text body, and attachments (file name, MIME type,
   * bytes).
   */
  public record Email(
      String from, String to, String subject, String body, List<Attachment> attachments) {
    /** Validates and copies. */
    public Email {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(body, "body");
      attachments = List.copyOf(attachments);
    }
  }

  /** An email attachment. */
  public record Attachment(String fileName, String mimeType, byte[] bytes) {
    /** Validates. */
    public Attachment {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(mimeType, "mimeType");
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plain text family

  /** UTF-8 text without BOM. */
  public static byte[] txt(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Text in the given charset. UTF-16LE output starts with a byte order mark (FF FE) so that
   * readers can detect it; other charsets get no BOM. Characters not representable in the charset
   * become {@code ?} (ISO-8859-1).
   */
  public static byte[] txt(String text, Charset charset) {
    byte[] body = text.getBytes(charset);
    if (charset.equals(StandardCharsets.UTF_16LE)) {
      byte[] out = Arrays.copyOf(UTF16LE_BOM, body.length + 2);
      System.arraycopy(body, 0, out, 2, body.length);
      return out;
    }
    return body;
  }

  /** RFC 4180 CSV (comma, {@code \n} line ends, quotes only where needed), UTF-8. */
  public static byte[] csv(List<List<String>> rows) {
    return txt(delimited(rows, ','));
  }

  /** Tab-separated values ({@code \n} line ends; tabs and newlines in cells become spaces). */
  public static byte[] tsv(List<List<String>> rows) {
    return txt(delimited(rows, '\t'));
  }

  /** The text that {@link #csv} (comma) or {@link #tsv} (tab) encodes. */
  public static String delimited(List<List<String>> rows, char separator) {
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(separator);
        }
        String cell = row.get(i);
        if (separator == '\t') {
          sb.append(cell.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        } else if (cell.indexOf(',') >= 0
            || cell.indexOf('"') >= 0
            || cell.indexOf('\n') >= 0
            || cell.indexOf('\r') >= 0) {
          sb.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
          sb.append(cell);
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Escapes a string for a JSON string literal (without the surrounding quotes). */
  public static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * A JSON object with string fields in the given order, pretty-printed with two-space indent
   * ({@code keysAndValues} alternates key, value).
   */
  public static byte[] json(List<String> keysAndValues) {
    return txt(jsonObject(keysAndValues, true) + "\n");
  }

  /** JSON Lines: one compact object per record, {@code \n} terminated. */
  public static byte[] jsonl(List<List<String>> records) {
    StringBuilder sb = new StringBuilder();
    for (List<String> record : records) {
      sb.append(jsonObject(record, false)).append('\n');
    }
    return txt(sb.toString());
  }

  private static String jsonObject(List<String> kv, boolean pretty) {
    if (kv.size() % 2 != 0) {
      throw new IllegalArgumentException("keysAndValues must have an even size, was " + kv.size());
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < kv.size(); i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      if (pretty) {
        sb.append("\n  ");
      }
      sb.append('"').append(jsonEscape(kv.get(i))).append("\":");
      if (pretty) {
        sb.append(' ');
      }
      sb.append('"').append(jsonEscape(kv.get(i + 1))).append('"');
    }
    if (pretty) {
      sb.append('\n');
    }
    return sb.append('}').toString();
  }

  /** Escapes {@code & < > "} for XML/HTML text and attribute values. */
  public static String xmlEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** An XML document {@code <root><p>..</p>...</root>}, UTF-8 with declaration. */
  public static byte[] xml(String rootElement, List<String> paragraphs) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append('<').append(rootElement).append(">\n");
    for (String p : paragraphs) {
      sb.append("  <p>").append(xmlEscape(p)).append("</p>\n");
    }
    sb.append("</").append(rootElement).append(">\n");
    return txt(sb.toString());
  }

  /** A small HTML5 page with a title and one {@code <p>} per paragraph, UTF-8. */
  public static byte[] html(String title, List<String> paragraphs) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    sb.append("<meta charset=\"utf-8\">\n<title>").append(xmlEscape(title)).append("</title>\n");
    sb.append("</head>\n<body>\n<h1>").append(xmlEscape(title)).append("</h1>\n");
    for (String p : paragraphs) {
      sb.append("<p>").append(xmlEscape(p)).append("</p>\n");
    }
    sb.append("</body>\n</html>\n");
    return txt(sb.toString());
  }

  /** Markdown: {@code # title} then paragraphs separated by blank lines. */
  public static byte[] markdown(String title, List<String> paragraphs) {
    StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
    for (String p : paragraphs) {
      sb.append(p).append("\n\n");
    }
    return txt(sb.toString());
  }

  /**
   * RTF 1.x with one {@code \par} per paragraph. Backslash and braces are escaped; characters above
   * 0x7F are written as {@code \}{@code uN?} escapes, so the file itself is pure ASCII.
   */
  public static byte[] rtf(List<String> paragraphs) {
    StringBuilder sb = new StringBuilder("{\\rtf1\\ansi\\ansicpg1252\\deff0");
    sb.append("{\\fonttbl{\\f0\\fswiss Helvetica;}}\n");
    sb.append("{\\info{\\creatim\\yr2024\\mo3\\dy1\\hr9\\min0}}\n\\f0\\fs22\n");
    for (String p : paragraphs) {
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c == '\\' || c == '{' || c == '}') {
          sb.append('\\').append(c);
        } else if (c == '\n') {
          sb.append("\\line ");
        } else if (c > 0x7F) {
          sb.append("\\u").append((int) (short) c).append('?');
        } else {
          sb.append(c);
        }
      }
      sb.append("\\par\n");
    }
    sb.append("}\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------------------------------------
  // Email

  /**
   * An RFC 5322 message. Without attachments it is a single {@code text/plain} part (8bit UTF-8);
   * with attachments it is {@code multipart/mixed} with the body first and each attachment base64
   * encoded (76-column lines). Date and Message-ID are fixed. Line ends are CRLF.
   */
  public static byte[] eml(Email email) {
    String crlf = "\r\n";
    StringBuilder sb = new StringBuilder();
    sb.append("From: ").append(email.from()).append(crlf);
    sb.append("To: ").append(email.to()).append(crlf);
    sb.append("Subject: ").append(email.subject()).append(crlf);
    sb.append("Date: Fri, 01 Mar 2024 09:00:00 +0000").append(crlf);
    sb.append("Message-ID: <")
        .append(hexDigest(email.subject() + email.body(), 12))
        .append("@mail.sluice.example>")
        .append(crlf);
    sb.append("MIME-Version: 1.0").append(crlf);
    String body = email.body().replace("\r\n", "\n").replace("\n", crlf);
    if (email.attachments().isEmpty()) {
      sb.append("Content-Type: text/plain; charset=UTF-8").append(crlf);
      sb.append("Content-Transfer-Encoding: 8bit").append(crlf).append(crlf);
      sb.append(body).append(crlf);
      return txt(sb.toString());
    }
    String boundary = "----=_SluicePart_" + hexDigest(email.subject(), 8);
    sb.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append('"');
    sb.append(crlf).append(crlf);
    sb.append("This is a multi-part message in MIME format.").append(crlf);
    sb.append("--").append(boundary).append(crlf);
    sb.append("Content-Type: text/plain; charset=UTF-8").append(crlf);
    sb.append("Content-Transfer-Encoding: 8bit").append(crlf).append(crlf);
    sb.append(body).append(crlf);
    Base64.Encoder mime = Base64.getMimeEncoder(76, crlf.getBytes(StandardCharsets.US_ASCII));
    for (Attachment a : email.attachments()) {
      sb.append("--").append(boundary).append(crlf);
      sb.append("Content-Type: ").append(a.mimeType());
      sb.append("; name=\"").append(a.fileName()).append('"').append(crlf);
      sb.append("Content-Disposition: attachment; filename=\"").append(a.fileName()).append('"');
      sb.append(crlf);
      sb.append("Content-Transfer-Encoding: base64").append(crlf).append(crlf);
      sb.append(mime.encodeToString(a.bytes())).append(crlf);
    }
    sb.append("--").append(boundary).append("--").append(crlf);
    return txt(sb.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // PDF

  /**
   * A PDF with a real text layer (Helvetica, WinAnsi). Paragraphs are word-wrapped at 95 characters
   * and flow over as many A4 pages as needed (48 lines per page); a paragraph containing {@code \f}
   * starts a new page there. Characters Helvetica cannot encode become {@code ?}. Info dates are
   * {@link #FIXED_INSTANT} and the file id is derived from the text.
   */
  public static byte[] pdf(String title, List<String> paragraphs) {
    try (PDDocument doc = newPdf(title, paragraphs)) {
      return savePdf(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page (1-based) on which each paragraph of {@link #pdf} starts; useful for Macie {@code
   * pages} occurrences.
   */
  public static int[] pdfParagraphPages(List<String> paragraphs) {
    int[] starts = new int[paragraphs.size()];
    layoutPdf(paragraphs, starts);
    return starts;
  }

  /** Lays out paragraphs into pages of lines; records each paragraph's 1-based start page. */
  private static List<List<String>> layoutPdf(List<String> paragraphs, int[] startPages) {
    List<List<String>> pages = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      String[] parts = paragraphs.get(i).split("\f", -1);
      for (int k = 0; k < parts.length; k++) {
        if (k > 0 && !current.isEmpty()) {
          pages.add(current);
          current = new ArrayList<>();
        }
        for (String line : wrap(parts[k])) {
          if (current.size() == PDF_LINES_PER_PAGE) {
            pages.add(current);
            current = new ArrayList<>();
          }
          if (k == 0 && startPages[i] == 0) {
            startPages[i] = pages.size() + 1;
          }
          current.add(line);
        }
        if (current.size() == PDF_LINES_PER_PAGE) {
          pages.add(current);
          current = new ArrayList<>();
        }
        current.add("");
      }
    }
    if (!current.isEmpty() || pages.isEmpty()) {
      pages.add(current);
    }
    return pages;
  }

  private static PDDocument newPdf(String title, List<String> paragraphs) throws IOException {
    PDDocument doc = new PDDocument();
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(title);
    info.setProducer("Sluice sample-data");
    info.setCreator("Sluice sample-data");
    info.setCreationDate(fixedCalendar());
    info.setModificationDate(fixedCalendar());
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    List<List<String>> pages = layoutPdf(paragraphs, new int[paragraphs.size()]);
    for (List<String> lines : pages) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 10);
        cs.setLeading(15f);
        cs.newLineAtOffset(50, 790);
        for (String line : lines) {
          if (!line.isEmpty()) {
            cs.showText(pdfSafe(font, line));
          }
          cs.newLine();
        }
        cs.endText();
      }
    }
    setPdfId(doc, title + "\u0000" + String.join("\n", paragraphs));
    return doc;
  }

  private static void setPdfId(PDDocument doc, String seed) {
    byte[] id = digest(seed.getBytes(StandardCharsets.UTF_8), "MD5");
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    doc.getDocument().setDocumentID(ids);
  }

  private static byte[] savePdf(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  private static String pdfSafe(PDType1Font font, String line) {
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        sb.append("    ");
        continue;
      }
      if (c >= 0x20 && c < 0x7F) { // printable ASCII: always in WinAnsiEncoding, skip the lookup
        sb.append(c);
        continue;
      }
      try {
        font.encode(String.valueOf(c));
        sb.append(c);
      } catch (IllegalArgumentException | IOException e) {
        sb.append('?');
      }
    }
    return sb.toString();
  }

  /** Word wrap at {@value #PDF_CHARS_PER_LINE} chars; explicit newlines are kept. */
  private static List<String> wrap(String paragraph) {
    List<String> lines = new ArrayList<>();
    for (String raw : paragraph.split("\n", -1)) {
      String rest = raw;
      while (rest.length() > PDF_CHARS_PER_LINE) {
        int cut = rest.lastIndexOf(' ', PDF_CHARS_PER_LINE);
        if (cut <= 0) {
          cut = PDF_CHARS_PER_LINE;
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        } else {
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut + 1);
        }
      }
      lines.add(rest);
    }
    return lines;
  }

  /**
   * A PDF whose pages carry only an image (grey bars that look like scanned lines), no text layer
   * at all: extraction yields no text.
   */
  public static byte[] pdfWithoutText(int pageCount) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setProducer("Sluice sample-data scanner");
      info.setCreationDate(fixedCalendar());
      info.setModificationDate(fixedCalendar());
      Random rnd = new Random(42);
      for (int p = 0; p < pageCount; p++) {
        BufferedImage img = new BufferedImage(300, 420, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 420; y++) {
          boolean bar = (y / 6) % 3 == 1 && y > 30 && y < 390;
          int len = 40 + rnd.nextInt(220);
          for (int x = 0; x < 300; x++) {
            int v = bar && x > 20 && x < 20 + len ? 40 + rnd.nextInt(30) : 245;
            img.getRaster().setSample(x, y, 0, v);
          }
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(doc, img);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
        }
      }
      setPdfId(doc, "scan-" + pageCount);
      return savePdf(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A password-protected PDF (standard security handler, 128-bit RC4, user password required to
   * open). RC4 is chosen because AES adds random IVs, which would break byte determinism.
   */
  public static byte[] encryptedPdf(String title, List<String> paragraphs, String userPassword) {
    try (PDDocument doc = newPdf(title, paragraphs)) {
      AccessPermission ap = new AccessPermission();
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy(userPassword + "-owner", userPassword, ap);
      policy.setEncryptionKeyLength(128);
      policy.setPreferAES(false);
      doc.protect(policy);
      return savePdf(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A PDF cut after {@code fraction} of its bytes (0 &lt; fraction &lt; 1): header present, body
   * and cross-reference table missing.
   */
  public static byte[] corruptPdf(String title, List<String> paragraphs, double fraction) {
    return truncate(pdf(title, paragraphs), fraction);
  }

  // ---------------------------------------------------------------------------------------------
  // OOXML (POI)

  /** A Word document: a title paragraph, body paragraphs, and an optional table. */
  public static byte[] docx(String title, List<String> paragraphs, List<List<String>> table) {
    try (XWPFDocument doc = new XWPFDocument()) {
      fixProperties(doc, title);
      XWPFParagraph head = doc.createParagraph();
      head.setStyle("Title");
      head.createRun().setText(title);
      for (String p : paragraphs) {
        XWPFParagraph para = doc.createParagraph();
        String[] lines = p.split("\n", -1);
        var run = para.createRun();
        for (int i = 0; i < lines.length; i++) {
          if (i > 0) {
            run.addBreak();
          }
          run.setText(lines[i], i);
        }
      }
      if (!table.isEmpty()) {
        int cols = table.stream().mapToInt(List::size).max().orElse(1);
        XWPFTable t = doc.createTable(table.size(), cols);
        for (int r = 0; r < table.size(); r++) {
          XWPFTableRow row = t.getRow(r);
          for (int c = 0; c < table.get(r).size(); c++) {
            row.getCell(c).setText(table.get(r).get(c));
          }
        }
      }
      return writeOoxml(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Word document with paragraphs only. */
  public static byte[] docx(String title, List<String> paragraphs) {
    return docx(title, paragraphs, List.of());
  }

  /** An Excel workbook with the given sheets (string cells only). */
  public static byte[] xlsx(List<Sheet> sheets) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      fixProperties(wb, sheets.isEmpty() ? "workbook" : sheets.get(0).name());
      for (Sheet s : sheets) {
        XSSFSheet sheet = wb.createSheet(s.name());
        for (int r = 0; r < s.rows().size(); r++) {
          XSSFRow row = sheet.createRow(r);
          List<String> cells = s.rows().get(r);
          for (int c = 0; c < cells.size(); c++) {
            row.createCell(c).setCellValue(cells.get(c));
          }
        }
      }
      if (sheets.isEmpty()) {
        wb.createSheet("Sheet1");
      }
      return writeOoxml(wb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PowerPoint deck: one slide per {@link Slide}, title box plus one text box of paragraphs. */
  public static byte[] pptx(List<Slide> slides) {
    try (XMLSlideShow show = new XMLSlideShow()) {
      fixProperties(show, slides.isEmpty() ? "deck" : slides.get(0).title());
      for (Slide s : slides) {
        XSLFSlide slide = show.createSlide();
        XSLFTextBox title = slide.createTextBox();
        title.setAnchor(new java.awt.Rectangle(40, 20, 640, 60));
        title.setText(s.title());
        XSLFTextBox body = slide.createTextBox();
        body.setAnchor(new java.awt.Rectangle(40, 100, 640, 400));
        body.clearText();
        for (String p : s.paragraphs()) {
          XSLFTextParagraph para = body.addNewTextParagraph();
          para.addNewTextRun().setText(p);
        }
      }
      return writeOoxml(show);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fixProperties(POIXMLDocument doc, String title) {
    POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
    Date fixed = Date.from(FIXED_INSTANT);
    core.setCreated(Optional.of(fixed));
    core.setModified(Optional.of(fixed));
    core.setCreator("Sluice sample-data");
    core.setTitle(title);
  }

  private static byte[] writeOoxml(POIXMLDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.write(out);
    return normalizeZip(out.toByteArray());
  }

  /**
   * Rewrites a zip with the same entries in the same order, deflated, with every entry time set to
   * {@link #FIXED_ZIP_TIME} and no extra fields, so library output becomes byte-stable.
   */
  public static byte[] normalizeZip(byte[] zip) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      List<Entry> entries = new ArrayList<>();
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.add(new Entry(e.getName(), in.readAllBytes()));
      }
      return zip(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An agile-encrypted (AES, password-protected) Word document in an OLE2 container, as Office
   * writes it. Salts and keys come from a {@link Random} seeded with the password, so output is
   * deterministic; it is only meant as test input, not as real protection.
   */
  public static byte[] encryptedDocx(String title, List<String> paragraphs, String password) {
    byte[] plain = docx(title, paragraphs);
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor enc = info.getEncryptor();
      Random rnd = new Random(password.hashCode());
      int block = info.getHeader().getBlockSize();
      int keySize = info.getHeader().getKeySize() / 8;
      int hashSize = info.getHeader().getHashAlgorithm().hashSize;
      enc.confirmPassword(
          password,
          bytes(rnd, keySize),
          bytes(rnd, block),
          bytes(rnd, block),
          bytes(rnd, block),
          bytes(rnd, hashSize));
      try (OutputStream os = enc.getDataStream(fs)) {
        os.write(plain);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt sample docx", e);
    }
  }

  /** A Word document cut after {@code fraction} of its bytes: the zip central directory is lost. */
  public static byte[] truncatedDocx(String title, List<String> paragraphs, double fraction) {
    return truncate(docx(title, paragraphs), fraction);
  }

  // ---------------------------------------------------------------------------------------------
  // ODF (built by hand)

  /** An OpenDocument text file: mimetype stored first, manifest, meta and content. */
  public static byte[] odt(String title, List<String> paragraphs) {
    StringBuilder body = new StringBuilder();
    body.append("<text:h text:outline-level=\"1\">").append(xmlEscape(title)).append("</text:h>");
    for (String p : paragraphs) {
      body.append("<text:p>")
          .append(xmlEscape(p).replace("\n", "<text:line-break/>"))
          .append("</text:p>");
    }
    return odf("application/vnd.oasis.opendocument.text", "text", body.toString(), title);
  }

  /** An OpenDocument spreadsheet with one table per sheet (string cells). */
  public static byte[] ods(List<Sheet> sheets) {
    StringBuilder body = new StringBuilder();
    for (Sheet s : sheets) {
      body.append("<table:table table:name=\"").append(xmlEscape(s.name())).append("\">");
      for (List<String> row : s.rows()) {
        body.append("<table:table-row>");
        for (String cell : row) {
          body.append("<table:table-cell office:value-type=\"string\"><text:p>")
              .append(xmlEscape(cell))
              .append("</text:p></table:table-cell>");
        }
        body.append("</table:table-row>");
      }
      body.append("</table:table>");
    }
    return odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        "spreadsheet",
        body.toString(),
        sheets.isEmpty() ? "spreadsheet" : sheets.get(0).name());
  }

  private static byte[] odf(String mime, String bodyElement, String bodyXml, String title) {
    String ns =
        " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " office:version=\"1.2\"";
    String content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content"
            + ns
            + "><office:body><office:"
            + bodyElement
            + ">"
            + bodyXml
            + "</office:"
            + bodyElement
            + "></office:body></office:document-content>\n";
    String meta =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta"
            + ns
            + "><office:meta><dc:title>"
            + xmlEscape(title)
            + "</dc:title><meta:creation-date>2024-03-01T09:00:00</meta:creation-date>"
            + "<meta:generator>Sluice sample-data</meta:generator>"
            + "</office:meta></office:document-meta>\n";
    String manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<manifest:manifest"
            + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
            + " manifest:version=\"1.2\">\n"
            + " <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
            + mime
            + "\"/>\n"
            + " <manifest:file-entry manifest:full-path=\"content.xml\""
            + " manifest:media-type=\"text/xml\"/>\n"
            + " <manifest:file-entry manifest:full-path=\"meta.xml\""
            + " manifest:media-type=\"text/xml\"/>\n"
            + "</manifest:manifest>\n";
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        byte[] mimeBytes = mime.getBytes(StandardCharsets.US_ASCII);
        ZipEntry m = new ZipEntry("mimetype");
        m.setMethod(ZipEntry.STORED);
        m.setSize(mimeBytes.length);
        m.setCompressedSize(mimeBytes.length);
        CRC32 crc = new CRC32();
        crc.update(mimeBytes);
        m.setCrc(crc.getValue());
        m.setTimeLocal(FIXED_ZIP_TIME);
        zip.putNextEntry(m);
        zip.write(mimeBytes);
        zip.closeEntry();
        putDeflated(zip, "META-INF/manifest.xml", txt(manifest));
        putDeflated(zip, "meta.xml", txt(meta));
        putDeflated(zip, "content.xml", txt(content));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Archives

  /** A zip of the entries in order, deflated, entry times {@link #FIXED_ZIP_TIME}. */
  public static byte[] zip(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Entry e : entries) {
        putDeflated(zip, e.path(), e.bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void putDeflated(ZipOutputStream zip, String name, byte[] bytes)
      throws IOException {
    ZipEntry ze = new ZipEntry(name);
    ze.setTimeLocal(FIXED_ZIP_TIME);
    zip.putNextEntry(ze);
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Wraps {@code inner} in {@code depth} zips: level 1 holds {@code innerName}, each further level
   * holds {@code level-N.zip}. Depth 0 returns the inner bytes unchanged.
   */
  public static byte[] nestedZip(int depth, String innerName, byte[] inner) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be >= 0, was " + depth);
    }
    byte[] current = inner;
    String name = innerName;
    for (int level = 1; level <= depth; level++) {
      current = zip(List.of(new Entry(name, current)));
      name = "level-" + level + ".zip";
    }
    return current;
  }

  /** A POSIX tar (entries owned by uid/gid 0, mode 0644, mtime {@link #FIXED_INSTANT}). */
  public static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTar(out, entries);
    return out.toByteArray();
  }

  /** A gzip-compressed tar ({@link #tar} then {@link #gzip}). */
  public static byte[] tarGz(List<Entry> entries) {
    return gzip(tar(entries));
  }

  private static void writeTar(OutputStream out, List<Entry> entries) {
    try {
      TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry te = new TarArchiveEntry(e.path());
        te.setSize(e.bytes().length);
        te.setModTime(Date.from(FIXED_INSTANT));
        te.setMode(0100644);
        te.setIds(0, 0);
        te.setNames("sluice", "sluice");
        tar.putArchiveEntry(te);
        tar.write(e.bytes());
        tar.closeArchiveEntry();
      }
      tar.finish();
      tar.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gzip with a zero mtime header (java.util.zip writes a fixed header). */
  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile inputs

  /**
   * Streams a zip bomb to {@code out}: one deflated entry of {@code uncompressedSize} zero bytes
   * (about 1000:1 compression). Memory use is a 64 KiB buffer whatever the size, so tests can build
   * multi-gigabyte bombs without holding them. Does not close {@code out}.
   */
  public static void writeZipBomb(OutputStream out, String entryName, long uncompressedSize)
      throws IOException {
    if (uncompressedSize < 0) {
      throw new IllegalArgumentException("uncompressedSize must be >= 0");
    }
    ZipOutputStream zip = new ZipOutputStream(nonClosing(out));
    zip.setLevel(Deflater.BEST_COMPRESSION);
    ZipEntry ze = new ZipEntry(entryName);
    ze.setTimeLocal(FIXED_ZIP_TIME);
    zip.putNextEntry(ze);
    byte[] zeros = new byte[64 * 1024];
    long left = uncompressedSize;
    while (left > 0) {
      int n = (int) Math.min(zeros.length, left);
      zip.write(zeros, 0, n);
      left -= n;
    }
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  /** {@link #writeZipBomb} into a byte array; the compressed result is about size/1000 bytes. */
  public static byte[] zipBomb(String entryName, long uncompressedSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeZipBomb(out, entryName, uncompressedSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A nested zip bomb in the style of 42.zip: the leaf is {@code leafSize} zero bytes; each of
   * {@code depth} levels holds {@code fanout} copies of the level below. Total uncompressed size is
   * {@code leafSize * fanout^depth}; bytes stay small because identical copies deflate well.
   */
  public static byte[] nestedZipBomb(int depth, int fanout, long leafSize) {
    if (depth < 1 || fanout < 1) {
      throw new IllegalArgumentException("depth and fanout must be >= 1");
    }
    byte[] level = zipBomb("leaf.bin", leafSize);
    for (int d = 1; d < depth; d++) {
      List<Entry> copies = new ArrayList<>();
      for (int i = 0; i < fanout; i++) {
        copies.add(new Entry("d" + d + "-" + i + ".zip", level));
      }
      level = zip(copies);
    }
    return level;
  }

  /** The classic "billion laughs" XML entity-expansion document (10 levels of 10 references). */
  public static byte[] billionLaughs() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
    sb.append(" <!ENTITY lol \"lol\">\n");
    String prev = "lol";
    for (int i = 1; i <= 9; i++) {
      String name = "lol" + i;
      sb.append(" <!ENTITY ").append(name).append(" \"");
      for (int k = 0; k < 10; k++) {
        sb.append('&').append(prev).append(';');
      }
      sb.append("\">\n");
      prev = name;
    }
    sb.append("]>\n<lolz>&").append(prev).append(";</lolz>\n");
    return txt(sb.toString());
  }

  /** Bytes that are not valid UTF-8 (stray continuation, overlong form, 0xFF) around ASCII text. */
  public static byte[] invalidUtf8(String asciiText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] text = asciiText.getBytes(StandardCharsets.US_ASCII);
    out.write(text, 0, text.length / 2);
    out.write(0xC3);
    out.write(0x28); // invalid 2-byte sequence
    out.write(0xC0);
    out.write(0xAF); // overlong '/'
    out.write(0xFF);
    out.write(0x80);
    out.write(text, text.length / 2, text.length - text.length / 2);
    return out.toByteArray();
  }

  /** An empty (0-byte) file. */
  public static byte[] empty() {
    return new byte[0];
  }

  /** The first {@code fraction} (0 &lt; fraction &lt; 1) of {@code bytes}. */
  public static byte[] truncate(byte[] bytes, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in (0,1), was " + fraction);
    }
    return Arrays.copyOf(bytes, Math.max(1, (int) (bytes.length * fraction)));
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static byte[] bytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static Calendar fixedCalendar() {
    Calendar c = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    c.setTimeInMillis(FIXED_INSTANT.toEpochMilli());
    return c;
  }

  private static byte[] digest(byte[] data, String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " not available", e);
    }
  }

  private static String hexDigest(String s, int bytes) {
    byte[] d = digest(s.getBytes(StandardCharsets.UTF_8), "SHA-256");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      sb.append(String.format("%02x", d[i] & 0xFF));
    }
    return sb.toString();
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
