package dev.sluice.ingest.aws;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Adds {@code x-amz-expected-bucket-owner} to every S3 request, so S3 answers 403 instead of
 * serving or accepting data when the bucket belongs to another account. One interceptor instead of
 * a setter on each request builder: no call site can forget it. Thread-safe (immutable).
 */
final class ExpectedBucketOwner implements ExecutionInterceptor {
  static final String HEADER = "x-amz-expected-bucket-owner";
  private final String account;

  ExpectedBucketOwner(String account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    return context.httpRequest().toBuilder().putHeader(HEADER, account).build();
  }
}
