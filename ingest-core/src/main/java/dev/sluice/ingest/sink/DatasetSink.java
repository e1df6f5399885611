package dev.sluice.ingest.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.source.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes approved data under each dataset's run prefix through {@link CuratedWriter}, in the
 * dataset's {@link OutputMode}:
 *
 * <ul>
 *   <li>{@code JSONL}: gzip JSON Lines parts, one part per dataset per (partition, sequence),
 *       spooled to a temporary file rather than held in memory;
 *   <li>{@code DOCUMENTS}: only what was scanned, plus a Bedrock Knowledge Bases sidecar {@code
 *       <object>.metadata.json}, under a keyed id, never the source name (which may itself hold a
 *       sensitive value and would show in listings and logs). An approved document whose every byte
 *       was scanned as text (plain text, CSV, markup; {@link ApprovedDocument#original()}) is
 *       written as it is ({@code <run prefix>doc-<lineage id>.<ext>}, original bytes streamed from
 *       the re-opened source and checked against the scanned SHA-256). Every other document (DOCX,
 *       PDF, e-mail, archives, and any REDACT) is written as its sanitized text rendition {@code
 *       doc-<lineage id>.txt}: its metadata, headers, comments and images never reach the dataset.
 * </ul>
 *
 * Every key depends only on the run and the chunk or the source key, so a restart overwrites
 * instead of duplicating. Thread-safe.
 */
public final class DatasetSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CuratedWriter writer;
  private final PartitionLayout layout;
  private final Map<String, DatasetSpec> datasets;
  private final Map<String, ResolvedKey> keys;
  private final String runId;
  private final LocalDate ingestDate;
  private final Source source;
  private final OutputMode defaultMode;
  private final Map<String, OutputMode> modes;

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
    this(writer, layout, datasets, keys, runId, ingestDate, null, OutputMode.JSONL, Map.of());
  }

  /**
   * A sink that can also write documents.
   *
   * @param source where documents are re-opened in {@code DOCUMENTS} mode; may be {@code null} only
   *     when no dataset uses that mode
   * @param defaultMode mode of datasets not named in {@code modes}
   * @param modes per-dataset output mode overrides
   */
  public DatasetSink(
      CuratedWriter writer,
      PartitionLayout layout,
      Map<String, DatasetSpec> datasets,
      Map<String, ResolvedKey> keys,
      String runId,
      LocalDate ingestDate,
      Source source,
      OutputMode defaultMode,
      Map<String, OutputMode> modes) {
    this.source = source;
    this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    this.modes = Map.copyOf(modes);
    if (source == null
        && datasets.keySet().stream().anyMatch(d -> mode(d) == OutputMode.DOCUMENTS)) {
      throw new IllegalArgumentException("documents mode needs a source to re-open documents");
    }
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

  /** The output mode of {@code dataset}. */
  public OutputMode mode(String dataset) {
    return modes.getOrDefault(dataset, defaultMode);
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
      List<DatasetRecord> recs = e.getValue();
      CuratedWriter.Stored stored =
          writer.put(
              ds.bucket(),
              objectKey,
              out -> gzipJsonLines(recs, out),
              "application/x-ndjson",
              key,
              context(ds),
              Map.of("sluice-run", runId, "sluice-records", String.valueOf(recs.size())));
      parts.add(
          new WrittenPart(
              ds.name(),
              ds.bucket(),
              objectKey,
              e.getValue().size(),
              stored.bytes(),
              stored.sha256(),
              e.getValue().stream().map(DatasetRecord::lineageId).distinct().toList()));
    }
    return parts;
  }

  private Map<String, String> context(DatasetSpec ds) {
    return Map.of("dataset", ds.name(), "classification", ds.classification(), "run", runId);
  }

  /** Largest Bedrock Knowledge Bases sidecar: 10 KB. */
  public static final int MAX_SIDECAR_BYTES = 10 * 1024;

  /** Suffix of a Bedrock Knowledge Bases metadata sidecar. */
  public static final String SIDECAR_SUFFIX = ".metadata.json";

  /**
   * Writes {@code docs} (documents mode) with their sidecars. Keys depend only on the run prefix
   * and the source key, so re-writing after a restart overwrites.
   *
   * @return one part per document object and one per sidecar, in input order, and the documents
   *     refused because their source could not be read again or changed since it was scanned
   *     (nothing is written for those)
   * @throws SinkException if a dataset has no key or S3 refuses a write
   */
  public DocumentsWritten writeDocuments(List<ApprovedDocument> docs) {
    List<WrittenPart> out = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (ApprovedDocument d : docs) {
      DatasetSpec ds = datasets.get(d.dataset());
      ResolvedKey key = keys.get(d.dataset());
      if (ds == null || key == null) {
        throw new SinkException("dataset '" + d.dataset() + "' has no pre-flighted KMS key");
      }
      if (source == null) {
        throw new IllegalStateException("documents mode needs a source");
      }
      String objectKey = documentKey(runPrefix(ds), d);
      checkKeyLength(ds.bucket(), objectKey + SIDECAR_SUFFIX);
      Map<String, String> meta = Map.of("sluice-run", runId, "sluice-lineage-id", d.lineageId());
      CuratedWriter.Stored stored;
      String contentType;
      if (d.original()) {
        contentType = mediaType(d);
        try {
          stored =
              writer.put(
                  ds.bucket(),
                  objectKey,
                  o -> copySource(d, o),
                  contentType,
                  key,
                  context(ds),
                  meta);
        } catch (SourceUnreadable e) {
          refused.put(d.lineageId(), e.getMessage());
          continue;
        }
      } else {
        contentType = "text/plain; charset=utf-8";
        stored =
            writer.put(
                ds.bucket(),
                objectKey,
                o -> o.write(redactedText(d).getBytes(StandardCharsets.UTF_8)),
                contentType,
                key,
                context(ds),
                meta);
      }
      out.add(
          new WrittenPart(
              ds.name(),
              ds.bucket(),
              objectKey,
              1,
              stored.bytes(),
              stored.sha256(),
              List.of(d.lineageId())));
      byte[] sidecar = sidecar(ds, d);
      String sidecarKey = objectKey + SIDECAR_SUFFIX;
      String sha =
          writer.put(ds.bucket(), sidecarKey, sidecar, "application/json", key, context(ds), meta);
      out.add(
          new WrittenPart(
              ds.name(), ds.bucket(), sidecarKey, 0, sidecar.length, sha, List.of(d.lineageId())));
    }
    return new DocumentsWritten(out, refused);
  }

  /**
   * {@code <run prefix>doc-<lineage id><ext>}: the lineage id is keyed (HMAC), so the key reveals
   * nothing of the source name; {@code ext} is the source's extension when it is 1-8 letters or
   * digits (Bedrock picks the parser by it), {@code .txt} for a redacted document.
   */
  static String documentKey(String runPrefix, ApprovedDocument d) {
    return runPrefix + "doc-" + d.lineageId() + (d.original() ? extension(d.item().key()) : ".txt");
  }

  /** The file name's extension with its dot, lower-cased, if it is 1-8 ASCII letters or digits. */
  static String extension(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return "";
    }
    String ext = name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
  }

  private static void checkKeyLength(String bucket, String objectKey) {
    if (objectKey.getBytes(StandardCharsets.UTF_8).length > 1024) {
      throw new SinkException(
          "object key for s3://"
              + bucket
              + "/ would exceed S3's 1,024 bytes (run prefix too long)");
    }
  }

  /** How the document is named in messages: its lineage id, never its source name. */
  private static String named(ApprovedDocument d) {
    return "document " + d.lineageId();
  }

  private void copySource(ApprovedDocument d, OutputStream out) throws IOException {
    if (d.scannedSha256().isEmpty()) {
      throw new SourceUnreadable(named(d) + " has no scanned SHA-256; not written");
    }
    MessageDigest sha = CuratedWriter.sha256();
    try (OutputStream digesting = new DigestOutputStream(new NonClosing(out), sha)) {
      copy(source, d.item(), digesting);
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (!got.equals(d.scannedSha256())) {
      throw new SourceUnreadable(
          named(d) + " changed since it was scanned (SHA-256 differs); not written");
    }
  }

  /**
   * Streams {@code item} from {@code source} into {@code out}. Failures to open or read the source
   * become {@link SourceUnreadable}; failures to write {@code out} stay {@link IOException}.
   */
  static void copy(Source source, dev.sluice.ingest.source.SourceItem item, OutputStream out)
      throws IOException {
    InputStream in;
    try {
      in = source.open(item);
    } catch (IOException | SdkException e) {
      throw new SourceUnreadable(
          "cannot re-open the source (changed or removed since it was scanned?): "
              + e.getClass().getSimpleName());
    }
    try (in) {
      byte[] buf = new byte[64 * 1024];
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException | SdkException e) {
          throw new SourceUnreadable(
              "cannot read the source again: " + e.getClass().getSimpleName());
        }
        if (n < 0) {
          return;
        }
        out.write(buf, 0, n);
      }
    }
  }

  private static String mediaType(ApprovedDocument d) {
    return d.records().stream()
        .filter(r -> r.embeddedPath() == null || r.embeddedPath().isEmpty())
        .map(r -> r.metadata().get("mediaType"))
        .filter(m -> m != null && !m.isBlank())
        .findFirst()
        .orElse("application/octet-stream");
  }

  /** The sanitized text of a redacted document: its units, container first, blank-line joined. */
  static String redactedText(ApprovedDocument d) {
    StringBuilder sb = new StringBuilder();
    for (DatasetRecord r : d.records()) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(r.text());
    }
    return sb.toString();
  }

  /**
   * The Bedrock Knowledge Bases sidecar (simple form) of {@code d}.
   *
   * @throws SinkException if it would exceed {@link #MAX_SIDECAR_BYTES}
   */
  byte[] sidecar(DatasetSpec ds, ApprovedDocument d) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode attrs = root.putObject("metadataAttributes");
    attrs.put("dataset", ds.name());
    attrs.put("classification", ds.classification());
    // the name as lineage shows it (findings masked), never the raw name
    attrs.put("sourceUri", d.records().isEmpty() ? "" : d.records().get(0).sourceUri());
    attrs.put("lineageId", d.lineageId());
    attrs.put("decision", d.decision());
    attrs.put("run", runId);
    attrs.put("rendition", d.original() ? "original" : "text");
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_SIDECAR_BYTES) {
      throw new SinkException(
          "metadata sidecar for "
              + named(d)
              + " is "
              + bytes.length
              + " bytes; Bedrock Knowledge Bases accept at most "
              + MAX_SIDECAR_BYTES);
    }
    return bytes;
  }

  /** Keeps the spool stream open: {@link CuratedWriter} owns and closes it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  static byte[] gzipJsonLines(List<DatasetRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      gzipJsonLines(records, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void gzipJsonLines(List<DatasetRecord> records, OutputStream target) throws IOException {
    try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(target), 64 * 1024)) {
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
    }
  }
}
