package dev.sluice.ingest.extract;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.sax.AbstractRecursiveParserWrapperHandler;
import org.apache.tika.sax.ContentHandlerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Receives one {@link UnitTextHandler} per document from Tika's {@code RecursiveParserWrapper} and
 * turns each finished one into a {@link Unit}: the container first, embedded documents in the order
 * they finished. Used by the parse thread; {@link #units()} is read by the caller after the parse
 * thread ended.
 */
final class UnitCollector extends AbstractRecursiveParserWrapperHandler {
  private static final long serialVersionUID = 1L;

  /** A finished unit with the metadata the outcome needs. */
  record Unit(TextUnit unit, String parsedBy, String failure, int depth, String resourceType) {}

  private final transient List<Unit> units = new ArrayList<>();
  private final transient List<TextUnit> parts = new ArrayList<>();
  private final transient ParseGuard guard;
  // paths of the documents being parsed, innermost last; the container is ""
  private final transient Deque<String> open = new ArrayDeque<>();

  UnitCollector(ParseGuard guard) {
    super(new Factory(guard), -1);
    this.guard = guard;
    open.push("");
  }

  @Override
  public void startEmbeddedDocument(ContentHandler handler, Metadata metadata) throws SAXException {
    super.startEmbeddedDocument(handler, metadata);
    String path = open.peek() + "/" + entryName(metadata);
    open.push(path);
    guard.enteredPath(path);
  }

  @Override
  public void endEmbeddedDocument(ContentHandler handler, Metadata metadata) throws SAXException {
    super.endEmbeddedDocument(handler, metadata);
    String path = open.size() > 1 ? open.pop() : "";
    guard.enteredPath(open.peek());
    List<TextUnit> found = DocumentParts.of(path, metadata, false, entryName(metadata), guard);
    synchronized (units) {
      units.add(toUnit(path, handler, metadata));
      parts.addAll(found);
    }
  }

  @Override
  public void endDocument(ContentHandler handler, Metadata metadata) throws SAXException {
    super.endDocument(handler, metadata);
    List<TextUnit> found = DocumentParts.of("", metadata, true, "", guard);
    synchronized (units) {
      units.add(0, toUnit("", handler, metadata));
      parts.addAll(0, found);
    }
  }

  /**
   * The entry's path inside its parent: the archive's internal path where there is one ({@code
   * hr/payroll.xlsx}), else the name Tika gave the embedded resource.
   */
  private static String entryName(Metadata m) {
    String internal = m.get(TikaCoreProperties.INTERNAL_PATH);
    if (internal != null && !internal.isBlank()) {
      String p = internal.replace('\\', '/');
      while (p.startsWith("/") || p.startsWith("./")) {
        p = p.startsWith("/") ? p.substring(1) : p.substring(2);
      }
      if (!p.isEmpty()) {
        return p;
      }
    }
    String tikaPath = m.get(TikaCoreProperties.EMBEDDED_RESOURCE_PATH);
    if (tikaPath == null || tikaPath.isEmpty()) {
      return "embedded";
    }
    return tikaPath.substring(tikaPath.lastIndexOf('/') + 1);
  }

  /**
   * Adds a part of the document at {@code path} that Tika's metadata does not carry (e.g. a zip
   * comment), read by the parse thread from the document's bytes.
   */
  void addPart(TextUnit part) {
    synchronized (units) {
      parts.add(part);
    }
  }

  /** A snapshot of the non-content parts (metadata, headers, names, comments) found so far. */
  List<TextUnit> parts() {
    synchronized (units) {
      return List.copyOf(parts);
    }
  }

  /** A snapshot of the units finished so far. */
  List<Unit> units() {
    synchronized (units) {
      return List.copyOf(units);
    }
  }

  private static Unit toUnit(String path, ContentHandler handler, Metadata m) {
    UnitTextHandler h = (UnitTextHandler) handler;
    String type = m.get(Metadata.CONTENT_TYPE);
    type = type == null ? "application/octet-stream" : type;
    String text = h.text();
    String resourceType = m.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
    // macro source is scanned like any text but is never content a dataset receives
    TextUnit unit =
        new TextUnit(
            path,
            type,
            text,
            h.truncated() || "true".equals(m.get(TikaCoreProperties.WRITE_LIMIT_REACHED)),
            h.locations(type),
            "MACRO".equals(resourceType) ? "macro" : "");
    String failure = m.get(TikaCoreProperties.EMBEDDED_EXCEPTION);
    if (failure == null) {
      failure = m.get(TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM);
    }
    String[] parsers = m.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    String depth = m.get(TikaCoreProperties.EMBEDDED_DEPTH);
    return new Unit(
        unit,
        String.join(",", parsers),
        failure,
        depth == null ? 0 : Integer.parseInt(depth),
        resourceType == null ? "" : resourceType);
  }

  private static final class Factory implements ContentHandlerFactory {
    private static final long serialVersionUID = 1L;
    private final transient ParseGuard guard;

    Factory(ParseGuard guard) {
      this.guard = guard;
    }

    @Override
    public ContentHandler getNewContentHandler() {
      return new UnitTextHandler(guard, guard.limits().maxCharsPerUnit());
    }

    @Override
    public ContentHandler getNewContentHandler(OutputStream os, Charset charset) {
      return getNewContentHandler();
    }
  }
}
