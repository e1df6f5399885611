package dev.sluice.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} bound to 127.0.0.1 on a free port, with a small daemon thread pool and
 * JSON helpers shared by the emulators. Package-private plumbing; not part of the API.
 */
final class LoopbackHttp implements AutoCloseable {

  /** One JSON mapper for all emulators; {@link ObjectMapper} is thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper();

  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;

  private LoopbackHttp(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts a server that passes every request on any path to {@code handler}. */
  static LoopbackHttp start(String name, HttpHandler handler) {
    AtomicInteger counter = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, name + "-http-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.createContext("/", handler);
      server.setExecutor(executor);
      server.start();
      return new LoopbackHttp(server, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IllegalStateException(name + ": cannot bind a loopback port", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads the request body, refusing more than {@code limit} bytes.
   *
   * @throws BodyTooLargeException if the body is larger than {@code limit}
   */
  static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        if (out.size() + n > limit) {
          throw new BodyTooLargeException(limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /**
   * Parses a JSON object body; an empty body is an empty object.
   *
   * @throws IllegalArgumentException if the body is not a JSON object
   */
  static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON");
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return JSON.createObjectNode();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Sends {@code body} as JSON with the given status and content type. */
  static void send(HttpExchange exchange, int status, String contentType, JsonNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Thrown by {@link #readBody} when a body exceeds its limit. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(int limit) {
      super("request body larger than " + limit + " bytes");
    }
  }
}
