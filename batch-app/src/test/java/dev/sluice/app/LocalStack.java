package dev.sluice.app;

import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** The local emulators plus the CLI flags that point Sluice at them. Test support. */
final class LocalStack implements AutoCloseable {
  static final String RAW = "raw-docs";
  static final String CURATED = "curated";
  static final String KEY_ID = "1d1e2f30-0000-4000-8000-0000000000aa";
  static final String OTHER_KEY_ID = "1d1e2f30-0000-4000-8000-0000000000bb";

  final LocalAws aws;
  final S3Client s3;

  LocalStack() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(RAW)
                .bucket(CURATED)
                .kmsKey("alias/it-curated", KEY_ID)
                .kmsKey("alias/it-other", OTHER_KEY_ID)
                .build());
    s3 = AwsClients.s3(settings());
  }

  AwsSettings settings() {
    return AwsSettings.local(
        aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint());
  }

  /** Flags pointing the CLI at the emulators, with a default dataset under {@code keyId}. */
  List<String> flags(String dataDir, String outputDir, String keyId) {
    List<String> f = new ArrayList<>();
    f.add("--sluice.aws.region=" + aws.region());
    f.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
    f.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
    f.add("--sluice.aws.macie-endpoint=" + aws.macieEndpoint());
    f.add("--sluice.aws.path-style=true");
    f.add("--sluice.aws.access-key=it");
    f.add("--sluice.aws.secret-key=it");
    f.add("--sluice.dataset.name=support-kb");
    f.add("--sluice.dataset.bucket=" + CURATED);
    f.add("--sluice.dataset.kms-key-id=" + keyId);
    f.add("--sluice.data-dir=" + dataDir);
    f.add("--sluice.output-dir=" + outputDir);
    f.add("--sluice.job.threads=2");
    f.add("--sluice.job.chunk-size=3");
    return f;
  }

  @Override
  public void close() {
    s3.close();
    aws.close();
  }
}
