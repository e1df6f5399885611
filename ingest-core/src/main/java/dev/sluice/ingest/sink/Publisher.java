package dev.sluice.ingest.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.decide.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publishes a run's partition of a dataset: removes orphaned parts (written by a chunk that never
 * committed), then writes {@code _manifest.json} last. Readers rely only on objects a manifest
 * lists.
 */
public final class Publisher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final CuratedWriter writer;

  public Publisher(S3Client s3, CuratedWriter writer) {
    this.s3 = s3;
    this.writer = writer;
  }

  /** Outcome of publishing one dataset's run prefix. */
  public record Published(
      String manifestUri, int parts, long records, List<String> orphansRemoved) {}

  /**
   * Publishes {@code parts} (all of one dataset and run) under {@code runPrefix}.
   *
   * @param parts the parts the registry holds for this dataset and run
   */
  public Published publish(
      DatasetSpec ds,
      ResolvedKey key,
      String runId,
      String runPrefix,
      String manifestKey,
      List<WrittenPart> parts) {
    return publish(ds, key, runId, runPrefix, manifestKey, parts, OutputMode.JSONL);
  }

  /**
   * Publishes {@code parts} written in {@code mode}; the manifest records the mode so readers know
   * whether its objects are JSON Lines parts or documents with sidecars.
   */
  public Published publish(
      DatasetSpec ds,
      ResolvedKey key,
      String runId,
      String runPrefix,
      String manifestKey,
      List<WrittenPart> parts,
      OutputMode mode) {
    Set<String> known = parts.stream().map(WrittenPart::key).collect(Collectors.toSet());
    List<String> orphans = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(
                ListObjectsV2Request.builder().bucket(ds.bucket()).prefix(runPrefix).build())
            .contents()) {
      if (!known.contains(o.key()) && !o.key().equals(manifestKey)) {
        s3.deleteObject(r -> r.bucket(ds.bucket()).key(o.key()));
        orphans.add(o.key());
      }
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("dataset", ds.name());
    m.put("classification", ds.classification());
    m.put("run", runId);
    m.put("kmsKeyArn", key.arn());
    m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    long records = 0;
    ArrayNode objects = m.putArray("objects");
    for (WrittenPart p : parts) {
      ObjectNode o = objects.addObject();
      o.put("key", p.key());
      o.put("records", p.records());
      o.put("bytes", p.bytes());
      o.put("sha256", p.sha256());
      ArrayNode ids = o.putArray("lineageIds");
      p.lineageIds().forEach(ids::add);
      records += p.records();
    }
    m.put("objectCount", parts.size());
    m.put("recordCount", records);
    byte[] body;
    try {
      body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    writer.put(
        ds.bucket(),
        manifestKey,
        body,
        "application/json",
        key,
        Map.of("dataset", ds.name(), "classification", ds.classification(), "run", runId),
        Map.of("sluice-run", runId));
    return new Published("s3://" + ds.bucket() + "/" + manifestKey, parts.size(), records, orphans);
  }
}
