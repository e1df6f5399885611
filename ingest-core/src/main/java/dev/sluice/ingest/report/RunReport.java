package dev.sluice.ingest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.classifiers.Catalog;
import dev.sluice.ingest.lineage.LineageRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Builds a run's reports from its lineage records and findings log: {@code report.json} (complete,
 * machine-readable), {@code documents.csv} (one row per document) and {@code findings.jsonl}. Built
 * from the database at the end of the job, so a restarted run reports exactly once per document.
 * Masked previews only.
 */
public final class RunReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TYPES = 10_000;
  private static final String WARNING = "warning: ";

  private RunReport() {}

  /** Paths of the files written. */
  public record Files_(Path json, Path csv, Path findings) {}

  /** Totals of a run, for the command line summary. */
  public record Totals(
      int documents, Map<String, Integer> byDecision, int unscannable, long findings) {}

  /**
   * Writes the reports of {@code runId} into {@code dir}.
   *
   * @param findingsLog the run's findings log, or {@code null} when there is none
   */
  public static Files_ write(
      Path dir,
      String runId,
      String mode,
      String policyName,
      String policyHash,
      String catalogVersion,
      List<LineageRecord> records,
      FindingsLog findingsLog) {
    return write(
        dir, runId, mode, policyName, policyHash, catalogVersion, records, findingsLog, List.of());
  }

  /**
   * Writes the reports of {@code runId} into {@code dir}, listing the policy's acknowledged
   * approvals of high-risk categories under {@code policy.acknowledgements}.
   *
   * @param findingsLog the run's findings log, or {@code null} when there is none
   */
  public static Files_ write(
      Path dir,
      String runId,
      String mode,
      String policyName,
      String policyHash,
      String catalogVersion,
      List<LineageRecord> records,
      FindingsLog findingsLog,
      List<dev.sluice.ingest.decide.Policy.Acknowledgement> acknowledgements) {
    try {
      dev.sluice.ingest.OwnerOnly.directory(dir);
      Path findings = dir.resolve("findings.jsonl");
      if (findingsLog != null) {
        findingsLog.concat(findings);
      } else {
        Files.write(findings, new byte[0]);
      }
      ObjectNode root = JSON.createObjectNode();
      root.put("run", runId);
      root.put("mode", mode);
      root.put("generatedAt", Instant.now().toString());
      ObjectNode pol = root.putObject("policy");
      pol.put("name", policyName);
      pol.put("hash", policyHash);
      ArrayNode acks = pol.putArray("acknowledgements");
      for (var k : acknowledgements) {
        ObjectNode a = acks.addObject();
        a.put("rule", k.ruleId());
        ArrayNode cats = a.putArray("categories");
        k.categories().forEach(cats::add);
        a.put("text", k.text());
      }
      root.put("catalogVersion", catalogVersion);

      Totals totals = totals(records);
      ObjectNode t = root.putObject("totals");
      t.put("documents", totals.documents());
      t.put("bytes", records.stream().mapToLong(LineageRecord::size).sum());
      t.put("unscannable", totals.unscannable());
      t.put("findings", totals.findings());
      ObjectNode byDecision = t.putObject("byDecision");
      totals.byDecision().forEach(byDecision::put);

      Map<String, Integer> byType = new TreeMap<>();
      Map<String, Map<String, Integer>> byPrefix = new TreeMap<>();
      Map<String, Long> findingsByPrefix = new TreeMap<>();
      for (LineageRecord r : records) {
        r.findingCounts().forEach((k, v) -> byType.merge(k, v, Integer::sum));
        long n = r.findingCounts().values().stream().mapToLong(Integer::longValue).sum();
        if (n > 0) {
          findingsByPrefix.merge(prefixOf(r.sourceUri()), n, Long::sum);
        }
        byPrefix
            .computeIfAbsent(prefixOf(r.sourceUri()), k -> new TreeMap<>())
            .merge(r.decision(), 1, Integer::sum);
      }
      ObjectNode types = root.putObject("findingsByType");
      byType.forEach(types::put);
      ObjectNode categories = root.putObject("findingsByCategory");
      byCategory(byType, categoriesOf(findings)).forEach(categories::put);
      ObjectNode fp = root.putObject("findingsByPrefix");
      findingsByPrefix.forEach(fp::put);
      ObjectNode prefixes = root.putObject("byPrefix");
      byPrefix.forEach(
          (p, m) -> {
            ObjectNode n = prefixes.putObject(p);
            m.forEach(n::put);
          });
      // warnings (e.g. Macie unreachable in advisory mode, stale Macie results) with how many
      // documents carry each; they never change a decision but must not be silent
      Map<String, Integer> warnings = new TreeMap<>();
      for (LineageRecord r : records) {
        r.reasons().stream()
            .filter(x -> x.startsWith(WARNING))
            .distinct()
            .forEach(x -> warnings.merge(x.substring(WARNING.length()), 1, Integer::sum));
      }
      ArrayNode warn = root.putArray("warnings");
      warnings.forEach((w, n) -> warn.addObject().put("warning", w).put("documents", n));
      ArrayNode uns = root.putArray("unscannable");
      ArrayNode docs = root.putArray("documents");
      for (LineageRecord r : records) {
        if (!r.unscannable().isEmpty()) {
          ObjectNode u = uns.addObject();
          u.put("source", r.sourceUri());
          u.put("reason", r.unscannable());
        }
        docs.add(document(r));
      }
      Path json = dir.resolve("report.json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
      Path csv = dir.resolve("documents.csv");
      writeCsv(csv, records);
      // reports name documents and decisions: owner-only, like the databases
      dev.sluice.ingest.OwnerOnly.tree(dir);
      return new Files_(json, csv, findings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report to " + dir, e);
    }
  }

  static ObjectNode document(LineageRecord r) {
    ObjectNode d = JSON.createObjectNode();
    d.put("source", r.sourceUri());
    // keyed fingerprints only: a plain SHA-256 or ETag (MD5) of a small file is reversible
    d.put("versionFingerprint", r.eTag());
    d.put("size", r.size());
    d.put("contentFingerprint", r.sha256());
    d.put("dataset", r.dataset());
    d.put("decision", r.decision());
    d.put("unscannable", r.unscannable());
    ArrayNode reasons = d.putArray("reasons");
    r.reasons().forEach(reasons::add);
    ObjectNode counts = d.putObject("counts");
    new TreeMap<>(r.findingCounts()).forEach(counts::put);
    ArrayNode evidence = d.putArray("evidence");
    for (LineageRecord.EvidenceLine e : r.evidence()) {
      ObjectNode n = evidence.addObject();
      n.put("type", e.type());
      n.put("count", e.count());
      ArrayNode sources = n.putArray("sources");
      e.sources().forEach(sources::add);
      n.put("where", e.where());
    }
    ArrayNode macie = d.putArray("macieFindings");
    r.macieFindingIds().forEach(macie::add);
    ArrayNode stale = d.putArray("staleMacieFindings");
    r.staleMacieFindingIds().forEach(stale::add);
    ArrayNode outs = d.putArray("outputs");
    r.outputUris().forEach(outs::add);
    d.put("lineageId", r.lineageId());
    return d;
  }

  /** Totals over {@code records}. */
  public static Totals totals(List<LineageRecord> records) {
    Map<String, Integer> byDecision = new TreeMap<>();
    int unscannable = 0;
    long findings = 0;
    for (LineageRecord r : records) {
      byDecision.merge(r.decision(), 1, Integer::sum);
      if (!r.unscannable().isEmpty()) {
        unscannable++;
      }
      findings += r.findingCounts().values().stream().mapToLong(Integer::longValue).sum();
    }
    return new Totals(records.size(), byDecision, unscannable, findings);
  }

  /**
   * Sums finding counts per category. A type's category comes from the findings log when it holds
   * that type, else from the managed identifiers, else {@code UNCATEGORIZED}.
   */
  static Map<String, Long> byCategory(Map<String, Integer> byType, Map<String, String> known) {
    Catalog managed = Catalog.managed();
    Map<String, Long> out = new TreeMap<>();
    byType.forEach(
        (type, n) ->
            out.merge(
                known.getOrDefault(
                    type, managed.find(type).map(e -> e.category().name()).orElse("UNCATEGORIZED")),
                n.longValue(),
                Long::sum));
    return out;
  }

  /** Type to category as recorded in a findings log ({@code type}, {@code category} fields). */
  static Map<String, String> categoriesOf(Path findingsJsonl) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(findingsJsonl)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(findingsJsonl, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        String type = n.path("type").asText("");
        String category = n.path("category").asText("");
        if (!type.isEmpty() && !category.isEmpty() && out.size() < MAX_TYPES) {
          out.putIfAbsent(type, category);
        }
      }
    }
    return out;
  }

  static String prefixOf(String uri) {
    String path = uri.replaceFirst("^[a-z0-9]+://[^/]*/", "");
    int slash = path.indexOf('/');
    return slash < 0 ? "(root)" : path.substring(0, slash + 1);
  }

  /** RFC 4180 CSV (CRLF rows, quoted where needed), header first. */
  static final CSVFormat CSV =
      CSVFormat.RFC4180
          .builder()
          .setHeader(
              "source",
              "decision",
              "unscannable",
              "reasons",
              "counts",
              "dataset",
              "lineage_id",
              "evidence")
          .get();

  private static void writeCsv(Path csv, List<LineageRecord> records) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSV)) {
      for (LineageRecord r : records) {
        StringBuilder counts = new StringBuilder();
        new TreeMap<>(r.findingCounts())
            .forEach(
                (k, v) ->
                    counts.append(counts.length() == 0 ? "" : ";").append(k).append('=').append(v));
        out.printRecord(
            csvField(r.sourceUri()),
            csvField(r.decision()),
            csvField(r.unscannable()),
            csvField(String.join(" | ", r.reasons())),
            csvField(counts.toString()),
            csvField(r.dataset()),
            csvField(r.lineageId()),
            csvField(evidence(r)));
      }
    }
  }

  /**
   * The evidence lines of {@code r} in one field: {@code TYPE=count[SOURCE+SOURCE]@where}, joined
   * by {@code ;} ({@code @where} only when Macie said where).
   */
  public static String evidence(LineageRecord r) {
    StringBuilder b = new StringBuilder();
    for (LineageRecord.EvidenceLine e : r.evidence()) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(e.type()).append('=').append(e.count());
      b.append('[').append(String.join("+", e.sources())).append(']');
      if (!e.where().isEmpty()) {
        b.append('@').append(e.where());
      }
    }
    return b.toString();
  }

  /**
   * A cell a spreadsheet will not run as a formula: a value starting with {@code = + - @}, a tab or
   * a carriage return (a file or folder name can) gets a leading apostrophe (OWASP's CSV injection
   * advice); quoting is the CSV printer's.
   */
  static String csvField(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }

  /** Reads a report's totals back (used by {@code sluice report}). */
  public static JsonNode read(Path json) {
    try (BufferedReader r = Files.newBufferedReader(json)) {
      return JSON.readTree(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + json, e);
    }
  }
}
