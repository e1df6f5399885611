package dev.sluice.sampledata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;

/** Test helpers: Tika extraction of everything in a file, and embedded-unit lookup. */
final class Extract {

  private Extract() {}

  /** Text of the file and all embedded files, plus all metadata values, whitespace collapsed. */
  static String allText(byte[] bytes) throws Exception {
    RecursiveParserWrapper wrapper = new RecursiveParserWrapper(new AutoDetectParser());
    RecursiveParserWrapperHandler handler =
        new RecursiveParserWrapperHandler(
            new BasicContentHandlerFactory(BasicContentHandlerFactory.HANDLER_TYPE.TEXT, -1), -1);
    wrapper.parse(new ByteArrayInputStream(bytes), handler, new Metadata(), new ParseContext());
    StringBuilder sb = new StringBuilder();
    for (Metadata m : handler.getMetadataList()) {
      for (String name : m.names()) {
        for (String value : m.getValues(name)) {
          sb.append(value).append('\n');
        }
      }
    }
    return normalize(sb.toString());
  }

  static String normalize(String s) {
    return s.replaceAll("\\s+", " ");
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The bytes of embedded unit {@code unit} ({@code /a/b.txt}, possibly through nested zips like
   * {@code /x/inner.zip/c.txt}) inside a zip, tar.gz or eml container.
   */
  static byte[] unitBytes(byte[] container, String format, String unit) throws IOException {
    String rest = unit.substring(1);
    switch (format) {
      case "zip" -> {
        return fromZip(container, rest);
      }
      case "tar.gz" -> {
        try (TarArchiveInputStream tar =
            new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(container)))) {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            byte[] b = tar.readAllBytes();
            if (rest.equals(e.getName())) {
              return b;
            }
            if (rest.startsWith(e.getName() + "/")) {
              return fromZip(b, rest.substring(e.getName().length() + 1));
            }
          }
        }
        throw new IOException("no entry " + unit);
      }
      case "eml" -> {
        String mail = new String(container, StandardCharsets.UTF_8);
        Matcher m =
            Pattern.compile(
                    "filename=\""
                        + Pattern.quote(rest)
                        + "\"\r\n(?:[^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--")
                .matcher(mail);
        if (!m.find()) {
          throw new IOException("no attachment " + unit);
        }
        return Base64.getMimeDecoder().decode(m.group(1));
      }
      default -> throw new IOException("not a container: " + format);
    }
  }

  private static byte[] fromZip(byte[] zip, String rest) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] b = in.readAllBytes();
        if (rest.equals(e.getName())) {
          return b;
        }
        if (rest.startsWith(e.getName() + "/")) {
          return fromZip(b, rest.substring(e.getName().length() + 1));
        }
      }
    }
    throw new IOException("no entry " + rest);
  }

  /** Streams through a zip and returns {compressed bytes, uncompressed bytes} of its entries. */
  static long[] zipSizes(InputStream raw, long compressedLength) throws IOException {
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(raw)) {
      byte[] buf = new byte[64 * 1024];
      while (in.getNextEntry() != null) {
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
        }
      }
    }
    return new long[] {compressedLength, total};
  }
}
