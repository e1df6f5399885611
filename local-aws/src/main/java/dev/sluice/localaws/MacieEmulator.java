package dev.sluice.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Amazon Macie (macie2) emulator on a loopback port that the real AWS SDK {@code
 * Macie2Client} talks to ({@code endpointOverride(macie.endpoint())}, any static credentials;
 * signatures are not checked).
 *
 * <p>Wire protocol: REST-JSON, camelCase members. Routes:
 *
 * <ul>
 *   <li>{@code POST /findings} ListFindings: {@code findingCriteria.criterion} with {@code eq},
 *       {@code neq}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code eqExactMatch} on
 *       dotted paths of the finding JSON (arrays flattened; ISO timestamps compared as epoch
 *       milliseconds), {@code sortCriteria}, {@code maxResults} 1-50 (default 50), opaque {@code
 *       nextToken}. Archived findings are left out unless the criterion names {@code archived}.
 *       Without sortCriteria findings come in the order they were seeded.
 *   <li>{@code POST /findings/describe} GetFindings: at most 50 ids; unknown ids are skipped.
 *   <li>{@code POST /custom-data-identifiers} create (Macie field limits, {@code clientToken}
 *       idempotency: the same token with the same parameters returns the same id, with other
 *       parameters 409 ConflictException); {@code POST /custom-data-identifiers/list}; {@code POST
 *       /custom-data-identifiers/get} (batch); {@code GET} and {@code DELETE
 *       /custom-data-identifiers/{id}} (delete is soft).
 * </ul>
 *
 * Errors: status code, header {@code x-amzn-ErrorType: <Name>Exception}, body {@code
 * {"message":"..."}}: 400 ValidationException, 404 ResourceNotFoundException, 409
 * ConflictException, 429 ThrottlingException, 500 InternalServerException.
 *
 * <p>Fault injection: {@link #throttleNext(int)} answers the next n requests with 429; {@link
 * #setDown(boolean)} answers every request with 500 InternalServerException while down (the socket
 * stays open, so the SDK sees a server error rather than a connection failure). A down emulator
 * takes precedence over pending throttles, which are kept for later. {@link #requestCount()} counts
 * every request received, faulted or not (SDK retries count separately).
 *
 * <p>Findings are seeded with {@link #loadFindings(Path)} or {@link #addFinding(String)}: stored as
 * deep copies and returned verbatim, so fixtures should follow the Macie finding schema. A finding
 * whose id is already present replaces the earlier one.
 *
 * <p>Thread-safe. The caller owns the emulator and must {@link #close()} it.
 */
public final class MacieEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MacieEmulator.class);
  private static final String CONTENT_TYPE = "application/json";
  private static final int MAX_BODY = 1024 * 1024;
  private static final long MAX_FINDINGS_FILE = 64L * 1024 * 1024;
  private static final String CDI_PREFIX = "/custom-data-identifiers/";

  /** Default account of {@link #start()}. */
  public static final String DEFAULT_ACCOUNT = "111122223333";

  /** Default Region of {@link #start()}. */
  public static final String DEFAULT_REGION = "us-east-1";

  private final MacieFindings findings = new MacieFindings();
  private final MacieCustomIdentifiers identifiers;
  private final AtomicInteger throttles = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong requests = new AtomicLong();
  private final LoopbackHttp http;

  private MacieEmulator(String region, String accountId) {
    this.identifiers = new MacieCustomIdentifiers(region, accountId);
    this.http = LoopbackHttp.start("macie", this::serve);
    LOG.debug("Macie emulator listening on {}", http.endpoint());
  }

  /** Starts an empty emulator for account 111122223333 in us-east-1. */
  public static MacieEmulator start() {
    return start(DEFAULT_REGION, DEFAULT_ACCOUNT);
  }

  /**
   * Starts an empty emulator; region and account appear in custom data identifier ARNs.
   *
   * @throws IllegalArgumentException if region or account is malformed
   */
  public static MacieEmulator start(String region, String accountId) {
    if (region == null || !KmsKeySpecs.REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region must look like us-east-1, got: " + region);
    }
    if (accountId == null || !KmsKeySpecs.ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("accountId must be 12 digits, got: " + accountId);
    }
    return new MacieEmulator(region, accountId);
  }

  /** The base URI for {@code Macie2Client.builder().endpointOverride(..)}. */
  public URI endpoint() {
    return http.endpoint();
  }

  /**
   * Loads findings from a JSON file (one finding object, an array of findings, or {@code
   * {"findings":[...]}}) or from every {@code *.json} file of a directory (not recursive, in file
   * name order). All findings of the call are validated before any is added.
   *
   * @return the number of findings read
   * @throws IllegalArgumentException naming the file and finding index if a file is not valid, or
   *     if a file is larger than 64 MiB
   * @throws UncheckedIOException if a file cannot be read
   */
  public int loadFindings(Path jsonFileOrDirectory) {
    Objects.requireNonNull(jsonFileOrDirectory, "jsonFileOrDirectory");
    try {
      List<ObjectNode> all = new ArrayList<>();
      for (Path file : MacieFindings.jsonFiles(jsonFileOrDirectory)) {
        if (Files.size(file) > MAX_FINDINGS_FILE) {
          throw new IllegalArgumentException(
              file + " is larger than " + MAX_FINDINGS_FILE + " bytes; split it");
        }
        String source = file.toString();
        all.addAll(
            MacieFindings.validateAll(
                MacieFindings.parse(Files.readAllBytes(file), source), source));
      }
      findings.putAll(all);
      int added = all.size();
      LOG.debug("loaded {} Macie findings from {}", added, jsonFileOrDirectory);
      return added;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read findings from " + jsonFileOrDirectory, e);
    }
  }

  /**
   * Adds one finding given as a JSON object.
   *
   * @return the finding's id
   * @throws IllegalArgumentException if it is not an object with a valid {@code id}
   */
  public String addFinding(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = LoopbackHttp.JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("finding is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("finding must be a JSON object");
    }
    findings.putAll(MacieFindings.validateAll(List.of(node), "addFinding"));
    return node.get("id").asText();
  }

  /** Number of seeded findings, archived included. */
  public int findingCount() {
    return findings.count();
  }

  /** Removes every seeded finding. */
  public void clearFindings() {
    findings.clear();
  }

  /**
   * The next {@code n} requests (any route) are answered 429 ThrottlingException. Replaces any
   * pending count; 0 cancels.
   */
  public void throttleNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    throttles.set(n);
  }

  /** While down, every request is answered 500 InternalServerException. */
  public void setDown(boolean value) {
    down.set(value);
  }

  /** Requests received since start, including throttled and failed ones. */
  public long requestCount() {
    return requests.get();
  }

  /** Stops the HTTP server. Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      JsonNode response;
      int status = 200;
      try {
        if (down.get()) {
          throw MacieFault.down();
        }
        if (throttles.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
          throw MacieFault.throttled();
        }
        response = route(exchange);
      } catch (MacieFault fault) {
        status = fault.status();
        exchange.getResponseHeaders().set("x-amzn-ErrorType", fault.type());
        ObjectNode body = LoopbackHttp.JSON.createObjectNode();
        body.put("message", fault.getMessage());
        response = body;
      } catch (RuntimeException e) {
        LOG.error("Macie emulator internal error", e);
        status = 500;
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "InternalServerException");
        ObjectNode body = LoopbackHttp.JSON.createObjectNode();
        body.put("message", "internal error in the Macie emulator");
        response = body;
      }
      LoopbackHttp.send(exchange, status, CONTENT_TYPE, response);
    }
  }

  private JsonNode route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (method.equals("POST")) {
      ObjectNode body = body(exchange);
      switch (path) {
        case "/findings":
          return findings.list(body);
        case "/findings/describe":
          return findings.get(body);
        case "/custom-data-identifiers":
          return identifiers.create(body);
        case "/custom-data-identifiers/list":
          return identifiers.list(body);
        case "/custom-data-identifiers/get":
          return identifiers.batchGet(body);
        default:
          break;
      }
    } else if (path.startsWith(CDI_PREFIX) && path.indexOf('/', CDI_PREFIX.length()) < 0) {
      String id = URLDecoder.decode(path.substring(CDI_PREFIX.length()), StandardCharsets.UTF_8);
      if (method.equals("GET")) {
        return identifiers.get(id);
      }
      if (method.equals("DELETE")) {
        return identifiers.delete(id);
      }
    }
    throw new MacieFault(
        404, "UnknownOperationException", "no emulated operation for " + method + " " + path);
  }

  private static ObjectNode body(HttpExchange exchange) throws IOException {
    try {
      return LoopbackHttp.parseObject(LoopbackHttp.readBody(exchange, MAX_BODY));
    } catch (LoopbackHttp.BodyTooLargeException e) {
      throw MacieFault.validation(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw MacieFault.validation(e.getMessage());
    }
  }
}
