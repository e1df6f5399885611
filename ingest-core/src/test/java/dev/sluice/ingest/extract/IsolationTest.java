package dev.sluice.ingest.extract;

import static dev.sluice.ingest.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parse that hangs, spins or runs out of memory ends as an outcome; the caller goes on. */
class IsolationTest {
  @TempDir Path tmp;

  static Extraction run(Extractor x, String content) {
    byte[] b = utf8(content);
    return x.extract(new ByteArrayInputStream(b), "doc.txt", b.length);
  }

  static TikaExtractor scripted(ScriptedParser p, Duration timeout, int maxAbandoned) {
    return TikaExtractor.builder()
        .parser(p)
        .limits(
            ExtractionLimits.builder().timeout(timeout).maxAbandonedParses(maxAbandoned).build())
        .build();
  }

  @Test
  void spinningParserIsAbandonedAndMarkedTimeout() throws Exception {
    ScriptedParser parser = new ScriptedParser();
    // 1 s rather than less: the next document must not time out on a loaded 2-core box
    TikaExtractor x = scripted(parser, Duration.ofSeconds(1), 2);
    try {
      long t0 = System.nanoTime();
      Extraction e = run(x, "SPIN\n");
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertThat(e.unscannable()).contains(UnscannableReason.TIMEOUT);
      assertThat(e.detail()).contains("timeout after 1000 ms", "abandoned");
      assertThat(ms).isBetween(1_000L, 10_000L);
      assertThat(x.abandonedParses()).isEqualTo(1);
      // the job goes on: the next document is extracted normally
      Extraction next = run(x, "hello world");
      assertThat(next.unscannable()).as(next.detail()).isEmpty();
      assertThat(next.units().get(0).text()).contains("hello world");
    } finally {
      parser.release.countDown();
    }
  }

  @Test
  void refusesNewDocumentsOnceAbandonedParsesReachTheCapAndRecovers() throws Exception {
    ScriptedParser parser = new ScriptedParser();
    TikaExtractor x = scripted(parser, Duration.ofSeconds(1), 1);
    try {
      assertThat(run(x, "SPIN\n").detail()).contains("abandoned");

      Extraction refused = run(x, "hello");

      assertThat(refused.unscannable()).contains(UnscannableReason.TIMEOUT);
      assertThat(refused.detail()).contains("refused", "maxAbandonedParses=1");
    } finally {
      parser.release.countDown();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (x.abandonedParses() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(x.abandonedParses()).isZero();
    assertThat(run(x, "hello").unscannable()).isEmpty();
  }

  @Test
  void interruptibleParserStopsWithoutBeingAbandoned() {
    TikaExtractor x = scripted(new ScriptedParser(), Duration.ofMillis(150), 1);

    Extraction e = run(x, "SLEEP\n");

    assertThat(e.unscannable()).contains(UnscannableReason.TIMEOUT);
    assertThat(e.detail()).doesNotContain("abandoned");
    assertThat(x.abandonedParses()).isZero();
  }

  @Test
  void outOfMemoryBecomesMemoryLimit() {
    Extraction e = run(scripted(new ScriptedParser(), Duration.ofSeconds(5), 1), "OOM\n");

    assertThat(e.unscannable()).contains(UnscannableReason.MEMORY_LIMIT);
    assertThat(e.detail()).contains("OutOfMemoryError");
  }

  @Test
  void stackOverflowBecomesMalformedFile() {
    Extraction e = run(scripted(new ScriptedParser(), Duration.ofSeconds(5), 1), "SOE\n");

    assertThat(e.unscannable()).contains(UnscannableReason.MALFORMED_FILE);
  }

  @Test
  void endlessSlowStreamTimesOutAndIsNoLongerReadAfterwards() throws Exception {
    TikaExtractor x =
        TikaExtractor.builder()
            .limits(ExtractionLimits.builder().timeout(Duration.ofMillis(300)).build())
            .build();
    EndlessStream in = new EndlessStream();

    Extraction e = x.extract(in, "feed.txt", -1);

    assertThat(e.unscannable()).contains(UnscannableReason.TIMEOUT);
    assertThat(x.abandonedParses()).isZero();
    long readsAtReturn = in.reads;
    Thread.sleep(50);
    assertThat(in.reads).isEqualTo(readsAtReturn);
    assertThat(in.closed).isFalse();
  }

  @Test
  void sizeLimitIsCheckedWhileReadingWhenTheSizeIsNotDeclared() {
    TikaExtractor x =
        TikaExtractor.builder()
            .limits(
                ExtractionLimits.builder()
                    .maxDocumentBytes(1000)
                    .timeout(Duration.ofSeconds(10))
                    .build())
            .build();

    Extraction e = x.extract(new EndlessStream(), "feed.txt", -1);

    assertThat(e.unscannable()).contains(UnscannableReason.SIZE_LIMIT);
    assertThat(e.detail()).contains("maxDocumentBytes=1000");
  }

  @Test
  void failingSourceStreamIsReadError() {
    InputStream broken =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ > 100) {
              throw new IOException("connection reset");
            }
            return 'a';
          }
        };

    Extraction e = TikaExtractor.builder().build().extract(broken, "x.txt", 1000);

    assertThat(e.unscannable()).contains(UnscannableReason.READ_ERROR);
    assertThat(e.detail()).isEqualTo("source read failed: IOException");
  }

  @Test
  void doesNotCloseTheCallersStream() {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream in =
        new ByteArrayInputStream(TestDocuments.zip(TestDocuments.entries("a.txt", utf8("a")))) {
          @Override
          public void close() {
            closed.set(true);
          }
        };

    Extraction e = TikaExtractor.builder().build().extract(in, "a.zip", -1);

    assertThat(e.unscannable()).isEqualTo(Optional.empty());
    assertThat(closed).isFalse();
  }

  @Test
  void spoolFilesLandInTheWorkspaceAndAreDeletedAfterEachDocument() throws Exception {
    try (ExtractionWorkspace ws = ExtractionWorkspace.open(tmp)) {
      TikaExtractor x = TikaExtractor.builder().workspace(ws).build();
      byte[] zip =
          TestDocuments.zip(
              TestDocuments.entries(
                  "a.docx",
                  DocumentWriters.docx("Title", java.util.List.of("inner text")),
                  "b.txt",
                  utf8("plain")));
      // a stream that is not a file forces Tika to spool the zip into the workspace
      Extraction e = x.extract(new ByteArrayInputStream(zip), "a.zip", zip.length);

      assertThat(e.unscannable()).isEmpty();
      assertThat(FormatExtractionTest.allText(e)).contains("inner text", "plain");
      try (Stream<Path> files = Files.list(ws.directory())) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(ExtractionWorkspace.LOCK_FILE, ExtractionWorkspace.PID_FILE);
      }
    }
  }

  @Test
  void parserThatNeedsAFileGetsOneInsideThePrivateWorkspaceDeletedAfterTheDocument() {
    try (ExtractionWorkspace ws = ExtractionWorkspace.open(tmp)) {
      java.util.concurrent.atomic.AtomicReference<Path> spooled =
          new java.util.concurrent.atomic.AtomicReference<>();
      org.apache.tika.parser.Parser fileParser =
          new ScriptedParser() {
            @Override
            public void parse(
                InputStream stream,
                org.xml.sax.ContentHandler handler,
                org.apache.tika.metadata.Metadata metadata,
                org.apache.tika.parser.ParseContext context)
                throws IOException, org.xml.sax.SAXException {
              Path p = org.apache.tika.io.TikaInputStream.cast(stream).getPath();
              spooled.set(p);
              assertThat(Files.readAllBytes(p)).isEqualTo(utf8("spool me"));
              super.parse(stream, handler, metadata, context);
            }
          };
      TikaExtractor x = TikaExtractor.builder().workspace(ws).parser(fileParser).build();

      Extraction e = run(x, "spool me");

      assertThat(e.unscannable()).isEmpty();
      assertThat(spooled.get().getParent()).isEqualTo(ws.directory());
      assertThat(spooled.get()).doesNotExist();
    }
  }

  /** Yields 'a' forever, a little slowly, like a stalled upload. */
  static final class EndlessStream extends InputStream {
    volatile long reads;
    volatile boolean closed;

    @Override
    public int read() {
      reads++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      reads++;
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int n = Math.min(len, 64);
      java.util.Arrays.fill(b, off, off + n, (byte) 'a');
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
