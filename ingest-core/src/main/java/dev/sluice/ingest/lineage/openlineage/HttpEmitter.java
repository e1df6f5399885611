package dev.sluice.ingest.lineage.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP emitter: one POST per event, bounded by the timeout; non-2xx is a logged failure. */
final class HttpEmitter implements OpenLineageEmitter {
  private static final Logger log = LoggerFactory.getLogger(HttpEmitter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  HttpEmitter(URI url, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    String scheme = String.valueOf(url.getScheme());
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("OpenLineage url must be http(s) (was '" + url + "')");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("OpenLineage timeout must be positive");
    }
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public boolean emit(ObjectNode event) {
    String type = event.path("eventType").asText();
    try {
      HttpRequest req =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event)))
              .build();
      HttpResponse<Void> res = client.send(req, HttpResponse.BodyHandlers.discarding());
      if (res.statusCode() / 100 != 2) {
        log.warn("OpenLineage: {} event to {} got HTTP {}", type, url, res.statusCode());
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("OpenLineage: interrupted sending {} event to {}", type, url);
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn("OpenLineage: cannot send {} event to {}: {}", type, url, e.toString());
      return false;
    }
  }
}
