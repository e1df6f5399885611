package dev.sluice.ingest.extract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Plain-text formats (txt, csv, tsv, json, jsonl, markdown, logs, yaml) decoded as they are, with
 * no markup and no reformatting, so a finding's offsets are Java String indices into the decoded
 * file: what an external harness expects and what a redaction must hit. Tika's own text and CSV
 * parsers wrap text in XHTML (leading newlines) or re-lay CSV as a table, which shifts offsets.
 *
 * <p>Charset: a UTF-16 byte order mark decodes as UTF-16 (mark consumed, as Java's UTF-16 decoder
 * does); otherwise strict UTF-8 if the first 64 KiB are valid UTF-8; otherwise ICU's statistical
 * detector; otherwise windows-1252. Undecodable bytes become U+FFFD; the text is still scanned.
 */
class PlainTextParser implements Parser {
  private static final long serialVersionUID = 1L;
  private static final int PROBE = 64 * 1024;

  static final Set<MediaType> TYPES =
      Set.of(
          MediaType.TEXT_PLAIN,
          MediaType.text("csv"),
          MediaType.text("tab-separated-values"),
          MediaType.text("markdown"),
          MediaType.text("x-web-markdown"),
          MediaType.text("x-log"),
          MediaType.text("x-yaml"),
          MediaType.application("json"),
          MediaType.application("x-ndjson"),
          MediaType.application("x-yaml"));

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return TYPES;
  }

  @Override
  public void parse(
      InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws IOException, SAXException {
    BufferedInputStream in = new BufferedInputStream(stream, PROBE);
    in.mark(PROBE + 1);
    byte[] head = in.readNBytes(PROBE);
    in.reset();
    Charset cs = detect(head, head.length == PROBE);
    metadata.set(Metadata.CONTENT_ENCODING, cs.name());
    Reader reader =
        new InputStreamReader(
            in,
            cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    handler.startDocument();
    char[] buf = new char[8192];
    int n;
    while ((n = reader.read(buf)) > 0) {
      inspect(buf, n);
      handler.characters(buf, 0, n);
    }
    finish();
    handler.endDocument();
    // the caller owns and closes the stream
  }

  /**
   * Sees each chunk of decoded text before it is handed on; may refuse the document by throwing.
   * Plain text is never refused.
   */
  void inspect(char[] buf, int n) throws IOException {}

  /** Called after the last chunk; may refuse the document by throwing. */
  void finish() throws IOException {}

  static Charset detect(byte[] head, boolean mayBeCut) {
    if (head.length >= 2
        && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
            || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return StandardCharsets.UTF_16;
    }
    if (isUtf8(head, mayBeCut)) {
      return StandardCharsets.UTF_8;
    }
    try {
      CharsetDetector detector = new CharsetDetector();
      detector.setText(head);
      CharsetMatch match = detector.detect();
      if (match != null && match.getConfidence() >= 50 && Charset.isSupported(match.getName())) {
        Charset c = Charset.forName(match.getName());
        // single-byte Western guesses all become windows-1252 (a superset of ISO-8859-1)
        return c.name().startsWith("ISO-8859-1") ? Charset.forName("windows-1252") : c;
      }
    } catch (RuntimeException e) {
      // fall through to the single-byte default
    }
    return Charset.forName("windows-1252");
  }

  static boolean isUtf8(byte[] head, boolean mayBeCut) {
    int len = head.length;
    if (mayBeCut) {
      // a multi-byte sequence cut at the probe's end is not an error
      int i = len - 1;
      int continuation = 0;
      while (i >= 0 && continuation < 3 && (head[i] & 0xC0) == 0x80) {
        i--;
        continuation++;
      }
      if (i >= 0 && (head[i] & 0xC0) == 0xC0) {
        len = i;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, len));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
