package dev.sluice.app.job;

import dev.sluice.app.step.RunContexts;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEmitter;
import java.net.URI;
import java.net.URISyntaxException;
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

  /** {@code 500ms}, {@code 5s}, {@code 1m} or ISO-8601 ({@code PT5S}); between 1 ms and 5 min. */
  static Duration timeout(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    Duration d = null;
    var m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
          };
    } else if (v.startsWith("pt")) {
      try {
        d = Duration.parse(v);
      } catch (RuntimeException e) {
        d = null;
      }
    }
    if (d == null || d.toMillis() < 1 || d.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(
          PREFIX
              + "timeout: must be a duration between 1ms and 5m such as 5s or 500ms (was '"
              + value
              + "')");
    }
    return d;
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
    Duration timeout = timeout(env.getProperty(PREFIX + "timeout", "5s"));
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      // the value may carry credentials: name the field, not the value
      throw new IllegalArgumentException(PREFIX + "url: not a valid URL");
    }
    try {
      return OpenLineageEmitter.http(uri, timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + "url: " + e.getMessage());
    }
  }
}
