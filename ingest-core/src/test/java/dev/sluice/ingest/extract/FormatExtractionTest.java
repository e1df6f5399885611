package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;

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

/** One real file per format, each with planted synthetic values that must come out. */
class FormatExtractionTest {
  static final TikaExtractor EXTRACTOR = TikaExtractor.builder().build();
  static final String SSN = "078-05-1120";
  static final String IBAN = "DE89370400440532013000";

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

  static Map<String, byte[]> entries(Object... kv) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (byte[]) kv[i + 1]);
    }
    return m;
  }

  static List<Arguments> textFormats() {
    String sample = "Name: Zoë Müller, SSN " + SSN + ", IBAN " + IBAN + "\n";
    return List.of(
        Arguments.of("note-utf8.txt", TestDocuments.text(sample, StandardCharsets.UTF_8, false)),
        Arguments.of("note-utf8bom.txt", TestDocuments.text(sample, StandardCharsets.UTF_8, true)),
        Arguments.of("note-utf16.txt", TestDocuments.text(sample, StandardCharsets.UTF_16BE, true)),
        Arguments.of(
            "note-latin1.txt",
            TestDocuments.text(
                "Kunde: Zoë Müller aus Köln, Straße 5, Größe 3; SSN "
                    + SSN
                    + ", IBAN "
                    + IBAN
                    + ". Die Überweisung wurde am Dienstag geprüft und bestätigt.\n",
                StandardCharsets.ISO_8859_1,
                false)),
        Arguments.of("people.csv", utf8("name,ssn,iban\nZoë Müller," + SSN + "," + IBAN + "\n")),
        Arguments.of(
            "people.tsv", utf8("name\tssn\tiban\nZoë Müller\t" + SSN + "\t" + IBAN + "\n")),
        Arguments.of(
            "person.json",
            utf8("{\"name\":\"Zoë Müller\",\"ssn\":\"" + SSN + "\",\"iban\":\"" + IBAN + "\"}")),
        Arguments.of(
            "people.jsonl",
            utf8(
                "{\"name\":\"Zoë Müller\"}\n{\"ssn\":\""
                    + SSN
                    + "\",\"iban\":\""
                    + IBAN
                    + "\"}\n")),
        Arguments.of(
            "person.xml",
            utf8(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><person><name>Zoë Müller</name><ssn>"
                    + SSN
                    + "</ssn><iban>"
                    + IBAN
                    + "</iban></person>")),
        Arguments.of(
            "person.html",
            utf8(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
                    + "<p>Zoë Müller</p><table><tr><td>"
                    + SSN
                    + "</td><td>"
                    + IBAN
                    + "</td></tr></table></body></html>")),
        Arguments.of(
            "README.md", utf8("# Zoë Müller\n\n* SSN: `" + SSN + "`\n* IBAN: **" + IBAN + "**\n")),
        Arguments.of("memo.rtf", TestDocuments.rtf("Zoë Müller SSN " + SSN + " IBAN " + IBAN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFormats")
  void textFormatsYieldPlantedValuesWithAccents(String name, byte[] bytes) {
    Extraction e = extract(bytes, name);

    assertScannable(e);
    assertThat(e.units()).hasSize(1);
    assertThat(e.units().get(0).path()).isEmpty();
    assertThat(allText(e)).contains(SSN, IBAN).containsAnyOf("Zoë Müller", "Zoë Müller aus Köln");
  }

  @Test
  void pdfHasOneLocationPerPage() {
    Extraction e =
        extract(TestDocuments.pdf("Page one intro", "SSN " + SSN, "IBAN " + IBAN), "r.pdf");

    assertScannable(e);
    TextUnit pdf = e.units().get(0);
    assertThat(pdf.mediaType()).startsWith("application/pdf");
    assertThat(pdf.locations())
        .extracting(TextLocation::kind, TextLocation::index)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.PAGE, 1),
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.PAGE, 2),
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.PAGE, 3));
    assertThat(pdf.locationAt(pdf.text().indexOf(SSN)).orElseThrow().index()).isEqualTo(2);
    assertThat(pdf.locationAt(pdf.text().indexOf(IBAN)).orElseThrow().index()).isEqualTo(3);
  }

  @Test
  void xlsxHasOneLocationPerSheetWithItsName() {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Summary", List.of(List.of("Quarter", "Total"), List.of("Q1", "1200")));
    sheets.put("Payroll", List.of(List.of("Name", "SSN"), List.of("Zoe Muller", SSN)));
    sheets.put("Bank", List.of(List.of("IBAN"), List.of(IBAN)));
    Extraction e = extract(TestDocuments.xlsx(sheets), "book.xlsx");

    assertScannable(e);
    TextUnit book = e.units().get(0);
    assertThat(book.text()).contains(SSN, IBAN, "Quarter");
    assertThat(book.locations())
        .extracting(TextLocation::kind, TextLocation::label)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.SHEET, "Summary"),
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.SHEET, "Payroll"),
            org.assertj.core.groups.Tuple.tuple(TextLocation.Kind.SHEET, "Bank"));
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
  void docxYieldsParagraphs() {
    Extraction e = extract(TestDocuments.docx("Employee record", "SSN " + SSN), "hr.docx");

    assertScannable(e);
    assertThat(e.units().get(0).mediaType())
        .startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml");
    assertThat(allText(e)).contains("Employee record", SSN);
  }

  @Test
  void pptxAndPptHaveSlides() {
    for (var doc :
        Map.of(
                "deck.pptx", TestDocuments.pptx("Intro", "SSN " + SSN),
                "deck.ppt", TestDocuments.ppt("Intro", "SSN " + SSN))
            .entrySet()) {
      Extraction e = extract(doc.getValue(), doc.getKey());

      assertScannable(e);
      assertThat(allText(e)).as(doc.getKey()).contains("Intro", SSN);
    }
    TextUnit pptx = extract(TestDocuments.pptx("Intro", "SSN " + SSN), "d.pptx").units().get(0);
    assertThat(pptx.locationAt(pptx.text().indexOf(SSN)).orElseThrow())
        .extracting(TextLocation::kind, TextLocation::index)
        .containsExactly(TextLocation.Kind.SLIDE, 2);
  }

  @Test
  void openDocumentFormats() {
    Extraction odt =
        extract(
            TestDocuments.odf(
                "application/vnd.oasis.opendocument.text",
                "<office:text><text:p>SSN " + SSN + "</text:p></office:text>"),
            "a.odt");
    Extraction ods =
        extract(
            TestDocuments.odf(
                "application/vnd.oasis.opendocument.spreadsheet",
                "<office:spreadsheet><table:table table:name=\"People\"><table:table-row>"
                    + "<table:table-cell><text:p>"
                    + IBAN
                    + "</text:p></table:table-cell></table:table-row></table:table>"
                    + "</office:spreadsheet>"),
            "a.ods");
    Extraction odp =
        extract(
            TestDocuments.odf(
                "application/vnd.oasis.opendocument.presentation",
                "<office:presentation><draw:page draw:name=\"s1\"><draw:frame><draw:text-box>"
                    + "<text:p>SSN "
                    + SSN
                    + "</text:p></draw:text-box></draw:frame></draw:page></office:presentation>"),
            "a.odp");

    for (Extraction e : List.of(odt, ods, odp)) {
      assertScannable(e);
    }
    assertThat(odt.units().get(0).mediaType())
        .startsWith("application/vnd.oasis.opendocument.text");
    assertThat(allText(odt)).contains(SSN);
    assertThat(allText(ods)).contains(IBAN);
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
        TestDocuments.zip(
            entries(
                "hr/payroll.xlsx",
                TestDocuments.xlsx(Map.of("Pay", List.of(List.of("SSN", SSN)))),
                "notes/readme.txt",
                utf8("IBAN " + IBAN)));
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
    byte[] inner = TestDocuments.zip(entries("hr/payroll.txt", utf8("SSN " + SSN)));
    byte[] outer = TestDocuments.zip(entries("inner.zip", inner, "top.txt", utf8("top level")));
    Extraction e = extract(outer, "outer.zip");

    assertScannable(e);
    assertThat(unit(e, "/inner.zip/hr/payroll.txt").text()).contains(SSN);
    assertThat(unit(e, "/top.txt").text()).contains("top level");
  }

  @Test
  void tarTgzGzAnd7z() throws Exception {
    Map<String, byte[]> files = entries("a/ssn.txt", utf8("SSN " + SSN), "b/iban.txt", utf8(IBAN));
    Map<String, byte[]> archives = new LinkedHashMap<>();
    archives.put("x.tar", TestDocuments.tar(files));
    archives.put("x.tgz", TestDocuments.tgz(files));
    archives.put("x.7z", TestDocuments.sevenZ(files, tmp));
    for (var a : archives.entrySet()) {
      Extraction e = extract(a.getValue(), a.getKey());

      assertScannable(e);
      assertThat(allText(e)).as(a.getKey()).contains(SSN, IBAN);
      assertThat(e.units())
          .extracting(TextUnit::path)
          .as(a.getKey())
          .anyMatch(p -> p.endsWith("a/ssn.txt"));
    }
    Extraction gz = extract(TestDocuments.gzip(utf8("SSN " + SSN)), "ssn.txt.gz");
    assertScannable(gz);
    assertThat(allText(gz)).contains(SSN);
  }

  @Test
  void mailWithAttachments() {
    byte[] eml =
        TestDocuments.eml(
            "Quarterly payroll",
            "Please find the files attached.",
            entries(
                "payroll.docx", TestDocuments.docx("SSN " + SSN),
                "bank.txt", utf8("IBAN " + IBAN)));
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
        TestDocuments.eml(
            "fw",
            "see attachment",
            entries("inner.zip", TestDocuments.zip(entries("id.txt", utf8("SSN " + SSN)))));
    Extraction e = extract(TestDocuments.zip(entries("mail/fw.eml", eml)), "export.zip");

    assertScannable(e);
    assertThat(unit(e, "/mail/fw.eml").text()).contains("see attachment");
    assertThat(unit(e, "/mail/fw.eml/inner.zip/id.txt").text()).contains(SSN);
  }
}
