package dev.sluice.app.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.app.config.SluiceProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The sink settings bind with their defaults and bad values fail at start naming the field. */
class SinkPropertiesTest {

  static SluiceProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("sluice", SluiceProperties.class);
  }

  @Test
  void defaultsAreJsonlSixtyFourMibThresholdEightMibPartsAndNoQuarantine() {
    SluiceProperties p = bind(Map.of());
    p.validate();
    assertThat(p.sink().mode()).isEqualTo("jsonl");
    assertThat(p.sink().multipartThreshold()).isEqualTo(64L * 1024 * 1024);
    assertThat(p.sink().partSize()).isEqualTo(8L * 1024 * 1024);
    assertThat(p.sink().quarantineBucket()).isEmpty();
    assertThat(p.sink().quarantineRejected()).isFalse();
  }

  @Test
  void documentsModeAndPerDatasetModesBind() {
    SluiceProperties p =
        bind(
            Map.of(
                "sluice.sink.mode", "documents",
                "sluice.sink.dataset-modes.training", "jsonl"));
    p.validate();
    assertThat(p.sink().mode()).isEqualTo("documents");
    assertThat(p.sink().datasetModes()).containsEntry("training", "jsonl");
  }

  @Test
  void badSinkSettingsNameTheirFields() {
    Map<String, String> v = new HashMap<>();
    v.put("sluice.sink.mode", "parquet");
    v.put("sluice.sink.part-size", "1048576");
    v.put("sluice.sink.quarantine-bucket", "held");
    v.put("sluice.dataset.kms-key-id", "alias/k");
    assertThatThrownBy(() -> bind(v).validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sluice.sink.mode: must be jsonl or documents (was 'parquet')")
        .hasMessageContaining("sluice.sink.part-size: must be between 5242880 (5 MiB)")
        .hasMessageContaining(
            "sluice.sink.quarantine-kms-key-id: quarantine-bucket and quarantine-kms-key-id must"
                + " be set together");
  }

  @Test
  void aQuarantineKeyEqualToTheDatasetKeyIsRefused() {
    assertThatThrownBy(
            () ->
                bind(Map.of(
                        "sluice.dataset.kms-key-id", "alias/k",
                        "sluice.sink.quarantine-bucket", "held",
                        "sluice.sink.quarantine-kms-key-id", "alias/k"))
                    .validate())
        .hasMessageContaining(
            "sluice.sink.quarantine-kms-key-id: must differ from sluice.dataset.kms-key-id");
  }
}
