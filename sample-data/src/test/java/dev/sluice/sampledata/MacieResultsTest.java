package dev.sluice.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The committed Macie results agree with the corpus files and their ground truth. */
class MacieResultsTest {

  static final Path MACIE = Path.of("macie");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> NOT_IN_MACIE =
      Set.of("EMAIL_ADDRESS", "IP_ADDRESS", "GITHUB_TOKEN", "SLACK_TOKEN", "URL_WITH_PASSWORD");

  @Test
  void findingsMatchCurrentObjectsExceptTheStaleOne() throws Exception {
    int stale = 0;
    int current = 0;
    try (Stream<Path> walk = Files.list(MACIE.resolve("findings"))) {
      for (Path p : walk.sorted().toList()) {
        JsonNode f = JSON.readTree(p.toFile());
        JsonNode obj = f.at("/resourcesAffected/s3Object");
        String key = obj.get("key").asText();
        assertThat(obj.get("path").asText()).isEqualTo("raw-docs/" + key);
        assertThat(f.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(f.get("id").asText()).matches("[0-9a-f]{32}");
        byte[] bytes = Files.readAllBytes(Path.of("corpus").resolve(key));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        if (p.getFileName().toString().startsWith("stale__")) {
          assertThat(obj.get("eTag").asText()).isNotEqualTo(md5);
          stale++;
          continue;
        }
        current++;
        assertThat(obj.get("eTag").asText()).isEqualTo(md5);
        assertThat(obj.get("size").asLong()).isEqualTo(bytes.length);
        JsonNode gt = JSON.readTree(Path.of("ground-truth", key + ".json").toFile());
        assertThat(macieCounts(f.at("/classificationDetails/result"))).isEqualTo(expectedMacie(gt));
        assertThat(f.get("severity").get("score").asInt()).isBetween(1, 3);
        assertThat(f.get("type").asText()).startsWith("SensitiveData:S3Object/");
      }
    }
    assertThat(stale).isEqualTo(1);
    assertThat(current).isGreaterThanOrEqualTo(25);
  }

  @Test
  void discoveryResultsHaveOneRecordPerObjectPlusEmbeddedFiles() throws IOException {
    Path file;
    try (Stream<Path> walk = Files.walk(MACIE.resolve("discovery"))) {
      file = walk.filter(p -> p.toString().endsWith(".jsonl.gz")).findFirst().orElseThrow();
    }
    assertThat(file.toString().replace('\\', '/'))
        .matches(".*AWSLogs/111122223333/Macie/us-east-1/[0-9a-f]{32}/[0-9a-f-]{36}\\.jsonl\\.gz");
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> objects = new java.util.TreeSet<>();
    int embedded = 0;
    int skipped = 0;
    for (String line : text.split("\n")) {
      JsonNode r = JSON.readTree(line);
      JsonNode obj = r.at("/resourcesAffected/s3Object");
      if (obj.has("embeddedFileDetails")) {
        embedded++;
        assertThat(obj.at("/embeddedFileDetails/filePath").asText()).isNotEmpty();
      } else {
        objects.add(obj.get("key").asText());
      }
      if (r.at("/classificationDetails/result/status/code").asText().equals("SKIPPED")) {
        skipped++;
        assertThat(r.at("/classificationDetails/result/status/reason").asText()).isNotEmpty();
      }
    }
    try (Stream<Path> walk = Files.walk(Path.of("corpus"))) {
      assertThat(objects).hasSize((int) walk.filter(Files::isRegularFile).count());
    }
    assertThat(embedded).isGreaterThanOrEqualTo(4);
    assertThat(skipped).isGreaterThanOrEqualTo(5);
  }

  private static Map<String, Integer> macieCounts(JsonNode result) {
    Map<String, Integer> m = new TreeMap<>();
    for (JsonNode cat : result.get("sensitiveData")) {
      for (JsonNode d : cat.get("detections")) {
        m.put(d.get("type").asText(), d.get("count").asInt());
      }
    }
    for (JsonNode d : result.at("/customDataIdentifiers/detections")) {
      m.put("custom:" + d.get("name").asText(), d.get("count").asInt());
    }
    return m;
  }

  private static Map<String, Integer> expectedMacie(JsonNode gt) {
    Map<String, Integer> m = new TreeMap<>();
    for (JsonNode e : gt.get("expected")) {
      if (!NOT_IN_MACIE.contains(e.get("type").asText())) {
        m.put(e.get("type").asText(), e.get("count").asInt());
      }
    }
    for (JsonNode c : gt.get("customIdentifiers")) {
      m.put("custom:" + c.get("name").asText(), c.get("count").asInt());
    }
    return m;
  }
}
