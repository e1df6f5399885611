package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the parts of a zip-based file (zip, jar, OOXML, ODF, EPUB) that Tika's parsers do not
 * report: the archive comment, entry comments, and the comment and author parts of Office files
 * (read as their XML source, like ADR 0005, so author attributes are scanned too, anchored or not).
 * Reads at most {@code maxEmbeddedEntries} central-directory entries and {@code maxCharsPerUnit}
 * bytes of each comment part. A file the JDK cannot open as a zip yields nothing here; Tika still
 * parses (or refuses) it, and such a file is never written as it came (see
 * docs/adr/0006-write-only-what-was-scanned.md).
 */
final class ZipParts {
  private static final Pattern OFFICE_COMMENTS =
      Pattern.compile(
          "(?i)(word/(comments[A-Za-z]*|people)\\.xml"
              + "|xl/comments\\d*\\.xml|xl/(threadedComments|persons)/[^/]+\\.xml"
              + "|ppt/comments/[^/]+\\.xml|ppt/(commentAuthors|authors)\\.xml"
              + "|ppt/comments/modernComment[^/]*\\.xml)");

  private ZipParts() {}

  /** Whether {@code head} starts like a zip local file header or an empty archive. */
  static boolean looksLikeZip(byte[] head, int n) {
    return n >= 4
        && head[0] == 'P'
        && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
  }

  static List<TextUnit> read(Path file, String path, ParseGuard guard) {
    List<TextUnit> out = new ArrayList<>();
    ExtractionLimits limits = guard.limits();
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      String comment = zip.getComment();
      if (comment != null && !comment.isBlank()) {
        out.add(DocumentParts.text(path, "zip:comment", comment, guard));
      }
      StringBuilder entryComments = new StringBuilder();
      int seen = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements() && seen++ < limits.maxEmbeddedEntries()) {
        guard.checkIo();
        ZipEntry e = entries.nextElement();
        if (e.getComment() != null && !e.getComment().isBlank()) {
          entryComments.append(e.getComment()).append('\n');
        }
        if (!e.isDirectory() && OFFICE_COMMENTS.matcher(e.getName()).matches()) {
          try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes(limits.maxCharsPerUnit() + 1);
            String xml = new String(bytes, StandardCharsets.UTF_8);
            TextUnit u = DocumentParts.text(path, "ooxml:comments", xml, guard);
            out.add(bytes.length > limits.maxCharsPerUnit() ? truncated(u) : u);
          }
        }
      }
      if (entryComments.length() > 0) {
        out.add(DocumentParts.text(path, "zip:entry-comment", entryComments.toString(), guard));
      }
    } catch (IOException | RuntimeException e) {
      // not readable as a zip by the JDK: Tika decides; nothing of it is ever written raw
    }
    return out;
  }

  private static TextUnit truncated(TextUnit u) {
    return TextUnit.part(u.path(), u.part(), u.text(), true);
  }
}
