package dev.sluice.ingest.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.source.SourceItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Discovery result records (JSON Lines, gzip) and what they mean per object version. */
class DiscoveryResultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BUCKET = "raw-docs";

  /** A record in the discovery-result shape (a finding's shape plus embeddedFileDetails). */
  static ObjectNode record(
      String id, String bucket, String key, String eTag, String status, String reason) {
    ObjectNode r = JSON.createObjectNode();
    r.put("accountId", "111122223333");
    r.put("category", "CLASSIFICATION");
    r.put("createdAt", "2025-06-01T10:15:30.123Z");
    r.put("id", id);
    r.put("partition", "aws");
    r.put("region", "us-east-1");
    r.put("schemaVersion", "1.22");
    r.put("type", "SensitiveData:S3Object/Personal");
    ObjectNode ra = r.putObject("resourcesAffected");
    ra.putObject("s3Bucket").put("arn", "arn:aws:s3:::" + bucket).put("name", bucket);
    ra.putObject("s3Object")
        .put("bucketArn", "arn:aws:s3:::" + bucket)
        .put("key", key)
        .put("path", bucket + "/" + key)
        .put("eTag", eTag)
        .put("versionId", "")
        .put("size", 2048);
    ObjectNode cd = r.putObject("classificationDetails");
    cd.put("jobId", "8df4fca1eccfdae45d8b936a21f1882d");
    cd.put("originType", "SENSITIVE_DATA_DISCOVERY_JOB");
    ObjectNode result = cd.putObject("result");
    result.putObject("status").put("code", status).put("reason", reason);
    result.put("sizeClassified", 2048);
    result.put("mimeType", "text/plain");
    result.putArray("sensitiveData");
    result.putObject("customDataIdentifiers").put("totalCount", 0).putArray("detections");
    return r;
  }

  static ObjectNode withName(ObjectNode r, int line) {
    ArrayNode sd = (ArrayNode) r.path("classificationDetails").path("result").path("sensitiveData");
    ObjectNode d =
        sd.addObject()
            .put("category", "PERSONAL_INFORMATION")
            .put("totalCount", 1)
            .putArray("detections")
            .addObject();
    d.put("type", "NAME").put("count", 1);
    d.putObject("occurrences")
        .putArray("lineRanges")
        .addObject()
        .put("start", line)
        .put("end", line)
        .put("startColumn", 4);
    return r;
  }

  static ObjectNode embedded(ObjectNode r, String path) {
    ((ObjectNode) r.path("resourcesAffected").path("s3Object"))
        .putObject("embeddedFileDetails")
        .put("filePath", path)
        .put("fileExtension", path.substring(path.lastIndexOf('.') + 1))
        .put("fileSize", 100)
        .put("fileLastModified", "2025-05-30T09:00:00.000Z");
    return r;
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static String lines(ObjectNode... records) {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode r : records) {
      sb.append(r.toString()).append('\n');
    }
    return sb.toString();
  }

  static final String JSONL =
      lines(
          record("r-clean", BUCKET, "in/clean.txt", "c1", "COMPLETE", null),
          withName(record("r-notes", BUCKET, "in/notes.txt", "n1", "COMPLETE", null), 3),
          withName(
              embedded(
                  record("r-zip-a", BUCKET, "in/bundle.zip", "z1", "COMPLETE", null), "docs/a.txt"),
              7),
          embedded(
              record("r-zip-b", BUCKET, "in/bundle.zip", "z1", "COMPLETE", null),
              "docs/readme.txt"),
          record(
              "r-movie",
              BUCKET,
              "in/movie.mp4",
              "m1",
              "SKIPPED",
              "UNSUPPORTED_FILE_TYPE_EXCEPTION"),
          embedded(
              record(
                  "r-deep",
                  BUCKET,
                  "in/deep.zip",
                  "d1",
                  "SKIPPED",
                  "ARCHIVE_NESTING_LEVEL_OVER_LIMIT"),
              "x/y.zip"),
          record("r-partial", BUCKET, "in/big.pdf", "p1", "PARTIAL", "TIME_CUT_OFF_REACHED"),
          record("r-other", "other-bucket", "in/clean.txt", "c1", "COMPLETE", null));

  static List<MacieFinding> read(byte[] file) throws IOException {
    List<MacieFinding> out = new ArrayList<>();
    DiscoveryResults r = new DiscoveryResults(BUCKET, "", CustomIdentifierNames.none(), out::add);
    r.read(new ByteArrayInputStream(file), "s3://results/AWSLogs/x.jsonl.gz");
    assertThat(r.problem()).isNull();
    return out;
  }

  static SourceItem item(String key, String eTag) {
    return new SourceItem("s3://" + BUCKET + "/" + key, BUCKET, key, "", eTag, 10);
  }

  @Test
  void streamsGzipJsonLinesAndKeepsOnlyTheSourceBucket() throws IOException {
    List<MacieFinding> got = read(gzip(JSONL + "\n"));
    assertThat(got)
        .extracting(MacieFinding::id)
        .containsExactly(
            "r-clean", "r-notes", "r-zip-a", "r-zip-b", "r-movie", "r-deep", "r-partial");
    assertThat(got).allMatch(f -> f.origin() == MacieFinding.Origin.DISCOVERY_RESULT);
    MacieFinding zip = got.get(2);
    assertThat(zip.embeddedPath()).isEqualTo("docs/a.txt");
    assertThat(zip.detections().get(0).where()).isEqualTo("lines 7-7 col 4");
  }

  @Test
  void theSampleDataDiscoveryResultsReadWithoutProblems() throws IOException {
    Path dir = Path.of("../sample-data/macie/discovery");
    List<MacieFinding> out = new ArrayList<>();
    DiscoveryResults r = new DiscoveryResults(BUCKET, "", CustomIdentifierNames.none(), out::add);
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
        try (var in = Files.newInputStream(f)) {
          r.read(in, f.toString());
        }
      }
    }
    assertThat(r.problem()).isNull();
    assertThat(r.records).isGreaterThan(0);
    assertThat(out).isNotEmpty().allMatch(f -> f.bucket().equals(BUCKET) && !f.eTag().isEmpty());
  }

  @Test
  void plainJsonLinesAreReadToo() throws IOException {
    assertThat(read(JSONL.getBytes(StandardCharsets.UTF_8))).hasSize(7);
  }

  @Test
  void aCompleteResultWithoutFindingsSatisfiesRequiredModeForThatVersionOnly() throws IOException {
    MacieFindingsIndex idx =
        MacieFindingsIndex.of(read(gzip(JSONL)), List.of(), MacieMode.REQUIRED, true);

    MacieEvidence clean = idx.forObject(item("in/clean.txt", "c1"));
    assertThat(clean.unavailable()).isEmpty();
    assertThat(clean.current()).extracting(MacieFinding::id).containsExactly("r-clean");
    assertThat(clean.current().get(0).detections()).isEmpty();

    MacieEvidence changed = idx.forObject(item("in/clean.txt", "c2"));
    assertThat(changed.unavailable()).hasValueSatisfying(w -> assertThat(w).contains("stale"));
    assertThat(changed.warnings())
        .singleElement()
        .asString()
        .startsWith("stale Macie discovery result r-clean describes ETag c1");

    assertThat(idx.forObject(item("in/never-seen.txt", "q")).unavailable())
        .contains("no current Macie result for this version");
  }

  @Test
  void embeddedFileResultsAllBelongToTheArchive() throws IOException {
    MacieFindingsIndex idx =
        MacieFindingsIndex.of(read(gzip(JSONL)), List.of(), MacieMode.REQUIRED, true);
    MacieEvidence zip = idx.forObject(item("in/bundle.zip", "z1"));
    assertThat(zip.unavailable()).isEmpty();
    assertThat(zip.current())
        .extracting(MacieFinding::embeddedPath)
        .containsExactly("docs/a.txt", "docs/readme.txt");
  }

  @Test
  void skippedOrPartialIsNotACurrentResultAndSaysWhy() throws IOException {
    MacieFindingsIndex required =
        MacieFindingsIndex.of(read(gzip(JSONL)), List.of(), MacieMode.REQUIRED, true);
    assertThat(required.forObject(item("in/movie.mp4", "m1")).unavailable())
        .contains(
            "Macie did not fully analyse this version: SKIPPED UNSUPPORTED_FILE_TYPE_EXCEPTION");
    assertThat(required.forObject(item("in/deep.zip", "d1")).unavailable())
        .contains(
            "Macie did not fully analyse this version:"
                + " SKIPPED ARCHIVE_NESTING_LEVEL_OVER_LIMIT in x/y.zip");
    assertThat(required.forObject(item("in/big.pdf", "p1")).unavailable())
        .contains("Macie did not fully analyse this version: PARTIAL TIME_CUT_OFF_REACHED");

    MacieFindingsIndex advisory =
        MacieFindingsIndex.of(read(gzip(JSONL)), List.of(), MacieMode.ADVISORY, true);
    MacieEvidence movie = advisory.forObject(item("in/movie.mp4", "m1"));
    assertThat(movie.unavailable()).isEmpty();
    assertThat(movie.warnings())
        .containsExactly(
            "Macie did not fully analyse this version: SKIPPED UNSUPPORTED_FILE_TYPE_EXCEPTION");
  }

  @Test
  void malformedRecordsAreAProblemBecauseTheirObjectIsUnknown() throws IOException {
    List<MacieFinding> out = new ArrayList<>();
    DiscoveryResults r = new DiscoveryResults(BUCKET, "", CustomIdentifierNames.none(), out::add);
    r.read(
        new ByteArrayInputStream(gzip(JSONL + "{\"id\": \"cut-short\n" + "[1,2]\n")),
        "s3://results/x.jsonl.gz");
    assertThat(out).hasSize(7);
    assertThat(r.malformed).isEqualTo(2);
    assertThat(r.problem())
        .isEqualTo(
            "Macie discovery results: 2 unreadable and 0 oversized record(s);"
                + " the objects they describe are unknown");
  }

  @Test
  void aLoadingProblemStillUsesWhatLoadedAndBlocksOnlyInRequiredMode() throws IOException {
    List<String> failures = List.of("Macie discovery results: 1 unreadable and 0 oversized");
    MacieEvidence required =
        MacieFindingsIndex.of(read(gzip(JSONL)), failures, MacieMode.REQUIRED, true)
            .forObject(item("in/notes.txt", "n1"));
    assertThat(required.current()).extracting(MacieFinding::id).containsExactly("r-notes");
    assertThat(required.unavailable()).contains(failures.get(0));

    MacieEvidence advisory =
        MacieFindingsIndex.of(read(gzip(JSONL)), failures, MacieMode.ADVISORY, true)
            .forObject(item("in/notes.txt", "n1"));
    assertThat(advisory.current()).extracting(MacieFinding::id).containsExactly("r-notes");
    assertThat(advisory.unavailable()).isEmpty();
    assertThat(advisory.warnings())
        .containsExactly(failures.get(0) + " (advisory mode: Macie results may be incomplete)");
  }

  @Test
  void aTruncatedGzipFileFails() throws IOException {
    byte[] gz = gzip(JSONL);
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    DiscoveryResults r = new DiscoveryResults(BUCKET, "", CustomIdentifierNames.none(), f -> {});
    assertThatThrownBy(() -> r.read(new ByteArrayInputStream(cut), "x"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void lineReaderSkipsLinesOverTheLimitAndKeepsGoing() throws IOException {
    byte[] input = "short\n0123456789abcdef\nok\nlast".getBytes(StandardCharsets.UTF_8);
    DiscoveryResults.LineReader lines =
        new DiscoveryResults.LineReader(new ByteArrayInputStream(input), 10);
    List<String> seen = new ArrayList<>();
    while (lines.next()) {
      seen.add(
          lines.oversized()
              ? "<oversized>"
              : new String(lines.buffer(), 0, lines.length(), StandardCharsets.UTF_8));
    }
    assertThat(seen).containsExactly("short", "<oversized>", "ok", "last");
  }

  @Test
  void lineReaderJoinsLinesAcrossChunksAndReadsTheLastLineWithoutNewline() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String line = "record-" + i + "-" + "x".repeat(i % 97);
      expected.add(line);
      sb.append(line).append(i == 4999 ? "" : "\n");
    }
    DiscoveryResults.LineReader lines =
        new DiscoveryResults.LineReader(
            new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), 1000);
    List<String> seen = new ArrayList<>();
    while (lines.next()) {
      seen.add(new String(lines.buffer(), 0, lines.length(), StandardCharsets.UTF_8));
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void locationMustBeAnS3UriWithAValidBucket() {
    assertThat(DiscoveryResults.Location.parse("s3://macie-results/AWSLogs/"))
        .isEqualTo(new DiscoveryResults.Location("macie-results", "AWSLogs/"));
    assertThatThrownBy(() -> DiscoveryResults.Location.parse("/tmp/results"))
        .hasMessage("discovery results location must be s3://bucket/prefix/ (was '/tmp/results')");
    assertThatThrownBy(() -> DiscoveryResults.Location.parse("s3://Bad_Bucket/x"))
        .hasMessage("discovery results location has an invalid bucket name 'Bad_Bucket'");
  }
}
