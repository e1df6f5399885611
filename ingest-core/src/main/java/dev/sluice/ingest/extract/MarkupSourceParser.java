package dev.sluice.ingest.extract;

import java.io.IOException;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;

/**
 * XML and HTML decoded as their source, like {@link PlainTextParser}: what is scanned is the file
 * itself, markup included, so attributes, comments, {@code mailto:} links and hidden fields are
 * seen (Tika's text extraction drops them, and documents mode publishes the original file), and a
 * finding's offsets are String indices into the decoded file. See ADR 0005.
 *
 * <p>Nothing is parsed, so no entity is ever expanded; a document type that declares an entity in
 * terms of another (the shape of "billion laughs") is still refused as {@link
 * UnscannableReason#ENTITY_EXPANSION}: it is hostile, and a parser downstream would expand it. Not
 * thread-safe per parse (Tika creates one parse per document); the state is reset per parse.
 */
final class MarkupSourceParser extends PlainTextParser {
  private static final long serialVersionUID = 1L;

  /** How far into the text the document type declaration is looked for. */
  static final int PROLOG = 64 * 1024;

  static final Set<MediaType> TYPES =
      Set.of(
          MediaType.text("html"),
          MediaType.application("xhtml+xml"),
          MediaType.application("xml"),
          MediaType.text("xml"));

  private final int maxEntityExpansions;
  private final transient ThreadLocal<EntityScan> scan = ThreadLocal.withInitial(EntityScan::new);

  /**
   * @param maxEntityExpansions the most expansions one entity reference may cause, as {@link
   *     ExtractionLimits#maxEntityExpansions()}
   */
  MarkupSourceParser(int maxEntityExpansions) {
    this.maxEntityExpansions = maxEntityExpansions;
  }

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return TYPES;
  }

  @Override
  public void parse(
      java.io.InputStream stream,
      org.xml.sax.ContentHandler handler,
      org.apache.tika.metadata.Metadata metadata,
      ParseContext context)
      throws IOException, org.xml.sax.SAXException {
    scan.get().reset();
    super.parse(stream, handler, metadata, context);
  }

  @Override
  void inspect(char[] buf, int n) throws IOException {
    EntityScan s = scan.get();
    if (s.add(buf, n)) {
      check(s);
    }
  }

  @Override
  void finish() throws IOException {
    check(scan.get());
  }

  private void check(EntityScan s) throws IOException {
    long worst = s.worstExpansion();
    if (worst > maxEntityExpansions) {
      throw new IOException(
          new TikaException(
              "XML entity expansion: one reference would expand "
                  + worst
                  + " times, above maxEntityExpansions="
                  + maxEntityExpansions));
    }
  }

  /**
   * The document type's internal entity declarations, read from the first {@link #PROLOG} chars:
   * how many expansions one reference to each entity would cause, counting nested references (a:
   * "ha", b: "&a;&a;&a;", c: "&b;&b;&b;" gives 13 for c). Linear in the prolog; counts saturate,
   * and a cycle counts as unbounded.
   */
  static final class EntityScan {
    private static final java.util.regex.Pattern DECL =
        java.util.regex.Pattern.compile(
            "<!ENTITY\\s+(?!%)([^\\s\"'>]+)\\s+(\"[^\"]*\"|'[^']*')",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern REF =
        java.util.regex.Pattern.compile("&([^#;\\s&]+);");

    private final StringBuilder prolog = new StringBuilder();
    private boolean done;
    private long worst = -1;

    void reset() {
      prolog.setLength(0);
      done = false;
      worst = -1;
    }

    /** Adds a chunk; true when the prolog is complete (the internal subset closed or cap hit). */
    boolean add(char[] buf, int n) {
      if (done) {
        return false;
      }
      int take = Math.min(n, PROLOG - prolog.length());
      prolog.append(buf, 0, take);
      if (prolog.length() >= PROLOG || prolog.indexOf("]>") >= 0) {
        done = true;
        return true;
      }
      return false;
    }

    long worstExpansion() {
      if (worst >= 0) {
        return worst;
      }
      java.util.Map<String, String> values = new java.util.HashMap<>();
      java.util.regex.Matcher m = DECL.matcher(prolog);
      while (m.find()) {
        String v = m.group(2);
        values.putIfAbsent(m.group(1), v.substring(1, v.length() - 1));
      }
      java.util.Map<String, Long> memo = new java.util.HashMap<>();
      long w = 0;
      for (String name : values.keySet()) {
        w = Math.max(w, count(name, values, memo, new java.util.HashSet<>()));
      }
      worst = w;
      return w;
    }

    private static long count(
        String name,
        java.util.Map<String, String> values,
        java.util.Map<String, Long> memo,
        java.util.Set<String> path) {
      Long known = memo.get(name);
      if (known != null) {
        return known;
      }
      String v = values.get(name);
      if (v == null) {
        return 1; // predefined (amp, lt...) or external: one expansion
      }
      if (!path.add(name)) {
        return Long.MAX_VALUE / 4; // a cycle
      }
      long total = 1;
      java.util.regex.Matcher r = REF.matcher(v);
      while (r.find() && total < Long.MAX_VALUE / 4) {
        total = Math.min(Long.MAX_VALUE / 4, total + count(r.group(1), values, memo, path));
      }
      path.remove(name);
      memo.put(name, total);
      return total;
    }
  }
}
