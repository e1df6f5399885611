package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Sits between Tika's {@code RecursiveParserWrapper} and the real parser, so it sees the container
 * and every embedded document: enforces nesting depth and entry count, and counts the bytes each
 * embedded parser reads (size and expansion-ratio limits). Embedded streams that need spooling go
 * to {@code spoolDir}. One per document; used by the parse thread only.
 */
final class GuardParser extends ParserDecorator {
  private static final long serialVersionUID = 1L;

  private final transient ParseGuard guard;
  private final transient Path spoolDir;
  private final transient UnitCollector collector;

  GuardParser(Parser parser, ParseGuard guard, Path spoolDir, UnitCollector collector) {
    super(parser);
    this.guard = guard;
    this.spoolDir = spoolDir;
    this.collector = collector;
  }

  /**
   * Scans what Tika does not report of a zip-based document (archive and entry comments, Office
   * comment parts): spools it to a file first (zip parsers need one anyway).
   */
  private void zipParts(TikaInputStream tis, String path) throws IOException {
    if (collector == null) {
      return;
    }
    byte[] head = new byte[4];
    int n = tis.peek(head);
    if (ZipParts.looksLikeZip(head, n)) {
      ZipParts.read(tis.getPath(), path, guard).forEach(collector::addPart);
    }
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext ctx)
      throws IOException, SAXException, TikaException {
    String path = guard.currentPath();
    int depth = guard.enter(path);
    try {
      if (depth == 0) {
        TikaInputStream top = TikaInputStream.cast(stream);
        if (top != null) {
          zipParts(top, path);
        }
        super.parse(stream, handler, metadata, ctx);
        return;
      }
      TikaInputStream tis = TikaInputStream.cast(stream);
      if (tis != null && tis.hasFile()) {
        long length = tis.getLength();
        guard.addExpandedBytes(length, length, path);
        zipParts(tis, path);
        super.parse(stream, handler, metadata, ctx);
      } else if (tis != null && tis.getOpenContainer() != null) {
        // already opened by the parent parser (e.g. an OLE2 entry); its bytes are in the parent
        super.parse(stream, handler, metadata, ctx);
      } else {
        try (TemporaryResources tmp = new TemporaryResources()) {
          if (spoolDir != null) {
            tmp.setTemporaryFileDirectory(spoolDir);
          }
          TikaInputStream counted =
              TikaInputStream.get(new CountingInputStream(stream, guard, path), tmp, metadata);
          zipParts(counted, path);
          super.parse(counted, handler, metadata, ctx);
          if (!counted.hasFile()) {
            drain(counted); // a spooled entry was already read whole through the counter
          }
        }
      }
    } finally {
      guard.leave();
    }
  }

  /**
   * Reads what the parser left unread (e.g. an entry of a type without a parser), so that every
   * entry counts with its real size toward the size and expansion-ratio limits: a zip bomb of zero
   * bytes is detected as binary and never parsed, yet must still end as {@link
   * UnscannableReason#RATIO_LIMIT}. Bounded by those limits and the timeout.
   */
  private void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try {
      while (!guard.stopped() && in.read(buf) >= 0) {
        // counted by CountingInputStream
      }
    } catch (IOException e) {
      // closed by the parser or stopped by a limit: the guard has recorded what matters
    }
  }
}
