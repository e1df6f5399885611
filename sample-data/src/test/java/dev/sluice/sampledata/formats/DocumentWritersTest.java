package dev.sluice.sampledata.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sampledata.formats.DocumentWriters.Attachment;
import dev.sluice.sampledata.formats.DocumentWriters.Email;
import dev.sluice.sampledata.formats.DocumentWriters.Entry;
import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import dev.sluice.sampledata.formats.DocumentWriters.Slide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentWritersTest {

  private static final String MARKER = "Quarterly planning notes zeta-4471";
  private static final List<String> PARAS =
      List.of(MARKER, "Second paragraph with umlaut M\u00fcller & <tags>", "Third one.");

  static Stream<Arguments> formats() {
    List<List<String>> rows = List.of(List.of("name", "note"), List.of("a", MARKER));
    return Stream.of(
        Arguments.of("txt", (Supplier<byte[]>) () -> DocumentWriters.txt(MARKER)),
        Arguments.of(
            "utf16",
            (Supplier<byte[]>) () -> DocumentWriters.txt(MARKER, StandardCharsets.UTF_16LE)),
        Arguments.of(
            "latin1",
            (Supplier<byte[]>) () -> DocumentWriters.txt(MARKER, StandardCharsets.ISO_8859_1)),
        Arguments.of("csv", (Supplier<byte[]>) () -> DocumentWriters.csv(rows)),
        Arguments.of("tsv", (Supplier<byte[]>) () -> DocumentWriters.tsv(rows)),
        Arguments.of("json", (Supplier<byte[]>) () -> DocumentWriters.json(List.of("k", MARKER))),
        Arguments.of(
            "jsonl", (Supplier<byte[]>) () -> DocumentWriters.jsonl(List.of(List.of("k", MARKER)))),
        Arguments.of("xml", (Supplier<byte[]>) () -> DocumentWriters.xml("doc", PARAS)),
        Arguments.of("html", (Supplier<byte[]>) () -> DocumentWriters.html("T", PARAS)),
        Arguments.of("md", (Supplier<byte[]>) () -> DocumentWriters.markdown("T", PARAS)),
        Arguments.of("rtf", (Supplier<byte[]>) () -> DocumentWriters.rtf(PARAS)),
        Arguments.of(
            "eml",
            (Supplier<byte[]>)
                () ->
                    DocumentWriters.eml(
                        new Email(
                            "a@example.com",
                            "b@example.com",
                            "Subj",
                            "Hello",
                            List.of(
                                new Attachment(
                                    "notes.txt", "text/plain", DocumentWriters.txt(MARKER)))))),
        Arguments.of("pdf", (Supplier<byte[]>) () -> DocumentWriters.pdf("T", PARAS)),
        Arguments.of(
            "docx", (Supplier<byte[]>) () -> DocumentWriters.docx("T", List.of("intro"), rows)),
        Arguments.of(
            "xlsx",
            (Supplier<byte[]>)
                () ->
                    DocumentWriters.xlsx(
                        List.of(new Sheet("One", List.of(List.of("x"))), new Sheet("Two", rows)))),
        Arguments.of(
            "pptx",
            (Supplier<byte[]>)
                () ->
                    DocumentWriters.pptx(
                        List.of(new Slide("Intro", List.of("a")), new Slide("S2", PARAS)))),
        Arguments.of("odt", (Supplier<byte[]>) () -> DocumentWriters.odt("T", PARAS)),
        Arguments.of(
            "ods", (Supplier<byte[]>) () -> DocumentWriters.ods(List.of(new Sheet("S", rows)))),
        Arguments.of(
            "zip",
            (Supplier<byte[]>)
                () ->
                    DocumentWriters.zip(
                        List.of(
                            new Entry("a/readme.txt", DocumentWriters.txt("readme")),
                            new Entry("a/doc.docx", DocumentWriters.docx("T", PARAS))))),
        Arguments.of(
            "nested",
            (Supplier<byte[]>)
                () -> DocumentWriters.nestedZip(3, "deep.txt", DocumentWriters.txt(MARKER))),
        Arguments.of(
            "tgz",
            (Supplier<byte[]>)
                () ->
                    DocumentWriters.tarGz(
                        List.of(new Entry("x/notes.txt", DocumentWriters.txt(MARKER))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void writesSameBytesTwiceAndTikaExtractsTheText(String name, Supplier<byte[]> writer)
      throws Exception {
    byte[] first = writer.get();
    byte[] second = writer.get();
    assertThat(second).as("deterministic " + name).isEqualTo(first);
    String text = extract(first);
    String expected = name.equals("eml") ? "Hello" : name.equals("zip") ? "readme" : "zeta-4471";
    assertThat(text).contains(expected);
  }

  @Test
  void pdfSpansSeveralPagesAndReportsParagraphPages() throws Exception {
    List<String> many = Stream.iterate(0, i -> i + 1).limit(80).map(i -> "line " + i).toList();
    int[] pages = DocumentWriters.pdfParagraphPages(many);
    assertThat(pages[0]).isEqualTo(1);
    assertThat(pages[79]).isGreaterThan(1);
    String text = extract(DocumentWriters.pdf("T", many));
    assertThat(text).contains("line 0").contains("line 79");
  }

  @Test
  void encryptedDocxAndPdfAreReportedAsEncryptedAndDeterministic() {
    byte[] docx = DocumentWriters.encryptedDocx("T", PARAS, "s3cret");
    assertThat(DocumentWriters.encryptedDocx("T", PARAS, "s3cret")).isEqualTo(docx);
    assertThatThrownBy(() -> extract(docx)).isInstanceOf(EncryptedDocumentException.class);
    byte[] pdf = DocumentWriters.encryptedPdf("T", PARAS, "s3cret");
    assertThat(DocumentWriters.encryptedPdf("T", PARAS, "s3cret")).isEqualTo(pdf);
    assertThatThrownBy(() -> extract(pdf)).isInstanceOf(EncryptedDocumentException.class);
  }

  @Test
  void truncatedFilesFailToParse() {
    assertThatThrownBy(() -> extract(DocumentWriters.corruptPdf("T", PARAS, 0.5)))
        .isInstanceOf(Exception.class);
    byte[] docx = DocumentWriters.truncatedDocx("T", PARAS, 0.6);
    assertThat(docx.length).isLessThan(DocumentWriters.docx("T", PARAS).length);
  }

  @Test
  void pdfWithoutTextHasNoExtractableText() throws Exception {
    byte[] pdf = DocumentWriters.pdfWithoutText(2);
    assertThat(DocumentWriters.pdfWithoutText(2)).isEqualTo(pdf);
    assertThat(extract(pdf).strip()).isEmpty();
  }

  @Test
  void zipBombStreamsWithoutHoldingTheUncompressedBytes() throws IOException {
    long size = 128L * 1024 * 1024;
    CountingStream out = new CountingStream();
    DocumentWriters.writeZipBomb(out, "zeros.bin", size);
    assertThat(out.count).isLessThan(size / 500);
    byte[] small = DocumentWriters.zipBomb("zeros.bin", 10_000_000);
    try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(small))) {
      ZipEntry e = zin.getNextEntry();
      assertThat(e.getName()).isEqualTo("zeros.bin");
      long total = 0;
      byte[] buf = new byte[8192];
      int n;
      while ((n = zin.read(buf)) > 0) {
        total += n;
      }
      assertThat(total).isEqualTo(10_000_000);
    }
  }

  @Test
  void nestedZipBombHasTheRequestedDepth() throws IOException {
    byte[] bomb = DocumentWriters.nestedZipBomb(12, 2, 1000);
    int depth = 0;
    byte[] current = bomb;
    while (current.length > 4 && current[0] == 'P' && current[1] == 'K') {
      try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(current))) {
        zin.getNextEntry();
        current = zin.readAllBytes();
      }
      depth++;
    }
    assertThat(depth).isEqualTo(12);
  }

  @Test
  void hostileSmallInputs() {
    assertThat(DocumentWriters.empty()).isEmpty();
    assertThat(new String(DocumentWriters.billionLaughs(), StandardCharsets.UTF_8))
        .contains("<!ENTITY lol9");
    byte[] bad = DocumentWriters.invalidUtf8("hello world");
    assertThatThrownBy(
            () -> StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bad)))
        .isInstanceOf(CharacterCodingException.class);
    byte[] utf16 = DocumentWriters.txt("hi", StandardCharsets.UTF_16LE);
    assertThat(utf16).startsWith((byte) 0xFF, (byte) 0xFE);
  }

  static String extract(byte[] bytes) throws Exception {
    AutoDetectParser parser = new AutoDetectParser();
    ParseContext ctx = new ParseContext();
    ctx.set(Parser.class, parser);
    BodyContentHandler handler = new BodyContentHandler(-1);
    parser.parse(new ByteArrayInputStream(bytes), handler, new Metadata(), ctx);
    return handler.toString();
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
