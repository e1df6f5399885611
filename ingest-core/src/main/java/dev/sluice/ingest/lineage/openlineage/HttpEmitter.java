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
  private final String shown;
  private final Duration timeout;
  private final HttpClient client;

  HttpEmitter(URI url, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.shown = shown(url);
    String scheme = String.valueOf(url.getScheme());
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("OpenLineage url must be http(s) (was '" + shown + "')");
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

  /** The URL without user info, query or fragment (they may hold credentials), for messages. */
  static String shown(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
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
        log.warn("OpenLineage: {} event to {} got HTTP {}", type, shown, res.statusCode());
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("OpenLineage: interrupted sending {} event to {}", type, shown);
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "OpenLineage: cannot send {} event to {}: {}", type, shown, e.getClass().getSimpleName());
      return false;
    }
  }
}
