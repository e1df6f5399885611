package dev.sluice.app.job;

import dev.sluice.app.step.RunContexts;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEmitter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * OpenLineage export, off unless configured: {@code sluice.lineage.openlineage.file} (JSON Lines)
 * or {@code sluice.lineage.openlineage.url} (HTTP POST), with {@code .timeout} (default 5s) and
 * {@code .namespace} (default {@code sluice}). Bad values fail at start naming the property.
 */
@Configuration(proxyBeanMethods = false)
public class OpenLineageConfig {
  static final String PREFIX = "sluice.lineage.openlineage.";

  @Bean
  OpenLineageListener openLineageListener(RunContexts runs, LineageStore lineage, Environment env) {
    return new OpenLineageListener(
        runs, lineage, emitter(env), env.getProperty(PREFIX + "namespace", "sluice"));
  }

  static OpenLineageEmitter emitter(Environment env) {
    String file = env.getProperty(PREFIX + "file", "").strip();
    String url = env.getProperty(PREFIX + "url", "").strip();
    if (!file.isEmpty() && !url.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX + "url: set either " + PREFIX + "file or " + PREFIX + "url, not both");
    }
    if (!file.isEmpty()) {
      return OpenLineageEmitter.file(Path.of(file));
    }
    if (url.isEmpty()) {
      return OpenLineageEmitter.none();
    }
    Duration timeout;
    try {
      timeout = env.getProperty(PREFIX + "timeout", Duration.class, Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          PREFIX
              + "timeout: must be a duration such as 5s or 500ms (was '"
              + env.getProperty(PREFIX + "timeout")
              + "')");
    }
    try {
      return OpenLineageEmitter.http(URI.create(url), timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + "url: " + e.getMessage());
    }
  }
}
