package dev.sluice.app.config;

import dev.sluice.classifiers.Scanner;
import dev.sluice.classifiers.ScannerBuilder;
import dev.sluice.classifiers.Severity;
import dev.sluice.classifiers.identifier.AllowList;
import dev.sluice.classifiers.identifier.CustomIdentifiers;
import dev.sluice.classifiers.identifier.DenyTermList;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.extract.ExtractionLimits;
import dev.sluice.ingest.extract.ExtractionWorkspace;
import dev.sluice.ingest.extract.Extractor;
import dev.sluice.ingest.extract.TikaExtractor;
import dev.sluice.ingest.lineage.JdbcLineageStore;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.sink.PartStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;

/** Singletons shared by every job: AWS clients, scanner, extractor, policy, stores. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SluiceProperties.class)
public class CoreBeans {

  @Bean
  ValidatedProperties validatedProperties(
      SluiceProperties props, org.springframework.core.env.ConfigurableEnvironment env) {
    KnownKeys keys = KnownKeys.of();
    keys.firstUnknown(env)
        .ifPresent(
            k -> {
              throw new IllegalArgumentException(
                  k + ": unknown setting; did you mean " + keys.nearest(k) + "?");
            });
    props.validate();
    // databases, spools, keys and reports live here: owner-only before anything is written
    dev.sluice.ingest.OwnerOnly.directory(Path.of(props.dataDir()));
    dev.sluice.ingest.OwnerOnly.files(Path.of(props.dataDir()));
    dev.sluice.ingest.OwnerOnly.directory(Path.of(props.outputDir()));
    return new ValidatedProperties(props);
  }

  /** Marker that configuration passed validation; beans that use it start only after. */
  public record ValidatedProperties(SluiceProperties props) {}

  @Bean
  AwsSettings awsSettings(ValidatedProperties v) {
    SluiceProperties.Aws a = v.props().aws();
    return new AwsSettings(
        a.region(),
        uri(a.s3Endpoint()),
        uri(a.kmsEndpoint()),
        uri(a.macieEndpoint()),
        a.pathStyle(),
        a.accessKey(),
        a.secretKey(),
        a.expectedBucketOwner());
  }

  private static Optional<URI> uri(String s) {
    return s.isBlank() ? Optional.empty() : Optional.of(URI.create(s));
  }

  @Bean(destroyMethod = "close")
  @Lazy
  S3Client s3Client(AwsSettings s) {
    return AwsClients.s3(s);
  }

  @Bean(destroyMethod = "close")
  @Lazy
  KmsClient kmsClient(AwsSettings s) {
    return AwsClients.kms(s);
  }

  @Bean(destroyMethod = "close")
  @Lazy
  Macie2Client macieClient(AwsSettings s) {
    return AwsClients.macie(s);
  }

  @Bean
  Scanner scanner(ValidatedProperties v) {
    SluiceProperties.Classifiers c = v.props().classifiers();
    ScannerBuilder b = Scanner.builder().fingerprintKey(fingerprintKey(v.props()));
    if (!c.customIdentifiers().isBlank()) {
      String text = read(c.customIdentifiers(), "sluice.classifiers.custom-identifiers");
      try {
        b.customIdentifiers(CustomIdentifiers.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "sluice.classifiers.custom-identifiers ("
                + c.customIdentifiers()
                + "): "
                + e.getMessage(),
            e);
      }
    }
    for (String f : nz(c.allowLists())) {
      b.allowList(AllowList.ofText(baseName(f), read(f, "sluice.classifiers.allow-lists")));
    }
    for (String f : nz(c.denyTerms())) {
      List<String> terms =
          read(f, "sluice.classifiers.deny-terms")
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      b.denyTerms(DenyTermList.of(baseName(f), terms, Severity.MEDIUM));
    }
    return b.build();
  }

  private static List<String> nz(List<String> l) {
    return l == null ? List.of() : l;
  }

  private static String baseName(String file) {
    String n = Path.of(file).getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static String read(String file, String property) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(property + ": cannot read " + file, e);
    }
  }

  @Bean
  EffectiveSettings effectiveSettings(ValidatedProperties v, Policy policy, CatalogInfo catalog) {
    return EffectiveSettings.of(v.props(), policy, catalog.version());
  }

  @Bean
  CatalogInfo catalogInfo(Scanner scanner) {
    return new CatalogInfo(scanner.catalogVersion());
  }

  /** A private, owner-only spool directory; leftovers of killed runs are swept at start. */
  @Bean(destroyMethod = "close")
  ExtractionWorkspace extractionWorkspace(ValidatedProperties v) {
    Path root = Path.of(v.props().dataDir()).resolve("extract");
    // Processes sharing a data directory (remote workers) start at the same time: one may sweep
    // the other's workspace in the instant between its creation and its lock. Try again then.
    for (int attempt = 1; ; attempt++) {
      try {
        return ExtractionWorkspace.open(root);
      } catch (UncheckedIOException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Bean
  Extractor extractor(ValidatedProperties v, ExtractionWorkspace workspace) {
    SluiceProperties.Extraction e = v.props().extraction();
    return TikaExtractor.builder()
        .limits(
            ExtractionLimits.builder()
                .maxDocumentBytes(e.maxObjectBytes())
                .maxCharsPerUnit(e.maxCharsPerUnit())
                .maxTotalChars(e.maxTotalChars())
                .timeout(java.time.Duration.ofSeconds(e.timeoutSeconds()))
                .maxNestingDepth(e.maxNestingDepth())
                .maxEmbeddedEntries(e.maxEmbeddedEntries())
                .maxExpansionRatio(e.maxExpansionRatio())
                .maxEntityExpansions(e.maxEntityExpansions())
                .build())
        .workspace(workspace)
        .build();
  }

  @Bean
  Policy policy(ValidatedProperties v) throws IOException {
    String path = v.props().policy();
    return path.isBlank()
        ? PolicyLoader.defaultPolicy()
        : PolicyLoader.load(Path.of(path), customIdentifierNames(v.props()));
  }

  /** Names of the configured custom identifiers, which a policy may name as identifier IDs. */
  public static java.util.Set<String> customIdentifierNames(SluiceProperties p) {
    String file = p.classifiers().customIdentifiers();
    if (file.isBlank()) {
      return java.util.Set.of();
    }
    try {
      return CustomIdentifiers.parse(read(file, "sluice.classifiers.custom-identifiers")).stream()
          .map(dev.sluice.classifiers.identifier.CustomDataIdentifier::name)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "sluice.classifiers.custom-identifiers (" + file + "): " + e.getMessage(), e);
    }
  }

  @Bean
  LineageStore lineageStore(DataSource dataSource) {
    return concurrently(() -> JdbcLineageStore.create(dataSource));
  }

  /**
   * Creates a store whose tables are made on first use. Processes sharing a fresh PostgreSQL
   * database (remote workers starting together) can collide there: {@code CREATE TABLE IF NOT
   * EXISTS} is not safe against a concurrent create (a duplicate {@code pg_type} row). The loser
   * tries again and finds the tables.
   */
  static <T> T concurrently(java.util.function.Supplier<T> create) {
    for (int attempt = 1; ; attempt++) {
      try {
        return create.get();
      } catch (RuntimeException e) {
        if (attempt == 3) {
          throw e;
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Bean
  PartStore partStore(DataSource dataSource) {
    return concurrently(() -> PartStore.create(dataSource));
  }

  /**
   * The HMAC key for finding fingerprints: configured, or generated once into {@code
   * <data-dir>/fingerprint.key} (owner-only) so fingerprints stay comparable across runs.
   */
  public static byte[] fingerprintKey(SluiceProperties p) {
    if (!p.fingerprintKey().isEmpty()) {
      return p.fingerprintKey().getBytes(StandardCharsets.UTF_8);
    }
    Path file = Path.of(p.dataDir()).resolve("fingerprint.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(file.getParent(), "fingerprint", ".tmp");
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // non-POSIX file system: rely on the data directory's permissions
        }
        Files.write(tmp, key);
        // a hard link never replaces: of processes sharing the data directory (remote workers)
        // that start together, the first key wins and every process reads that one
        try {
          Files.createLink(file, tmp);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          // another process was first
        } catch (UnsupportedOperationException | IOException noLinks) {
          if (!Files.exists(file)) {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create fingerprint key " + file, e);
    }
  }
}
