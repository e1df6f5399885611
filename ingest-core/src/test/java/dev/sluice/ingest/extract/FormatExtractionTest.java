package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.TestDocuments.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sluice.sampledata.formats.DocumentWriters;
import dev.sluice.sampledata.formats.DocumentWriters.Attachment;
import dev.sluice.sampledata.formats.DocumentWriters.Email;
import dev.sluice.sampledata.formats.DocumentWriters.Entry;
import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import dev.sluice.sampledata.formats.DocumentWriters.Slide;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One real file per format, written by sample-data's {@link DocumentWriters} (or, for the formats
 * it lacks, {@link TestDocuments}), each with planted synthetic values that must come out with
 * their embedded paths.
 */
class FormatExtractionTest {
  static final TikaExtractor EXTRACTOR = TikaExtractor.builder().build();
  static final String SSN = "078-05-1120";
  static final String IBAN = "DE89370400440532013000";
  static final String NAME = "Zoë Müller";
  static final List<String> PARAS = List.of("Name " + NAME, "SSN " + SSN, "IBAN " + IBAN);

  @TempDir Path tmp;

  static Extraction extract(byte[] bytes, String name) {
    return EXTRACTOR.extract(new ByteArrayInputStream(bytes), name, bytes.length);
  }

  static String allText(Extraction e) {
    StringBuilder sb = new StringBuilder();
    e.units().forEach(u -> sb.append(u.text()).append('\n'));
    return sb.toString();
  }

  static TextUnit unit(Extraction e, String path) {
    return e.units().stream()
        .filter(u -> u.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no unit " + path + " in " + e.units().stream().map(TextUnit::path).toList()));
  }

  static void assertScannable(Extraction e) {
    assertThat(e.unscannable()).as("reason, detail=%s", e.detail()).isEqualTo(Optional.empty());
  }

  static List<Arguments> textFormats() {
    String line = "Name: " + NAME + ", SSN " + SSN + ", IBAN " + IBAN + "\n";
    List<List<String>> rows = List.of(List.of("name", "ssn", "iban"), List.of(NAME, SSN, IBAN));
    return List.of(
        Arguments.of("utf8.txt", DocumentWriters.txt(line)),
        Arguments.of("utf16.txt", DocumentWriters.txt(line, StandardCharsets.UTF_16LE)),
        Arguments.of(
            "latin1.txt",
            DocumentWriters.txt(
                line + "Kunde aus Köln, Straße 5; die Überweisung wurde geprüft und bestätigt.\n",
                StandardCharsets.ISO_8859_1)),
        Arguments.of("people.csv", DocumentWriters.csv(rows)),
        Arguments.of("people.tsv", DocumentWriters.tsv(rows)),
        Arguments.of(
            "person.json", DocumentWriters.json(List.of("name", NAME, "ssn", SSN, "iban", IBAN))),
        Arguments.of(
            "people.jsonl",
            DocumentWriters.jsonl(
                List.of(List.of("name", NAME), List.of("ssn", SSN, "iban", IBAN)))),
        Arguments.of("person.xml", DocumentWriters.xml("person", PARAS)),
        Arguments.of("person.html", DocumentWriters.html("Person", PARAS)),
        Arguments.of("README.md", DocumentWriters.markdown("Person", PARAS)),
        Arguments.of("memo.rtf", DocumentWriters.rtf(PARAS)),
        Arguments.of("memo.docx", DocumentWriters.docx("Memo", PARAS)),
        Arguments.of("memo.odt", DocumentWriters.odt("Memo", PARAS)),
        Arguments.of("memo.pdf", DocumentWriters.pdf("Memo", PARAS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFormats")
  void singleDocumentFormatsYieldPlantedValuesWithAccents(String name, byte[] bytes) {
    Extraction e = extract(bytes, name);

    assertScannable(e);
    assertThat(e.units().get(0).path()).isEmpty();
    assertThat(allText(e)).contains(SSN, IBAN);
    if (!name.endsWith(".pdf")) { // Helvetica/WinAnsi keeps ë and ü, but PDF text may re-order
      assertThat(allText(e)).contains(NAME);
    }
  }

  @Test
  void utf16AndLatin1AreDecodedNotGuessedAsBinary() {
    String s = "Name: " + NAME + ", Straße in Köln\n";

    assertThat(
            extract(DocumentWriters.txt(s, StandardCharsets.UTF_16LE), "a.txt")
                .units()
                .get(0)
                .text())
        .contains(NAME, "Straße");
    assertThat(
            extract(
                    DocumentWriters.txt(
                        s + s + s + "Überweisung geprüft.\n", StandardCharsets.ISO_8859_1),
                    "b.txt")
                .units()
                .get(0)
                .text())
        .contains(NAME, "Straße");
  }

  @Test
  void typeComesFromContentNotFromTheName() {
    Extraction pdfNamedTxt = extract(DocumentWriters.pdf("Memo", PARAS), "notes.txt");
    Extraction docxNamedPdf = extract(DocumentWriters.docx("Memo", PARAS), "scan.pdf");

    // a text name claims nothing specific: the content decides
    assertThat(pdfNamedTxt.units().get(0).mediaType()).startsWith("application/pdf");
    assertThat(allText(pdfNamedTxt)).contains(SSN);
    // a document named as another specific document type is held back, not parsed
    assertThat(docxNamedPdf.unscannable()).contains(UnscannableReason.TYPE_MISMATCH);
    assertThat(docxNamedPdf.detail())
        .contains("application/pdf")
        .contains("wordprocessingml")
        .doesNotContain(SSN);
  }

  @Test
  void pdfHasOneLocationPerPage() {
    List<String> paras = List.of("Intro page", "\fSSN " + SSN, "\fIBAN " + IBAN);
    Extraction e = extract(DocumentWriters.pdf("Report", paras), "r.pdf");

    assertScannable(e);
    TextUnit pdf = e.units().get(0);
    assertThat(pdf.mediaType()).startsWith("application/pdf");
    assertThat(pdf.locations())
        .extracting(TextLocation::kind, TextLocation::index)
        .containsExactly(
            tuple(TextLocation.Kind.PAGE, 1),
            tuple(TextLocation.Kind.PAGE, 2),
            tuple(TextLocation.Kind.PAGE, 3));
    assertThat(pdf.locationAt(pdf.text().indexOf(SSN)).orElseThrow().index()).isEqualTo(2);
    assertThat(pdf.locationAt(pdf.text().indexOf(IBAN)).orElseThrow().index()).isEqualTo(3);
  }

  @Test
  void xlsxHasOneLocationPerSheetWithItsName() {
    Extraction e =
        extract(
            DocumentWriters.xlsx(
                List.of(
                    new Sheet(
                        "Summary", List.of(List.of("Quarter", "Total"), List.of("Q1", "1200"))),
                    new Sheet("Payroll", List.of(List.of("Name", "SSN"), List.of("Zoe", SSN))),
                    new Sheet("Bank", List.of(List.of("IBAN"), List.of(IBAN))))),
            "book.xlsx");

    assertScannable(e);
    TextUnit book = e.units().get(0);
    assertThat(book.text()).contains(SSN, IBAN, "Quarter");
    assertThat(book.locations())
        .extracting(TextLocation::kind, TextLocation::index, TextLocation::label)
        .containsExactly(
            tuple(TextLocation.Kind.SHEET, 1, "Summary"),
            tuple(TextLocation.Kind.SHEET, 2, "Payroll"),
            tuple(TextLocation.Kind.SHEET, 3, "Bank"));
    assertThat(book.locationAt(book.text().indexOf(SSN)).orElseThrow().label())
        .isEqualTo("Payroll");
  }

  @Test
  void xlsHasSheets() {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("One", List.of(List.of("x")));
    sheets.put("People", List.of(List.of("SSN", SSN)));
    Extraction e = extract(TestDocuments.xls(sheets), "book.xls");

    assertScannable(e);
    TextUnit book = e.units().get(0);
    assertThat(book.text()).contains(SSN);
    assertThat(book.locationAt(book.text().indexOf(SSN)).orElseThrow().label()).isEqualTo("People");
  }

  @Test
  void odsSheetsComeOut() {
    Extraction e =
        extract(
            DocumentWriters.ods(
                List.of(
                    new Sheet("Summary", List.of(List.of("Total"))),
                    new Sheet("People", List.of(List.of("IBAN", IBAN))))),
            "book.ods");

    assertScannable(e);
    assertThat(e.units().get(0).mediaType())
        .startsWith("application/vnd.oasis.opendocument.spreadsheet");
    assertThat(allText(e)).contains(IBAN, "Total");
  }

  @Test
  void pptxHasSlideLocationsAndPptComesOut() {
    Extraction pptx =
        extract(
            DocumentWriters.pptx(
                List.of(
                    new Slide("Intro", List.of("hello")), new Slide("HR", List.of("SSN " + SSN)))),
            "deck.pptx");
    Extraction ppt = extract(TestDocuments.ppt("Intro", "SSN " + SSN), "deck.ppt");

    assertScannable(pptx);
    assertScannable(ppt);
    TextUnit deck = pptx.units().get(0);
    assertThat(deck.locationAt(deck.text().indexOf(SSN)).orElseThrow())
        .extracting(TextLocation::kind, TextLocation::index)
        .containsExactly(TextLocation.Kind.SLIDE, 2);
    assertThat(allText(ppt)).contains("Intro", SSN);
  }

  @Test
  void odpComesOut() {
    Extraction odp =
        extract(
            TestDocuments.odf(
                "application/vnd.oasis.opendocument.presentation",
                "<office:presentation><draw:page draw:name=\"s1\"><draw:frame><draw:text-box>"
                    + "<text:p>SSN "
                    + SSN
                    + "</text:p></draw:text-box></draw:frame></draw:page></office:presentation>"),
            "a.odp");

    assertScannable(odp);
    assertThat(odp.units().get(0).mediaType())
        .startsWith("application/vnd.oasis.opendocument.presentation");
    assertThat(allText(odp)).contains(SSN);
  }

  @Test
  void epubChapterText() {
    Extraction e = extract(TestDocuments.epub("Account IBAN " + IBAN), "book.epub");

    assertScannable(e);
    assertThat(e.units().get(0).mediaType()).startsWith("application/epub+zip");
    assertThat(allText(e)).contains(IBAN);
  }

  @Test
  void zipEntriesAreUnitsWithTheirPaths() {
    byte[] zip =
        DocumentWriters.zip(
            List.of(
                new Entry(
                    "hr/payroll.xlsx",
                    DocumentWriters.xlsx(List.of(new Sheet("Pay", List.of(List.of("SSN", SSN)))))),
                new Entry("notes/readme.txt", DocumentWriters.txt("IBAN " + IBAN))));
    Extraction e = extract(zip, "bundle.zip");

    assertScannable(e);
    assertThat(e.units().get(0).path()).isEmpty();
    assertThat(e.units().get(0).mediaType()).startsWith("application/zip");
    assertThat(unit(e, "/hr/payroll.xlsx").text()).contains(SSN);
    assertThat(unit(e, "/hr/payroll.xlsx").mediaType()).contains("spreadsheetml");
    assertThat(unit(e, "/notes/readme.txt").text()).contains(IBAN);
  }

  @Test
  void nestedArchivesKeepTheFullPath() {
    byte[] inner = TestDocuments.zip(entries("hr/payroll.txt", DocumentWriters.txt("SSN " + SSN)));
    byte[] outer =
        TestDocuments.zip(entries("inner.zip", inner, "top.txt", DocumentWriters.txt("top level")));
    Extraction e = extract(outer, "outer.zip");

    assertScannable(e);
    assertThat(unit(e, "/inner.zip/hr/payroll.txt").text()).contains(SSN);
    assertThat(unit(e, "/top.txt").text()).contains("top level");
  }

  @Test
  void tarTgzGzAnd7z() {
    List<Entry> files =
        List.of(
            new Entry("a/ssn.txt", DocumentWriters.txt("SSN " + SSN)),
            new Entry("b/iban.txt", DocumentWriters.txt(IBAN)));
    Map<String, byte[]> archives = new LinkedHashMap<>();
    archives.put("x.tar", DocumentWriters.tar(files));
    archives.put("x.tgz", DocumentWriters.tarGz(files));
    archives.put(
        "x.7z",
        TestDocuments.sevenZ(
            entries("a/ssn.txt", files.get(0).bytes(), "b/iban.txt", files.get(1).bytes()), tmp));
    for (var a : archives.entrySet()) {
      Extraction e = extract(a.getValue(), a.getKey());

      assertScannable(e);
      assertThat(allText(e)).as(a.getKey()).contains(SSN, IBAN);
      // a tgz is a gzip member holding the tar, whose entries follow
      String prefix = a.getKey().endsWith(".tgz") ? "/x.tar" : "";
      assertThat(e.units()).extracting(TextUnit::path).contains(prefix + "/a/ssn.txt");
    }
    Extraction gz = extract(DocumentWriters.gzip(DocumentWriters.txt("SSN " + SSN)), "ssn.txt.gz");
    assertScannable(gz);
    assertThat(allText(gz)).contains(SSN);
  }

  @Test
  void mailWithAttachments() {
    byte[] eml =
        DocumentWriters.eml(
            new Email(
                "hr@example.test",
                "payroll@example.test",
                "Quarterly payroll",
                "Please find the files attached.",
                List.of(
                    new Attachment(
                        "payroll.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        DocumentWriters.docx("Payroll", List.of("SSN " + SSN))),
                    new Attachment(
                        "bank.txt", "text/plain", DocumentWriters.txt("IBAN " + IBAN)))));
    Extraction e = extract(eml, "mail.eml");

    assertScannable(e);
    assertThat(e.units().get(0).mediaType()).startsWith("message/rfc822");
    assertThat(e.units().get(0).text()).contains("Please find the files attached.");
    assertThat(unit(e, "/payroll.docx").text()).contains(SSN);
    assertThat(unit(e, "/bank.txt").text()).contains(IBAN);
  }

  @Test
  void attachmentInsideMailInsideZip() {
    byte[] eml =
        DocumentWriters.eml(
            new Email(
                "a@example.test",
                "b@example.test",
                "fw",
                "see attachment",
                List.of(
                    new Attachment(
                        "inner.zip",
                        "application/zip",
                        TestDocuments.zip(entries("id.txt", DocumentWriters.txt("SSN " + SSN)))))));
    Extraction e = extract(TestDocuments.zip(entries("mail/fw.eml", eml)), "export.zip");

    assertScannable(e);
    assertThat(unit(e, "/mail/fw.eml").text()).contains("see attachment");
    assertThat(unit(e, "/mail/fw.eml/inner.zip/id.txt").text()).contains(SSN);
  }
}
