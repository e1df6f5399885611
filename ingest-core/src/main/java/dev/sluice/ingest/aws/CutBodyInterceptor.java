package dev.sluice.ingest.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Makes a response body cut while the SDK unmarshals it a retryable failure.
 *
 * <p>SDK 2.40's retry stage catches {@code SdkException} and {@code IOException} only; the XML
 * unmarshaller wraps a connection reset in {@link java.io.UncheckedIOException}, which escapes the
 * retry loop (and every {@code catch (SdkException)} in Sluice). Found by the chaos suite: a
 * ListObjectsV2 answer reset half-way failed the whole run, and a page cut in a way the parser did
 * not notice was taken as complete. This interceptor reads the whole body before unmarshalling: an
 * {@link IOException} while reading becomes an {@link SdkClientException} with the I/O error as its
 * cause, which the standard strategy retries like any other connection error, and the parser only
 * ever sees a complete body.
 *
 * <p>Bodies the caller streams itself (GetObject) are left alone: the caller sees the {@code
 * IOException} and decides. Stateless and thread-safe.
 */
final class CutBodyInterceptor implements ExecutionInterceptor {
  private final Predicate<SdkRequest> applies;

  CutBodyInterceptor(Predicate<SdkRequest> applies) {
    this.applies = applies;
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes executionAttributes) {
    Optional<InputStream> body = context.responseBody();
    if (body.isEmpty() || !applies.test(context.request())) {
      return body;
    }
    // read the whole (small: a page, a key description) body before the unmarshaller sees it
    try (InputStream in = body.get()) {
      return Optional.of(new ByteArrayInputStream(in.readAllBytes()));
    } catch (IOException e) {
      throw SdkClientException.builder()
          .message("response body cut: " + e.getClass().getSimpleName())
          .cause(e)
          .build();
    }
  }
}
