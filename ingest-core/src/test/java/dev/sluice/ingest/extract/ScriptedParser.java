package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * A test parser that misbehaves on command, chosen by the document's first line: {@code SPIN} burns
 * CPU ignoring interrupts until {@link #release} opens, {@code SLEEP} blocks interruptibly, {@code
 * OOM} and {@code SOE} throw the errors a real parser may hit; anything else is emitted as text.
 */
class ScriptedParser implements Parser {
  private static final long serialVersionUID = 1L;

  final transient CountDownLatch release = new CountDownLatch(1);

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return Set.of(MediaType.OCTET_STREAM, MediaType.TEXT_PLAIN);
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext c)
      throws IOException, SAXException {
    String text = new String(stream.readNBytes(4096), StandardCharsets.UTF_8);
    metadata.set(Metadata.CONTENT_TYPE, "text/plain");
    switch (text.lines().findFirst().orElse("")) {
      case "SPIN" -> {
        long x = 0;
        while (release.getCount() > 0) {
          x += System.nanoTime() % 7; // ignores interrupts, reads and writes nothing
        }
        if (x == 42) {
          throw new IOException("unlikely");
        }
      }
      case "SLEEP" -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      case "OOM" -> throw new OutOfMemoryError("simulated");
      case "SOE" -> throw new StackOverflowError();
      default -> {
        XHTMLContentHandler x = new XHTMLContentHandler(handler, metadata);
        x.startDocument();
        x.element("p", text);
        x.endDocument();
      }
    }
  }
}
