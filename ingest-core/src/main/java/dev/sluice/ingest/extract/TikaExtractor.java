package dev.sluice.ingest.extract;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.utils.XMLReaderUtils;

/**
 * Tika-based extractor: every embedded document becomes its own {@link TextUnit} with its embedded
 * path, and every document is bounded by {@link ExtractionLimits}.
 *
 * <p>Isolation (see docs/adr/0002-extraction-isolation.md): each document is parsed on a fresh
 * daemon thread while the caller waits at most the timeout. The parse checks a per-document guard
 * at every read and every SAX event, so a limit or the timeout stops it at the next event. A parser
 * that spins without reading or writing is interrupted, then abandoned; abandoned threads are
 * counted and once {@code maxAbandonedParses} are still running new documents are refused. {@link
 * OutOfMemoryError} and {@link StackOverflowError} thrown by the parse become {@link
 * UnscannableReason#MEMORY_LIMIT} and {@link UnscannableReason#MALFORMED_FILE}.
 *
 * <p>Streaming: the source is read through a counting, size-checked stream; a parser that needs
 * random access spools it into the {@link ExtractionWorkspace} (deleted when the document is done).
 * Text is capped per unit and per document.
 *
 * <p>Thread-safe: one instance serves concurrent callers. Never throws for bad input. Does not
 * close the caller's stream, and starts no read on it after {@link #extract} returned (a read
 * already blocked in an abandoned parse thread may still complete).
 */
public final class TikaExtractor implements Extractor {
  private static final String NAME = "tika-" + Tika.getString();
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** How long an interrupted parse may take to unwind before its thread is abandoned. */
  private static final long GRACE_MILLIS = 1000;

  /** Types whose entries are documents of their own, each judged on its own. */
  private static final Set<String> CONTAINERS =
      Set.of(
          "application/zip",
          "application/x-tar",
          "application/x-gtar",
          "application/gzip",
          "application/x-gzip",
          "application/x-bzip2",
          "application/x-xz",
          "application/x-7z-compressed",
          "application/x-rar-compressed",
          "application/vnd.rar",
          "application/x-compress",
          "application/x-lzma",
          "application/zstd",
          "application/x-archive",
          "application/x-cpio",
          "message/rfc822",
          "application/vnd.ms-outlook",
          "application/mbox");

  /** Parsers that read no text: a unit only they parsed is of an unsupported type. */
  private static final Set<String> NO_TEXT_PARSERS =
      Set.of(
          "org.apache.tika.parser.EmptyParser",
          "org.apache.tika.parser.executable.ExecutableParser",
          "org.apache.tika.parser.executable.UniversalExecutableParser",
          "org.apache.tika.parser.DefaultParser",
          "org.apache.tika.parser.CompositeParser",
          "org.apache.tika.parser.AutoDetectParser");

  private final ExtractionLimits limits;
  private final Parser parser;
  private final ExtractionWorkspace workspace;
  private final AtomicInteger abandoned = new AtomicInteger();

  private TikaExtractor(ExtractionLimits limits, Parser parser, ExtractionWorkspace workspace) {
    this.limits = limits;
    this.parser = parser;
    this.workspace = workspace;
  }

  /**
   * Default limits with {@code maxCharsPerUnit}, spooling to the JVM temp directory. Prefer {@link
   * #builder()} with an {@link ExtractionWorkspace} in jobs.
   */
  public static TikaExtractor create(int maxCharsPerUnit) {
    if (maxCharsPerUnit < 1) {
      throw new IllegalArgumentException("maxCharsPerUnit must be >= 1: " + maxCharsPerUnit);
    }
    ExtractionLimits.Builder b = ExtractionLimits.builder().maxCharsPerUnit(maxCharsPerUnit);
    if (ExtractionLimits.DEFAULTS.maxTotalChars() < maxCharsPerUnit) {
      b.maxTotalChars(maxCharsPerUnit);
    }
    return builder().limits(b.build()).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The limits this extractor applies. */
  public ExtractionLimits limits() {
    return limits;
  }

  /** Parse threads that ignored their timeout and are still running. */
  public int abandonedParses() {
    return abandoned.get();
  }

  @Override
  public Extraction extract(InputStream in, String fileName, long size) {
    Objects.requireNonNull(in, "in");
    String name = fileName == null ? "" : fileName;
    if (size > limits.maxDocumentBytes()) {
      return Extraction.failed(
          List.of(),
          UnscannableReason.SIZE_LIMIT,
          "declared size " + size + " above maxDocumentBytes=" + limits.maxDocumentBytes(),
          NAME);
    }
    if (abandoned.get() >= limits.maxAbandonedParses()) {
      return Extraction.failed(
          List.of(),
          UnscannableReason.TIMEOUT,
          "refused: "
              + abandoned.get()
              + " timed-out parses still running (maxAbandonedParses="
              + limits.maxAbandonedParses()
              + ")",
          NAME);
    }
    ParseGuard guard = new ParseGuard(limits, System.nanoTime());
    UnitCollector collector = new UnitCollector(guard);
    AtomicReference<Throwable> error = new AtomicReference<>();
    // 0 running, 1 finished, 2 abandoned by the caller
    AtomicInteger state = new AtomicInteger();
    Thread worker =
        new Thread(
            () -> {
              try {
                parse(in, name, guard, collector);
              } catch (Throwable t) {
                error.set(t);
              } finally {
                if (!state.compareAndSet(0, 1)) {
                  abandoned.decrementAndGet();
                }
              }
            },
            "sluice-extract-" + THREADS.incrementAndGet());
    worker.setDaemon(true);
    worker.start();
    boolean finished = await(worker, limits.timeout().toMillis() + 50);
    if (!finished) {
      guard.hit(UnscannableReason.TIMEOUT, guard.timeoutDetail());
      worker.interrupt();
      finished = await(worker, GRACE_MILLIS);
      if (!finished && state.compareAndSet(0, 2)) {
        abandoned.incrementAndGet();
        return Extraction.failed(
            textUnits(collector.units()),
            UnscannableReason.TIMEOUT,
            guard.timeoutDetail() + "; parse thread abandoned",
            NAME);
      }
    }
    Extraction ex = outcome(collector.units(), error.get(), guard.violation());
    return new Extraction(
        ex.units(),
        ex.unscannable(),
        ex.detail(),
        ex.extractor(),
        ex.unscannable().isEmpty() && verbatim(collector.units()),
        unscannableContent(collector.units()),
        collector.parts());
  }

  /** Parsers that hand the decoded bytes over unchanged (ADR 0003 and 0005). */
  private static final Set<String> VERBATIM_PARSERS =
      Set.of(PlainTextParser.class.getName(), MarkupSourceParser.class.getName());

  /**
   * Whether the source is exactly its one scanned unit: decoded by a verbatim parser, not
   * truncated, no undecodable bytes (U+FFFD), nothing embedded.
   */
  static boolean verbatim(List<UnitCollector.Unit> units) {
    if (units.size() != 1) {
      return false;
    }
    UnitCollector.Unit u = units.get(0);
    boolean byVerbatimParser = false;
    for (String p : u.parsedBy().split(",")) {
      byVerbatimParser |= VERBATIM_PARSERS.contains(p);
    }
    return byVerbatimParser
        && u.failure() == null
        && !u.unit().truncated()
        && u.unit().text().indexOf('\uFFFD') < 0;
  }

  /**
   * Content inside documents that no parser turned into text: images (no OCR), embedded objects
   * without a parser, macros. Entries of archives and mail are documents of their own and judged as
   * such (NO_TEXT, UNSUPPORTED_TYPE), so only units whose parent is not a container count.
   */
  static Set<UnscannableContent> unscannableContent(List<UnitCollector.Unit> units) {
    Set<UnscannableContent> out = java.util.EnumSet.noneOf(UnscannableContent.class);
    Map<String, UnitCollector.Unit> byPath = new HashMap<>();
    for (UnitCollector.Unit u : units) {
      byPath.putIfAbsent(u.unit().path(), u);
      if (baseType(u.unit()).toLowerCase(Locale.ROOT).contains("macroenabled")) {
        out.add(UnscannableContent.MACRO);
      }
    }
    for (UnitCollector.Unit u : units) {
      TextUnit t = u.unit();
      if (t.path().isEmpty()) {
        continue;
      }
      UnitCollector.Unit parent = byPath.get(parent(t.path()));
      if (parent == null || CONTAINERS.contains(baseType(parent.unit()))) {
        continue;
      }
      if ("MACRO".equals(u.resourceType())) {
        out.add(UnscannableContent.MACRO);
      } else if (baseType(t).startsWith("image/") || "INLINE".equals(u.resourceType())) {
        out.add(UnscannableContent.IMAGE);
      } else if (t.text().isBlank() && unsupported(u)) {
        out.add(UnscannableContent.EMBEDDED_OBJECT);
      }
    }
    return out;
  }

  private static boolean await(Thread t, long millis) {
    try {
      t.join(Math.max(1, millis));
      return !t.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !t.isAlive();
    }
  }

  private void parse(InputStream in, String name, ParseGuard guard, UnitCollector collector)
      throws Exception {
    try (TemporaryResources tmp = new TemporaryResources()) {
      if (workspace != null) {
        tmp.setTemporaryFileDirectory(workspace.directory());
      }
      Metadata metadata = new Metadata();
      if (!name.isEmpty()) {
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
      }
      TikaInputStream tis = TikaInputStream.get(new GuardedInputStream(in, guard), tmp, metadata);
      GuardParser guarded =
          new GuardParser(
              parser, guard, workspace == null ? null : workspace.directory(), collector);
      new RecursiveParserWrapper(guarded).parse(tis, collector, metadata, parseContext());
    }
  }

  /**
   * Asks the parsers to report what they would otherwise skip silently: macros (scanned as text,
   * never written) and inline images of PDFs (metadata only, so an image-bearing PDF is known).
   */
  private static ParseContext parseContext() {
    ParseContext ctx = new ParseContext();
    org.apache.tika.parser.microsoft.OfficeParserConfig office =
        new org.apache.tika.parser.microsoft.OfficeParserConfig();
    office.setExtractMacros(true);
    ctx.set(org.apache.tika.parser.microsoft.OfficeParserConfig.class, office);
    org.apache.tika.parser.pdf.PDFParserConfig pdf =
        new org.apache.tika.parser.pdf.PDFParserConfig();
    pdf.setExtractInlineImages(true);
    pdf.setExtractInlineImageMetadataOnly(true);
    ctx.set(org.apache.tika.parser.pdf.PDFParserConfig.class, pdf);
    return ctx;
  }

  private static List<TextUnit> textUnits(List<UnitCollector.Unit> units) {
    return units.stream().map(UnitCollector.Unit::unit).toList();
  }

  private static Extraction outcome(
      List<UnitCollector.Unit> units, Throwable error, ParseGuard.Violation violation) {
    List<TextUnit> text = textUnits(units);
    if (violation != null) {
      return Extraction.failed(text, violation.reason(), violation.detail(), NAME);
    }
    if (error != null) {
      UnscannableReason reason = classify(error);
      String detail = describe(reason, error.getClass());
      for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof ContentFirstDetector.TypeMismatchException) {
          detail = t.getMessage(); // media types only, built by us: no content
        }
      }
      return Extraction.failed(text, reason, detail, NAME);
    }
    for (UnitCollector.Unit u : units) {
      // an image that fails to parse loses no text we would scan (no OCR); anything else might
      if (u.failure() != null && !baseType(u.unit()).startsWith("image/")) {
        UnscannableReason reason = classify(u.failure());
        return Extraction.failed(
            text,
            reason,
            "embedded document failed at " + u.unit().path() + ": " + failureClass(u.failure()),
            NAME);
      }
    }
    if (units.stream().allMatch(u -> u.unit().text().isBlank())) {
      UnitCollector.Unit top = units.isEmpty() ? null : units.get(0);
      if (top == null || unsupported(top)) {
        return Extraction.failed(
            text,
            UnscannableReason.UNSUPPORTED_TYPE,
            "no parser for " + (top == null ? "document" : baseType(top.unit())),
            NAME);
      }
      return Extraction.failed(
          text, UnscannableReason.NO_TEXT, "no text in " + baseType(top.unit()), NAME);
    }
    Map<String, UnitCollector.Unit> byPath = new HashMap<>();
    Map<String, Integer> children = new HashMap<>();
    for (UnitCollector.Unit u : units) {
      byPath.putIfAbsent(u.unit().path(), u);
      children.merge(parent(u.unit().path()), 1, Integer::sum);
    }
    for (UnitCollector.Unit u : units) {
      TextUnit t = u.unit();
      if (!t.text().isBlank() || children.containsKey(t.path())) {
        continue; // has text, or is an archive or mail whose entries are judged on their own
      }
      UnitCollector.Unit parent = t.path().isEmpty() ? null : byPath.get(parent(t.path()));
      boolean standalone = parent == null || CONTAINERS.contains(baseType(parent.unit()));
      if (!standalone) {
        continue; // e.g. a logo inside a docx: the docx is judged by its own text
      }
      String where = t.path().isEmpty() ? "" : " at " + t.path();
      if (unsupported(u)) {
        return Extraction.failed(
            text, UnscannableReason.UNSUPPORTED_TYPE, "no parser for " + baseType(t) + where, NAME);
      }
      return Extraction.failed(
          text, UnscannableReason.NO_TEXT, "no text in " + baseType(t) + where, NAME);
    }
    return Extraction.of(text, NAME);
  }

  private static boolean unsupported(UnitCollector.Unit u) {
    if (MediaType.OCTET_STREAM.toString().equals(baseType(u.unit()))) {
      return true;
    }
    for (String p : u.parsedBy().split(",")) {
      if (!p.isEmpty() && !NO_TEXT_PARSERS.contains(p)) {
        return false;
      }
    }
    return true;
  }

  private static String baseType(TextUnit u) {
    MediaType t = MediaType.parse(u.mediaType());
    return t == null ? u.mediaType() : t.getBaseType().toString();
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "" : path.substring(0, i);
  }

  static UnscannableReason classify(Throwable error) {
    if (error instanceof OutOfMemoryError) {
      return UnscannableReason.MEMORY_LIMIT;
    }
    if (error instanceof StackOverflowError) {
      return UnscannableReason.MALFORMED_FILE;
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ContentFirstDetector.TypeMismatchException) {
        return UnscannableReason.TYPE_MISMATCH;
      }
      if (t instanceof EncryptedDocumentException
          || t instanceof org.apache.poi.EncryptedDocumentException) {
        return UnscannableReason.ENCRYPTED;
      }
      if (t instanceof ZeroByteFileException) {
        return UnscannableReason.NO_TEXT;
      }
      if (t instanceof TikaMemoryLimitException || t instanceof OutOfMemoryError) {
        return UnscannableReason.MEMORY_LIMIT;
      }
      if (t instanceof UnsupportedFormatException) {
        return UnscannableReason.UNSUPPORTED_TYPE;
      }
      UnscannableReason byMessage = classifyMessage(t.getMessage());
      if (byMessage != null) {
        return byMessage;
      }
    }
    return UnscannableReason.MALFORMED_FILE;
  }

  /** Classifies an embedded failure recorded by Tika as a stack trace string. */
  static UnscannableReason classify(String trace) {
    if (trace.contains("EncryptedDocumentException")) {
      return UnscannableReason.ENCRYPTED;
    }
    if (trace.contains("OutOfMemoryError") || trace.contains("TikaMemoryLimitException")) {
      return UnscannableReason.MEMORY_LIMIT;
    }
    if (trace.contains("UnsupportedFormatException")) {
      return UnscannableReason.UNSUPPORTED_TYPE;
    }
    UnscannableReason byMessage = classifyMessage(trace);
    return byMessage == null ? UnscannableReason.MALFORMED_FILE : byMessage;
  }

  private static UnscannableReason classifyMessage(String message) {
    if (message == null) {
      return null;
    }
    String m = message.toLowerCase(Locale.ROOT);
    if (m.startsWith("type mismatch:") || m.contains("typemismatchexception")) {
      return UnscannableReason.TYPE_MISMATCH;
    }
    // JDK XML limits: JAXP00010001 entityExpansionLimit, ...03 maxEntitySizeLimit,
    // ...04 totalEntitySizeLimit
    if (m.contains("entity expansion")
        || m.contains("entityexpansionlimit")
        || m.contains("jaxp00010001")
        || m.contains("jaxp00010003")
        || m.contains("jaxp00010004")) {
      return UnscannableReason.ENTITY_EXPANSION;
    }
    if (m.contains("zip bomb")) {
      return m.contains("nesting") || m.contains("depth")
          ? UnscannableReason.NESTING_LIMIT
          : UnscannableReason.RATIO_LIMIT;
    }
    if (m.contains("password") || m.contains("encrypted")) {
      return UnscannableReason.ENCRYPTED;
    }
    return null;
  }

  private static String describe(UnscannableReason reason, Class<?> error) {
    return switch (reason) {
      case MEMORY_LIMIT -> "parser ran out of memory: " + error.getSimpleName();
      case ENCRYPTED -> "document is encrypted";
      case NO_TEXT -> "empty object";
      default -> "parser failed: " + error.getSimpleName();
    };
  }

  /** The simple class name on the first line of a recorded stack trace, never its message. */
  private static String failureClass(String trace) {
    String first = trace.lines().findFirst().orElse("").strip();
    int colon = first.indexOf(':');
    String cls = colon < 0 ? first : first.substring(0, colon);
    int dot = cls.lastIndexOf('.');
    cls = dot < 0 ? cls : cls.substring(dot + 1);
    return cls.length() > 80 || cls.contains(" ") ? "parser failure" : cls;
  }

  /** Sets Tika's JVM-wide entity expansion limit and rebuilds its parser pool to apply it. */
  private static synchronized void applyEntityLimit(int max) {
    if (XMLReaderUtils.getMaxEntityExpansions() == max) {
      return;
    }
    XMLReaderUtils.setMaxEntityExpansions(max);
    try {
      XMLReaderUtils.setPoolSize(XMLReaderUtils.getPoolSize());
    } catch (org.apache.tika.exception.TikaException e) {
      throw new IllegalStateException("cannot rebuild Tika's XML parser pool", e);
    }
  }

  /** Configures a {@link TikaExtractor}; not thread-safe. */
  public static final class Builder {
    private ExtractionLimits limits = ExtractionLimits.DEFAULTS;
    private Parser parser;
    private ExtractionWorkspace workspace;

    private Builder() {}

    public Builder limits(ExtractionLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The parser to run instead of Tika's auto-detecting default (e.g. one built from a
     * tika-config, or a test parser). It is still wrapped by the limit checks.
     */
    public Builder parser(Parser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** Where spool files go; without one they go to the JVM temp directory. */
    public Builder workspace(ExtractionWorkspace workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      return this;
    }

    /**
     * Builds the extractor. Also sets Tika's JVM-wide XML entity expansion limit to {@code
     * limits.maxEntityExpansions()}.
     */
    public TikaExtractor build() {
      applyEntityLimit(limits.maxEntityExpansions());
      Parser p = parser;
      if (p == null) {
        // plain-text formats, XML and HTML are decoded as they are (see PlainTextParser,
        // MarkupSourceParser); the last parser registered for a type wins in a CompositeParser
        AutoDetectParser auto =
            new AutoDetectParser(
                new org.apache.tika.parser.CompositeParser(
                    MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry(),
                    new org.apache.tika.parser.DefaultParser(),
                    new PlainTextParser(),
                    new MarkupSourceParser(limits.maxEntityExpansions())));
        auto.setDetector(
            new ContentFirstDetector(
                auto.getDetector(), MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry()));
        p = auto;
      }
      return new TikaExtractor(limits, p, workspace);
    }
  }
}
