package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
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
    Metadata noName = new Metadata();
    MediaType byContent = delegate.detect(input, noName);
    MediaType withName = delegate.detect(input, metadata);
    if (withName.equals(byContent)) {
      return byContent;
    }
    if (MediaType.OCTET_STREAM.equals(byContent)) {
      return byContent; // the name was the only evidence
    }
    return registry.isSpecializationOf(withName, byContent) ? withName : byContent;
  }
}
