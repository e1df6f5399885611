package dev.sluice.ingest.extract;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tika.exception.TikaException;
import org.xml.sax.SAXException;

/**
 * State of one document's parse, shared by the guarded source stream, the parser decorator and the
 * text handlers. Records the first limit hit (reason plus a payload-free detail) and, once one is
 * hit or the watchdog cancels, makes every further read and SAX event fail so the parser unwinds.
 *
 * <p>Written by the parse thread, read and cancelled by the caller's thread: fields are atomic or
 * volatile.
 */
final class ParseGuard {
  /** A limit hit: which reason and where, never content. */
  record Violation(UnscannableReason reason, String detail) {}

  private final ExtractionLimits limits;
  private final long deadlineNanos;
  private final AtomicReference<Violation> violation = new AtomicReference<>();
  private final AtomicLong sourceBytes = new AtomicLong();
  private final AtomicLong expandedBytes = new AtomicLong();
  private final AtomicLong totalChars = new AtomicLong();
  private volatile boolean cancelled;
  private volatile String currentPath = "";
  // only touched by the parse thread
  private int depth;
  private int entries;

  ParseGuard(ExtractionLimits limits, long startNanos) {
    this.limits = limits;
    this.deadlineNanos = startNanos + limits.timeout().toNanos();
  }

  ExtractionLimits limits() {
    return limits;
  }

  Violation violation() {
    return violation.get();
  }

  long sourceBytes() {
    return sourceBytes.get();
  }

  long expandedBytes() {
    return expandedBytes.get();
  }

  /** Set by the unit collector when an embedded document starts or ends. */
  void enteredPath(String path) {
    currentPath = path;
  }

  /** Embedded path of the document being parsed, empty for the container. */
  String currentPath() {
    return currentPath;
  }

  /** {@code timeout after N ms}, plus the embedded path being parsed, if any. */
  String timeoutDetail() {
    String path = currentPath;
    return "timeout after "
        + limits.timeout().toMillis()
        + " ms"
        + (path.isEmpty() ? "" : " at " + path);
  }

  /** Records {@code reason} if none was recorded before, and stops the parse. */
  void hit(UnscannableReason reason, String detail) {
    violation.compareAndSet(null, new Violation(reason, detail));
    cancelled = true;
  }

  /** Called by the watchdog: stops the parse at its next read or SAX event. */
  void cancel() {
    cancelled = true;
  }

  boolean stopped() {
    if (cancelled) {
      return true;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      hit(UnscannableReason.TIMEOUT, timeoutDetail());
      return true;
    }
    return false;
  }

  void checkIo() throws IOException {
    if (stopped()) {
      throw new StoppedIoException();
    }
  }

  void checkSax() throws SAXException {
    if (stopped()) {
      throw new SAXException("parse stopped by extraction limits");
    }
  }

  void checkTika() throws TikaException {
    if (stopped()) {
      throw new TikaException("parse stopped by extraction limits");
    }
  }

  /** Adds {@code n} bytes read from the source object. */
  void addSourceBytes(long n) throws IOException {
    long total = sourceBytes.addAndGet(n);
    if (total > limits.maxDocumentBytes()) {
      hit(
          UnscannableReason.SIZE_LIMIT,
          "object larger than maxDocumentBytes=" + limits.maxDocumentBytes());
    }
    checkIo();
  }

  /** Adds {@code n} bytes read by an embedded document's parser, {@code entryBytes} in total. */
  void addExpandedBytes(long n, long entryBytes, String path) throws IOException {
    long total = expandedBytes.addAndGet(n);
    if (entryBytes > limits.maxDocumentBytes()) {
      hit(
          UnscannableReason.SIZE_LIMIT,
          "embedded document larger than maxDocumentBytes="
              + limits.maxDocumentBytes()
              + " at "
              + path);
    } else if (total > limits.ratioFloorBytes()
        && total / Math.max(1, sourceBytes.get()) > limits.maxExpansionRatio()) {
      hit(
          UnscannableReason.RATIO_LIMIT,
          "expansion ratio above maxExpansionRatio=" + limits.maxExpansionRatio() + " at " + path);
    }
    checkIo();
  }

  /** Reserves up to {@code wanted} chars of the document-wide text budget; returns the grant. */
  int reserveChars(int wanted) {
    while (true) {
      long used = totalChars.get();
      long grant = Math.min(wanted, limits.maxTotalChars() - used);
      if (grant <= 0) {
        return 0;
      }
      if (totalChars.compareAndSet(used, used + grant)) {
        return (int) grant;
      }
    }
  }

  /** Enters an embedded document; returns its depth (container = 0). */
  int enter(String path) throws TikaException {
    checkTika();
    int d = depth++;
    if (d > 0) {
      entries++;
      if (d > limits.maxNestingDepth()) {
        hit(
            UnscannableReason.NESTING_LIMIT,
            "nesting deeper than maxNestingDepth=" + limits.maxNestingDepth() + " at " + path);
      } else if (entries > limits.maxEmbeddedEntries()) {
        hit(
            UnscannableReason.ENTRY_LIMIT,
            "more than maxEmbeddedEntries=" + limits.maxEmbeddedEntries() + " at " + path);
      }
      checkTika();
    }
    return d;
  }

  void leave() {
    depth--;
  }

  /** Thrown by guarded streams once the parse is stopped. */
  static final class StoppedIoException extends IOException {
    StoppedIoException() {
      super("parse stopped by extraction limits");
    }
  }
}
