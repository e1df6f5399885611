package dev.sluice.ingest.macie;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.classifiers.Category;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.macie2.model.Finding;
import software.amazon.awssdk.services.macie2.model.Occurrences;
import software.amazon.awssdk.services.macie2.model.S3Object;

/**
 * Converts Macie findings (SDK model) and discovery result records (JSON, same shape plus {@code
 * embeddedFileDetails}) into {@link MacieFinding}s. Keeps identifier types, counts and locations;
 * never values. Stateless.
 */
final class MacieResults {
  /** Locations kept per detection; discovery records carry up to 1,000. */
  static final int MAX_LOCATIONS = 20;

  private MacieResults() {}

  /** A finding from GetFindings, or null when it is not about an S3 object or is a sample. */
  static MacieFinding fromSdk(Finding f, CustomIdentifierNames names) {
    if (f.resourcesAffected() == null || f.resourcesAffected().s3Object() == null) {
      return null;
    }
    if (Boolean.TRUE.equals(f.sample())) {
      return null; // CreateSampleFindings output describes no real object
    }
    S3Object o = f.resourcesAffected().s3Object();
    String bucket =
        f.resourcesAffected().s3Bucket() == null ? "" : f.resourcesAffected().s3Bucket().name();
    List<MacieDetection> detections = new ArrayList<>();
    String status = "";
    String reason = "";
    var result = f.classificationDetails() == null ? null : f.classificationDetails().result();
    if (result != null) {
      if (result.status() != null) {
        status = nz(result.status().code());
        reason = nz(result.status().reason());
      }
      for (var sd : result.sensitiveData()) {
        Category cat = category(sd.categoryAsString());
        for (var d : sd.detections()) {
          if (d.type() == null) {
            continue;
          }
          detections.add(
              new MacieDetection(d.type(), cat, count(d.count()), where(d.occurrences())));
        }
      }
      if (result.customDataIdentifiers() != null) {
        for (var d : result.customDataIdentifiers().detections()) {
          detections.add(
              new MacieDetection(
                  names.resolve(d.arn(), d.name()),
                  Category.CUSTOM_IDENTIFIER,
                  count(d.count()),
                  where(d.occurrences())));
        }
      }
    }
    return new MacieFinding(
        nz(f.id()),
        nz(bucket),
        nz(o.key()),
        o.eTag(),
        o.versionId(),
        "",
        detections,
        MacieFinding.Origin.FINDING,
        status,
        reason);
  }

  /**
   * A discovery result record, or null when it names no object.
   *
   * @param fallbackId id to use when the record has none (file and line)
   */
  static MacieFinding fromJson(JsonNode rec, CustomIdentifierNames names, String fallbackId) {
    JsonNode o = rec.path("resourcesAffected").path("s3Object");
    String key = text(o.path("key"));
    if (key.isEmpty()) {
      return null;
    }
    String bucket = text(rec.path("resourcesAffected").path("s3Bucket").path("name"));
    if (bucket.isEmpty()) {
      String arn = text(o.path("bucketArn"));
      bucket = arn.startsWith("arn:aws:s3:::") ? arn.substring("arn:aws:s3:::".length()) : "";
    }
    JsonNode result = rec.path("classificationDetails").path("result");
    List<MacieDetection> detections = new ArrayList<>();
    for (JsonNode sd : result.path("sensitiveData")) {
      Category cat = category(text(sd.path("category")));
      for (JsonNode d : sd.path("detections")) {
        String type = text(d.path("type"));
        if (!type.isEmpty()) {
          detections.add(
              new MacieDetection(type, cat, count(d.path("count")), where(d.path("occurrences"))));
        }
      }
    }
    for (JsonNode d : result.path("customDataIdentifiers").path("detections")) {
      detections.add(
          new MacieDetection(
              names.resolve(text(d.path("arn")), text(d.path("name"))),
              Category.CUSTOM_IDENTIFIER,
              count(d.path("count")),
              where(d.path("occurrences"))));
    }
    String id = text(rec.path("id"));
    return new MacieFinding(
        id.isEmpty() ? fallbackId : id,
        bucket,
        key,
        text(o.path("eTag")),
        text(o.path("versionId")),
        text(o.path("embeddedFileDetails").path("filePath")),
        detections,
        MacieFinding.Origin.DISCOVERY_RESULT,
        text(result.path("status").path("code")),
        text(result.path("status").path("reason")));
  }

  static Category category(String s) {
    if (s == null) {
      return Category.PERSONAL_INFORMATION;
    }
    return switch (s) {
      case "CREDENTIALS" -> Category.CREDENTIALS;
      case "FINANCIAL_INFORMATION" -> Category.FINANCIAL_INFORMATION;
      case "CUSTOM_IDENTIFIER" -> Category.CUSTOM_IDENTIFIER;
      // PERSONAL_INFORMATION, and anything new: personal is the category the policy treats
      // with care by default
      default -> Category.PERSONAL_INFORMATION;
    };
  }

  /** Where Macie saw a detection, e.g. {@code lines 3-3; page 2; Sheet1!C5; record 0 $.ssn}. */
  static String where(Occurrences o) {
    if (o == null) {
      return "";
    }
    Locations parts = new Locations();
    o.lineRanges().forEach(r -> parts.add(lines(r.start(), r.end(), r.startColumn())));
    o.offsetRanges().forEach(r -> parts.add("offsets " + r.start() + "-" + r.end()));
    o.pages().forEach(p -> parts.add("page " + p.pageNumber()));
    o.cells().forEach(c -> parts.add(cell(c.cellReference(), c.row(), c.column(), c.columnName())));
    o.records().forEach(r -> parts.add(record(r.recordIndex(), r.jsonPath())));
    return parts.toString();
  }

  static String where(JsonNode o) {
    if (o == null || !o.isObject()) {
      return "";
    }
    Locations parts = new Locations();
    for (JsonNode r : o.path("lineRanges")) {
      parts.add(lines(num(r.path("start")), num(r.path("end")), num(r.path("startColumn"))));
    }
    for (JsonNode r : o.path("offsetRanges")) {
      parts.add("offsets " + num(r.path("start")) + "-" + num(r.path("end")));
    }
    for (JsonNode p : o.path("pages")) {
      parts.add("page " + num(p.path("pageNumber")));
    }
    for (JsonNode c : o.path("cells")) {
      parts.add(
          cell(
              c.path("cellReference").isTextual() ? c.path("cellReference").asText() : null,
              num(c.path("row")),
              num(c.path("column")),
              c.path("columnName").isTextual() ? c.path("columnName").asText() : null));
    }
    for (JsonNode r : o.path("records")) {
      parts.add(
          record(
              num(r.path("recordIndex")),
              r.path("jsonPath").isTextual() ? r.path("jsonPath").asText() : null));
    }
    return parts.toString();
  }

  private static String lines(Long start, Long end, Long column) {
    return "lines " + start + "-" + end + (column == null ? "" : " col " + column);
  }

  private static String cell(String ref, Long row, Long column, String columnName) {
    if (ref != null && !ref.isBlank()) {
      return "cell " + ref;
    }
    return "cell row "
        + row
        + " col "
        + column
        + (columnName == null || columnName.isBlank() ? "" : " (" + columnName + ")");
  }

  private static String record(Long index, String jsonPath) {
    return "record " + index + (jsonPath == null || jsonPath.isBlank() ? "" : " " + jsonPath);
  }

  /** Joins up to {@link #MAX_LOCATIONS} locations and counts the rest. */
  private static final class Locations {
    private final List<String> parts = new ArrayList<>();
    private int more;

    void add(String s) {
      if (parts.size() < MAX_LOCATIONS) {
        parts.add(s);
      } else {
        more++;
      }
    }

    @Override
    public String toString() {
      return String.join("; ", parts) + (more > 0 ? "; +" + more + " more" : "");
    }
  }

  private static long count(Long n) {
    return n == null || n < 1 ? 1 : n;
  }

  private static long count(JsonNode n) {
    return n.canConvertToLong() && n.asLong() >= 1 ? n.asLong() : 1;
  }

  private static Long num(JsonNode n) {
    return n.canConvertToLong() ? n.asLong() : null;
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : "";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
