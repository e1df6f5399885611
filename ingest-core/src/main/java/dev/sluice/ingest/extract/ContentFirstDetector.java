package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Detects by content first and uses the file name only to refine it: a name may turn {@code
 * text/plain} into {@code text/csv}, but it cannot make random bytes look like a text file or a zip
 * look like a PDF. Thread-safe when the delegate is.
 */
final class ContentFirstDetector implements Detector {
  private static final long serialVersionUID = 1L;
  private static final int PREFIX = 8192;

  /** Content types a name may refine (text/plain to text/csv, zip to a zip-based format, ...). */
  private static final Set<MediaType> GENERIC =
      Set.of(
          MediaType.OCTET_STREAM,
          MediaType.TEXT_PLAIN,
          MediaType.APPLICATION_ZIP,
          MediaType.APPLICATION_XML,
          MediaType.parse("application/x-tika-msoffice"),
          MediaType.parse("application/x-tika-ooxml"));

  private final Detector delegate;
  private final MediaTypeRegistry registry;

  ContentFirstDetector(Detector delegate, MediaTypeRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
    if (input == null || name == null || name.isEmpty()) {
      return delegate.detect(input, metadata);
    }
    MediaType byContent = delegate.detect(input, new Metadata());
    if (!GENERIC.contains(byContent)) {
      return byContent; // specific by content: a name cannot change it, and detecting twice costs
    }
    MediaType withName = delegate.detect(input, metadata);
    if (withName.equals(byContent)) {
      return byContent;
    }
    if (MediaType.OCTET_STREAM.equals(byContent)) {
      // the name is the only evidence: believe a text name only for bytes free of control codes
      // (e.g. text with a few invalid UTF-8 sequences), never for binary
      return "text".equals(withName.getType()) && looksLikeText(input) ? withName : byContent;
    }
    return registry.isSpecializationOf(withName, byContent) ? withName : byContent;
  }

  /** No NUL and under 1% C0 control codes other than tab, CR, LF, FF in the first 8 KiB. */
  static boolean looksLikeText(InputStream input) throws IOException {
    if (!input.markSupported()) {
      return false;
    }
    input.mark(PREFIX);
    byte[] buf;
    try {
      buf = input.readNBytes(PREFIX);
    } finally {
      input.reset();
    }
    if (buf.length == 0) {
      return false;
    }
    int controls = 0;
    for (byte b : buf) {
      int c = b & 0xFF;
      if (c == 0) {
        return false;
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
        controls++;
      }
    }
    return controls * 100 < buf.length;
  }
}
