package dev.sluice.ingest.extract;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;

/** Tika-based extractor: every embedded document becomes its own {@link TextUnit}. */
public final class TikaExtractor implements Extractor {
  private static final String NAME = "tika-" + Tika.getString();

  private final int maxCharsPerUnit;

  private TikaExtractor(int maxCharsPerUnit) {
    this.maxCharsPerUnit = maxCharsPerUnit;
  }

  /** Creates an extractor that caps each unit's text at {@code maxCharsPerUnit} characters. */
  public static TikaExtractor create(int maxCharsPerUnit) {
    if (maxCharsPerUnit < 1) {
      throw new IllegalArgumentException("maxCharsPerUnit must be >= 1: " + maxCharsPerUnit);
    }
    return new TikaExtractor(maxCharsPerUnit);
  }

  @Override
  public Extraction extract(InputStream in, String fileName, long size) {
    RecursiveParserWrapper parser = new RecursiveParserWrapper(new AutoDetectParser());
    RecursiveParserWrapperHandler handler =
        new RecursiveParserWrapperHandler(
            new BasicContentHandlerFactory(
                BasicContentHandlerFactory.HANDLER_TYPE.TEXT, maxCharsPerUnit),
            -1);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try {
      parser.parse(
          org.apache.tika.io.TikaInputStream.get(new NonClosingInputStream(in)),
          handler,
          metadata,
          new ParseContext());
    } catch (EncryptedDocumentException e) {
      return Extraction.failed(
          units(handler), UnscannableReason.ENCRYPTED, "document is encrypted", NAME);
    } catch (TikaException e) {
      return Extraction.failed(
          units(handler),
          UnscannableReason.MALFORMED_FILE,
          "parser failed: " + e.getClass().getSimpleName(),
          NAME);
    } catch (Exception e) {
      return Extraction.failed(
          units(handler),
          UnscannableReason.READ_ERROR,
          "read failed: " + e.getClass().getSimpleName(),
          NAME);
    }
    List<TextUnit> units = units(handler);
    for (Metadata m : handler.getMetadataList()) {
      if (m.get(TikaCoreProperties.EMBEDDED_EXCEPTION) != null
          || m.get(TikaCoreProperties.CONTAINER_EXCEPTION) != null) {
        return Extraction.failed(
            units, UnscannableReason.MALFORMED_FILE, "embedded document failed to parse", NAME);
      }
    }
    if (units.stream().allMatch(u -> u.text().isBlank())) {
      return Extraction.failed(units, UnscannableReason.NO_TEXT, "no text extracted", NAME);
    }
    return Extraction.of(units, NAME);
  }

  private List<TextUnit> units(RecursiveParserWrapperHandler handler) {
    List<TextUnit> units = new ArrayList<>();
    for (Metadata m : handler.getMetadataList()) {
      String text = m.get(TikaCoreProperties.TIKA_CONTENT);
      String path = m.get(TikaCoreProperties.EMBEDDED_RESOURCE_PATH);
      String type = m.get(Metadata.CONTENT_TYPE);
      boolean truncated = "true".equals(m.get(TikaCoreProperties.WRITE_LIMIT_REACHED));
      units.add(
          new TextUnit(
              path == null ? "" : path,
              type == null ? "application/octet-stream" : type,
              text == null ? "" : text,
              truncated));
    }
    return units;
  }
}
