package dev.sluice.sampledata.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.sampledata.corpus.Catalog;
import dev.sluice.sampledata.corpus.CorpusDocument;
import dev.sluice.sampledata.corpus.GroundTruth;
import dev.sluice.sampledata.corpus.Json;
import dev.sluice.sampledata.corpus.Planted;
import dev.sluice.sampledata.corpus.Unit;
import dev.sluice.sampledata.formats.DocumentWriters;
import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds Amazon Macie results that match the corpus: GetFindings-style finding objects (reference
 * macie.md section 5) and a sensitive-data discovery results file (section 6, JSON Lines, gzip).
 * ETags are the MD5 of the exact corpus bytes, so they stay consistent when the corpus is
 * regenerated. Stateless and thread-safe.
 *
 * <p>Assumptions (see sample-data/README.md): bucket {@value #BUCKET}, account {@value #ACCOUNT},
 * region {@value #REGION}, one classification job {@value #JOB_ID}. Macie has no managed identifier
 * for EMAIL_ADDRESS, IP_ADDRESS, GITHUB_TOKEN, SLACK_TOKEN and URL_WITH_PASSWORD, so those never
 * appear in findings; rtf, pptx, odt and ods are unsupported by Macie and appear only as SKIPPED
 * discovery records.
 */
public final class MacieResults {

  /** Source bucket name. */
  public static final String BUCKET = "raw-docs";

  /** Account id. */
  public static final String ACCOUNT = "111122223333";

  /** Region. */
  public static final String REGION = "us-east-1";

  /** Classification job id. */
  public static final String JOB_ID = "5a1e7c9b3d2f4e6a8c0b1d3f5e7a9c2b";

  /** Id of the EmployeeId custom data identifier (as real findings carry it: a UUID). */
  public static final String EMPLOYEE_ID_CDI = "0e8eb8a1-1a3a-49ad-992f-0ab825642859";

  /** The discovery results object, relative to {@code sample-data/macie/}. */
  public static final String DISCOVERY_FILE =
      "discovery/AWSLogs/"
          + ACCOUNT
          + "/Macie/"
          + REGION
          + "/"
          + JOB_ID
          + "/d3b07384-d9a0-4c9b-8f3e-6a1f0c2b9e47.jsonl.gz";

  /** Document that gets a stale finding (eTag of an older version). */
  public static final String STALE_PATH = "public/product-faq.md";

  private static final String CREATED = "2024-03-02T03:15:27.418Z";
  private static final String LAST_MODIFIED = "2024-03-01T09:00:00.000Z";
  private static final String KMS_KEY =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final Set<String> UNSUPPORTED = Set.of("rtf", "pptx", "odt", "ods");

  private MacieResults() {}

  /** Every file to write under {@code sample-data/macie/}, keyed by relative path. */
  public static Map<String, byte[]> render(List<CorpusDocument> docs) {
    Map<String, byte[]> out = new TreeMap<>();
    StringBuilder discovery = new StringBuilder();
    for (CorpusDocument doc : docs) {
      ObjectNode record = record(doc, null, doc.units(), doc.bytes().length);
      discovery.append(Json.compact(record)).append('\n');
      if (record.get("type") != null && !record.get("type").isNull()) {
        ObjectNode finding = record.deepCopy();
        finding.put("archived", false);
        finding.put("count", 1);
        finding.put("sample", false);
        out.put("findings/" + slug(doc.path()) + ".json", Json.pretty(reorder(finding)));
      }
      if (isArchive(doc) && doc.unscannable() == null) {
        for (Unit u : doc.units()) {
          if (u.path().isEmpty() || u.path().endsWith(".zip")) {
            continue;
          }
          ObjectNode embedded = record(doc, u, List.of(u), u.text().length());
          discovery.append(Json.compact(embedded)).append('\n');
        }
      }
      if (doc.path().equals(STALE_PATH)) {
        out.put("findings/stale__" + slug(doc.path()) + ".json", Json.pretty(stale(doc)));
      }
    }
    out.put(
        DISCOVERY_FILE,
        DocumentWriters.gzip(discovery.toString().getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static boolean isArchive(CorpusDocument doc) {
    return doc.format().equals("zip") || doc.format().equals("tar.gz");
  }

  private static String slug(String path) {
    return path.replace("/", "__");
  }

  /** A finding or discovery record for the document (or one embedded unit of it). */
  private static ObjectNode record(
      CorpusDocument doc, Unit embedded, List<Unit> units, long classifiedSize) {
    String key = doc.path();
    String idSeed = key + (embedded == null ? "" : embedded.path());
    ObjectNode n = Json.object();
    n.put("accountId", ACCOUNT);
    n.put("category", "CLASSIFICATION");
    n.put("createdAt", CREATED);
    n.put("id", GroundTruth.md5Hex(idSeed.getBytes(StandardCharsets.UTF_8)));
    n.put("partition", "aws");
    n.put("region", REGION);
    n.put("schemaVersion", "1.0");
    n.put("updatedAt", CREATED);

    ObjectNode resources = n.putObject("resourcesAffected");
    ObjectNode bucket = resources.putObject("s3Bucket");
    bucket.put("arn", "arn:aws:s3:::" + BUCKET);
    bucket.put("name", BUCKET);
    bucket.put("createdAt", "2023-11-20T14:02:11.000Z");
    bucket
        .putObject("owner")
        .put("displayName", "data-platform")
        .put("id", "7c0d" + "e3a1".repeat(15));
    bucket.putArray("tags");
    bucket.put("allowsUnencryptedObjectUploads", "FALSE");
    bucket
        .putObject("defaultServerSideEncryption")
        .put("encryptionType", "aws:kms")
        .put("kmsMasterKeyId", KMS_KEY);
    bucket.putObject("publicAccess").put("effectivePermission", "NOT_PUBLIC");
    ObjectNode obj = resources.putObject("s3Object");
    obj.put("bucketArn", "arn:aws:s3:::" + BUCKET);
    obj.put("key", key);
    obj.put("path", BUCKET + "/" + key);
    obj.put("versionId", "");
    obj.put("eTag", GroundTruth.md5Hex(doc.bytes()));
    obj.put("extension", extension(key));
    obj.put("lastModified", LAST_MODIFIED);
    obj.put("size", doc.bytes().length);
    obj.put("storageClass", "STANDARD");
    obj.put("publicAccess", false);
    obj.putArray("tags");
    obj.putObject("serverSideEncryption")
        .put("encryptionType", "aws:kms")
        .put("kmsMasterKeyId", KMS_KEY);
    if (embedded != null) {
      String filePath = embedded.path().substring(1);
      obj.putObject("embeddedFileDetails")
          .put("filePath", filePath)
          .put("fileExtension", extension(filePath))
          .put("fileSize", embedded.text().getBytes(StandardCharsets.UTF_8).length)
          .put("fileLastModified", LAST_MODIFIED);
    }

    ObjectNode details = n.putObject("classificationDetails");
    details.put("jobId", JOB_ID);
    details.put(
        "jobArn", "arn:aws:macie2:" + REGION + ":" + ACCOUNT + ":classification-job/" + JOB_ID);
    details.put("originType", "SENSITIVE_DATA_DISCOVERY_JOB");
    details.put("detailedResultsLocation", "s3://macie-results/" + DISCOVERY_FILE.substring(10));
    ObjectNode result = details.putObject("result");
    String skipReason = skipReason(doc);
    ObjectNode status = result.putObject("status");
    if (skipReason != null) {
      status.put("code", "SKIPPED").put("reason", skipReason);
      result.put("sizeClassified", 0);
    } else {
      status.put("code", "COMPLETE").putNull("reason");
      result.put("sizeClassified", classifiedSize);
    }
    result.put("mimeType", mime(embedded == null ? doc.format() : embedded.format()));

    // sensitive data grouped by category, in catalogue order
    Map<String, Map<String, List<ObjectNode>>> byCategory = new LinkedHashMap<>();
    Map<String, List<ObjectNode>> custom = new LinkedHashMap<>();
    boolean additional = false;
    int limit = embedded == null ? 15 : 1000; // findings keep 15 locations, discovery 1000
    if (skipReason == null && !(embedded == null && doc.unscannable() != null)) {
      for (Unit u : units) {
        for (Planted p : u.planted()) {
          if (p.isCustom()) {
            custom
                .computeIfAbsent(p.type().substring(7), k -> new ArrayList<>())
                .add(location(doc, u, p));
          } else if (p.isManaged() && Catalog.isMacieManaged(p.type())) {
            byCategory
                .computeIfAbsent(Catalog.category(p.type()), k -> new LinkedHashMap<>())
                .computeIfAbsent(p.type(), k -> new ArrayList<>())
                .add(location(doc, u, p));
          }
        }
      }
    }
    ArrayNode sensitive = result.putArray("sensitiveData");
    int maxSeverity = 0;
    for (String category : List.of(Catalog.CREDENTIALS, Catalog.FINANCIAL, Catalog.PERSONAL)) {
      Map<String, List<ObjectNode>> types = byCategory.get(category);
      if (types == null) {
        continue;
      }
      ObjectNode cat = sensitive.addObject();
      cat.put("category", category);
      int total = types.values().stream().mapToInt(List::size).sum();
      cat.put("totalCount", total);
      ArrayNode detections = cat.putArray("detections");
      for (Map.Entry<String, List<ObjectNode>> e : types.entrySet()) {
        ObjectNode det = detections.addObject();
        det.put("type", e.getKey());
        det.put("count", e.getValue().size());
        det.set("occurrences", merge(e.getValue(), limit));
        additional |= e.getValue().size() > limit;
        maxSeverity = Math.max(maxSeverity, severity(e.getKey(), e.getValue().size()));
      }
    }
    ObjectNode cdi = result.putObject("customDataIdentifiers");
    int customTotal = custom.values().stream().mapToInt(List::size).sum();
    cdi.put("totalCount", customTotal);
    ArrayNode cdiDet = cdi.putArray("detections");
    for (Map.Entry<String, List<ObjectNode>> e : custom.entrySet()) {
      ObjectNode det = cdiDet.addObject();
      det.put("arn", EMPLOYEE_ID_CDI);
      det.put("name", e.getKey());
      det.put("count", e.getValue().size());
      det.set("occurrences", merge(e.getValue(), limit));
      maxSeverity = Math.max(maxSeverity, 2);
    }
    result.put("additionalOccurrences", additional);

    int categories = byCategory.size() + (custom.isEmpty() ? 0 : 1);
    if (categories == 0) {
      n.putNull("type");
      n.putNull("severity");
      n.put("title", "No sensitive data detected in the S3 object.");
      n.put("description", "The object was analysed and no sensitive data was found.");
    } else {
      String type;
      if (categories > 1) {
        type = "SensitiveData:S3Object/Multiple";
      } else if (!custom.isEmpty()) {
        type = "SensitiveData:S3Object/CustomIdentifier";
      } else {
        type =
            switch (byCategory.keySet().iterator().next()) {
              case Catalog.CREDENTIALS -> "SensitiveData:S3Object/Credentials";
              case Catalog.FINANCIAL -> "SensitiveData:S3Object/Financial";
              default -> "SensitiveData:S3Object/Personal";
            };
      }
      n.put("type", type);
      String[] names = {"", "Low", "Medium", "High"};
      n.putObject("severity").put("description", names[maxSeverity]).put("score", maxSeverity);
      n.put("title", "The S3 object contains " + describe(type) + ".");
      n.put(
          "description",
          "The object contains "
              + describe(type)
              + ". This can include "
              + customTotal
              + " custom data identifier occurrences.");
    }
    return n;
  }

  private static String describe(String type) {
    return switch (type) {
      case "SensitiveData:S3Object/Multiple" -> "more than one type of sensitive information";
      case "SensitiveData:S3Object/CustomIdentifier" -> "text that matches custom data identifiers";
      case "SensitiveData:S3Object/Credentials" -> "credentials data";
      case "SensitiveData:S3Object/Financial" -> "financial information";
      default -> "personal information";
    };
  }

  /** Puts the finding fields in the order macie.md section 5 lists them. */
  private static ObjectNode reorder(ObjectNode f) {
    ObjectNode n = Json.object();
    for (String k :
        List.of(
            "accountId",
            "archived",
            "category",
            "count",
            "createdAt",
            "updatedAt",
            "description",
            "id",
            "partition",
            "region",
            "sample",
            "schemaVersion",
            "title",
            "type",
            "severity")) {
      n.set(k, f.get(k));
    }
    n.putNull("policyDetails");
    n.set("resourcesAffected", f.get("resourcesAffected"));
    n.set("classificationDetails", f.get("classificationDetails"));
    return n;
  }

  private static ObjectNode stale(CorpusDocument doc) {
    // An older version of the FAQ that carried a support phone number; the object has changed
    // since, so the finding's eTag no longer matches and consumers must ignore it.
    String old = new String(doc.bytes(), StandardCharsets.UTF_8) + "\nCall us: (312) 555-0100\n";
    ObjectNode f = Json.object();
    f.put("accountId", ACCOUNT);
    f.put("archived", false);
    f.put("category", "CLASSIFICATION");
    f.put("count", 1);
    f.put("createdAt", "2024-02-10T03:15:27.418Z");
    f.put("updatedAt", "2024-02-10T03:15:27.418Z");
    f.put("description", "The object contains personal information.");
    f.put("id", GroundTruth.md5Hex(("stale" + doc.path()).getBytes(StandardCharsets.UTF_8)));
    f.put("partition", "aws");
    f.put("region", REGION);
    f.put("sample", false);
    f.put("schemaVersion", "1.0");
    f.put("title", "The S3 object contains personal information.");
    f.put("type", "SensitiveData:S3Object/Personal");
    f.putObject("severity").put("description", "Low").put("score", 1);
    f.putNull("policyDetails");
    ObjectNode current = record(doc, null, List.of(), doc.bytes().length);
    ObjectNode res = (ObjectNode) current.get("resourcesAffected").deepCopy();
    byte[] oldBytes = old.getBytes(StandardCharsets.UTF_8);
    ((ObjectNode) res.get("s3Object")).put("eTag", GroundTruth.md5Hex(oldBytes));
    ((ObjectNode) res.get("s3Object")).put("size", oldBytes.length);
    ((ObjectNode) res.get("s3Object")).put("lastModified", "2024-02-09T17:40:00.000Z");
    f.set("resourcesAffected", res);
    ObjectNode details = (ObjectNode) current.get("classificationDetails").deepCopy();
    ObjectNode result = (ObjectNode) details.get("result");
    result.put("sizeClassified", oldBytes.length);
    ArrayNode sd = result.putArray("sensitiveData");
    ObjectNode cat = sd.addObject().put("category", Catalog.PERSONAL).put("totalCount", 1);
    ObjectNode det =
        cat.putArray("detections").addObject().put("type", "PHONE_NUMBER").put("count", 1);
    int line = (int) old.chars().filter(c -> c == '\n').count();
    det.putObject("occurrences")
        .putArray("lineRanges")
        .addObject()
        .put("start", line)
        .put("end", line)
        .put("startColumn", 10);
    f.set("classificationDetails", details);
    return f;
  }

  private static int severity(String type, int count) {
    int band = count == 1 ? 0 : count < 100 ? 1 : 2;
    String cat = Catalog.category(type);
    if (!cat.equals(Catalog.PERSONAL)) {
      return switch (type) {
        case "CREDIT_CARD_EXPIRATION" -> new int[] {1, 2, 3}[band];
        case "CREDIT_CARD_SECURITY_CODE" -> new int[] {2, 3, 3}[band];
        default -> 3;
      };
    }
    return switch (type) {
      case "USA_SOCIAL_SECURITY_NUMBER",
          "CANADA_SOCIAL_INSURANCE_NUMBER",
          "UK_NATIONAL_INSURANCE_NUMBER",
          "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
          "UK_NHS_NUMBER" ->
          3;
      case "USA_PASSPORT_NUMBER" -> new int[] {2, 3, 3}[band];
      case "LATITUDE_LONGITUDE" -> new int[] {1, 2, 2}[band];
      case "VEHICLE_IDENTIFICATION_NUMBER" -> new int[] {1, 1, 2}[band];
      default -> new int[] {1, 2, 3}[band];
    };
  }

  private static String skipReason(CorpusDocument doc) {
    if (UNSUPPORTED.contains(doc.format())) {
      return "UNSUPPORTED_FILE_TYPE_EXCEPTION";
    }
    if (doc.unscannable() == null) {
      return null;
    }
    return switch (doc.unscannable()) {
      case "ENCRYPTED" -> "UNABLE_TO_PARSE_FILE";
      case "MALFORMED_FILE" -> "MALFORMED_FILE";
      case "NESTING_LIMIT" -> "ARCHIVE_NESTING_LEVEL_OVER_LIMIT";
      default -> null; // Macie reads bombs under its limits, scans and empty files: no findings
    };
  }

  private static String extension(String key) {
    String file = key.substring(key.lastIndexOf('/') + 1);
    if (file.endsWith(".tar.gz")) {
      return "gz";
    }
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1);
  }

  private static String mime(String format) {
    return switch (format) {
      case "txt" -> "text/plain";
      case "csv" -> "text/csv";
      case "tsv" -> "text/tab-separated-values";
      case "json" -> "application/json";
      case "jsonl" -> "application/jsonl";
      case "xml" -> "application/xml";
      case "html" -> "text/html";
      case "md" -> "text/markdown";
      case "eml" -> "message/rfc822";
      case "pdf" -> "application/pdf";
      case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      case "pptx" -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
      case "odt" -> "application/vnd.oasis.opendocument.text";
      case "ods" -> "application/vnd.oasis.opendocument.spreadsheet";
      case "rtf" -> "application/rtf";
      case "zip" -> "application/zip";
      case "tar.gz" -> "application/gzip";
      default -> "application/octet-stream";
    };
  }

  /** Merges single-location objects into one occurrences object, keeping at most {@code limit}. */
  private static ObjectNode merge(List<ObjectNode> locations, int limit) {
    ObjectNode occ = Json.object();
    int kept = 0;
    for (ObjectNode loc : locations) {
      if (kept++ == limit) {
        break;
      }
      Iterator<Map.Entry<String, JsonNode>> it = loc.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        ArrayNode arr =
            occ.has(e.getKey()) ? (ArrayNode) occ.get(e.getKey()) : occ.putArray(e.getKey());
        arr.addAll((ArrayNode) e.getValue());
      }
    }
    return occ;
  }

  /** The Macie location of one planted value, in the shape its file type uses. */
  static ObjectNode location(CorpusDocument doc, Unit u, Planted p) {
    ObjectNode loc = Json.object();
    String text = u.text();
    if (!u.sheets().isEmpty()) {
      for (Sheet s : u.sheets()) {
        for (int r = 0; r < s.rows().size(); r++) {
          List<String> row = s.rows().get(r);
          for (int c = 0; c < row.size(); c++) {
            if (row.get(c).contains(p.value())) {
              String colName = s.rows().get(0).size() > c ? s.rows().get(0).get(c) : "";
              loc.putArray("cells")
                  .addObject()
                  .put("row", r + 1)
                  .put("column", c + 1)
                  .put("columnName", colName)
                  .put("cellReference", s.name() + "!" + (char) ('A' + c) + (r + 1));
              return loc;
            }
          }
        }
      }
    }
    int lineIdx = (int) text.substring(0, p.start()).chars().filter(ch -> ch == '\n').count();
    int lineStart = text.lastIndexOf('\n', p.start() - 1) + 1;
    switch (u.format()) {
      case "csv", "tsv" -> {
        char sep = u.format().equals("csv") ? ',' : '\t';
        String before = text.substring(lineStart, p.start());
        int col = (int) before.chars().filter(ch -> ch == sep).count();
        String header = text.substring(0, Math.max(0, text.indexOf('\n')));
        String[] names = header.split(String.valueOf(sep), -1);
        loc.putArray("cells")
            .addObject()
            .put("row", lineIdx + 1)
            .put("column", col + 1)
            .put("columnName", col < names.length ? names[col] : "")
            .putNull("cellReference");
      }
      case "json", "jsonl" -> {
        String source = u.format().equals("json") ? text : text.split("\n", -1)[lineIdx];
        String path = jsonPath(source, p.value());
        ObjectNode rec = loc.putArray("records").addObject();
        rec.put("recordIndex", u.format().equals("json") ? 0 : lineIdx);
        rec.put("jsonPath", path);
      }
      case "pdf" -> {
        List<String> paras = Arrays.asList(text.split("\n\n", -1));
        int para = text.substring(0, p.start()).split("\n\n", -1).length - 1;
        int page = DocumentWriters.pdfParagraphPages(paras)[para];
        loc.putArray("pages").addObject().put("pageNumber", page);
      }
      default ->
          loc.putArray("lineRanges")
              .addObject()
              .put("start", lineIdx + 1)
              .put("end", lineIdx + 1)
              .put("startColumn", p.start() - lineStart + 1);
    }
    return loc;
  }

  private static String jsonPath(String json, String value) {
    try {
      JsonNode root = Json.MAPPER.readTree(json);
      String found = find(root, "$", value);
      return found == null ? "$" : found;
    } catch (IOException e) {
      return "$";
    }
  }

  private static String find(JsonNode node, String path, String value) {
    if (node.isTextual()) {
      return node.asText().contains(value) ? path : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String f = find(node.get(i), path + "[" + i + "]", value);
        if (f != null) {
          return f;
        }
      }
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String f = find(e.getValue(), path + "." + e.getKey(), value);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }
}
