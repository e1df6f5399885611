package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each limit on both sides: at the limit the document passes, one over it fails with its code. */
class LimitBoundaryTest {

  static Extraction run(ExtractionLimits limits, byte[] b, String name) {
    return TikaExtractor.builder()
        .limits(limits)
        .build()
        .extract(new ByteArrayInputStream(b), name, b.length);
  }

  static ExtractionLimits.Builder limits() {
    return ExtractionLimits.builder();
  }

  @Test
  void textCapMarksTheUnitTruncated() {
    byte[] b = utf8("x".repeat(1000) + "\n");
    String full = run(limits().build(), b, "a.txt").units().get(0).text();

    Extraction atCap = run(limits().maxCharsPerUnit(full.length()).build(), b, "a.txt");
    Extraction overCap = run(limits().maxCharsPerUnit(full.length() - 1).build(), b, "a.txt");

    assertThat(full).contains("x".repeat(1000));
    assertThat(atCap.truncated()).isFalse();
    assertThat(atCap.units().get(0).text()).isEqualTo(full);
    assertThat(overCap.truncated()).isTrue();
    assertThat(overCap.units().get(0).text()).isEqualTo(full.substring(0, full.length() - 1));
    assertThat(overCap.unscannable()).isEmpty();
  }

  @Test
  void documentWideTextBudgetTruncatesLaterUnits() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      files.put("f" + i + ".txt", utf8("y".repeat(100)));
    }

    Extraction e =
        run(
            limits().maxCharsPerUnit(150).maxTotalChars(250).build(),
            TestDocuments.zip(files),
            "z.zip");

    // entry names are scanned parts and share the budget with content (issue 15)
    int total = e.scanned().stream().mapToInt(u -> u.text().length()).sum();
    assertThat(total).isEqualTo(250);
    assertThat(e.truncated()).isTrue();
  }

  @Test
  void declaredSizeIsCheckedBeforeReading() {
    byte[] b = utf8("hello");
    TikaExtractor x = TikaExtractor.builder().limits(limits().maxDocumentBytes(5).build()).build();

    Extraction at = x.extract(new ByteArrayInputStream(b), "a.txt", 5);
    Extraction over = x.extract(new ByteArrayInputStream(b), "a.txt", 6);

    assertThat(at.unscannable()).isEmpty();
    assertThat(over.unscannable()).contains(UnscannableReason.SIZE_LIMIT);
    assertThat(over.detail()).isEqualTo("declared size 6 above maxDocumentBytes=5");
  }

  @Test
  void actualSizeIsCheckedWhileReadingEvenIfTheDeclaredSizeLies() {
    byte[] b = utf8("hello world");
    Extraction e =
        TikaExtractor.builder()
            .limits(limits().maxDocumentBytes(10).build())
            .build()
            .extract(new ByteArrayInputStream(b), "a.txt", 3);

    assertThat(e.unscannable()).contains(UnscannableReason.SIZE_LIMIT);
  }

  @Test
  void nestingDepthOnBothSides() {
    byte[] depth3 = DocumentWriters.nestedZip(3, "deep.txt", utf8("deep text")); // leaf at depth 3

    Extraction at = run(limits().maxNestingDepth(3).build(), depth3, "n.zip");
    Extraction over = run(limits().maxNestingDepth(2).build(), depth3, "n.zip");

    assertThat(at.unscannable()).isEmpty();
    assertThat(FormatExtractionTest.allText(at)).contains("deep text");
    assertThat(over.unscannable()).contains(UnscannableReason.NESTING_LIMIT);
    assertThat(over.detail())
        .isEqualTo("nesting deeper than maxNestingDepth=2 at /level-2.zip/level-1.zip/deep.txt");
  }

  @Test
  void embeddedEntriesOnBothSides() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      files.put("f" + i + ".txt", utf8("entry " + i));
    }
    byte[] zip = TestDocuments.zip(files);

    Extraction at = run(limits().maxEmbeddedEntries(10).build(), zip, "z.zip");
    Extraction over = run(limits().maxEmbeddedEntries(9).build(), zip, "z.zip");

    assertThat(at.unscannable()).isEmpty();
    assertThat(at.units()).hasSize(11);
    assertThat(over.unscannable()).contains(UnscannableReason.ENTRY_LIMIT);
    assertThat(over.detail()).isEqualTo("more than maxEmbeddedEntries=9 at /f9.txt");
  }

  @Test
  void expansionRatioOnBothSides() {
    byte[] bomb = DocumentWriters.zipBomb("big.bin", 4L << 20); // ~4 KiB compressed, 4 MiB zeros

    Extraction generous = run(limits().maxExpansionRatio(100_000).build(), bomb, "b.zip");
    Extraction strict = run(limits().maxExpansionRatio(100).build(), bomb, "b.zip");

    // zeros have no parser: with a generous ratio the entry is merely of an unsupported type
    assertThat(generous.unscannable()).contains(UnscannableReason.UNSUPPORTED_TYPE);
    assertThat(strict.unscannable()).contains(UnscannableReason.RATIO_LIMIT);
    assertThat(strict.detail())
        .isEqualTo("expansion ratio above maxExpansionRatio=100 at /big.bin");
  }

  @Test
  void embeddedDocumentLargerThanTheObjectLimitIsSizeLimit() {
    byte[] bomb = DocumentWriters.zipBomb("big.bin", 2L << 20);

    Extraction e =
        run(
            limits().maxDocumentBytes(1L << 20).maxExpansionRatio(1_000_000).build(),
            bomb,
            "b.zip");

    assertThat(e.unscannable()).contains(UnscannableReason.SIZE_LIMIT);
    assertThat(e.detail()).endsWith("at /big.bin");
  }

  @Test
  void entityExpansionLimitIsApplied() {
    // 3 levels of 3 references: 13 expansions
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"ha\">"
            + "<!ENTITY b \"&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;\">]><r>&c;</r>";

    Extraction allowed = run(limits().maxEntityExpansions(1000).build(), utf8(xml), "r.xml");
    Extraction blocked = run(limits().maxEntityExpansions(5).build(), utf8(xml), "r.xml");
    TikaExtractor.builder().build(); // restore the default for other tests

    assertThat(allowed.unscannable()).isEmpty();
    // XML is scanned as its source (ADR 0005): nothing is expanded, the declarations are the text
    assertThat(allowed.units().get(0).text()).isEqualTo(xml);
    assertThat(blocked.unscannable()).contains(UnscannableReason.ENTITY_EXPANSION);
  }
}
