package dev.sluice.ingest.extract;

import dev.sluice.sampledata.formats.DocumentWriters;
import dev.sluice.sampledata.formats.DocumentWriters.Attachment;
import dev.sluice.sampledata.formats.DocumentWriters.Email;
import dev.sluice.sampledata.formats.DocumentWriters.Entry;
import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import dev.sluice.sampledata.formats.DocumentWriters.Slide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;

/**
 * Extraction throughput per format, and big-file runs at a fixed heap.
 *
 * <p>{@code throughput}: for each format, documents/s and MB/s (input bytes) of {@link
 * TikaExtractor} against a baseline measured in the same run: bare Tika ({@code
 * RecursiveParserWrapper} over {@code AutoDetectParser}, text handler capped at the same chars, on
 * the calling thread, no guard). The ratio shows the cost of the limits and the parse thread. Both
 * run interleaved in {@value #ROUNDS} rounds after a warm-up; the best round of each is kept.
 *
 * <p>{@code big}: streams a generated 2 GiB text file and a 1 GiB stored zip of text entries
 * (spooled into the workspace) through the extractor; prints time, MB/s and the peak heap sampled
 * every 5 ms through {@link MemoryMXBean}. Run with a small heap, e.g. {@code -Xmx256m}.
 *
 * <p>Usage: {@code ExtractionBenchmark [throughput|big|all] [secondsPerFormat]}. Not a unit test.
 */
public final class ExtractionBenchmark {
  private static final PrintStream OUT = System.out;
  private static final int ROUNDS = 3;

  private ExtractionBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "throughput";
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    OUT.printf(
        Locale.ROOT,
        "java %s, max heap %d MiB, %d cpus%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    if (mode.equals("throughput") || mode.equals("all")) {
      throughput(seconds);
    }
    if (mode.equals("big") || mode.equals("all")) {
      big();
    }
  }

  // ---------------------------------------------------------------------------------------------

  static Map<String, byte[]> corpus() {
    Random r = new Random(42);
    List<String> paras = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      paras.add(words(r, 60) + " SSN 078-05-" + (1000 + i) + " IBAN DE89370400440532013000");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(List.of("emp" + i, words(r, 3), "078-05-" + (1000 + i), "52000"));
    }
    Map<String, byte[]> docs = new LinkedHashMap<>();
    docs.put("txt 1MiB", DocumentWriters.txt(words(r, 170_000)));
    docs.put("csv 500 rows", DocumentWriters.csv(rows));
    docs.put("html", DocumentWriters.html("Page", paras));
    docs.put("pdf", DocumentWriters.pdf("Report", paras));
    docs.put("docx", DocumentWriters.docx("Memo", paras));
    docs.put(
        "xlsx 3 sheets",
        DocumentWriters.xlsx(
            List.of(
                new Sheet("A", rows), new Sheet("B", rows), new Sheet("C", rows.subList(0, 50)))));
    docs.put(
        "pptx 10 slides",
        DocumentWriters.pptx(
            paras.subList(0, 10).stream().map(p -> new Slide("Slide", List.of(p))).toList()));
    docs.put("odt", DocumentWriters.odt("Memo", paras));
    docs.put(
        "eml + 2 attachments",
        DocumentWriters.eml(
            new Email(
                "a@example.test",
                "b@example.test",
                "files",
                paras.get(0),
                List.of(
                    new Attachment("memo.docx", "application/octet-stream", docs.get("docx")),
                    new Attachment("rows.csv", "text/csv", docs.get("csv 500 rows"))))));
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      entries.add(new Entry("dir/doc" + i + ".txt", DocumentWriters.txt(paras.get(i))));
    }
    entries.add(new Entry("memo.docx", docs.get("docx")));
    docs.put("zip 21 entries", DocumentWriters.zip(entries));
    docs.put("nested zip depth 3", DocumentWriters.nestedZip(3, "memo.docx", docs.get("docx")));
    return docs;
  }

  static String words(Random r, int n) {
    String[] vocab = {
      "account", "payroll", "the", "of", "customer", "record", "invoice", "balance", "street",
      "meeting", "quarter", "total", "and", "review", "policy", "claim", "number", "date"
    };
    StringBuilder sb = new StringBuilder(n * 7);
    for (int i = 0; i < n; i++) {
      sb.append(vocab[r.nextInt(vocab.length)]).append(i % 15 == 14 ? ".\n" : " ");
    }
    return sb.toString();
  }

  static void throughput(double seconds) throws Exception {
    ExtractionLimits limits = ExtractionLimits.builder().build();
    TikaExtractor guarded = TikaExtractor.builder().limits(limits).build();
    AutoDetectParser bare = new AutoDetectParser();
    OUT.printf(
        Locale.ROOT,
        "%n%-22s %8s | %9s %8s | %9s %8s | %6s%n",
        "format",
        "KiB",
        "base d/s",
        "MB/s",
        "sluice d/s",
        "MB/s",
        "ratio");
    for (Map.Entry<String, byte[]> doc : corpus().entrySet()) {
      byte[] b = doc.getValue();
      String name = "doc";
      Extraction check = guarded.extract(new ByteArrayInputStream(b), name, b.length);
      if (check.unscannable().isPresent()) {
        throw new IllegalStateException(
            doc.getKey() + ": " + check.unscannable() + " " + check.detail());
      }
      double base = rate(seconds, () -> bareParse(bare, b, limits.maxCharsPerUnit()));
      double ours =
          rate(seconds, () -> guarded.extract(new ByteArrayInputStream(b), name, b.length));
      double mb = b.length / 1e6;
      OUT.printf(
          Locale.ROOT,
          "%-22s %8.1f | %9.1f %8.2f | %9.1f %8.2f | %6.2f%n",
          doc.getKey(),
          b.length / 1024.0,
          base,
          base * mb,
          ours,
          ours * mb,
          ours / base);
    }
  }

  static void bareParse(AutoDetectParser parser, byte[] b, int maxChars) {
    try {
      RecursiveParserWrapperHandler h =
          new RecursiveParserWrapperHandler(
              new BasicContentHandlerFactory(
                  BasicContentHandlerFactory.HANDLER_TYPE.TEXT, maxChars),
              -1);
      new RecursiveParserWrapper(parser)
          .parse(TikaInputStream.get(b), h, new Metadata(), new ParseContext());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code task} for {@code seconds} (at least once); returns runs per second. */
  static double rate(double seconds, Runnable task) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long n = 0;
    long now;
    do {
      task.run();
      n++;
      now = System.nanoTime();
    } while (now < end);
    return n / ((now - start) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------

  static void big() throws Exception {
    Path dir = Files.createTempDirectory("sluice-bench");
    try (ExtractionWorkspace ws = ExtractionWorkspace.open(dir.resolve("work"))) {
      TikaExtractor x =
          TikaExtractor.builder()
              .workspace(ws)
              .limits(
                  ExtractionLimits.builder()
                      .maxDocumentBytes(3L << 30)
                      .timeout(Duration.ofMinutes(20))
                      .build())
              .build();
      byte[] block = DocumentWriters.txt(words(new Random(7), 150_000)); // ~1 MiB of text
      Path text = dir.resolve("big.txt");
      writeRepeated(text, block, (2L << 30) / block.length);
      run(x, ws, text, "big.txt");
      Files.delete(text);
      Path zip = dir.resolve("big.zip");
      writeStoredZip(zip, block, 8, (1L << 30) / block.length / 8);
      run(x, ws, zip, "big.zip");
      Files.delete(zip);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void run(TikaExtractor x, ExtractionWorkspace ws, Path file, String name)
      throws Exception {
    long size = Files.size(file);
    System.gc();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    AtomicLong spoolPeak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                spoolPeak.accumulateAndGet(dirSize(ws.directory()), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    Extraction e;
    AtomicLong read = new AtomicLong();
    try (InputStream in =
        new java.io.FilterInputStream(Files.newInputStream(file)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read.addAndGet(Math.max(0, n));
            return n;
          }

          @Override
          public int read() throws IOException {
            int c = super.read();
            read.addAndGet(c < 0 ? 0 : 1);
            return c;
          }
        }) {
      e = x.extract(in, name, size);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    sampler.join();
    long chars = e.units().stream().mapToLong(u -> u.text().length()).sum();
    OUT.printf(
        Locale.ROOT,
        "%n%s: %.2f GiB (%d bytes read) in %.1f s = %.1f MB/s; outcome %s %s; units %d,"
            + " chars kept %d, truncated %s;"
            + " peak heap used %d MiB of max %d MiB; peak spool %d MiB; spool left %d files%n",
        name,
        size / (double) (1L << 30),
        read.get(),
        secs,
        size / 1e6 / secs,
        e.unscannable().map(Enum::name).orElse("scannable"),
        e.detail(),
        e.units().size(),
        chars,
        e.truncated(),
        peak.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        spoolPeak.get() >> 20,
        fileCount(ws.directory()) - 2);
  }

  static long dirSize(Path dir) {
    try (var s = Files.list(dir)) {
      return s.mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  static long fileCount(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }

  static void writeRepeated(Path file, byte[] block, long times) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long i = 0; i < times; i++) {
        out.write(block);
      }
    }
  }

  /** A zip of {@code entries} stored (uncompressed) text entries, each {@code blocks} blocks. */
  static void writeStoredZip(Path file, byte[] block, int entries, long blocks) throws IOException {
    CRC32 crc = new CRC32();
    for (long i = 0; i < blocks; i++) {
      crc.update(block);
    }
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int e = 0; e < entries; e++) {
        ZipEntry entry = new ZipEntry("part" + e + ".txt");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(block.length * blocks);
        entry.setCompressedSize(block.length * blocks);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        for (long i = 0; i < blocks; i++) {
          zip.write(block);
        }
        zip.closeEntry();
      }
    }
    OUT.printf(Locale.ROOT, "%nwrote %s (%d MiB)%n", file.getFileName(), Files.size(file) >> 20);
  }

  static {
    // keep Tika's and POI's debug logging out of the figures
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }
}
