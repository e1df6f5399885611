package dev.sluice.ingest;

import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import dev.sluice.classifiers.Severity;
import dev.sluice.classifiers.redact.Operator;
import dev.sluice.classifiers.redact.RedactionPlan;
import dev.sluice.classifiers.redact.Redactor;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.decide.DocumentSignals;
import dev.sluice.ingest.decide.Evidence;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.decide.Reason;
import dev.sluice.ingest.decide.SignalSource;
import dev.sluice.ingest.decide.Verdict;
import dev.sluice.ingest.extract.Extraction;
import dev.sluice.ingest.extract.Extractor;
import dev.sluice.ingest.extract.TextUnit;
import dev.sluice.ingest.extract.UnscannableReason;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.macie.MacieDetection;
import dev.sluice.ingest.macie.MacieEvidence;
import dev.sluice.ingest.macie.MacieFinding;
import dev.sluice.ingest.macie.MacieSignals;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.source.Source;
import dev.sluice.ingest.source.SourceItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs one document through source, extract, classify, Macie, decide and (for ingest) prepares the
 * records the sink will write. The only place that knows the stage order. Thread-safe: all state is
 * immutable and every stage is thread-safe.
 */
public final class Pipeline {

  /** Dry-run classification, or ingestion that prepares curated records. */
  public enum Mode {
    CLASSIFY,
    INGEST;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Source source;
  private final Extractor extractor;
  private final Scanner scanner;
  private final String catalogVersion;
  private final MacieSignals macie;
  private final Policy policy;
  private final Function<String, Optional<DatasetSpec>> datasets;
  private final boolean requireDataset;
  private final Mode mode;
  private final String runId;
  private final long maxObjectBytes;
  private final Clock clock;
  private final byte[] redactionKey;
  private final SourceNames names;

  private Pipeline(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.extractor = Objects.requireNonNull(b.extractor, "extractor");
    this.scanner = Objects.requireNonNull(b.scanner, "scanner");
    this.catalogVersion = Objects.requireNonNull(b.catalogVersion, "catalogVersion");
    this.macie = Objects.requireNonNull(b.macie, "macie");
    this.policy = Objects.requireNonNull(b.policy, "policy");
    this.datasets = b.datasets != null ? b.datasets : policy::datasetFor;
    this.requireDataset = b.requireDataset;
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.runId = Objects.requireNonNull(b.runId, "runId");
    this.maxObjectBytes = b.maxObjectBytes;
    this.clock = b.clock;
    this.redactionKey = b.redactionKey.clone();
    this.names = b.names != null ? b.names : new SourceNames(scanner, redactionKey);
  }

  /** How this pipeline scans, masks and fingerprints source names. */
  public SourceNames names() {
    return names;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Mode mode() {
    return mode;
  }

  public String runId() {
    return runId;
  }

  public Policy policy() {
    return policy;
  }

  public String catalogVersion() {
    return catalogVersion;
  }

  /**
   * Processes one document. Never throws for bad input: failures are outcomes. An unexpected
   * exception (a bug in a parser or a stage) also becomes an outcome, never approved, so one
   * document cannot stop the job.
   */
  public Outcome process(SourceItem item) {
    try {
      return doProcess(item);
    } catch (RuntimeException | StackOverflowError e) {
      return failure(item, UnscannableReason.INTERNAL_ERROR, e.getClass().getSimpleName());
    }
  }

  /** An outcome for a document that could not be processed at all. */
  public Outcome failure(SourceItem item, UnscannableReason reason, String detail) {
    List<Finding> nameFindings = List.of();
    try {
      nameFindings = names.scan(item.uri());
    } catch (RuntimeException | StackOverflowError e) {
      // the name could not be scanned: show none of it (the lineage id still identifies it)
      nameFindings =
          List.of(
              new Finding(
                  "UNSCANNED_NAME",
                  Category.CUSTOM_IDENTIFIER,
                  Severity.HIGH,
                  0,
                  SourceNames.decode(item.uri()).length(),
                  false,
                  "",
                  ""));
    }
    UnitReport nameUnit = nameUnit(item, nameFindings);
    List<Evidence> evidence = evidence(List.of(nameUnit), MacieEvidence.none());
    Verdict verdict =
        policy.evaluate(
            new DocumentSignals(evidence, Optional.of(reason.name()), false, Optional.empty()));
    Map<String, Integer> counts = new TreeMap<>();
    evidence.forEach(e -> counts.put(e.identifierId(), e.count()));
    LineageRecord lineage =
        new LineageRecord(
            lineageId(item),
            runId,
            0,
            0,
            SourceNames.display(item.uri(), nameFindings),
            item.versionId(),
            names.versionFingerprint(item),
            item.size(),
            "",
            "none",
            catalogVersion,
            policy.hash(),
            datasets.apply(item.key()).map(DatasetSpec::name).orElse(""),
            verdict.decision().name(),
            verdict.reasons().stream().map(Reason::toString).toList(),
            reason.name(),
            counts,
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            mode.label(),
            clock.instant(),
            evidenceLines(evidence, MacieEvidence.none()));
    return new Outcome(
        item,
        lineage,
        Optional.of(reason),
        detail,
        List.of(nameUnit),
        MacieEvidence.none(),
        evidence,
        verdict,
        List.of(),
        "",
        false);
  }

  /** The lineage id of {@code item} in this run: keyed, so it reveals nothing of the name. */
  public String lineageId(SourceItem item) {
    return names.id(runId, item.uri(), item.versionId(), item.eTag());
  }

  /** The source's name as one scanned unit, location {@link SourceNames#LOCATION}. */
  private static UnitReport nameUnit(SourceItem item, List<Finding> findings) {
    return new UnitReport(
        SourceNames.LOCATION,
        "text/x-sluice-name",
        SourceNames.decode(item.uri()).length(),
        false,
        findings);
  }

  private Outcome doProcess(SourceItem item) {
    Read read = read(item);
    Extraction ex = read.extraction;

    // the name (bucket or folder, key, file name) is scanned as a unit of its own
    List<Finding> nameFindings = names.scan(item.uri());
    String shownUri = SourceNames.display(item.uri(), nameFindings);
    List<List<Finding>> findingsPerUnit = new ArrayList<>();
    List<TextUnit> scanned = ex.scanned();
    for (TextUnit u : scanned) {
      findingsPerUnit.add(u.text().isEmpty() ? List.of() : scanner.scan(u.text()));
    }
    // an entry or attachment name with a finding is shown masked wherever its path appears
    Map<String, String> maskedNames = maskedNames(scanned, findingsPerUnit);
    List<UnitReport> units = new ArrayList<>();
    units.add(nameUnit(item, nameFindings));
    for (int i = 0; i < scanned.size(); i++) {
      TextUnit u = scanned.get(i);
      units.add(
          new UnitReport(
              mask(u.path(), maskedNames),
              u.mediaType(),
              u.text().length(),
              u.truncated(),
              findingsPerUnit.get(i),
              u.part()));
    }

    MacieEvidence mac = macie.forObject(item);
    List<Evidence> evidence = evidence(units, mac);
    Optional<UnscannableReason> unscannable = ex.unscannable();
    DocumentSignals signals =
        new DocumentSignals(
            evidence,
            unscannable.map(Enum::name),
            ex.truncated(),
            mac.unavailable(),
            ex.unscannableContent().stream()
                .map(Enum::name)
                .collect(java.util.stream.Collectors.toSet()));
    Verdict verdict = policy.evaluate(signals);
    Optional<DatasetSpec> dataset = datasets.apply(item.key());

    if (requireDataset) {
      verdict = requireDataset(verdict, dataset);
    }
    verdict = requireRedactableEvidence(verdict, evidence);
    verdict = requireAllOccurrencesFound(verdict, evidence, units);

    String lineageId = lineageId(item);
    List<DatasetRecord> records = List.of();
    Map<String, Integer> redactions = Map.of();
    if (mode == Mode.INGEST && verdict.decision().writesData()) {
      Prepared p =
          prepare(
              item,
              shownUri,
              scanned,
              findingsPerUnit,
              verdict,
              dataset.get(),
              lineageId,
              maskedNames);
      if (p.refusal != null) {
        verdict = escalate(verdict, p.refusal);
      } else {
        records = p.records;
        redactions = p.redactions;
      }
    }

    Map<String, Integer> counts = new TreeMap<>();
    evidence.forEach(e -> counts.put(e.identifierId(), e.count()));
    LineageRecord lineage =
        new LineageRecord(
            lineageId,
            runId,
            0,
            0,
            shownUri,
            item.versionId(),
            names.versionFingerprint(item),
            item.size(),
            names.contentFingerprint(read.sha256),
            ex.extractor(),
            catalogVersion,
            policy.hash(),
            dataset.map(DatasetSpec::name).orElse(""),
            verdict.decision().name(),
            reasons(verdict, mac),
            unscannable.map(Enum::name).orElse(""),
            counts,
            redactions,
            mac.current().stream().map(MacieFinding::id).toList(),
            mac.stale().stream().map(MacieFinding::id).toList(),
            List.of(),
            mode.label(),
            clock.instant(),
            evidenceLines(evidence, mac));
    return new Outcome(
        item,
        lineage,
        unscannable,
        mask(ex.detail(), maskedNames),
        units,
        mac,
        evidence,
        verdict,
        records,
        read.sha256,
        ex.verbatim());
  }

  /**
   * Raw entry and attachment names that hold a finding, each with the name as reports may show it:
   * every finding replaced by {@code [IDENTIFIER]}.
   */
  static Map<String, String> maskedNames(List<TextUnit> units, List<List<Finding>> findings) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < units.size(); i++) {
      TextUnit u = units.get(i);
      if (findings.get(i).isEmpty() || !u.part().endsWith(":name")) {
        continue;
      }
      StringBuilder masked = new StringBuilder();
      int at = 0;
      for (Finding f :
          findings.get(i).stream().sorted(Comparator.comparingInt(Finding::start)).toList()) {
        if (f.start() < at) {
          continue;
        }
        masked.append(u.text(), at, f.start()).append('[').append(f.identifierId()).append(']');
        at = f.end();
      }
      masked.append(u.text().substring(at));
      out.put(u.text(), masked.toString());
    }
    return out;
  }

  /** {@code s} with every raw name of {@code masked} replaced by its masked form. */
  static String mask(String s, Map<String, String> masked) {
    String out = s;
    for (Map.Entry<String, String> e : masked.entrySet()) {
      if (!e.getKey().isEmpty()) {
        out = out.replace(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private record Read(Extraction extraction, String sha256) {}

  private Read read(SourceItem item) {
    String extractorName = "none";
    if (item.size() > maxObjectBytes) {
      return new Read(
          Extraction.failed(
              List.of(),
              UnscannableReason.SIZE_LIMIT,
              "object is " + item.size() + " bytes, limit " + maxObjectBytes,
              extractorName),
          "");
    }
    MessageDigest sha = sha256();
    try (InputStream raw = source.open(item);
        DigestInputStream in = new DigestInputStream(raw, sha)) {
      Extraction ex = extractor.extract(in, item.fileName(), item.size());
      // finish the hash over bytes the parser did not need (bounded by the size limit)
      in.transferTo(OutputStream.nullOutputStream());
      return new Read(ex, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException | RuntimeException e) {
      return new Read(
          Extraction.failed(
              List.of(),
              UnscannableReason.READ_ERROR,
              "cannot read source: " + e.getClass().getSimpleName(),
              extractorName),
          "");
    }
  }

  static List<Evidence> evidence(List<UnitReport> units, MacieEvidence mac) {
    record Acc(Category category, Severity severity, int count, Set<SignalSource> sources) {}
    Map<String, Acc> acc = new LinkedHashMap<>();
    for (UnitReport u : units) {
      for (Finding f : u.findings()) {
        acc.merge(
            f.identifierId(),
            new Acc(f.category(), f.severity(), 1, EnumSet.of(SignalSource.SLUICE)),
            (a, b) ->
                new Acc(
                    a.category,
                    a.severity.max(b.severity),
                    a.count + 1,
                    union(a.sources, b.sources)));
      }
    }
    for (MacieFinding mf : mac.current()) {
      for (MacieDetection d : mf.detections()) {
        Severity sev =
            d.category() == Category.CREDENTIALS || d.category() == Category.FINANCIAL_INFORMATION
                ? Severity.HIGH
                : Severity.MEDIUM;
        int n = (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.count()));
        acc.merge(
            d.type(),
            new Acc(d.category(), sev, n, EnumSet.of(SignalSource.MACIE)),
            (a, b) ->
                new Acc(
                    a.category,
                    a.severity.max(b.severity),
                    Math.max(a.count, b.count),
                    union(a.sources, b.sources)));
      }
    }
    List<Evidence> out = new ArrayList<>();
    acc.forEach((id, a) -> out.add(new Evidence(id, a.category, a.severity, a.count, a.sources)));
    out.sort(Comparator.comparing(Evidence::identifierId));
    return out;
  }

  /** Fired rules, then Macie warnings (stale results, advisory-mode outages) for the report. */
  static List<String> reasons(Verdict verdict, MacieEvidence mac) {
    List<String> out = new ArrayList<>();
    verdict.reasons().forEach(r -> out.add(r.toString()));
    mac.warnings().forEach(w -> out.add("warning: " + w));
    return out;
  }

  /** Evidence per identifier with its sources and where Macie saw it, for lineage and reports. */
  static List<LineageRecord.EvidenceLine> evidenceLines(
      List<Evidence> evidence, MacieEvidence mac) {
    Map<String, Set<String>> where = new LinkedHashMap<>();
    for (MacieFinding mf : mac.current()) {
      for (MacieDetection d : mf.detections()) {
        if (!d.where().isBlank()) {
          where
              .computeIfAbsent(d.type(), k -> new java.util.LinkedHashSet<>())
              .add(mf.embeddedPath().isEmpty() ? d.where() : mf.embeddedPath() + ": " + d.where());
        }
      }
    }
    List<LineageRecord.EvidenceLine> out = new ArrayList<>();
    for (Evidence e : evidence) {
      out.add(
          new LineageRecord.EvidenceLine(
              e.identifierId(),
              e.count(),
              e.sources().stream().sorted().map(Enum::name).toList(),
              String.join("; ", where.getOrDefault(e.identifierId(), Set.of()))));
    }
    return out;
  }

  private static Set<SignalSource> union(Set<SignalSource> a, Set<SignalSource> b) {
    EnumSet<SignalSource> s = EnumSet.noneOf(SignalSource.class);
    s.addAll(a);
    s.addAll(b);
    return s;
  }

  private static Verdict requireDataset(Verdict v, Optional<DatasetSpec> dataset) {
    if (v.decision().writesData() && dataset.isEmpty()) {
      return escalate(v, new Reason("no-dataset", Decision.QUARANTINE, "no dataset covers key"));
    }
    return v;
  }

  /** REDACT needs offsets: evidence seen only by Macie cannot be redacted, so it is not written. */
  private static Verdict requireRedactableEvidence(Verdict v, List<Evidence> evidence) {
    if (v.decision() != Decision.REDACT) {
      return v;
    }
    for (Evidence e : evidence) {
      if (v.redactions().containsKey(e.identifierId())
          && !e.sources().contains(SignalSource.SLUICE)) {
        return escalate(
            v,
            new Reason(
                "macie-only-evidence",
                Decision.QUARANTINE,
                e.identifierId() + " found by Macie only; no offsets to redact"));
      }
    }
    return v;
  }

  /**
   * REDACT is only as good as our recall: if Macie counted more occurrences of a type to redact
   * than our engine found in this document, some would be written unredacted, so it is not written.
   */
  private static Verdict requireAllOccurrencesFound(
      Verdict v, List<Evidence> evidence, List<UnitReport> units) {
    if (v.decision() != Decision.REDACT) {
      return v;
    }
    Map<String, Integer> ours = new java.util.HashMap<>();
    units.forEach(u -> u.findings().forEach(f -> ours.merge(f.identifierId(), 1, Integer::sum)));
    for (Evidence e : evidence) {
      int found = ours.getOrDefault(e.identifierId(), 0);
      if (v.redactions().containsKey(e.identifierId())
          && e.sources().contains(SignalSource.MACIE)
          && e.count() > found) {
        return escalate(
            v,
            new Reason(
                "macie-saw-more",
                Decision.QUARANTINE,
                e.identifierId() + ": Macie counted " + e.count() + ", Sluice found " + found));
      }
    }
    return v;
  }

  private static Verdict escalate(Verdict v, Reason r) {
    List<Reason> reasons = new ArrayList<>(v.reasons());
    reasons.add(r);
    Decision d = v.decision().mostRestrictive(r.action());
    return new Verdict(d, reasons, d == Decision.REDACT ? v.redactions() : Map.of());
  }

  private record Prepared(
      List<DatasetRecord> records, Map<String, Integer> redactions, Reason refusal) {}

  private Prepared prepare(
      SourceItem item,
      String shownUri,
      List<TextUnit> units,
      List<List<Finding>> findings,
      Verdict verdict,
      DatasetSpec ds,
      String lineageId,
      Map<String, String> maskedNames) {
    List<DatasetRecord> records = new ArrayList<>();
    Map<String, Integer> redactions = new TreeMap<>();
    for (int i = 0; i < units.size(); i++) {
      TextUnit u = units.get(i);
      if (u.text().isBlank() || !u.isContent()) {
        continue; // metadata, headers, names and comments are scanned, never written
      }
      String text = u.text();
      List<Finding> written = findings.get(i);
      if (verdict.decision() == Decision.REDACT && !findings.get(i).isEmpty()) {
        RedactionPlan.Builder plan =
            RedactionPlan.builder().defaultOperator(null).pseudonymKey(redactionKey);
        verdict.redactions().forEach((id, op) -> plan.operator(id, Operator.valueOf(op)));
        dev.sluice.classifiers.redact.Redaction r =
            Redactor.redact(text, findings.get(i), plan.build());
        text = r.text();
        r.counts().forEach((id, n) -> redactions.merge(id, n, Integer::sum));
        // sink guard: what is about to be written must scan clean
        List<Finding> residual = scanner.scan(text);
        if (!residual.isEmpty()) {
          return new Prepared(
              List.of(),
              Map.of(),
              new Reason(
                  "sink-guard",
                  Decision.QUARANTINE,
                  residual.size()
                      + " finding(s) remain after redaction, e.g. "
                      + residual.get(0).identifierId()));
        }
        written = residual;
      }
      // sink guard, obfuscation: a normalised view of exactly what is written may not show more
      // than the policy saw in the raw text (zero-width, fullwidth, entities, line-broken values)
      Reason hidden = hiddenInNormalisedView(text, written);
      if (hidden != null) {
        return new Prepared(List.of(), Map.of(), hidden);
      }
      // a version id is S3's opaque id; an ETag is an MD5 of the bytes, so only its keyed form
      String version =
          item.versionId().isEmpty()
              ? names.id("version", item.uri(), item.eTag())
              : item.versionId();
      records.add(
          new DatasetRecord(
              names.id(item.uri(), version, u.path()),
              ds.name(),
              ds.classification(),
              text,
              shownUri,
              version,
              mask(u.path(), maskedNames),
              lineageId,
              Map.of("mediaType", u.mediaType(), "decision", verdict.decision().name())));
    }
    return new Prepared(records, redactions, null);
  }

  /**
   * A QUARANTINE reason if some normalised view of {@code text} holds more findings of an
   * identifier than {@code raw}, the findings of {@code text} itself; {@code null} otherwise.
   */
  private Reason hiddenInNormalisedView(String text, List<Finding> raw) {
    Map<String, Integer> seen = new java.util.HashMap<>();
    raw.forEach(f -> seen.merge(f.identifierId(), 1, Integer::sum));
    for (String view : dev.sluice.ingest.sink.NormalisedViews.of(text)) {
      Map<String, Integer> inView = new TreeMap<>();
      scanner.scan(view).forEach(f -> inView.merge(f.identifierId(), 1, Integer::sum));
      for (Map.Entry<String, Integer> e : inView.entrySet()) {
        int extra = e.getValue() - seen.getOrDefault(e.getKey(), 0);
        if (extra > 0) {
          return new Reason(
              "sink-guard",
              Decision.QUARANTINE,
              extra
                  + " "
                  + e.getKey()
                  + " finding(s) only in the normalised view (obfuscated or line-broken)");
        }
      }
    }
    return null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a {@link Pipeline}; every stage is required except the dataset resolver. */
  public static final class Builder {
    private Source source;
    private Extractor extractor;
    private Scanner scanner;
    private String catalogVersion = "unknown";
    private MacieSignals macie = MacieSignals.off();
    private Policy policy;
    private Function<String, Optional<DatasetSpec>> datasets;
    private boolean requireDataset = true;
    private Mode mode = Mode.CLASSIFY;
    private String runId;
    private long maxObjectBytes = 5L * 1024 * 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private byte[] redactionKey =
        "sluice-default-pseudonym-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private SourceNames names;

    private Builder() {}

    /** HMAC key for PSEUDONYM redaction (>= 16 bytes); keep it secret and stable across runs. */
    public Builder redactionKey(byte[] key) {
      if (key == null || key.length < 16) {
        throw new IllegalArgumentException("redactionKey must be at least 16 bytes");
      }
      this.redactionKey = key.clone();
      return this;
    }

    /**
     * How names are scanned, masked and fingerprinted; defaults to one over the scanner and the
     * redaction key.
     */
    public Builder names(SourceNames n) {
      this.names = n;
      return this;
    }

    public Builder source(Source s) {
      this.source = s;
      return this;
    }

    public Builder extractor(Extractor e) {
      this.extractor = e;
      return this;
    }

    public Builder scanner(Scanner s, String catalogVersion) {
      this.scanner = s;
      this.catalogVersion = catalogVersion;
      return this;
    }

    public Builder macie(MacieSignals m) {
      this.macie = m;
      return this;
    }

    public Builder policy(Policy p) {
      this.policy = p;
      return this;
    }

    /**
     * Whether a document that would be written needs a dataset covering its key (default true:
     * without one it is held back). A dry run with no dataset configured at all turns it off, so
     * its report says what the policy would approve instead of holding every clean document.
     */
    public Builder requireDataset(boolean required) {
      this.requireDataset = required;
      return this;
    }

    /** Resolves a source key to its dataset; defaults to the policy's datasets. */
    public Builder datasets(Function<String, Optional<DatasetSpec>> d) {
      this.datasets = d;
      return this;
    }

    public Builder mode(Mode m) {
      this.mode = m;
      return this;
    }

    public Builder runId(String r) {
      if (r == null || !r.matches("[A-Za-z0-9._-]{1,128}")) {
        throw new IllegalArgumentException("run id must be 1-128 of [A-Za-z0-9._-]: " + r);
      }
      this.runId = r;
      return this;
    }

    public Builder maxObjectBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxObjectBytes must be >= 1");
      }
      this.maxObjectBytes = max;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
