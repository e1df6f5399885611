package dev.sluice.localaws;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of one emulator. Point an SDK client's
 * {@code endpointOverride} at {@link #endpoint()} instead of the emulator's; a configurable share
 * of requests is then answered with the service's own retryable errors, delayed, or cut mid-body.
 *
 * <pre>{@code
 * try (FaultProxy s3 = FaultProxy.start(FaultProxy.Service.S3, aws.s3Endpoint(), 42)) {
 *   s3.setRate(0.05); // 5 % of requests: a fault drawn from the enabled kinds
 *   S3Client c = S3Client.builder().endpointOverride(s3.endpoint())...
 * }
 * }</pre>
 *
 * <p>Faults and their wire shape, per {@link Service}:
 *
 * <ul>
 *   <li>{@link Fault#ERROR_500}: S3 {@code 500 <Error><Code>InternalError}, KMS {@code 500
 *       KMSInternalException}, Macie {@code 500 InternalServerException};
 *   <li>{@link Fault#UNAVAILABLE_503}: S3 {@code 503 SlowDown}, KMS {@code 503
 *       DependencyTimeoutException}, Macie {@code 503 ServiceUnavailableException};
 *   <li>{@link Fault#THROTTLE}: S3 {@code 503 SlowDown} (S3 throttles that way), KMS {@code 400
 *       ThrottlingException}, Macie {@code 429 ThrottlingException};
 *   <li>{@link Fault#DELAY}: the request is forwarded after 20-200 ms (not an error);
 *   <li>{@link Fault#CUT_RESPONSE}: the response head and part of its body are relayed, then the
 *       connection is reset (a GetObject cut while streaming);
 *   <li>{@link Fault#CUT_REQUEST}: part of the request body is read, then the connection is reset
 *       (an upload or part cut while sending); requests without a body get {@code ERROR_500}.
 * </ul>
 *
 * <p>Every exchange uses its own connection ({@code Connection: close} both ways), so framing is
 * never shared between requests; {@code Expect: 100-continue} is answered by the proxy. Signatures
 * are not re-computed: the emulators check none. S3 ListObjectsV2 continuation pages are remembered
 * and replayed when asked again, because S3Mock's tokens are single-use where S3's are not (a page
 * retried after a fault would otherwise restart the listing). Which requests may be faulted is
 * narrowed by {@link #setScope}; a request out of scope is always forwarded. Faults are drawn from
 * a seeded {@link Random}; with concurrent clients the order of draws, not their distribution,
 * varies.
 *
 * <p>Thread-safe. Counters are cumulative since start. The caller owns the proxy and closes it; the
 * emulator behind it is not closed.
 */
public final class FaultProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;
  private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");

  /** The service behind the proxy; selects the error shapes. */
  public enum Service {
    S3,
    KMS,
    MACIE
  }

  /** A kind of injected fault. */
  public enum Fault {
    ERROR_500,
    UNAVAILABLE_503,
    THROTTLE,
    DELAY,
    CUT_RESPONSE,
    CUT_REQUEST;

    /** The kinds that make a request fail (everything except {@link #DELAY}). */
    public static Set<Fault> failing() {
      return EnumSet.of(ERROR_500, UNAVAILABLE_503, THROTTLE, CUT_RESPONSE, CUT_REQUEST);
    }

    /** Error answers only: the service is down, no cut connections. */
    public static Set<Fault> errors() {
      return EnumSet.of(ERROR_500, UNAVAILABLE_503, THROTTLE);
    }
  }

  /** What the scope predicate sees of a request: method and request target (path and query). */
  public record Request(String method, String target) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
    }

    /** True for methods that change state (PUT, POST, DELETE). */
    public boolean isWrite() {
      return method.equals("PUT") || method.equals("POST") || method.equals("DELETE");
    }
  }

  private final Service service;
  private final URI target;
  private final ServerSocket server;
  private final ExecutorService workers;
  private final URI endpoint;
  private final Random random;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

  private volatile double rate;
  private volatile Fault[] kinds = Fault.values();
  private volatile Predicate<Request> scope = r -> true;

  private FaultProxy(Service service, URI target, ServerSocket server, long seed) {
    this.service = service;
    this.target = target;
    this.server = server;
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
    AtomicInteger n = new AtomicInteger();
    String name = "fault-proxy-" + service.name().toLowerCase(Locale.ROOT);
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Starts a proxy on a free loopback port forwarding to {@code target} (an {@code
   * http://host:port} URI). No fault is injected until {@link #setRate} is called.
   *
   * @throws IllegalArgumentException if {@code target} is not an http URI with a host and port
   * @throws IllegalStateException if no loopback port can be bound
   */
  public static FaultProxy start(Service service, URI target, long seed) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(target, "target");
    if (!"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 0) {
      throw new IllegalArgumentException("target must be http://host:port, got: " + target);
    }
    ServerSocket ss;
    try {
      ss = new ServerSocket();
      ss.setReuseAddress(true);
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    } catch (IOException e) {
      throw new IllegalStateException("fault proxy: cannot bind a loopback port", e);
    }
    FaultProxy p = new FaultProxy(service, target, ss, seed);
    Thread acceptor = new Thread(p::acceptLoop, "fault-proxy-" + service + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return p;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Service service() {
    return service;
  }

  /**
   * The share of in-scope requests that get a fault, from 0 (none) to 1 (every one).
   *
   * @throws IllegalArgumentException if {@code value} is outside [0, 1]
   */
  public void setRate(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("rate must be in [0, 1], got " + value);
    }
    this.rate = value;
  }

  public double rate() {
    return rate;
  }

  /**
   * The fault kinds drawn from, each equally likely.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public void setFaults(Set<Fault> value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("faults must name at least one kind");
    }
    this.kinds = EnumSet.copyOf(value).toArray(Fault[]::new);
  }

  /** Only requests matching {@code value} may be faulted; the default matches every request. */
  public void setScope(Predicate<Request> value) {
    this.scope = Objects.requireNonNull(value, "scope");
  }

  /** Requests received, faulted or not. */
  public long requests() {
    return requests.get();
  }

  /** Requests whose SDK header {@code amz-sdk-request} says they are a retry (attempt &gt; 1). */
  public long retries() {
    return retries.get();
  }

  /** Faults of {@code kind} injected so far. */
  public long injected(Fault kind) {
    return injected.get(kind).get();
  }

  /** Faults of every kind injected so far. */
  public long injected() {
    long sum = 0;
    for (AtomicLong v : injected.values()) {
      sum += v.get();
    }
    return sum;
  }

  /** One line for logs and test output: service, rate, requests, retries and faults by kind. */
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append(service)
            .append(String.format(Locale.ROOT, " rate=%.1f%%", rate * 100))
            .append(" requests=")
            .append(requests())
            .append(" retries=")
            .append(retries())
            .append(" faults=")
            .append(injected());
    for (Fault f : Fault.values()) {
      long n = injected(f);
      if (n > 0) {
        sb.append(' ').append(f.name()).append('=').append(n);
      }
    }
    return sb.toString();
  }

  /** Stops accepting and resets open connections. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      workers.shutdownNow();
    }
  }

  // ---- connection handling -------------------------------------------------------------------

  private void acceptLoop() {
    while (!closed.get()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          LOG.warn("fault proxy {}: accept failed: {}", service, e.getClass().getSimpleName());
        }
        return;
      }
      try {
        workers.execute(() -> handle(client));
      } catch (RuntimeException rejected) {
        closeQuietly(client);
      }
    }
  }

  /** A parsed request or response head: first line, headers in order, and body framing. */
  private record Head(String firstLine, List<String[]> headers) {
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    long contentLength() {
      String v = header("Content-Length");
      try {
        return v == null ? -1 : Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    boolean chunked() {
      String te = header("Transfer-Encoding");
      return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    byte[] encode(Set<String> drop, List<String[]> add) {
      StringBuilder sb = new StringBuilder(firstLine).append("\r\n");
      for (String[] h : headers) {
        if (!drop.contains(h[0].toLowerCase(Locale.ROOT))) {
          sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
      }
      for (String[] h : add) {
        sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private void handle(Socket client) {
    try (client) {
      client.setSoTimeout(120_000);
      InputStream cin = new BufferedInputStream(client.getInputStream(), 16 * 1024);
      OutputStream cout = client.getOutputStream();
      Head req = readHead(cin);
      if (req == null) {
        return;
      }
      requests.incrementAndGet();
      String sdkRequest = req.header("amz-sdk-request");
      if (sdkRequest != null) {
        Matcher m = ATTEMPT.matcher(sdkRequest);
        if (m.find() && Integer.parseInt(m.group(1)) > 1) {
          retries.incrementAndGet();
        }
      }
      String[] parts = req.firstLine().split(" ", 3);
      Request request = new Request(parts[0], parts.length > 1 ? parts[1] : "/");
      boolean hasBody = req.chunked() || req.contentLength() > 0;
      if ("100-continue".equalsIgnoreCase(String.valueOf(req.header("Expect")))) {
        cout.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        cout.flush();
      }
      Fault fault = draw(request);
      if (fault == Fault.CUT_REQUEST && !hasBody) {
        fault = Fault.ERROR_500;
      }
      if (fault != null) {
        injected.get(fault).incrementAndGet();
      }
      if (fault == Fault.CUT_REQUEST) {
        long len = req.contentLength();
        long keep = len > 0 ? Math.max(0, len / 2) : 16;
        copyN(cin, OutputStream.nullOutputStream(), keep);
        reset(client);
        return;
      }
      if (fault == Fault.ERROR_500 || fault == Fault.UNAVAILABLE_503 || fault == Fault.THROTTLE) {
        drainBody(cin, req);
        sendError(cout, fault, request.method().equals("HEAD"));
        return;
      }
      if (fault == Fault.DELAY) {
        Thread.sleep(20 + nextInt(180));
      }
      forward(client, cin, cout, req, fault == Fault.CUT_RESPONSE);
    } catch (IOException e) {
      // the client or the emulator went away; nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Fault draw(Request request) {
    double r = rate;
    if (r <= 0 || !scope.test(request)) {
      return null;
    }
    Fault[] k = kinds;
    synchronized (random) {
      if (random.nextDouble() >= r) {
        return null;
      }
      return k[random.nextInt(k.length)];
    }
  }

  private int nextInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  private void forward(Socket client, InputStream cin, OutputStream cout, Head req, boolean cut)
      throws IOException {
    String pageKey = continuationPage(req);
    byte[] replay = pageKey == null ? null : pages.get(pageKey);
    if (replay != null) {
      relay(client, new ByteArrayInputStream(replay), cout, cut);
      return;
    }
    try (Socket up = new Socket()) {
      up.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
      up.setSoTimeout(120_000);
      OutputStream uout = up.getOutputStream();
      uout.write(
          req.encode(
              Set.of("connection", "expect", "keep-alive", "proxy-connection"),
              List.<String[]>of(new String[] {"Connection", "close"})));
      if (req.chunked()) {
        copyChunked(cin, uout);
      } else if (req.contentLength() > 0) {
        copyN(cin, uout, req.contentLength());
      }
      uout.flush();
      InputStream uin = new BufferedInputStream(up.getInputStream(), 16 * 1024);
      if (pageKey != null) {
        byte[] whole = uin.readAllBytes();
        if (whole.length > 0 && whole.length <= MAX_PAGE_BYTES) {
          pages.putIfAbsent(pageKey, whole);
        }
        uin = new ByteArrayInputStream(whole);
      }
      Head resp = readHead(uin);
      if (resp == null) {
        reset(client);
        return;
      }
      relay(client, resp, uin, cout, cut);
    }
  }

  private void relay(Socket client, InputStream in, OutputStream cout, boolean cut)
      throws IOException {
    Head resp = readHead(in);
    if (resp == null) {
      reset(client);
      return;
    }
    relay(client, resp, in, cout, cut);
  }

  private void relay(Socket client, Head resp, InputStream uin, OutputStream cout, boolean cut)
      throws IOException {
    cout.write(
        resp.encode(
            Set.of("connection", "keep-alive"),
            List.<String[]>of(new String[] {"Connection", "close"})));
    if (cut) {
      long len = resp.contentLength();
      long keep = len > 1 ? nextInt((int) Math.min(len - 1, Integer.MAX_VALUE - 1)) : 0;
      copyN(uin, cout, keep);
      cout.flush();
      reset(client);
      return;
    }
    uin.transferTo(cout);
    cout.flush();
  }

  /**
   * The cache key of an S3 ListObjectsV2 continuation page, else {@code null}. S3Mock keeps its
   * continuation tokens server-side and forgets one once used, so a page retried after a cut answer
   * would restart the listing from the first key; real S3 tokens can be replayed. The proxy
   * remembers each continuation page it fetched and replays it, as S3 would answer.
   */
  private String continuationPage(Head req) {
    if (service != Service.S3 || !req.firstLine().startsWith("GET ")) {
      return null;
    }
    String target = req.firstLine().split(" ", 3)[1];
    return target.contains("continuation-token=") ? target : null;
  }

  private void sendError(OutputStream out, Fault fault, boolean head) throws IOException {
    int status;
    String type;
    String message;
    switch (service) {
      case S3 -> {
        boolean slow = fault != Fault.ERROR_500;
        status = slow ? 503 : 500;
        type = slow ? "SlowDown" : "InternalError";
        message =
            slow
                ? "Please reduce your request rate. (injected)"
                : "We encountered an internal error. Please try again. (injected)";
      }
      case KMS -> {
        status = fault == Fault.ERROR_500 ? 500 : fault == Fault.UNAVAILABLE_503 ? 503 : 400;
        type =
            fault == Fault.ERROR_500
                ? "KMSInternalException"
                : fault == Fault.UNAVAILABLE_503
                    ? "DependencyTimeoutException"
                    : "ThrottlingException";
        message = "Injected fault";
      }
      default -> {
        status = fault == Fault.ERROR_500 ? 500 : fault == Fault.UNAVAILABLE_503 ? 503 : 429;
        type =
            fault == Fault.ERROR_500
                ? "InternalServerException"
                : fault == Fault.UNAVAILABLE_503
                    ? "ServiceUnavailableException"
                    : "ThrottlingException";
        message = "Injected fault";
      }
    }
    String contentType;
    String body;
    List<String> extra = new ArrayList<>();
    switch (service) {
      case S3 -> {
        contentType = "application/xml";
        body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + type
                + "</Code><Message>"
                + message
                + "</Message><RequestId>FAULTPROXY</RequestId></Error>";
      }
      case KMS -> {
        contentType = "application/x-amz-json-1.1";
        body = "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
      }
      default -> {
        contentType = "application/json";
        extra.add("x-amzn-ErrorType: " + type);
        body = "{\"message\":\"" + message + "\"}";
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reasonPhrase(status))
            .append("\r\nContent-Type: ")
            .append(contentType)
            .append("\r\nx-amzn-RequestId: FAULTPROXY\r\n");
    for (String h : extra) {
      sb.append(h).append("\r\n");
    }
    sb.append("Content-Length: ").append(head ? 0 : bytes.length);
    sb.append("\r\nConnection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(bytes);
    }
    out.flush();
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  // ---- HTTP framing --------------------------------------------------------------------------

  /** Reads a head up to the blank line; {@code null} if the stream ends before any byte. */
  private static Head readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    int total = 0;
    while (true) {
      String line = readLine(in);
      if (line == null) {
        if (lines.isEmpty()) {
          return null;
        }
        throw new IOException("connection closed inside a head");
      }
      total += line.length() + 2;
      if (total > MAX_HEAD_BYTES) {
        throw new IOException("head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      if (line.isEmpty()) {
        if (lines.isEmpty()) {
          continue; // tolerate a stray CRLF between messages
        }
        break;
      }
      lines.add(line);
    }
    List<String[]> headers = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
      }
    }
    return new Head(lines.get(0), headers);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = buf.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
      if (buf.size() > MAX_HEAD_BYTES) {
        throw new IOException("line longer than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static void drainBody(InputStream in, Head req) throws IOException {
    if (req.chunked()) {
      copyChunked(in, OutputStream.nullOutputStream());
    } else if (req.contentLength() > 0) {
      copyN(in, OutputStream.nullOutputStream(), req.contentLength());
    }
  }

  private static void copyN(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("stream ended " + left + " bytes early");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }

  /** Copies a chunked body verbatim (sizes, extensions, data, trailers). */
  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new IOException("chunked body ended early");
      }
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
          if (trailer == null) {
            throw new IOException("chunked trailers ended early");
          }
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
        return;
      }
      copyN(in, out, size);
      String crlf = readLine(in);
      if (crlf == null) {
        throw new IOException("chunk ended early");
      }
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** Closes with a TCP reset (SO_LINGER 0), as a dropped connection looks to the client. */
  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException ignored) {
      // closing anyway
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
