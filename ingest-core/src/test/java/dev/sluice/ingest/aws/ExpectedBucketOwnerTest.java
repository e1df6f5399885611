package dev.sluice.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class ExpectedBucketOwnerTest {

  record Seen(String method, String path, String owner) {}

  /** A loopback server that records each request's expected-owner header and answers 200. */
  static HttpServer server(List<Seen> seen) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          seen.add(
              new Seen(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getPath(),
                  ex.getRequestHeaders().getFirst(ExpectedBucketOwner.HEADER)));
          byte[] body =
              ex.getRequestURI().getQuery() != null
                      && ex.getRequestURI().getQuery().contains("list-type")
                  ? ("<ListBucketResult><Name>raw</Name><KeyCount>0</KeyCount>"
                          + "<IsTruncated>false</IsTruncated></ListBucketResult>")
                      .getBytes(StandardCharsets.UTF_8)
                  : new byte[0];
          ex.getResponseHeaders().add("ETag", "\"e\"");
          ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    http.start();
    return http;
  }

  static S3Client client(HttpServer http, String owner) {
    URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    return AwsClients.s3(
        AwsSettings.local("us-east-1", uri, uri, null).withExpectedBucketOwner(owner));
  }

  @Test
  void everyS3CallCarriesTheExpectedOwnerWhenSet() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpServer http = server(seen);
    try (S3Client s3 = client(http, "111122223333")) {
      s3.listObjectsV2(r -> r.bucket("raw"));
      s3.putObject(r -> r.bucket("curated").key("k"), RequestBody.fromString("x"));
      s3.headObject(r -> r.bucket("curated").key("k"));
      s3.deleteObject(r -> r.bucket("curated").key("k"));
      s3.headBucket(r -> r.bucket("curated"));
    } finally {
      http.stop(0);
    }
    assertThat(seen).hasSize(5).allSatisfy(s -> assertThat(s.owner()).isEqualTo("111122223333"));
  }

  @Test
  void noHeaderWhenUnset() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpServer http = server(seen);
    try (S3Client s3 = client(http, "")) {
      s3.headBucket(r -> r.bucket("curated"));
    } finally {
      http.stop(0);
    }
    assertThat(seen).singleElement().satisfies(s -> assertThat(s.owner()).isNull());
  }

  @Test
  void ownerMustBeAnAccountId() {
    assertThatThrownBy(() -> AwsSettings.aws("us-east-1").withExpectedBucketOwner("acme"))
        .hasMessage("aws.expected-bucket-owner must be a 12-digit account id");
  }
}
