package dev.sluice.ingest.macie;

import dev.sluice.classifiers.Category;
import dev.sluice.ingest.source.SourceItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.CriterionAdditionalProperties;
import software.amazon.awssdk.services.macie2.model.Finding;
import software.amazon.awssdk.services.macie2.model.FindingCriteria;
import software.amazon.awssdk.services.macie2.model.GetFindingsRequest;
import software.amazon.awssdk.services.macie2.model.ListFindingsRequest;
import software.amazon.awssdk.services.macie2.model.Occurrences;
import software.amazon.awssdk.services.macie2.model.S3Object;

/**
 * Loads the Macie findings of one bucket once (ListFindings paged, GetFindings in batches of 50,
 * SDK retries with backoff on throttling) and answers per object by key and ETag/version. If Macie
 * cannot be reached, every object gets an "unavailable" evidence: the policy decides; there is no
 * silent fallback.
 */
public final class MacieFindingsIndex implements MacieSignals {
  private static final Logger log = LoggerFactory.getLogger(MacieFindingsIndex.class);
  static final int BATCH = 50;

  private final Map<String, List<MacieFinding>> byKey;
  private final Optional<String> unavailable;
  private final MacieMode mode;

  private MacieFindingsIndex(
      Map<String, List<MacieFinding>> byKey, Optional<String> unavailable, MacieMode mode) {
    this.byKey = byKey;
    this.unavailable = unavailable;
    this.mode = mode;
  }

  /** Loads the findings of {@code bucket}; never throws for an unreachable Macie. */
  public static MacieSignals load(Macie2Client macie, String bucket, MacieMode mode) {
    if (mode == MacieMode.OFF) {
      return MacieSignals.off();
    }
    try {
      Map<String, List<MacieFinding>> byKey = new HashMap<>();
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
          MacieFinding mf = convert(f);
          if (mf != null) {
            byKey.computeIfAbsent(mf.key(), k -> new ArrayList<>()).add(mf);
          }
        }
      }
      log.info("Macie: {} findings for bucket {} on {} objects", ids.size(), bucket, byKey.size());
      return new MacieFindingsIndex(byKey, Optional.empty(), mode);
    } catch (SdkException e) {
      String why = "Macie unreachable: " + e.getClass().getSimpleName();
      log.warn("{} (mode {}); documents will carry this reason", why, mode);
      return new MacieFindingsIndex(Map.of(), Optional.of(why), mode);
    }
  }

  @Override
  public MacieEvidence forObject(SourceItem item) {
    if (unavailable.isPresent()) {
      return mode == MacieMode.REQUIRED
          ? MacieEvidence.unavailable(unavailable.get())
          : MacieEvidence.none();
    }
    List<MacieFinding> current = new ArrayList<>();
    List<MacieFinding> stale = new ArrayList<>();
    for (MacieFinding f : byKey.getOrDefault(item.key(), List.of())) {
      boolean sameVersion =
          !item.versionId().isEmpty() && !f.versionId().isEmpty()
              ? item.versionId().equals(f.versionId())
              : !f.eTag().isEmpty() && f.eTag().equals(item.eTag());
      (sameVersion ? current : stale).add(f);
    }
    return new MacieEvidence(current, stale, Optional.empty());
  }

  static MacieFinding convert(Finding f) {
    if (f.resourcesAffected() == null || f.resourcesAffected().s3Object() == null) {
      return null;
    }
    S3Object o = f.resourcesAffected().s3Object();
    String bucket =
        f.resourcesAffected().s3Bucket() == null ? "" : f.resourcesAffected().s3Bucket().name();
    List<MacieDetection> detections = new ArrayList<>();
    var result = f.classificationDetails() == null ? null : f.classificationDetails().result();
    if (result != null) {
      for (var sd : result.sensitiveData()) {
        Category cat = category(sd.categoryAsString());
        for (var d : sd.detections()) {
          detections.add(
              new MacieDetection(
                  d.type(), cat, d.count() == null ? 1 : d.count(), where(d.occurrences())));
        }
      }
      if (result.customDataIdentifiers() != null) {
        for (var d : result.customDataIdentifiers().detections()) {
          detections.add(
              new MacieDetection(
                  d.name() != null ? d.name() : d.arn(),
                  Category.CUSTOM_IDENTIFIER,
                  d.count() == null ? 1 : d.count(),
                  where(d.occurrences())));
        }
      }
    }
    return new MacieFinding(f.id(), bucket, o.key(), o.eTag(), o.versionId(), "", detections);
  }

  static Category category(String s) {
    if (s == null) {
      return Category.PERSONAL_INFORMATION;
    }
    return switch (s) {
      case "CREDENTIALS" -> Category.CREDENTIALS;
      case "FINANCIAL_INFORMATION" -> Category.FINANCIAL_INFORMATION;
      case "CUSTOM_IDENTIFIER" -> Category.CUSTOM_IDENTIFIER;
      default -> Category.PERSONAL_INFORMATION;
    };
  }

  static String where(Occurrences o) {
    if (o == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    o.lineRanges().forEach(r -> parts.add("lines " + r.start() + "-" + r.end()));
    o.pages().forEach(p -> parts.add("page " + p.pageNumber()));
    o.cells()
        .forEach(
            c ->
                parts.add(
                    c.cellReference() != null
                        ? c.cellReference()
                        : "row " + c.row() + " col " + c.column()));
    o.records()
        .forEach(
            r ->
                parts.add(
                    "record "
                        + r.recordIndex()
                        + (r.jsonPath() == null ? "" : " " + r.jsonPath())));
    return String.join("; ", parts);
  }
}
