package dev.sluice.app.cli;

import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded default: local emulators, the sample corpus, a dry run and an ingest. Uses the same
 * jobs and AWS SDK clients as production; only endpoints differ.
 */
final class Demo {
  static final String RAW = "raw-docs";
  static final String CURATED = "curated";
  static final String QUARANTINE = "quarantine";
  static final String KEY_ALIAS = "alias/sluice-curated";
  static final String KEY_ID = "5ca1ab1e-0000-4000-8000-00000000c0de";

  private final SluiceCli cli;
  private final PrintStream out;

  Demo(SluiceCli cli, PrintStream out) {
    this.cli = cli;
    this.out = out;
  }

  int run(List<String> argv) {
    Args a = Args.parse(argv, Set.of("corpus", "macie-findings", "output-dir"), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.DEMO);
      return SluiceCli.OK;
    }
    Path home = Path.of(env("SLUICE_HOME", "."));
    Path corpus = Path.of(a.get("corpus", home.resolve("sample-data/corpus").toString()));
    Path findings =
        Path.of(a.get("macie-findings", home.resolve("sample-data/macie/findings").toString()));
    Path outDir = Path.of(a.get("output-dir", env("SLUICE_OUTPUT_DIR", "out")));
    Path dataDir = Path.of(env("SLUICE_DATA_DIR", "data"));
    if (!Files.isDirectory(corpus)) {
      throw new UsageException("--corpus: no such folder " + corpus.toAbsolutePath());
    }
    Path demoDir = outDir.resolve("demo");
    deleteTree(demoDir.resolve("s3"));
    out.println("Starting local S3 (S3Mock), KMS and Macie emulators ...");
    try (LocalAws aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(RAW)
                .bucket(CURATED)
                .bucket(QUARANTINE)
                .kmsKey(KEY_ALIAS, KEY_ID)
                .s3StoreRoot(demoDir.resolve("s3").toAbsolutePath())
                .retainS3Files(true)
                .kmsStateDir(demoDir.resolve("kms").toAbsolutePath())
                .build())) {
      AwsSettings settings =
          AwsSettings.local(aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint());
      int uploaded;
      try (S3Client s3 = AwsClients.s3(settings)) {
        uploaded = upload(s3, corpus);
      }
      int macieFindings = Files.isDirectory(findings) ? aws.macie().loadFindings(findings) : 0;
      out.println(
          "Uploaded "
              + uploaded
              + " sample documents to s3://"
              + RAW
              + "/; Macie emulator holds "
              + macieFindings
              + " findings");

      List<String> spring = new ArrayList<>(a.springArgs);
      spring.add("--sluice.aws.region=" + aws.region());
      spring.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
      spring.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
      spring.add("--sluice.aws.macie-endpoint=" + aws.macieEndpoint());
      spring.add("--sluice.aws.path-style=true");
      spring.add("--sluice.aws.access-key=local-access-key");
      spring.add("--sluice.aws.secret-key=local-secret-key");
      spring.add("--sluice.macie.mode=advisory");
      spring.add("--sluice.dataset.name=support-kb");
      spring.add("--sluice.dataset.bucket=" + CURATED);
      // S3Mock accepts only the bare key id on PutObject (real S3 also takes the ARN)
      spring.add("--sluice.dataset.kms-key-id=" + KEY_ID);
      spring.add("--sluice.dataset.classification=internal");
      spring.add("--sluice.output-dir=" + outDir);
      Path config = home.resolve("sample-data/config");
      if (Files.isDirectory(config)) {
        spring.add(
            "--sluice.classifiers.custom-identifiers=" + config.resolve("custom-identifiers.json"));
        spring.add("--sluice.classifiers.allow-lists=" + config.resolve("allow-list.txt"));
        spring.add("--sluice.classifiers.deny-terms=" + config.resolve("deny-terms.txt"));
      }

      String date = LocalDate.now(ZoneOffset.UTC).toString();
      String classifyRun = SluiceCli.newRunId("classify");
      out.println();
      int c =
          cli.launch(
              new SluiceCli.JobRun(
                  "classify", "s3://" + RAW + "/", classifyRun, date, false, "", spring));
      if (c == SluiceCli.FAILED || c == SluiceCli.USAGE) {
        return c;
      }
      String ingestRun = SluiceCli.newRunId("ingest");
      out.println();
      int i =
          cli.launch(
              new SluiceCli.JobRun(
                  "ingest", "s3://" + RAW + "/", ingestRun, date, true, "", spring));
      if (i == SluiceCli.FAILED || i == SluiceCli.USAGE) {
        return i;
      }
      Path mirror = demoDir.resolve("curated");
      int objects;
      try (S3Client s3 = AwsClients.s3(settings)) {
        objects = download(s3, CURATED, mirror);
      }
      out.println();
      out.println("Done. Where things are:");
      out.println(
          "  curated dataset:  s3://"
              + CURATED
              + "/support-kb/ ("
              + objects
              + " objects, SSE-KMS "
              + KEY_ALIAS
              + "); local copy "
              + mirror.toAbsolutePath());
      out.println(
          "  lineage:          H2 database "
              + Path.of("data", "sluice.mv.db").toAbsolutePath()
              + "  (./sluice lineage <uri>)");
      out.println(
          "  dry-run report:   "
              + outDir
                  .resolve("reports")
                  .resolve(classifyRun)
                  .resolve("report.json")
                  .toAbsolutePath());
      out.println(
          "  ingest report:    "
              + outDir
                  .resolve("reports")
                  .resolve(ingestRun)
                  .resolve("report.json")
                  .toAbsolutePath());
      out.println("  S3 store on disk: " + demoDir.resolve("s3").toAbsolutePath());
      return SluiceCli.OK;
    }
  }

  static int upload(S3Client s3, Path corpus) {
    try (Stream<Path> files = Files.walk(corpus)) {
      List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
      for (Path f : list) {
        String key = corpus.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
        s3.putObject(r -> r.bucket(RAW).key(key), RequestBody.fromFile(f));
      }
      return list.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + corpus, e);
    }
  }

  static int download(S3Client s3, String bucket, Path target) {
    deleteTree(target);
    int n = 0;
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
      Path file = target.resolve(o.key()).normalize();
      if (!file.startsWith(target)) {
        continue;
      }
      try {
        Files.createDirectories(file.getParent());
        s3.getObject(r -> r.bucket(bucket).key(o.key()), file);
        n++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return n;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
