package dev.sluice.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text of one unit from Tika's XHTML events, capped per unit and against the
 * document-wide budget, and notes where pages ({@code <div class="page">}, PDF and workbook sheets)
 * sheets ({@code <div class="sheet">}, xlsx) and slides ({@code <div class="slide-content">})
 * start. Checks the guard on every event so a stopped parse unwinds. One per unit; used by the
 * parse thread only.
 */
final class UnitTextHandler extends DefaultHandler {
  /** A page-like division seen in the XHTML stream. */
  record Marker(String cls, int offset, StringBuilder label) {}

  private static final int MAX_LABEL = 200;

  private final ParseGuard guard;
  private final int maxChars;
  private final StringBuilder text = new StringBuilder();
  private final List<Marker> markers = new ArrayList<>();
  private boolean truncated;
  // capture the sheet name from the h1 that Tika writes right after a sheet's page div
  private Marker labelTarget;
  private boolean inLabel;

  UnitTextHandler(ParseGuard guard, int maxChars) {
    this.guard = guard;
    this.maxChars = maxChars;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts)
      throws SAXException {
    guard.checkSax();
    String name = localName.isEmpty() ? qName : localName;
    if ("div".equals(name)) {
      String cls = atts.getValue("class");
      if ("page".equals(cls) || "sheet".equals(cls) || "slide-content".equals(cls)) {
        Marker m = new Marker(cls, text.length(), new StringBuilder());
        markers.add(m);
        labelTarget = m;
        return;
      }
    }
    if ("h1".equals(name) && labelTarget != null && labelTarget.offset() == text.length()) {
      inLabel = true;
    } else {
      labelTarget = null;
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    guard.checkSax();
    if (inLabel) {
      inLabel = false;
      labelTarget = null;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    guard.checkSax();
    if (inLabel && labelTarget != null) {
      StringBuilder label = labelTarget.label();
      label.append(ch, start, Math.min(length, MAX_LABEL - label.length()));
    }
    append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    guard.checkSax();
    append(ch, start, length);
  }

  private void append(char[] ch, int start, int length) {
    if (length <= 0) {
      return;
    }
    int room = Math.min(length, maxChars - text.length());
    int granted = room <= 0 ? 0 : guard.reserveChars(room);
    if (granted > 0) {
      text.append(ch, start, granted);
    }
    if (granted < length) {
      truncated = true;
    }
  }

  String text() {
    return text.toString();
  }

  boolean truncated() {
    return truncated;
  }

  /** Locations for a unit of {@code mediaType}: pages, sheets or slides, or none. */
  List<TextLocation> locations(String mediaType) {
    TextLocation.Kind pageKind = pageKind(mediaType);
    List<TextLocation> out = new ArrayList<>();
    int pages = 0;
    int sheets = 0;
    int slides = 0;
    for (Marker m : markers) {
      if ("slide-content".equals(m.cls())) {
        out.add(new TextLocation(TextLocation.Kind.SLIDE, ++slides, "", m.offset()));
      } else if ("sheet".equals(m.cls())) {
        String label = m.label().toString().strip();
        out.add(new TextLocation(TextLocation.Kind.SHEET, ++sheets, label, m.offset()));
      } else if (pageKind != null) {
        String label = pageKind == TextLocation.Kind.SHEET ? m.label().toString().strip() : "";
        out.add(new TextLocation(pageKind, ++pages, label, m.offset()));
      }
    }
    return out;
  }

  private static TextLocation.Kind pageKind(String mediaType) {
    if (mediaType.startsWith("application/pdf")) {
      return TextLocation.Kind.PAGE;
    }
    if (mediaType.contains("spreadsheet") || mediaType.contains("ms-excel")) {
      return TextLocation.Kind.SHEET;
    }
    return null;
  }
}
