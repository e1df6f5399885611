package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.extract.TikaExtractor;
import dev.sluice.ingest.macie.MacieDetection;
import dev.sluice.ingest.macie.MacieEvidence;
import dev.sluice.ingest.macie.MacieFinding;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.SourceItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the pipeline prepares for the sink holds no value of a redacted type. */
class PipelineRedactionTest {
  @TempDir Path tmp;

  @Test
  void everyNameInAJsonLinesExportIsRedactedBeforeWriting() throws Exception {
    String jsonl =
        "{\"session\":\"7884448f-6b4b-450c-ae16-7c3ae87de161\",\"customer\":\"Liora Underhill\","
            + "\"email\":\"liora.underhill@example.net\",\"message\":\"how do I export?\"}\n"
            + "{\"session\":\"33996826-80a2-4183-aa3c-0fccc8a93868\",\"customer\":\"Soren Underhill\","
            + "\"email\":\"soren.underhill@example.org\",\"message\":\"hello\"}\n";
    Files.writeString(tmp.resolve("chat.jsonl"), jsonl);
    LocalSource source = LocalSource.of(tmp);
    DatasetSpec ds = new DatasetSpec("kb", List.of(), "curated", "kb", "key", "internal");
    Scanner scanner = Scanner.builder().build();
    Pipeline p =
        Pipeline.builder()
            .source(source)
            .extractor(TikaExtractor.builder().build())
            .scanner(scanner, scanner.catalogVersion())
            .policy(PolicyLoader.defaultPolicy())
            .datasets(k -> Optional.of(ds))
            .mode(Pipeline.Mode.INGEST)
            .runId("t1")
            .build();
    SourceItem item = source.list("").findFirst().orElseThrow();
    Outcome o = p.process(item);
    assertThat(o.verdict().decision()).isEqualTo(Decision.REDACT);
    String written = String.join("\n", o.records().stream().map(DatasetRecord::text).toList());
    assertThat(written)
        .doesNotContain("Liora Underhill")
        .doesNotContain("Soren Underhill")
        .doesNotContain("@example.")
        .contains("[NAME]");
    assertThat(o.lineage().redactionCounts())
        .containsEntry("NAME", 2)
        .containsEntry("EMAIL_ADDRESS", 2);
  }

  @Test
  void whenMacieCountsMoreOccurrencesThanWeFoundTheDocumentIsNotWritten() throws Exception {
    Files.writeString(tmp.resolve("memo.txt"), "Write to ana.lima@example.test about it.\n");
    LocalSource source = LocalSource.of(tmp);
    SourceItem item = source.list("").findFirst().orElseThrow();
    MacieFinding macie =
        new MacieFinding(
            "f-1",
            "raw",
            item.key(),
            item.eTag(),
            "",
            "",
            List.of(
                new MacieDetection(
                    "EMAIL_ADDRESS", Category.PERSONAL_INFORMATION, 3, "lines 1-3")));
    DatasetSpec ds = new DatasetSpec("kb", List.of(), "curated", "kb", "key", "internal");
    Scanner scanner = Scanner.builder().build();
    Outcome o =
        Pipeline.builder()
            .source(source)
            .extractor(TikaExtractor.builder().build())
            .scanner(scanner, scanner.catalogVersion())
            .macie(i -> new MacieEvidence(List.of(macie), List.of(), Optional.empty()))
            .policy(PolicyLoader.defaultPolicy())
            .datasets(k -> Optional.of(ds))
            .mode(Pipeline.Mode.INGEST)
            .runId("t2")
            .build()
            .process(item);
    assertThat(o.verdict().decision()).isEqualTo(Decision.QUARANTINE);
    assertThat(o.records()).isEmpty();
    assertThat(o.verdict().reasons())
        .anyMatch(
            r ->
                r.rule().equals("macie-saw-more")
                    && r.evidence().contains("Macie counted 3, Sluice found 1"));
  }
}
