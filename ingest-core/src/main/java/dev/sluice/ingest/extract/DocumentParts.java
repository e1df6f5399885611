package dev.sluice.ingest.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * Turns the parts of a document that are not its content into scanned {@link TextUnit}s: Tika
 * metadata (Office core, extended and custom properties, PDF Info and mapped XMP, e-mail headers)
 * and the name of an embedded entry or attachment. Every value Tika reports is scanned except
 * Tika's own bookkeeping, technical PDF flags, and values of standard keys that are only a short
 * number, a boolean or a timestamp (page counts, creation dates). Fail closed: an unknown key is
 * scanned, not skipped, and every value of a user-defined key is scanned.
 *
 * <p>Labels never carry content: a metadata key is used in the label only when it is letters,
 * {@code -} and {@code :} (no digits, spaces, {@code @} or dots, so no identifier fits in it);
 * other keys are labelled {@code metadata:?}. The key itself is always part of the scanned text,
 * which also gives the classifier its keyword context ({@code SSN: ...}).
 */
final class DocumentParts {
  /** Keys Tika writes about the parse itself, or that repeat the entry name (scanned once). */
  private static final Set<String> SKIP =
      Set.of(
          "Content-Type",
          "Content-Length",
          "Content-Encoding",
          "Content-Type-Hint",
          "Content-Type-Override",
          "Content-Type-Parser-Override",
          "Multipart-Boundary",
          "Multipart-Subtype",
          "embeddedResourceType",
          "embeddedRelationshipId",
          "resourceName",
          "dc:format");

  private static final Pattern SAFE_KEY =
      Pattern.compile("[A-Za-z][A-Za-z-]*(:[A-Za-z][A-Za-z-]*)*");
  private static final Pattern TRIVIAL =
      Pattern.compile(
          "(?i)true|false|-?\\d{1,6}(\\.\\d{1,6})?"
              + "|\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?");

  private static final String RAW_HEADER = "Message:Raw-Header:";

  private DocumentParts() {}

  /**
   * The parts of the document at {@code path} found in its Tika metadata.
   *
   * @param container whether this is the source object itself (its name is the source key, scanned
   *     as a name of things elsewhere) rather than an embedded document or attachment
   * @param name the embedded entry or attachment name, ignored for the container
   */
  static List<TextUnit> of(
      String path, Metadata m, boolean container, String name, ParseGuard guard) {
    List<TextUnit> out = new ArrayList<>();
    if (!container && !name.isBlank()) {
      String kind =
          TikaCoreProperties.EmbeddedResourceType.ATTACHMENT
                  .toString()
                  .equals(m.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE))
              ? "attachment:name"
              : "entry:name";
      out.add(text(path, kind, name, guard));
    }
    boolean mail = String.valueOf(m.get(Metadata.CONTENT_TYPE)).startsWith("message/");
    String[] names = m.names();
    Arrays.sort(names);
    for (String key : names) {
      if (skip(key)) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (String v : m.getValues(key)) {
        if (v == null
            || v.isBlank()
            || (!userDefined(key) && TRIVIAL.matcher(v.strip()).matches())) {
          continue;
        }
        sb.append(sb.length() == 0 ? key + ": " : "\n").append(v);
      }
      if (sb.length() > 0) {
        out.add(text(path, label(key, mail), sb.toString(), guard));
      }
    }
    return out;
  }

  /** A part unit of {@code text}, capped per unit and against the document's text budget. */
  static TextUnit text(String path, String label, String text, ParseGuard guard) {
    int max = Math.min(text.length(), guard.limits().maxCharsPerUnit());
    int granted = max == 0 ? 0 : guard.reserveChars(max);
    return TextUnit.part(path, label, text.substring(0, granted), granted < text.length());
  }

  /**
   * Keys whose name the document's author chose (custom properties, raw mail headers, keys Tika did
   * not map): every value of these is scanned, even one that looks like a number or a date, because
   * the name may be its keyword ({@code SSN: 231476021}, {@code DateOfBirth: 1980-04-12}).
   */
  static boolean userDefined(String key) {
    return key.startsWith("custom:")
        || key.contains(":custom:")
        || key.startsWith("meta:user-defined")
        || key.startsWith(RAW_HEADER)
        || !key.contains(":");
  }

  static boolean skip(String key) {
    return SKIP.contains(key)
        || key.startsWith("X-TIKA:")
        || key.startsWith("access_permission:")
        || (key.startsWith("pdf:") && !key.startsWith("pdf:docinfo:"));
  }

  /** {@code header:From}, {@code metadata:dc:creator}, or {@code metadata:?} for unsafe keys. */
  static String label(String key, boolean mail) {
    String k = key;
    String prefix = "metadata:";
    if (k.startsWith(RAW_HEADER)) {
      k = k.substring(RAW_HEADER.length());
      prefix = "header:";
    } else if (k.startsWith("Message-") || k.startsWith("Message:")) {
      k = k.substring("Message-".length());
      prefix = "header:";
    } else if (mail && (k.equals("dc:subject") || k.equals("dc:title"))) {
      k = "Subject";
      prefix = "header:";
    } else if (mail && k.equals("dc:creator")) {
      k = "From";
      prefix = "header:";
    }
    if (k.length() > 64 || !SAFE_KEY.matcher(k).matches()) {
      return prefix + "?";
    }
    return prefix + k;
  }
}
