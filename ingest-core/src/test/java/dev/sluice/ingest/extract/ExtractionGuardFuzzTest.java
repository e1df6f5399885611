package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.sampledata.fuzz.MutationFuzz;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the extraction guard: random bytes behind a common magic number (PDF, ZIP/OOXML, OLE2,
 * gzip, RTF, XML, HTML, PNG, 7z) and a matching or mismatching file name always end as an {@link
 * Extraction}: text units, or a reason with a payload-free detail; never an exception, and within
 * the time limit plus a margin. Heap is bounded by the test JVM's; an out-of-memory fails the run.
 *
 * <p>The first byte picks the magic number and file name, the rest follows the magic number.
 */
class ExtractionGuardFuzzTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final TikaExtractor EXTRACTOR =
      TikaExtractor.builder()
          .limits(
              ExtractionLimits.builder()
                  .timeout(TIMEOUT)
                  .maxCharsPerUnit(200_000)
                  .maxTotalChars(400_000)
                  .maxEmbeddedEntries(200)
                  .maxAbandonedParses(1_000)
                  .build())
          .build();

  static final byte[][] MAGIC = {
    bytes("%PDF-1.7\n"),
    new byte[] {'P', 'K', 3, 4},
    new byte[] {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    },
    new byte[] {0x1f, (byte) 0x8b, 8, 0},
    bytes("{\\rtf1\\ansi "),
    bytes("<?xml version=\"1.0\"?>"),
    bytes("<!DOCTYPE html><html><body>"),
    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
    new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C},
    new byte[0]
  };
  static final String[] NAMES = {
    "doc.pdf",
    "doc.docx",
    "doc.doc",
    "doc.gz",
    "doc.rtf",
    "doc.xml",
    "doc.html",
    "img.png",
    "arc.7z",
    "notes.txt",
    "data.csv",
    "unknown.bin",
    "memo.xlsx",
    "deck.pptx",
    "a.zip"
  };

  @FuzzTest(maxDuration = "90s")
  void anyBytesBehindAMagicNumber(byte[] data) {
    check(data);
  }

  @Test
  void seededMutations() {
    assertThat(
            MutationFuzz.run(
                ExtractionGuardFuzzTest.class,
                "anyBytesBehindAMagicNumber",
                59,
                List.of(
                    "obj",
                    "endobj",
                    "stream\n",
                    "endstream",
                    "/Length 99999999",
                    "xref",
                    "trailer",
                    "%%EOF",
                    "[Content_Types].xml",
                    "word/document.xml",
                    "<!ENTITY",
                    "<w:t>",
                    "\\bin999999 ",
                    "PK\u0001\u0002",
                    "PK\u0005\u0006",
                    "BT (x) Tj ET"),
                ExtractionGuardFuzzTest::check))
        .isPositive();
  }

  static void check(byte[] data) {
    int pick = data.length == 0 ? 0 : data[0] & 0xff;
    byte[] magic = MAGIC[pick % MAGIC.length];
    String name = NAMES[(pick / MAGIC.length) % NAMES.length];
    byte[] doc = new byte[magic.length + Math.max(0, data.length - 1)];
    System.arraycopy(magic, 0, doc, 0, magic.length);
    if (data.length > 1) {
      System.arraycopy(data, 1, doc, magic.length, data.length - 1);
    }
    long t0 = System.nanoTime();
    Extraction ex = EXTRACTOR.extract(new ByteArrayInputStream(doc), name, doc.length);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ex).isNotNull();
    assertThat(ms).as("bounded time").isLessThan(TIMEOUT.toMillis() + 5_000);
    if (ex.unscannable().isPresent()) {
      assertThat(ex.detail()).isNotNull();
    }
    for (TextUnit u : ex.units()) {
      assertThat(u.text().length()).isLessThanOrEqualTo(200_000);
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
