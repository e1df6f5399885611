package dev.sluice.ingest.extract;

import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Fixtures that sample-data's {@link DocumentWriters} does not write (xls and ppt with POI, 7z with
 * commons-compress, odp and epub packages, random bytes), plus small adapters over it. All values
 * are synthetic.
 */
final class TestDocuments {
  private TestDocuments() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@link DocumentWriters#zip} over a map of path to bytes, in map order. */
  static byte[] zip(Map<String, byte[]> entries) {
    return DocumentWriters.zip(
        entries.entrySet().stream()
            .map(e -> new DocumentWriters.Entry(e.getKey(), e.getValue()))
            .toList());
  }

  /** Path/bytes pairs in the given order. */
  static Map<String, byte[]> entries(Object... kv) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (byte[]) kv[i + 1]);
    }
    return m;
  }

  static byte[] sevenZ(Map<String, byte[]> entries, Path tmp) {
    try {
      Path file = Files.createTempFile(tmp, "fixture", ".7z");
      try (SevenZOutputFile z = new SevenZOutputFile(file.toFile())) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          SevenZArchiveEntry entry = new SevenZArchiveEntry();
          entry.setName(e.getKey());
          entry.setSize(e.getValue().length);
          // Tika's PackageParser reads the mtime and fails on 7z entries without one
          entry.setLastModifiedDate(new java.util.Date(1_700_000_000_000L));
          z.putArchiveEntry(entry);
          z.write(e.getValue());
          z.closeArchiveEntry();
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] xls(Map<String, List<List<String>>> sheets) {
    return bytes(
        out -> {
          try (Workbook wb = new HSSFWorkbook()) {
            fill(wb, sheets);
            wb.write(out);
          }
        });
  }

  private static void fill(Workbook wb, Map<String, List<List<String>>> sheets) {
    for (Map.Entry<String, List<List<String>>> e : sheets.entrySet()) {
      Sheet sheet = wb.createSheet(e.getKey());
      int r = 0;
      for (List<String> cells : e.getValue()) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
        }
      }
    }
  }

  static byte[] ppt(String... slides) {
    return bytes(
        out -> {
          try (HSLFSlideShow show = new HSLFSlideShow()) {
            for (String s : slides) {
              HSLFSlide slide = show.createSlide();
              HSLFTextBox box = slide.createTextBox();
              box.setText(s);
              box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            }
            show.write(out);
          }
        });
  }

  /**
   * An OpenDocument package for the kinds DocumentWriters lacks (odp). No ODF writer library is on
   * the classpath, so the package is put together with java.util.zip: {@code mimetype} stored
   * first, manifest, content.xml.
   */
  static byte[] odf(String mimeType, String officeBody) {
    String content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<office:document-content"
            + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
            + " xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""
            + " office:version=\"1.2\"><office:body>"
            + officeBody
            + "</office:body></office:document-content>";
    String manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
            + " manifest:version=\"1.2\">"
            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
            + mimeType
            + "\"/><manifest:file-entry manifest:full-path=\"content.xml\""
            + " manifest:media-type=\"text/xml\"/></manifest:manifest>";
    return storedFirstZip(
        "mimetype",
        utf8(mimeType),
        Map.of("META-INF/manifest.xml", utf8(manifest), "content.xml", utf8(content)));
  }

  /** A minimal EPUB 3 package (put together with java.util.zip, like {@link #odf}). */
  static byte[] epub(String chapterText) {
    String container =
        "<?xml version=\"1.0\"?><container version=\"1.0\""
            + " xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
            + "<rootfile full-path=\"OEBPS/content.opf\""
            + " media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
    String opf =
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\""
            + " unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:identifier id=\"id\">urn:uuid:00000000-0000-0000-0000-000000000001</dc:identifier>"
            + "<dc:title>Fixture</dc:title><dc:language>en</dc:language></metadata><manifest>"
            + "<item id=\"c1\" href=\"chapter1.xhtml\" media-type=\"application/xhtml+xml\"/>"
            + "</manifest><spine><itemref idref=\"c1\"/></spine></package>";
    String chapter =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<head><title>Chapter 1</title></head><body><p>"
            + chapterText
            + "</p></body></html>";
    return storedFirstZip(
        "mimetype",
        utf8("application/epub+zip"),
        new java.util.LinkedHashMap<>(
            Map.of(
                "META-INF/container.xml", utf8(container),
                "OEBPS/content.opf", utf8(opf),
                "OEBPS/chapter1.xhtml", utf8(chapter))));
  }

  private static byte[] storedFirstZip(String name, byte[] first, Map<String, byte[]> rest) {
    return bytes(
        out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(first.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(first);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(first);
            zip.closeEntry();
            for (Map.Entry<String, byte[]> r : rest.entrySet()) {
              zip.putNextEntry(new ZipEntry(r.getKey()));
              zip.write(r.getValue());
              zip.closeEntry();
            }
          }
        });
  }

  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws Exception;
  }

  static byte[] bytes(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
