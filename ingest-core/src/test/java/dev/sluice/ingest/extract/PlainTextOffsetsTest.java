package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain-text formats come out exactly as decoded, so offsets of findings are offsets into the
 * file's decoded text (no XHTML newlines, no CSV re-layout).
 */
class PlainTextOffsetsTest {
  private final TikaExtractor extractor = TikaExtractor.builder().build();

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "notes.txt, UTF-8",
    "notes.txt, UTF-16",
    "notes.txt, windows-1252",
    "rows.csv, UTF-8",
    "rows.tsv, UTF-8",
    "data.json, UTF-8",
    "data.jsonl, UTF-8",
    "readme.md, UTF-8",
  })
  void unitTextIsTheDecodedFile(String name, String charset) {
    String text =
        switch (name) {
          case "rows.csv" -> "id,email\n1,ana.lima@example.test\n2,\"quoted, field\"\n";
          case "rows.tsv" -> "id\temail\n1\tana.lima@example.test\n";
          case "data.json" -> "{\"user\": {\"email\": \"ana.lima@example.test\"}}\n";
          case "data.jsonl" -> "{\"a\":1}\n{\"email\":\"ana.lima@example.test\"}\n";
          case "readme.md" -> "# Title\n\nWrite to ana.lima@example.test, café ok.\n";
          default -> "Caf\u00e9 notes: write to ana.lima@example.test today.\n";
        };
    byte[] bytes =
        charset.equals("UTF-16")
            ? DocumentWriters.txt(text, StandardCharsets.UTF_16) // with byte order mark
            : text.getBytes(Charset.forName(charset));
    Extraction ex = extractor.extract(new ByteArrayInputStream(bytes), name, bytes.length);
    assertThat(ex.unscannable()).isEmpty();
    List<TextUnit> units = ex.units();
    assertThat(units).hasSize(1);
    assertThat(units.get(0).text()).isEqualTo(text);
    int at = units.get(0).text().indexOf("ana.lima@example.test");
    assertThat(at).isEqualTo(text.indexOf("ana.lima@example.test"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"thread.txt", "mail-export.log", "notes.md"})
  void textFileThatLooksLikeAnEmailIsScannedAsWritten(String name) {
    String text =
        "From: Ana Lima <ana.lima@example.test>\r\n"
            + "To: Bo Chen <bo.chen@example.test>\r\n"
            + "Subject: invoice\r\n"
            + "Date: Tue, 1 Oct 2024 10:00:00 +0000\r\n"
            + "\r\n"
            + "Hi Bo, call me on 020 7946 0018.\r\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Extraction ex = extractor.extract(new ByteArrayInputStream(bytes), name, bytes.length);
    assertThat(ex.units()).hasSize(1);
    TextUnit unit = ex.units().get(0);
    assertThat(unit.mediaType()).doesNotStartWith("message/");
    assertThat(unit.text()).isEqualTo(text); // header lines kept, offsets into the file
  }

  @org.junit.jupiter.api.Test
  void emlFileIsStillParsedAsAMessage() {
    String text =
        "From: Ana Lima <ana.lima@example.test>\r\n"
            + "To: Bo Chen <bo.chen@example.test>\r\n"
            + "Subject: invoice\r\n"
            + "\r\n"
            + "Hi Bo.\r\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Extraction ex = extractor.extract(new ByteArrayInputStream(bytes), "mail.eml", bytes.length);
    assertThat(ex.units().get(0).mediaType()).startsWith("message/rfc822");
  }
}
