package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Word 97-2003 (.doc), a file made by LibreOffice (see src/test/resources/fixtures/README.md). */
class LegacyWordTest {
  @Test
  void extractsTheTextOfALegacyWordDocument() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/legacy-memo.doc")) {
      Extraction e = TikaExtractor.builder().build().extract(in, "legacy-memo.doc", -1);
      assertThat(e.unscannable()).as(e.detail()).isEmpty();
      assertThat(e.units().get(0).mediaType()).startsWith("application/msword");
      String text = e.units().get(0).text();
      assertThat(text).contains("078-05-1120").contains("ana.lima@example.test");
    }
  }
}
