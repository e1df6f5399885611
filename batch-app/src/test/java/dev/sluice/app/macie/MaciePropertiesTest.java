package dev.sluice.app.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.app.config.SluiceProperties;
import dev.sluice.app.step.RunContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The Macie settings bind from their documented keys and bad values fail naming the field. */
class MaciePropertiesTest {

  static SluiceProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("sluice", SluiceProperties.class);
  }

  @Test
  void discoveryResultsAndStateBindAndDefault() {
    SluiceProperties p =
        bind(
            Map.of(
                "sluice.macie.mode", "required",
                "sluice.macie.discovery-results", "s3://macie-results/AWSLogs/",
                "sluice.data-dir", "/var/sluice"));
    p.validate();
    assertThat(p.macie().discoveryResults()).isEqualTo("s3://macie-results/AWSLogs/");
    assertThat(RunContext.macieIdentifierState(p))
        .isEqualTo(Path.of("/var/sluice/macie-custom-identifiers.json"));

    SluiceProperties q =
        bind(Map.of("sluice.macie.custom-identifiers-state", "/etc/sluice/cdi.json"));
    assertThat(q.macie().discoveryResults()).isEmpty();
    assertThat(RunContext.macieIdentifierState(q)).isEqualTo(Path.of("/etc/sluice/cdi.json"));
  }

  @Test
  void aDiscoveryResultsLocationThatIsNotS3FailsNamingTheField() {
    SluiceProperties p = bind(Map.of("sluice.macie.discovery-results", "/tmp/macie"));
    assertThatThrownBy(p::validate)
        .hasMessageContaining(
            "sluice.macie.discovery-results: must be s3://bucket/prefix/ (was '/tmp/macie')");
  }
}
