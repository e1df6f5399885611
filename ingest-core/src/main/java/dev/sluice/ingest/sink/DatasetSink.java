package dev.sluice.ingest.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.decide.DatasetSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes approved records as gzip JSON Lines parts under each dataset's run prefix, one part per
 * dataset per (partition, sequence), through {@link CuratedWriter}. Thread-safe.
 */
public final class DatasetSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CuratedWriter writer;
  private final PartitionLayout layout;
  private final Map<String, DatasetSpec> datasets;
  private final Map<String, ResolvedKey> keys;
  private final String runId;
  private final LocalDate ingestDate;

  /**
   * @param writer the curated writer
   * @param layout object key layout
   * @param datasets datasets by name
   * @param keys pre-flighted keys by dataset name; a dataset without one cannot be written
   * @param runId run id, part of every key and of the encryption context
   * @param ingestDate partition date, fixed per run so restarts write the same keys
   */
  public DatasetSink(
      CuratedWriter writer,
      PartitionLayout layout,
      Map<String, DatasetSpec> datasets,
      Map<String, ResolvedKey> keys,
      String runId,
      LocalDate ingestDate) {
    this.writer = Objects.requireNonNull(writer);
    this.layout = Objects.requireNonNull(layout);
    this.datasets = Map.copyOf(datasets);
    this.keys = Map.copyOf(keys);
    this.runId = Objects.requireNonNull(runId);
    this.ingestDate = Objects.requireNonNull(ingestDate);
  }

  /** The run prefix of {@code dataset}. */
  public String runPrefix(DatasetSpec dataset) {
    return layout.runPrefix(dataset.outputPrefix(), dataset.classification(), ingestDate, runId);
  }

  /** The layout in use. */
  public PartitionLayout layout() {
    return layout;
  }

  /**
   * Writes {@code records} as part {@code seq} of {@code partition}. The same arguments always
   * produce the same keys, so re-writing after a restart overwrites.
   */
  public List<WrittenPart> write(int partition, long seq, List<DatasetRecord> records) {
    Map<String, List<DatasetRecord>> byDataset = new LinkedHashMap<>();
    for (DatasetRecord r : records) {
      byDataset.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r);
    }
    List<WrittenPart> parts = new ArrayList<>();
    for (var e : byDataset.entrySet()) {
      DatasetSpec ds = datasets.get(e.getKey());
      ResolvedKey key = keys.get(e.getKey());
      if (ds == null || key == null) {
        throw new SinkException("dataset '" + e.getKey() + "' has no pre-flighted KMS key");
      }
      String objectKey = layout.partKey(runPrefix(ds), partition, seq);
      byte[] body = gzipJsonLines(e.getValue());
      String sha =
          writer.put(
              ds.bucket(),
              objectKey,
              body,
              "application/x-ndjson",
              key,
              Map.of("dataset", ds.name(), "classification", ds.classification(), "run", runId),
              Map.of("sluice-run", runId, "sluice-records", String.valueOf(e.getValue().size())));
      parts.add(
          new WrittenPart(
              ds.name(),
              ds.bucket(),
              objectKey,
              e.getValue().size(),
              body.length,
              sha,
              e.getValue().stream().map(DatasetRecord::lineageId).distinct().toList()));
    }
    return parts;
  }

  static byte[] gzipJsonLines(List<DatasetRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (DatasetRecord r : records) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("dataset", r.dataset());
        n.put("classification", r.classification());
        n.put("text", r.text());
        ObjectNode src = n.putObject("source");
        src.put("uri", r.sourceUri());
        src.put("version", r.sourceVersion());
        src.put("path", r.embeddedPath());
        n.put("lineageId", r.lineageId());
        ObjectNode meta = n.putObject("metadata");
        r.metadata().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(m -> meta.put(m.getKey(), m.getValue()));
        gz.write(JSON.writeValueAsBytes(n));
        gz.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
