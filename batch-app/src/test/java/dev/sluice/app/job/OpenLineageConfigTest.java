package dev.sluice.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class OpenLineageConfigTest {

  static StandardEnvironment env(Map<String, Object> props) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", props));
    return env;
  }

  @Test
  void badSettingsFailNamingThePropertyButNotTheSecret() {
    assertThatThrownBy(
            () ->
                OpenLineageConfig.emitter(
                    env(Map.of("sluice.lineage.openlineage.url", "http://h/x?key=s3cr3t {"))))
        .hasMessage("sluice.lineage.openlineage.url: not a valid URL");
    assertThatThrownBy(
            () ->
                OpenLineageConfig.emitter(
                    env(Map.of("sluice.lineage.openlineage.url", "ftp://h/x?key=s3cr3t"))))
        .hasMessageStartingWith("sluice.lineage.openlineage.url:")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(
            () ->
                OpenLineageConfig.emitter(
                    env(
                        Map.of(
                            "sluice.lineage.openlineage.url", "http://127.0.0.1:1/x",
                            "sluice.lineage.openlineage.file", "/tmp/x.jsonl"))))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                OpenLineageConfig.emitter(
                    env(
                        Map.of(
                            "sluice.lineage.openlineage.url", "http://127.0.0.1:1/x",
                            "sluice.lineage.openlineage.timeout", "forever"))))
        .hasMessageStartingWith("sluice.lineage.openlineage.timeout:");
  }

  @Test
  void timeoutsParse() {
    assertThat(OpenLineageConfig.timeout("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(OpenLineageConfig.timeout("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(OpenLineageConfig.timeout("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> OpenLineageConfig.timeout("0s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenLineageConfig.timeout("10m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noSettingsMeansNoExport() {
    assertThat(
            OpenLineageConfig.emitter(env(Map.of()))
                .emit(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
        .isFalse();
  }
}
