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
      Path samples = home.resolve("sample-data/config");
      if (Files.isDirectory(samples)) {
        spring.add(
            "--sluice.classifiers.custom-identifiers="
                + samples.resolve("custom-identifiers.json").toAbsolutePath());
        spring.add(
            "--sluice.classifiers.allow-lists="
                + samples.resolve("allow-list.txt").toAbsolutePath());
        spring.add(
            "--sluice.classifiers.deny-terms="
                + samples.resolve("deny-terms.txt").toAbsolutePath());
      }

      Path config = writeConfig(demoDir.resolve("sluice-demo.properties"), spring);

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
      printByHand(
          config,
          classifyRun,
          ingestRun,
          "arn:aws:kms:" + aws.region() + ":" + LocalAws.DEFAULT_ACCOUNT + ":key/" + KEY_ID);
      return SluiceCli.OK;
    }
  }

  /**
   * Writes the settings the demo ran with as a properties file, so each step can be repeated with
   * {@code --config}. Returns the file.
   */
  static Path writeConfig(Path file, List<String> springArgs) {
    StringBuilder b = new StringBuilder();
    b.append(
        "# The settings ./sluice demo ran with (use: ./sluice <command> --config <this file>).\n");
    b.append(
        "# For your own bucket: delete the sluice.aws endpoint, path-style and key lines (the\n");
    b.append(
        "# SDK's default credential chain is used), and set the dataset bucket and KMS key.\n");
    for (String arg : springArgs) {
      if (arg.startsWith("--") && arg.contains("=")) {
        String kv = arg.substring(2);
        if (kv.startsWith("sluice.aws.")) {
          b.append("# local emulator only:\n");
        }
        b.append(kv).append('\n');
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private void printByHand(Path config, String classifyRun, String ingestRun, String keyArn) {
    String c = config.toAbsolutePath().toString();
    out.println();
    out.println("Each step by hand (settings in " + c + "; the emulators stopped with the demo):");
    out.println("  ./sluice policy validate sample-data/config/policy.yaml");
    out.println(
        "  ./sluice classify s3://" + RAW + "/ --config " + c + "   # dry run, reports only");
    out.println("  ./sluice ingest s3://" + RAW + "/ --config " + c + " --force");
    out.println(
        "  ./sluice report "
            + ingestRun
            + "              # or: report diff "
            + classifyRun
            + " "
            + ingestRun);
    out.println("  ./sluice lineage s3://" + RAW + "/<key>");
    out.println("  ./sluice grants support-kb --config " + c + " --key-arn " + keyArn);
    out.println(
        "Against your own bucket: edit the file as its header says, then run the same commands"
            + " with s3://<your-bucket>/<prefix>.");
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
