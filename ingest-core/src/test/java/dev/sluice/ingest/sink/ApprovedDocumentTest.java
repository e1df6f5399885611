package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.source.SourceItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents mode writes an original only when every byte of it was scanned (ADR 0006). */
class ApprovedDocumentTest {
  static final SourceItem DOCX =
      new SourceItem("s3://raw/public/guide.docx", "raw", "public/guide.docx", "", "e1", 10);
  static final SourceItem TXT =
      new SourceItem("s3://raw/public/faq.txt", "raw", "public/faq.txt", "", "e2", 10);

  static ApprovedDocument doc(SourceItem item, String decision, boolean verbatim) {
    return new ApprovedDocument(item, "kb", decision, "lin", "abc", List.of(), verbatim);
  }

  @Test
  void anApprovedVerbatimDocumentKeepsItsOriginal() {
    ApprovedDocument d = doc(TXT, "APPROVE", true);
    assertThat(d.original()).isTrue();
    // a keyed id, never the source name; the original's own extension
    assertThat(DatasetSink.documentKey("p/", d)).isEqualTo("p/doc-lin.txt");
  }

  @Test
  void anApprovedBinaryDocumentIsWrittenAsItsTextRendition() {
    ApprovedDocument d = doc(DOCX, "APPROVE", false);
    assertThat(d.original()).isFalse();
    // a text rendition: .txt, whatever the source's extension
    assertThat(DatasetSink.documentKey("p/", d)).isEqualTo("p/doc-lin.txt");
    assertThat(new ApprovedDocument(DOCX, "kb", "APPROVE", "lin", "abc", List.of()).original())
        .as("not verbatim unless said so")
        .isFalse();
  }

  @Test
  void aRedactedDocumentIsNeverItsOriginal() {
    assertThat(doc(TXT, "REDACT", true).original()).isFalse();
  }
}
