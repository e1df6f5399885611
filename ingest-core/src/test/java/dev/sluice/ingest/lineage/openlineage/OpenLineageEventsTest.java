package dev.sluice.ingest.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents.EventType;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents.RunInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLineageEventsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-01-15T10:00:00Z");

  static RunInfo run() {
    return new RunInfo(
        "ingest-20260115-1",
        "sluice",
        "ingest",
        List.of(OpenLineageEvents.s3("raw-docs", "support/", Map.of())),
        List.of(
            OpenLineageEvents.s3(
                "curated",
                "support-kb",
                Map.of("dataset", "support-kb", "classification", "internal"))),
        Map.of("mode", "ingest", "policyHash", "abc"));
  }

  static void assertRequiredFields(JsonNode e, String type) {
    assertThat(e.path("eventType").asText()).isEqualTo(type);
    assertThat(Instant.parse(e.path("eventTime").asText())).isEqualTo(T);
    assertThat(UUID.fromString(e.path("run").path("runId").asText()))
        .isEqualTo(OpenLineageEvents.runId("ingest-20260115-1"));
    assertThat(e.path("job").path("namespace").asText()).isEqualTo("sluice");
    assertThat(e.path("job").path("name").asText()).isEqualTo("ingest");
    assertThat(e.path("inputs").get(0).path("namespace").asText()).isEqualTo("s3://raw-docs");
    assertThat(e.path("inputs").get(0).path("name").asText()).isEqualTo("support/");
    assertThat(e.path("outputs").get(0).path("namespace").asText()).isEqualTo("s3://curated");
    assertThat(e.path("outputs").get(0).path("name").asText()).isEqualTo("support-kb");
    assertThat(e.path("producer").asText()).isEqualTo(OpenLineageEvents.PRODUCER);
    assertThat(e.path("schemaURL").asText())
        .isEqualTo("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
    // every facet names its producer and schema
    for (JsonNode facets :
        List.of(
            e.path("run").path("facets"),
            e.path("job").path("facets"),
            e.path("outputs").get(0).path("facets"))) {
      assertThat(facets.size()).isPositive();
      facets.forEach(
          f -> {
            assertThat(f.path("_producer").asText()).isEqualTo(OpenLineageEvents.PRODUCER);
            assertThat(f.path("_schemaURL").asText()).startsWith("https://");
          });
    }
  }

  @Test
  void eventsCarryTheRequiredFieldsAndAStableRunId() {
    for (EventType t : EventType.values()) {
      assertRequiredFields(OpenLineageEvents.event(t, T, run(), Optional.empty()), t.name());
    }
    assertThat(OpenLineageEvents.runId("a")).isEqualTo(OpenLineageEvents.runId("a"));
    assertThat(OpenLineageEvents.runId("a")).isNotEqualTo(OpenLineageEvents.runId("b"));
    ObjectNode fail =
        OpenLineageEvents.event(EventType.FAIL, T, run(), Optional.of("KMS key missing"));
    assertThat(fail.path("run").path("facets").path("errorMessage").path("message").asText())
        .isEqualTo("KMS key missing");
    assertThat(
            OpenLineageEvents.event(EventType.COMPLETE, T, run(), Optional.empty())
                .path("run")
                .path("facets")
                .has("errorMessage"))
        .isFalse();
    assertThat(fail.path("run").path("facets").path("sluice").path("runId").asText())
        .isEqualTo("ingest-20260115-1");
  }

  @Test
  void fileEmitterAppendsOneJsonLinePerEvent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ol/events.jsonl");
    OpenLineageEmitter emitter = OpenLineageEmitter.file(file);
    assertThat(emitter.emit(OpenLineageEvents.event(EventType.START, T, run(), Optional.empty())))
        .isTrue();
    assertThat(
            emitter.emit(OpenLineageEvents.event(EventType.COMPLETE, T, run(), Optional.empty())))
        .isTrue();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertRequiredFields(JSON.readTree(lines.get(0)), "START");
    assertRequiredFields(JSON.readTree(lines.get(1)), "COMPLETE");
  }

  @Test
  void httpEmitterPostsJsonToTheEndpoint() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> types = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/lineage",
        x -> {
          types.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Content-Type"));
          bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(201, -1);
          x.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
      OpenLineageEmitter emitter = OpenLineageEmitter.http(url, Duration.ofSeconds(5));
      assertThat(emitter.emit(OpenLineageEvents.event(EventType.START, T, run(), Optional.empty())))
          .isTrue();
      assertThat(bodies).hasSize(1);
      assertThat(types).containsExactly("POST application/json");
      assertRequiredFields(JSON.readTree(bodies.get(0)), "START");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void httpFailuresAreReportedNotThrown() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CountDownLatch release = new CountDownLatch(1);
    server.createContext(
        "/error",
        x -> {
          x.sendResponseHeaders(500, -1);
          x.close();
        });
    server.createContext(
        "/slow",
        x -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    server.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ObjectNode event = OpenLineageEvents.event(EventType.FAIL, T, run(), Optional.of("boom"));
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      assertThat(
              OpenLineageEmitter.http(URI.create(base + "/error"), Duration.ofSeconds(5))
                  .emit(event))
          .isFalse();
      long t0 = System.nanoTime();
      assertThat(
              OpenLineageEmitter.http(URI.create(base + "/slow"), Duration.ofMillis(300))
                  .emit(event))
          .isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(
              OpenLineageEmitter.http(
                      URI.create("http://127.0.0.1:" + closedPort + "/x"), Duration.ofSeconds(2))
                  .emit(event))
          .isFalse();
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  @Test
  void urlCredentialsNeverReachMessages() {
    URI url = URI.create("https://user:pw@lineage.example:8443/api/v1/lineage?api_key=s3cr3t#x");
    assertThat(HttpEmitter.shown(url)).isEqualTo("https://lineage.example:8443/api/v1/lineage");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                OpenLineageEmitter.http(
                    URI.create("ftp://h/x?api_key=s3cr3t"), Duration.ofSeconds(1)))
        .hasMessageContaining("must be http(s)")
        .hasMessageNotContaining("s3cr3t");
  }
}
