package dev.sluice.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code sluice.*} key the application binds is documented: in the generated configuration
 * metadata (with a description, for IDEs) and in {@code docs/configuration.md}.
 */
class ConfigurationDocsTest {
  @Test
  void everyBoundKeyIsInTheMetadataWithADescriptionAndInTheReference() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
    Map<String, String> described = new HashMap<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration processor output on the classpath").isNotNull();
      for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
        described.put(p.path("name").asText(), p.path("description").asText(""));
      }
    }
    for (String key : KnownKeys.of().all()) {
      String plain = key.replace("[*]", "").replace(".*", "");
      // a list of values is documented by its name, a list of records by each field
      String documented = key.endsWith("[*]") ? plain : key.replace("[*]", "[n]").replace(".*", "");
      assertThat(docs).as("docs/configuration.md documents %s", key).contains("`" + documented);
      if (!key.startsWith("sluice.lineage.") && !key.startsWith("sluice.schedules")) {
        assertThat(described.get(plain)).as("metadata describes %s", plain).isNotBlank();
      }
    }
  }

  @Test
  void unknownKeysAreRecognisedAndTheNearestKnownKeyIsSuggested() {
    KnownKeys keys = KnownKeys.of();
    assertThat(keys.known("sluice.job.chunk-size")).isTrue();
    assertThat(keys.known("sluice.schedules[3].cron")).isTrue();
    assertThat(keys.known("sluice.sink.dataset-modes.training")).isTrue();
    assertThat(keys.known("sluice.job.chunk-sise")).isFalse();
    assertThat(keys.known("sluice.schedules[0].crn")).isFalse();
    assertThat(keys.nearest("sluice.job.chunk-sise")).isEqualTo("sluice.job.chunk-size");
    assertThat(keys.nearest("sluice.dataset.kms-key")).isEqualTo("sluice.dataset.kms-key-id");
  }
}
