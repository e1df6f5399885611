package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    if (isSniffedFromText(byContent)) {
      MediaType named = plainTextName(name);
      if (named != null && looksLikeText(input)) {
        return named; // a .txt holding a pasted e-mail is scanned as the text it is (ADR 0003)
      }
    }
    if (!GENERIC.contains(byContent)) {
      checkClaim(name, byContent);
      return byContent; // specific by content: a name cannot change it, and detecting twice costs
    }
    MediaType withName = delegate.detect(input, metadata);
    if (withName.equals(byContent)) {
      checkClaim(name, byContent);
      return byContent;
    }
    if (MediaType.OCTET_STREAM.equals(byContent)) {
      // the name is the only evidence: believe a text name only for bytes free of control codes
      // (e.g. text with a few invalid UTF-8 sequences), never for binary
      return "text".equals(withName.getType()) && looksLikeText(input) ? withName : byContent;
    }
    MediaType result = registry.isSpecializationOf(withName, byContent) ? withName : byContent;
    checkClaim(name, result);
    return result;
  }

  /**
   * Types Tika recognises from a few header lines of ordinary text ({@code From:}, {@code
   * Received:}, an mbox {@code From } line). A file named as plain text with such lines in it is
   * still plain text: parsed as a message, its offsets would index another text and its header
   * lines would not be scanned as written.
   */
  private static final Set<MediaType> SNIFFED_FROM_TEXT =
      Set.of(
          MediaType.parse("message/rfc822"),
          MediaType.parse("message/news"),
          MediaType.parse("application/mbox"));

  private boolean isSniffedFromText(MediaType t) {
    MediaType base = t.getBaseType();
    for (MediaType s : SNIFFED_FROM_TEXT) {
      if (s.equals(base) || registry.isSpecializationOf(base, s)) {
        return true;
      }
    }
    return false;
  }

  /** The plain-text type ({@link PlainTextParser#TYPES}) a file name claims, or null. */
  private static MediaType plainTextName(String name) {
    try {
      MediaType t =
          org.apache.tika.mime.MimeTypes.getDefaultMimeTypes().getMimeType(name).getType();
      return PlainTextParser.TYPES.contains(t) ? t : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A file whose name claims one specific binary type while its content is another, unrelated one
   * (zip bytes named {@code .pdf}, a docx named {@code .pdf}) is not parsed: it is hostile or
   * mislabelled, and either way unsure. Text content, generic names and related types (a jar named
   * {@code .zip}, a docx detected as OOXML) pass.
   */
  private void checkClaim(String name, MediaType byContent) throws TypeMismatchException {
    MediaType claimed = byName(name);
    if (claimed == null || isTextual(claimed) || isTextual(byContent)) {
      return;
    }
    MediaType c = registry.normalize(claimed);
    MediaType b = registry.normalize(byContent);
    if (!isDocumentFamily(c) || PROTECTED_OOXML.equals(b.getBaseType())) {
      return; // only document and archive claims are checked; encrypted OOXML is an OLE2 box
    }
    if (c.equals(b) || registry.isSpecializationOf(c, b) || registry.isSpecializationOf(b, c)) {
      return;
    }
    throw new TypeMismatchException(
        "type mismatch: content is " + b.getBaseType() + ", name claims " + c.getBaseType());
  }

  private static final MediaType PROTECTED_OOXML =
      MediaType.parse("application/x-tika-ooxml-protected");

  /** Types whose claim we check: documents and archives we extract text from. */
  private static final List<MediaType> DOCUMENT_FAMILIES =
      List.of(
          MediaType.parse("application/pdf"),
          MediaType.APPLICATION_ZIP,
          MediaType.parse("application/x-tika-msoffice"),
          MediaType.parse("application/x-tika-ooxml"),
          MediaType.parse("application/rtf"),
          MediaType.parse("application/x-tar"),
          MediaType.parse("application/gzip"),
          MediaType.parse("application/x-7z-compressed"),
          MediaType.parse("message/rfc822"));

  private boolean isDocumentFamily(MediaType t) {
    for (MediaType f : DOCUMENT_FAMILIES) {
      if (f.equals(t) || registry.isSpecializationOf(t, f)) {
        return true;
      }
    }
    return false;
  }

  private static MediaType byName(String name) {
    try {
      MediaType t =
          org.apache.tika.mime.MimeTypes.getDefaultMimeTypes().getMimeType(name).getType();
      return MediaType.OCTET_STREAM.equals(t) || GENERIC.contains(t) ? null : t;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private boolean isTextual(MediaType t) {
    return "text".equals(t.getType())
        || registry.isSpecializationOf(t, MediaType.TEXT_PLAIN)
        || registry.isSpecializationOf(t, MediaType.APPLICATION_XML)
        || "image".equals(t.getType()); // images carry no text either way
  }

  /** The content contradicts the type the name claims; not parsed (TYPE_MISMATCH). */
  static final class TypeMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    TypeMismatchException(String message) {
      super(message);
    }
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
