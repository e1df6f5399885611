package dev.sluice.ingest.macie;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.CriterionAdditionalProperties;
import software.amazon.awssdk.services.macie2.model.Finding;
import software.amazon.awssdk.services.macie2.model.FindingCriteria;
import software.amazon.awssdk.services.macie2.model.GetFindingsRequest;
import software.amazon.awssdk.services.macie2.model.ListFindingsRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Macie's results for one source bucket, loaded once per run and answered per object version.
 *
 * <p>Findings: ListFindings filtered by {@code resourcesAffected.s3Bucket.name} and {@code category
 * = CLASSIFICATION}, paged 50 at a time, then GetFindings in batches of at most 50. The key prefix
 * is applied here, not in the criteria: Macie criteria take exact values only (no wildcards or
 * partial values), so {@code resourcesAffected.s3Object.key} cannot express a prefix. Throttling
 * (429 ThrottlingException) and 5xx are retried with exponential backoff and jitter by the SDK's
 * standard retry mode ({@code AwsClients}); sample findings are ignored.
 *
 * <p>Discovery results (optional): every record under {@code s3://bucket/prefix/} streamed, see
 * {@link DiscoveryResults}. A COMPLETE record without sensitive data is what lets {@link
 * MacieMode#REQUIRED} approve a clean document.
 *
 * <p>Per object, results are matched by bucket, key and version id (when both sides have one) or
 * ETag; results about another version are stale: reported, never used. In REQUIRED mode a document
 * without a current result (a current finding, or a current COMPLETE discovery record), with a
 * current SKIPPED or PARTIAL record, or when Macie could not be read, gets an {@code unavailable}
 * reason and is not approved. In ADVISORY mode the same problems are warnings in the report.
 *
 * <p>Immutable once loaded; thread-safe.
 */
public final class MacieFindingsIndex implements MacieSignals {
  private static final Logger log = LoggerFactory.getLogger(MacieFindingsIndex.class);
  static final int BATCH = 50;

  private final Map<String, List<MacieFinding>> byKey;
  private final List<String> failures;
  private final MacieMode mode;
  private final boolean discoveryConfigured;

  private MacieFindingsIndex(
      Map<String, List<MacieFinding>> byKey,
      List<String> failures,
      MacieMode mode,
      boolean discoveryConfigured) {
    this.byKey = byKey;
    this.failures = List.copyOf(failures);
    this.mode = mode;
    this.discoveryConfigured = discoveryConfigured;
  }

  /** An index over already-loaded results (tests, and callers with their own loading). */
  static MacieFindingsIndex of(
      List<MacieFinding> results,
      List<String> failures,
      MacieMode mode,
      boolean discoveryConfigured) {
    Map<String, List<MacieFinding>> byKey = new HashMap<>();
    results.forEach(f -> byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f));
    byKey.replaceAll((k, v) -> List.copyOf(v));
    return new MacieFindingsIndex(byKey, failures, mode, discoveryConfigured);
  }

  /** Loads the findings of {@code bucket}; never throws for an unreachable Macie. */
  public static MacieSignals load(Macie2Client macie, String bucket, MacieMode mode) {
    return builder(bucket, mode).findings(macie).load();
  }

  /** Starts a loader for the source {@code bucket}. */
  public static Builder builder(String bucket, MacieMode mode) {
    return new Builder(bucket, mode);
  }

  /** Configures and loads a {@link MacieFindingsIndex}. Not thread-safe. */
  public static final class Builder {
    private final String bucket;
    private final MacieMode mode;
    private String prefix = "";
    private Macie2Client macie;
    private S3Client s3;
    private DiscoveryResults.Location discovery;
    private CustomIdentifierNames names = CustomIdentifierNames.none();

    private Builder(String bucket, MacieMode mode) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Only objects under this key prefix are of interest. */
    public Builder prefix(String p) {
      this.prefix = p == null ? "" : p;
      return this;
    }

    /** Read findings through the macie2 API with this client (shared, not closed). */
    public Builder findings(Macie2Client client) {
      this.macie = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Also read discovery results under {@code location} ({@code s3://bucket/prefix/}) with this
     * client (shared, not closed).
     *
     * @throws IllegalArgumentException if the location is not an s3:// URI with a valid bucket
     */
    public Builder discoveryResults(S3Client client, String location) {
      this.s3 = Objects.requireNonNull(client, "client");
      this.discovery = DiscoveryResults.Location.parse(location);
      return this;
    }

    /** Maps custom identifier ids in Macie results to our names. */
    public Builder customIdentifiers(CustomIdentifierNames n) {
      this.names = Objects.requireNonNull(n, "names");
      return this;
    }

    /** Loads everything configured; failures become reasons, never exceptions. */
    public MacieSignals load() {
      if (mode == MacieMode.OFF) {
        return MacieSignals.off();
      }
      Map<String, List<MacieFinding>> byKey = new HashMap<>();
      List<String> failures = new ArrayList<>();
      if (macie != null) {
        try {
          int n = loadFindings(byKey);
          log.info("Macie: {} findings for s3://{}/{}", n, bucket, prefix);
        } catch (SdkException e) {
          failures.add("Macie findings API unreachable: " + describe(e));
        }
      }
      if (discovery != null) {
        DiscoveryResults reader =
            new DiscoveryResults(
                bucket,
                prefix,
                names,
                f -> byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f));
        try {
          reader.readAll(s3, discovery);
          if (reader.problem() != null) {
            failures.add(reader.problem());
          }
          log.info(
              "Macie: {} discovery records in {} files at {}, {} about s3://{}/{}",
              reader.records,
              reader.files,
              discovery,
              reader.kept,
              bucket,
              prefix);
        } catch (IOException | RuntimeException e) {
          failures.add("Macie discovery results unreadable at " + discovery + ": " + describe(e));
        }
      }
      if (macie == null && discovery == null) {
        failures.add("no Macie source configured");
      }
      failures.forEach(f -> log.warn("{} (mode {}); documents will carry this reason", f, mode));
      byKey.replaceAll((k, v) -> List.copyOf(v));
      return new MacieFindingsIndex(byKey, failures, mode, discovery != null);
    }

    private int loadFindings(Map<String, List<MacieFinding>> byKey) {
      List<String> ids = new ArrayList<>();
      ListFindingsRequest req =
          ListFindingsRequest.builder()
              .maxResults(BATCH)
              .findingCriteria(
                  FindingCriteria.builder()
                      .criterion(
                          Map.of(
                              "resourcesAffected.s3Bucket.name",
                              CriterionAdditionalProperties.builder().eq(bucket).build(),
                              "category",
                              CriterionAdditionalProperties.builder().eq("CLASSIFICATION").build()))
                      .build())
              .build();
      macie.listFindingsPaginator(req).findingIds().forEach(ids::add);
      for (int i = 0; i < ids.size(); i += BATCH) {
        List<String> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
        for (Finding f :
            macie.getFindings(GetFindingsRequest.builder().findingIds(batch).build()).findings()) {
          MacieFinding mf = MacieResults.fromSdk(f, names);
          if (mf != null
              && (mf.bucket().isEmpty() || mf.bucket().equals(bucket))
              && mf.key().startsWith(prefix)) {
            byKey.computeIfAbsent(mf.key(), k -> new ArrayList<>()).add(mf);
          }
        }
      }
      return ids.size();
    }
  }

  /** Error type and status only: AWS messages are not ours to log. */
  static String describe(Exception e) {
    if (e instanceof SdkServiceException s) {
      String code =
          s instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
                  && a.awsErrorDetails() != null
                  && a.awsErrorDetails().errorCode() != null
              ? a.awsErrorDetails().errorCode()
              : e.getClass().getSimpleName();
      return code + " (HTTP " + s.statusCode() + ")";
    }
    return e.getClass().getSimpleName();
  }

  /** Problems met while loading (empty when every configured source was read). */
  public List<String> failures() {
    return failures;
  }

  @Override
  public MacieEvidence forObject(dev.sluice.ingest.source.SourceItem item) {
    List<MacieFinding> current = new ArrayList<>();
    List<MacieFinding> stale = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    // whatever did load is still used as evidence: a partial outage never hides a finding
    Optional<String> failed =
        failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
    if (failed.isPresent() && mode != MacieMode.REQUIRED) {
      warnings.add(failed.get() + " (advisory mode: Macie results may be incomplete)");
    }
    for (MacieFinding f : byKey.getOrDefault(item.key(), List.of())) {
      if (f.describes(item.versionId(), item.eTag())) {
        current.add(f);
      } else {
        stale.add(f);
        warnings.add(
            "stale Macie "
                + f.origin().label()
                + " "
                + f.id()
                + " describes "
                + version(f.versionId(), f.eTag())
                + ", not the ingested "
                + version(item.versionId(), item.eTag())
                + "; not used");
      }
    }
    List<String> incomplete = new ArrayList<>();
    boolean hasResult = false;
    for (MacieFinding f : current) {
      if (f.origin() == MacieFinding.Origin.FINDING) {
        hasResult = true;
      } else if (f.complete()) {
        hasResult = true;
      }
      if (!f.complete()) {
        incomplete.add(
            f.status()
                + (f.statusReason().isEmpty() ? "" : " " + f.statusReason())
                + (f.embeddedPath().isEmpty() ? "" : " in " + f.embeddedPath()));
      }
    }
    Optional<String> unavailable = mode == MacieMode.REQUIRED ? failed : Optional.empty();
    if (!incomplete.isEmpty()) {
      String why = "Macie did not fully analyse this version: " + String.join(", ", incomplete);
      if (mode == MacieMode.REQUIRED) {
        unavailable = Optional.of(unavailable.map(u -> u + "; ").orElse("") + why);
      } else {
        warnings.add(why);
      }
    }
    if (mode == MacieMode.REQUIRED && !hasResult && unavailable.isEmpty()) {
      unavailable =
          Optional.of(
              (stale.isEmpty()
                      ? "no current Macie result for this version"
                      : "only stale Macie results (another version) for this object")
                  + (discoveryConfigured
                      ? ""
                      : "; configure sluice.macie.discovery-results so clean objects have one"));
    }
    return new MacieEvidence(current, stale, unavailable, warnings);
  }

  private static String version(String versionId, String eTag) {
    return versionId.isEmpty() ? "ETag " + eTag : "version " + versionId;
  }
}
