package dev.sluice.sampledata;

import dev.sluice.sampledata.corpus.Catalog;
import dev.sluice.sampledata.corpus.Corpus;
import dev.sluice.sampledata.corpus.Corpus.Part;
import dev.sluice.sampledata.corpus.CorpusDocument;
import dev.sluice.sampledata.corpus.Decision;
import dev.sluice.sampledata.corpus.GroundTruth;
import dev.sluice.sampledata.corpus.Json;
import dev.sluice.sampledata.corpus.Planted;
import dev.sluice.sampledata.corpus.PlantedText;
import dev.sluice.sampledata.formats.DocumentWriters;
import dev.sluice.sampledata.values.SyntheticValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates large synthetic corpora with ground truth, deterministically from (seed, document
 * count, target total size, format mix, finding density, hostile rate).
 *
 * <p>Documents are written one at a time under {@code <out>/corpus/} with their ground truth under
 * {@code <out>/ground-truth/} in the same JSON schema as the committed corpus; nothing but the
 * current document is held in memory. Binary formats go through {@link DocumentWriters}. The first
 * {@code Catalog.types().size()} documents each carry one guaranteed value of the next catalogue
 * type, so any run of at least that many documents covers every identifier. Per-document sizes
 * adapt to each format's observed bytes-per-character so the total lands near the target.
 *
 * <p>Not thread-safe; {@link #generate} may be called from several threads on different outputs.
 */
public final class CorpusGenerator {

  /** Default format weights. */
  public static final Map<String, Integer> DEFAULT_MIX = defaultMix();

  private static final List<String> PREFIXES =
      List.of("hr", "support", "engineering", "finance", "public");

  private static final Set<String> MULTILINE =
      Set.of("OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "PKCS", "PUTTY_PRIVATE_KEY");

  /** Neutral vocabulary for filler sentences: no identifier keywords, nothing name-like. */
  private static final String[] WORDS = {
    "team",
    "project",
    "review",
    "schedule",
    "update",
    "release",
    "feature",
    "report",
    "meeting",
    "summary",
    "plan",
    "budget",
    "quarter",
    "customer",
    "partner",
    "vendor",
    "product",
    "service",
    "platform",
    "workflow",
    "process",
    "document",
    "policy",
    "guideline",
    "template",
    "draft",
    "version",
    "change",
    "request",
    "issue",
    "ticket",
    "backlog",
    "sprint",
    "milestone",
    "deadline",
    "priority",
    "risk",
    "decision",
    "approval",
    "feedback",
    "survey",
    "result",
    "metric",
    "target",
    "forecast",
    "estimate",
    "analysis",
    "trend",
    "growth",
    "revenue",
    "cost",
    "margin",
    "invoice",
    "order",
    "shipment",
    "delivery",
    "warehouse",
    "inventory",
    "supplier",
    "contract",
    "renewal",
    "proposal",
    "offer",
    "design",
    "prototype",
    "test",
    "pilot",
    "launch",
    "rollout",
    "migration",
    "upgrade",
    "outage",
    "incident",
    "recovery",
    "backup",
    "restore",
    "monitoring",
    "alert",
    "dashboard",
    "latency",
    "throughput",
    "capacity",
    "cluster",
    "server",
    "storage",
    "network",
    "cache",
    "queue",
    "pipeline",
    "build",
    "deploy",
    "branch",
    "merge",
    "commit",
    "library",
    "module",
    "component",
    "interface",
    "integration",
    "export",
    "import",
    "format",
    "field",
    "column",
    "table",
    "record",
    "entry",
    "folder",
    "archive",
    "retention",
    "cleanup",
    "audit",
    "compliance",
    "training",
    "onboarding",
    "handbook",
    "wiki",
    "article",
    "guide",
    "tutorial",
    "example",
    "sample",
    "draft",
    "outline",
    "agenda",
    "minutes",
    "note",
    "weekly",
    "monthly",
    "annual",
    "daily",
    "internal",
    "external",
    "regional",
    "global",
    "local",
    "shared",
    "public",
    "private",
    "new",
    "old",
    "large",
    "small",
    "quick",
    "slow",
    "stable",
    "flexible",
    "simple",
    "complex",
    "clear",
    "detailed",
    "final",
    "initial",
    "current",
    "previous",
    "next",
    "early",
    "late",
    "ready",
    "pending",
    "blocked",
    "done",
    "open",
    "closed",
    "active",
    "idle",
    "healthy",
    "degraded",
    "improved",
    "reduced",
    "increased",
    "delayed",
    "planned",
    "measured",
    "reviewed",
    "approved",
    "updated",
    "created",
    "removed",
    "added",
    "fixed",
    "moved",
    "renamed",
    "merged",
    "split",
    "tested",
    "deployed",
    "shipped",
    "scheduled",
    "discussed",
    "agreed",
    "confirmed",
    "requested",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "with",
    "without",
    "for",
    "from",
    "into",
    "over",
    "under",
    "after",
    "before",
    "during",
    "about",
    "across",
    "between",
    "within",
    "per",
    "via",
    "by",
    "on",
    "in",
    "at",
    "to",
    "of",
    "as",
    "is",
    "are",
    "was",
    "were",
    "will",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "we",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "our",
    "their",
    "its",
    "each",
    "every",
    "some",
    "many",
    "few",
    "more",
    "most",
    "less",
    "other",
    "same",
    "office",
    "floor",
    "room",
    "building",
    "kitchen",
    "parking",
    "garden",
    "lobby",
    "library",
    "cafeteria",
    "desk",
    "chair",
    "screen",
    "printer"
  };

  /** Share of paragraphs of a sensitive document that carry a planted value. */
  public static final double VALUES_PER_PARAGRAPH = 0.3;

  private static final List<String> PERSONAL_ONLY =
      Catalog.types().stream().filter(t -> !Catalog.isRejectClass(t)).toList();

  /** Text cap per document for formats written through POI or PDFBox. */
  private static final Map<String, Integer> MAX_CHARS_RICH =
      Map.of("docx", 20_000, "xlsx", 20_000, "pptx", 12_000, "pdf", 40_000, "odt", 40_000);

  private CorpusGenerator() {}

  private static Map<String, Integer> defaultMix() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("txt", 20);
    m.put("csv", 10);
    m.put("tsv", 3);
    m.put("json", 8);
    m.put("jsonl", 8);
    m.put("xml", 4);
    m.put("html", 6);
    m.put("md", 6);
    m.put("pdf", 8);
    m.put("docx", 8);
    m.put("xlsx", 5);
    m.put("pptx", 3);
    m.put("odt", 2);
    m.put("rtf", 2);
    m.put("eml", 5);
    m.put("zip", 2);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Generation options.
   *
   * @param seed random seed; same options give the same bytes
   * @param documents number of documents (at least 1)
   * @param targetBytes approximate total size of the corpus files
   * @param formatMix format name to positive weight (formats of {@link #DEFAULT_MIX})
   * @param density fraction of documents that carry planted values (0..1); half of those carry only
   *     personal (REDACT-class) types, the other half any type; inside such a document about
   *     {@value #VALUES_PER_PARAGRAPH} of paragraphs carry one value
   * @param hostileRate probability that a document is corrupt/empty/entity bomb (0..1)
   */
  public record Options(
      long seed,
      int documents,
      long targetBytes,
      Map<String, Integer> formatMix,
      double density,
      double hostileRate) {

    /** Validates every field; messages name the field. */
    public Options {
      if (documents < 1) {
        throw new IllegalArgumentException("documents must be >= 1, was " + documents);
      }
      if (targetBytes < documents) {
        throw new IllegalArgumentException("targetBytes must be >= documents");
      }
      Objects.requireNonNull(formatMix, "formatMix");
      if (formatMix.isEmpty()) {
        throw new IllegalArgumentException("formatMix must not be empty");
      }
      for (Map.Entry<String, Integer> e : formatMix.entrySet()) {
        if (!DEFAULT_MIX.containsKey(e.getKey()) || e.getValue() == null || e.getValue() < 1) {
          throw new IllegalArgumentException(
              "formatMix entry "
                  + e.getKey()
                  + "="
                  + e.getValue()
                  + " is not a known format"
                  + " with a positive weight");
        }
      }
      formatMix = Collections.unmodifiableMap(new TreeMap<>(formatMix));
      if (!(density >= 0 && density <= 1)) {
        throw new IllegalArgumentException("density must be in [0,1], was " + density);
      }
      if (!(hostileRate >= 0 && hostileRate <= 1)) {
        throw new IllegalArgumentException("hostileRate must be in [0,1], was " + hostileRate);
      }
    }

    /** Default mix, density 0.3, hostile rate 0.01. */
    public static Options of(long seed, int documents, long targetBytes) {
      return new Options(seed, documents, targetBytes, DEFAULT_MIX, 0.3, 0.01);
    }
  }

  /** What a run produced. */
  public record Summary(
      int documents,
      long bytes,
      Map<String, Integer> byFormat,
      Map<Decision, Integer> byDecision,
      Set<String> typesCovered,
      long elapsedNanos) {}

  /** Generates the corpus under {@code out/corpus} and {@code out/ground-truth}. */
  public static Summary generate(Options o, Path out) throws IOException {
    long t0 = System.nanoTime();
    Path corpusDir = out.resolve("corpus");
    Path gtDir = out.resolve("ground-truth");
    List<String> formats = new ArrayList<>(o.formatMix().keySet());
    int totalWeight = o.formatMix().values().stream().mapToInt(Integer::intValue).sum();
    List<String> types = Catalog.types();
    Map<String, Double> ratio = new HashMap<>();
    Map<String, Integer> byFormat = new TreeMap<>();
    Map<Decision, Integer> byDecision = new EnumMap<>(Decision.class);
    Set<String> covered = new TreeSet<>();
    long written = 0;
    for (int i = 0; i < o.documents(); i++) {
      long docSeed = o.seed() * 1_000_003L + i;
      SyntheticValues v = new SyntheticValues(docSeed);
      Random r = v.random();
      int pick = r.nextInt(totalWeight);
      String format = formats.get(formats.size() - 1);
      for (String f : formats) {
        pick -= o.formatMix().get(f);
        if (pick < 0) {
          format = f;
          break;
        }
      }
      String forced = i < types.size() ? types.get(i) : null;
      if (forced != null && MULTILINE.contains(forced)) {
        format = "txt";
      }
      long remainingDocs = o.documents() - i;
      long targetForDoc = Math.max(200, (o.targetBytes() - written) / remainingDocs);
      targetForDoc = (long) (targetForDoc * (0.5 + r.nextDouble()));
      double bytesPerChar = ratio.getOrDefault(format, initialRatio(format));
      // compressed formats need more text per output byte; cap at 4x to bound the work per doc,
      // and cap office/PDF documents (POI and PDFBox cost ~10x more CPU per character than plain
      // text): the byte budget they leave is spread over the following documents
      long maxChars = Math.min(50_000_000, 4 * targetForDoc);
      maxChars = Math.min(maxChars, MAX_CHARS_RICH.getOrDefault(format, Integer.MAX_VALUE));
      int chars = (int) Math.min(maxChars, Math.max(200, targetForDoc / bytesPerChar));
      String path =
          PREFIXES.get(r.nextInt(PREFIXES.size()))
              + "/batch-"
              + String.format(Locale.ROOT, "%03d", i / 1000)
              + "/doc-"
              + String.format(Locale.ROOT, "%06d", i)
              + "."
              + format;
      CorpusDocument doc;
      if (forced == null && r.nextDouble() < o.hostileRate()) {
        doc = hostile(path, format, v);
      } else {
        List<String> profile = List.of();
        if (r.nextDouble() < o.density()) {
          profile = r.nextBoolean() ? types : PERSONAL_ONLY;
        }
        doc = build(path, format, chars, forced, profile, v);
        double observed = (double) doc.bytes().length / Math.max(1, chars);
        ratio.put(format, 0.7 * bytesPerChar + 0.3 * observed);
      }
      Path file = corpusDir.resolve(doc.path());
      Files.createDirectories(file.getParent());
      Files.write(file, doc.bytes());
      Path gt = gtDir.resolve(doc.path() + ".json");
      Files.createDirectories(gt.getParent());
      Files.write(gt, Json.pretty(GroundTruth.of(doc)));
      written += doc.bytes().length;
      byFormat.merge(doc.format(), 1, Integer::sum);
      byDecision.merge(doc.expectedDecision(), 1, Integer::sum);
      doc.planted().stream().filter(Planted::isManaged).forEach(p -> covered.add(p.type()));
    }
    return new Summary(
        o.documents(), written, byFormat, byDecision, covered, System.nanoTime() - t0);
  }

  private static double initialRatio(String format) {
    return switch (format) {
      case "docx", "xlsx", "pptx", "odt", "ods", "zip" -> 0.45;
      case "pdf" -> 0.5;
      default -> 1.0;
    };
  }

  private static CorpusDocument hostile(String path, String format, SyntheticValues v) {
    return switch (v.random().nextInt(4)) {
      case 0 ->
          Corpus.hostile(
              swapExt(path, format, "pdf"),
              "pdf",
              DocumentWriters.corruptPdf(
                  "Report", List.of(sentence(v.random()), sentence(v.random())), 0.4),
              "MALFORMED_FILE",
              "generated: truncated PDF");
      case 1 ->
          Corpus.hostile(
              swapExt(path, format, "docx"),
              "docx",
              DocumentWriters.truncatedDocx("Notes", List.of(sentence(v.random())), 0.5),
              "MALFORMED_FILE",
              "generated: truncated docx");
      case 2 ->
          Corpus.hostile(
              swapExt(path, format, "txt"),
              "txt",
              DocumentWriters.empty(),
              "NO_TEXT",
              "generated: empty file");
      default ->
          Corpus.hostile(
              swapExt(path, format, "xml"),
              "xml",
              DocumentWriters.billionLaughs(),
              "ENTITY_EXPANSION",
              "generated: entity expansion bomb");
    };
  }

  private static String swapExt(String path, String from, String to) {
    return path.substring(0, path.length() - from.length()) + to;
  }

  // ------------------------------------------------------------------------------------------
  // document bodies

  private static CorpusDocument build(
      String path,
      String format,
      int chars,
      String forced,
      List<String> profile,
      SyntheticValues v) {
    boolean allowMultiline = format.equals("txt") || format.equals("md");
    String proves = "generated " + format + " document";
    PlantedText pt = new PlantedText();
    switch (format) {
      case "txt" -> {
        paragraphs(pt, chars, forced, profile, v, true, "", "\n\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "md" -> {
        pt.t("# Notes " + v.random().nextInt(10_000) + "\n\n");
        paragraphs(pt, chars, forced, profile, v, true, "", "\n\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "html" -> {
        pt.t("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Page</title></head>");
        pt.t("<body>\n");
        paragraphs(pt, chars, forced, profile, v, false, "<p>", "</p>\n");
        pt.t("</body></html>\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "xml" -> {
        pt.t("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n");
        paragraphs(pt, chars, forced, profile, v, false, "  <record>", "</record>\n");
        pt.t("</records>\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "csv", "tsv" -> {
        String sep = format.equals("csv") ? "," : "\t";
        pt.t("id" + sep + "team" + sep + "notes\n");
        int row = 0;
        boolean first = true;
        while (pt.length() < chars || first) {
          pt.t(row++ + sep + "team-" + v.random().nextInt(20) + sep);
          PlantedText cell = new PlantedText();
          paragraph(cell, first ? forced : null, profile, v, false);
          boolean quote = format.equals("csv") && cell.text().indexOf(',') >= 0;
          pt.t(quote ? "\"" : "").append(cell).t(quote ? "\"\n" : "\n");
          first = false;
        }
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "json" -> {
        pt.t("{\n  \"documents\": [\n");
        paragraphs(pt, chars, forced, profile, v, false, "    {\"body\": \"", "\"},\n");
        pt.t("    {\"body\": \"end\"}\n  ]\n}\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "jsonl" -> {
        paragraphs(pt, chars, forced, profile, v, false, "{\"body\":\"", "\"}\n");
        return Corpus.text(path, format, pt, List.of(), proves);
      }
      case "pdf", "docx", "odt", "rtf", "pptx" -> {
        paragraphs(pt, chars, forced, profile, v, allowMultiline, "", "\n\n");
        return Corpus.paragraphs(path, format, "Generated " + format, pt, List.of(), proves);
      }
      case "xlsx" -> {
        pt.t("#sheet:Data\nid\tnotes\n");
        int row = 0;
        boolean first = true;
        while (pt.length() < chars || first) {
          pt.t(row++ + "\t");
          paragraph(pt, first ? forced : null, profile, v, false);
          pt.t("\n");
          first = false;
        }
        return Corpus.sheets(path, format, pt, List.of(), proves);
      }
      case "eml" -> {
        paragraphs(pt, chars / 2, forced, profile, v, false, "", "\n\n");
        PlantedText att = new PlantedText();
        paragraphs(att, chars / 2, null, profile, v, false, "", "\n\n");
        CorpusDocument attDoc = Corpus.text("notes.txt", "txt", att, List.of(), "");
        return Corpus.eml(
            path,
            "sender" + v.random().nextInt(1000) + "@example.com",
            "team@example.com",
            "Weekly notes",
            pt,
            List.of(new Part("notes.txt", "text/plain", attDoc)),
            List.of(),
            proves);
      }
      case "zip" -> {
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
          PlantedText e = new PlantedText();
          paragraphs(e, chars / 3, k == 0 ? forced : null, profile, v, false, "", "\n\n");
          parts.add(
              new Part(
                  "part-" + k + ".txt",
                  "text/plain",
                  Corpus.text("part-" + k + ".txt", "txt", e, List.of(), "")));
        }
        return Corpus.zip(path, parts, List.of(), proves);
      }
      default -> throw new IllegalArgumentException("unsupported format " + format);
    }
  }

  private static void paragraphs(
      PlantedText pt,
      int chars,
      String forced,
      List<String> profile,
      SyntheticValues v,
      boolean allowMultiline,
      String open,
      String close) {
    int target = pt.length() + chars;
    boolean first = true;
    while (pt.length() < target || first) {
      pt.t(open);
      paragraph(pt, first ? forced : null, profile, v, allowMultiline);
      pt.t(close);
      first = false;
    }
  }

  /** Appends 3-6 filler sentences, maybe a planted value and maybe a hard negative. */
  private static void paragraph(
      PlantedText pt,
      String forced,
      List<String> profile,
      SyntheticValues v,
      boolean allowMultiline) {
    Random r = v.random();
    int sentences = 3 + r.nextInt(4);
    String type = forced;
    if (type == null && !profile.isEmpty() && r.nextDouble() < VALUES_PER_PARAGRAPH) {
      type = profile.get(r.nextInt(profile.size()));
    }
    if (type != null && MULTILINE.contains(type) && !allowMultiline) {
      type = "NAME";
    }
    int at = type == null ? -1 : r.nextInt(sentences);
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        pt.t(" ");
      }
      if (s == at) {
        plant(type, v, pt);
        pt.t(". ");
      }
      pt.t(sentence(r));
    }
    if (r.nextDouble() < 0.1) {
      switch (r.nextInt(4)) {
        case 0 -> pt.t(" Build ref " + v.gitSha() + ".");
        case 1 -> pt.t(" Request id " + v.uuid() + ".");
        case 2 -> pt.t(" Updated 2024-02-2" + r.nextInt(10) + "T10:00:00Z.");
        default -> pt.t(" Runs on version 3." + r.nextInt(20) + "." + r.nextInt(10) + ".");
      }
    }
  }

  /** A filler sentence of 6-15 words from {@link #WORDS}, first word capitalised. */
  static String sentence(Random r) {
    int n = 6 + r.nextInt(10);
    StringBuilder sb = new StringBuilder(n * 8);
    for (int k = 0; k < n; k++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      if (k == 0) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        sb.append(' ').append(w);
      }
    }
    return sb.append('.').toString();
  }

  /** Appends keyword context and one valid value of {@code type}. */
  static void plant(String type, SyntheticValues v, PlantedText pt) {
    switch (type) {
      case "AWS_CREDENTIALS" ->
          pt.t("aws_access_key_id " + v.awsAccessKeyId() + " aws_secret_access_key ")
              .v(type, v.awsSecretKey());
      case "GCP_API_KEY" -> pt.t("google-api-key ").v(type, v.gcpApiKey());
      case "HTTP_BASIC_AUTH_HEADER" -> pt.t("sent ").v(type, v.basicAuthHeader());
      case "JSON_WEB_TOKEN" -> pt.t("bearer ").v(type, v.jwt());
      case "OPENSSH_PRIVATE_KEY" -> pt.t("key:\n").v(type, v.opensshPrivateKey()).t("\n");
      case "PGP_PRIVATE_KEY" -> pt.t("key:\n").v(type, v.pgpPrivateKey()).t("\n");
      case "PKCS" -> pt.t("key:\n").v(type, v.pkcs8PrivateKey()).t("\n");
      case "PUTTY_PRIVATE_KEY" -> pt.t("key:\n").v(type, v.puttyPrivateKey()).t("\n");
      case "STRIPE_CREDENTIALS" -> pt.t("stripe key ").v(type, v.stripeSecretKey());
      case "CREDIT_CARD_NUMBER" ->
          pt.t("credit card ").v(type, SyntheticValues.groupCard(v.cardNumber(), " "));
      case "CREDIT_CARD_NUMBER_(NO_KEYWORD)" -> pt.t("reference ").v(type, v.cardNumber());
      case "CREDIT_CARD_EXPIRATION" -> pt.t("expiry ").v(type, v.cardExpiry());
      case "CREDIT_CARD_SECURITY_CODE" -> pt.t("cvv ").v(type, v.cvv());
      case "CREDIT_CARD_MAGNETIC_STRIPE" -> pt.t("mag stripe ").v(type, v.magstripeTrack2());
      case "BANK_ACCOUNT_NUMBER" -> pt.t("checking account ").v(type, v.usBankAccount());
      case "GERMANY_BANK_ACCOUNT_NUMBER" -> pt.t("IBAN ").v(type, v.iban("DE"));
      case "FRANCE_BANK_ACCOUNT_NUMBER" -> pt.t("IBAN ").v(type, v.iban("FR"));
      case "UK_BANK_ACCOUNT_NUMBER" ->
          pt.t("IBAN ").v(type, SyntheticValues.groupIban(v.iban("GB")));
      case "SPAIN_BANK_ACCOUNT_NUMBER" -> pt.t("IBAN ").v(type, v.iban("ES"));
      case "ITALY_BANK_ACCOUNT_NUMBER" -> pt.t("IBAN ").v(type, v.iban("IT"));
      case "NETHERLANDS_BANK_ACCOUNT_NUMBER" -> pt.t("IBAN ").v(type, v.iban("NL"));
      case "USA_SOCIAL_SECURITY_NUMBER" -> pt.t("SSN ").v(type, v.ssn());
      case "USA_PASSPORT_NUMBER" -> pt.t("passport ").v(type, v.usPassport());
      case "DRIVERS_LICENSE" -> pt.t("driver license ").v(type, v.driversLicense());
      case "UK_NATIONAL_INSURANCE_NUMBER" -> pt.t("national insurance number ").v(type, v.nino());
      case "CANADA_SOCIAL_INSURANCE_NUMBER" ->
          pt.t("social insurance number ").v(type, v.canadaSin());
      case "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER" -> pt.t("ITIN ").v(type, v.itin());
      case "UK_NHS_NUMBER" -> pt.t("NHS number ").v(type, v.nhsNumber());
      case "PHONE_NUMBER" -> pt.t("phone ").v(type, v.usPhone());
      case "UK_PHONE_NUMBER" -> pt.t("tel ").v(type, v.ukPhone());
      case "GERMANY_PHONE_NUMBER" -> pt.t("tel ").v(type, v.germanyPhone());
      case "FRANCE_PHONE_NUMBER" -> pt.t("tel ").v(type, v.francePhone());
      case "SPAIN_PHONE_NUMBER" -> pt.t("tel ").v(type, v.spainPhone());
      case "ITALY_PHONE_NUMBER" -> pt.t("tel ").v(type, v.italyPhone());
      case "BRAZIL_PHONE_NUMBER" -> pt.t("tel ").v(type, v.brazilPhone());
      case "DATE_OF_BIRTH" -> pt.t("DOB ").v(type, v.dateOfBirth());
      case "LATITUDE_LONGITUDE" -> pt.t("coordinates ").v(type, v.latLong());
      case "HTTP_COOKIE" -> pt.t("header ").v(type, v.cookieHeader());
      case "VEHICLE_IDENTIFICATION_NUMBER" -> pt.t("VIN ").v(type, v.vin());
      case "ADDRESS" -> pt.t("ship to ").v(type, v.usAddress());
      case "NAME" -> pt.t("contact ").v(type, v.fullName());
      case "EMAIL_ADDRESS" -> pt.t("mail ").v(type, v.email(v.fullName()));
      case "IP_ADDRESS" -> pt.t("client ").v(type, v.ipv4());
      case "GITHUB_TOKEN" -> pt.t("github token ").v(type, v.githubToken());
      case "SLACK_TOKEN" -> pt.t("slack token ").v(type, v.slackToken());
      case "URL_WITH_PASSWORD" -> pt.t("db ").v(type, v.urlWithPassword());
      default -> throw new IllegalArgumentException("no planter for " + type);
    }
  }

  // ------------------------------------------------------------------------------------------
  // CLI

  /**
   * {@code CorpusGenerator --out DIR [--seed N] [--docs N] [--bytes 100m] [--density D] [--hostile
   * R] [--mix txt=20,pdf=5,...]}; prints a summary line.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = parseArgs(args);
    if (!a.containsKey("out")) {
      throw new IllegalArgumentException("--out is required");
    }
    Map<String, Integer> mix = DEFAULT_MIX;
    if (a.containsKey("mix")) {
      mix = new LinkedHashMap<>();
      for (String kv : a.get("mix").split(",")) {
        String[] p = kv.split("=", 2);
        mix.put(p[0].strip(), Integer.parseInt(p[1].strip()));
      }
    }
    Options o =
        new Options(
            Long.parseLong(a.getOrDefault("seed", "1")),
            Integer.parseInt(a.getOrDefault("docs", "1000")),
            parseSize(a.getOrDefault("bytes", "50m")),
            mix,
            Double.parseDouble(a.getOrDefault("density", "0.3")),
            Double.parseDouble(a.getOrDefault("hostile", "0.01")));
    Summary s = generate(o, Path.of(a.get("out")));
    double secs = s.elapsedNanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "generated %d documents, %.1f MB in %.1f s (%.0f docs/s, %.1f MB/s); decisions %s;"
            + " %d identifier types covered%n",
        s.documents(),
        s.bytes() / 1e6,
        secs,
        s.documents() / secs,
        s.bytes() / 1e6 / secs,
        s.byDecision(),
        s.typesCovered().size());
  }

  static Map<String, String> parseArgs(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      a.put(args[i].substring(2), args[++i]);
    }
    return a;
  }

  /** Parses sizes like {@code 1048576}, {@code 100k}, {@code 100m}, {@code 1g} (powers of 1000). */
  static long parseSize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (t.endsWith("k")) {
      mult = 1_000L;
    } else if (t.endsWith("m")) {
      mult = 1_000_000L;
    } else if (t.endsWith("g")) {
      mult = 1_000_000_000L;
    }
    if (mult > 1) {
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t) * mult;
  }
}
