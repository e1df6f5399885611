package dev.sluice.localaws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process AWS KMS emulator on a loopback port that the real AWS SDK {@code KmsClient} talks
 * to ({@code endpointOverride(kms.endpoint())}, any static credentials; signatures are not
 * checked).
 *
 * <p>Wire protocol: AWS JSON 1.1, {@code POST /} with {@code X-Amz-Target: TrentService.<Op>}.
 * Operations: CreateKey, DescribeKey (key id, key ARN, {@code alias/name}, alias ARN), ListKeys,
 * ListAliases, CreateAlias, EnableKey, DisableKey, GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext, Encrypt, Decrypt. Errors are HTTP 400 (500 for
 * KMSInternalException) with {@code {"__type":"<Name>","message":"..."}}, so the SDK throws the
 * matching {@code software.amazon.awssdk.services.kms.model} exception.
 *
 * <p>Cryptography is real: every symmetric key has 32 random bytes of key material; ciphertexts are
 * AES-256-GCM with the canonical encryption context as additional authenticated data, so a
 * different or missing context, a tampered blob, or another emulator's blob fails with
 * InvalidCiphertextException. Asymmetric and HMAC keys exist for {@code DescribeKey} only.
 *
 * <p>State is in memory unless a state directory is given: then keys, aliases and key material are
 * written after every change to {@code kms-keys.json} (owner-only permissions on POSIX) and read
 * back on start, so a restarted emulator decrypts earlier ciphertexts. The file holds raw key
 * material: use it for tests and demos only.
 *
 * <p>Thread-safe: HTTP requests and the Java seeding methods may run concurrently. The caller owns
 * the emulator and must {@link #close()} it; the HTTP threads are daemons.
 */
public final class KmsEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KmsEmulator.class);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String TARGET_PREFIX = "TrentService.";
  private static final int MAX_BODY = 64 * 1024;

  private final KmsService service;
  private final LoopbackHttp http;

  private KmsEmulator(KmsService service) {
    this.service = service;
    this.http = LoopbackHttp.start("kms", this::serve);
    LOG.debug("KMS emulator listening on {}", http.endpoint());
  }

  /**
   * Starts an emulator with in-memory state.
   *
   * @param region the Region in key ARNs, e.g. {@code us-east-1}
   * @param accountId the 12-digit account in key ARNs
   * @throws IllegalArgumentException if region or account is malformed
   */
  public static KmsEmulator start(String region, String accountId) {
    return new KmsEmulator(new KmsService(region, accountId, null));
  }

  /**
   * Starts an emulator whose keys persist in {@code stateDir} (created if missing, mode 0700).
   *
   * @throws IllegalStateException if an existing state file cannot be read or belongs to another
   *     account
   */
  public static KmsEmulator start(String region, String accountId, Path stateDir) {
    Objects.requireNonNull(stateDir, "stateDir");
    return new KmsEmulator(new KmsService(region, accountId, stateDir));
  }

  /**
   * The base URI for {@code KmsClient.builder().endpointOverride(..)}, e.g. http://127.0.0.1:PORT.
   */
  public URI endpoint() {
    return http.endpoint();
  }

  public String region() {
    return service.region();
  }

  public String accountId() {
    return service.accountId();
  }

  /** Number of keys, enabled or not. */
  public int keyCount() {
    return service.keyCount();
  }

  /** Creates an enabled customer-managed symmetric key with a random id. */
  public KeyRef createKey() {
    return createKey(KeyOptions.builder().build());
  }

  /**
   * Creates a key as described, and its alias if one is given.
   *
   * @throws IllegalArgumentException if the key id or alias already exists
   */
  public KeyRef createKey(KeyOptions options) {
    Objects.requireNonNull(options, "options");
    String keyId = options.keyId != null ? options.keyId : UUID.randomUUID().toString();
    String keyRegion = options.region != null ? options.region : service.region();
    if (options.alias != null && service.aliasExists(options.alias)) {
      throw new IllegalArgumentException("alias " + options.alias + " already exists");
    }
    try {
      KmsKey key =
          service.create(
              keyId,
              keyRegion,
              options.description,
              options.keySpec,
              options.keyUsage,
              options.keyManager,
              options.enabled);
      if (options.alias != null) {
        service.createAlias(options.alias, key.keyId());
      }
      return new KeyRef(key.keyId(), key.arn());
    } catch (KmsFault e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Points {@code aliasName} (for example {@code alias/sluice-curated}) at a key.
   *
   * @throws IllegalArgumentException if the alias exists, is malformed, or the key is unknown
   */
  public void createAlias(String aliasName, String keyIdOrArn) {
    try {
      service.createAlias(aliasName, keyIdOrArn);
    } catch (KmsFault e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Disables a key: later Encrypt, GenerateDataKey and Decrypt calls with it fail with
   * DisabledException.
   *
   * @param keyIdOrArn key id or key ARN
   * @throws IllegalArgumentException if the key is unknown
   */
  public void disableKey(String keyIdOrArn) {
    setEnabled(keyIdOrArn, false);
  }

  /** Re-enables a key disabled before. */
  public void enableKey(String keyIdOrArn) {
    setEnabled(keyIdOrArn, true);
  }

  /**
   * Looks a key up by key id, key ARN, alias name or alias ARN.
   *
   * @throws IllegalArgumentException if nothing matches
   */
  public KeyRef describeKey(String keyRef) {
    try {
      KmsKey key = service.describe(keyRef);
      return new KeyRef(key.keyId(), key.arn());
    } catch (KmsFault e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private void setEnabled(String keyIdOrArn, boolean enabled) {
    try {
      service.setEnabled(keyIdOrArn, enabled);
    } catch (KmsFault e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Stops the HTTP server. Idempotent. Persisted state stays in the state directory. */
  @Override
  public void close() {
    http.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode response;
      int status = 200;
      try {
        if (!"POST".equals(exchange.getRequestMethod())) {
          throw new KmsFault("UnknownOperationException", "KMS accepts POST only");
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
          throw new KmsFault(
              "UnknownOperationException", "missing X-Amz-Target: TrentService.<Operation>");
        }
        ObjectNode request;
        try {
          request = LoopbackHttp.parseObject(LoopbackHttp.readBody(exchange, MAX_BODY));
        } catch (LoopbackHttp.BodyTooLargeException e) {
          throw KmsFault.validation(e.getMessage());
        } catch (IllegalArgumentException e) {
          throw new KmsFault("SerializationException", e.getMessage());
        }
        response = service.handle(target.substring(TARGET_PREFIX.length()), request);
      } catch (KmsFault fault) {
        status = fault.status();
        response = LoopbackHttp.JSON.createObjectNode();
        response.put("__type", fault.type());
        response.put("message", fault.getMessage());
      } catch (RuntimeException e) {
        LOG.error("KMS emulator internal error", e);
        status = 500;
        response = LoopbackHttp.JSON.createObjectNode();
        response.put("__type", "KMSInternalException");
        response.put("message", "internal error in the KMS emulator");
      }
      LoopbackHttp.send(exchange, status, CONTENT_TYPE, response);
    }
  }

  /**
   * A created key.
   *
   * @param keyId the bare key id, e.g. {@code 1234abcd-12ab-34cd-56ef-1234567890ab}
   * @param arn {@code arn:aws:kms:<region>:<account>:key/<keyId>}
   */
  public record KeyRef(String keyId, String arn) {
    public KeyRef {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(arn, "arn");
    }
  }

  /**
   * How to create a key with {@link #createKey(KeyOptions)}. Immutable; build with {@link
   * #builder()}. Defaults: random UUID id, the emulator's Region, enabled, customer-managed,
   * SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, empty description, no alias.
   */
  public static final class KeyOptions {
    final String keyId;
    final String region;
    final String description;
    final String keySpec;
    final String keyUsage;
    final String keyManager;
    final boolean enabled;
    final String alias;

    private KeyOptions(Builder b) {
      this.keyId = b.keyId;
      this.region = b.region;
      this.description = b.description;
      this.keySpec = b.keySpec;
      this.keyUsage = b.keyUsage != null ? b.keyUsage : KmsKeySpecs.defaultUsage(b.keySpec);
      this.keyManager = b.keyManager;
      this.enabled = b.enabled;
      this.alias = b.alias;
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder for {@link KeyOptions}; every setter validates its argument. Not thread-safe. */
    public static final class Builder {
      private String keyId;
      private String region;
      private String description = "";
      private String keySpec = KmsKeySpecs.SYMMETRIC_DEFAULT;
      private String keyUsage;
      private String keyManager = "CUSTOMER";
      private boolean enabled = true;
      private String alias;

      private Builder() {}

      /** An explicit key id (1-64 of {@code [A-Za-z0-9-]}), e.g. to register it in S3Mock too. */
      public Builder keyId(String value) {
        if (value == null || !KmsKeySpecs.KEY_ID.matcher(value).matches()) {
          throw new IllegalArgumentException(
              "keyId must be 1-64 characters of [A-Za-z0-9-], got: " + value);
        }
        this.keyId = value;
        return this;
      }

      /** The Region written into the key ARN; defaults to the emulator's Region. */
      public Builder region(String value) {
        if (value == null || !KmsKeySpecs.REGION.matcher(value).matches()) {
          throw new IllegalArgumentException("region must look like us-east-1, got: " + value);
        }
        this.region = value;
        return this;
      }

      public Builder description(String value) {
        Objects.requireNonNull(value, "description");
        if (value.length() > 8192) {
          throw new IllegalArgumentException("description must be at most 8192 characters");
        }
        this.description = value;
        return this;
      }

      /** A KMS KeySpec name, e.g. SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256. */
      public Builder keySpec(String value) {
        if (value == null || !KmsKeySpecs.isKnownSpec(value)) {
          throw new IllegalArgumentException("keySpec is not a known KMS KeySpec: " + value);
        }
        this.keySpec = value;
        return this;
      }

      /** A KMS KeyUsage name; checked against the key spec in {@link #build()}. */
      public Builder keyUsage(String value) {
        Objects.requireNonNull(value, "keyUsage");
        this.keyUsage = value;
        return this;
      }

      /** {@code CUSTOMER} (default) or {@code AWS} for an AWS-managed key such as aws/s3. */
      public Builder keyManager(String value) {
        if (!KmsKeySpecs.KEY_MANAGERS.contains(value)) {
          throw new IllegalArgumentException("keyManager must be AWS or CUSTOMER, got: " + value);
        }
        this.keyManager = value;
        return this;
      }

      public Builder enabled(boolean value) {
        this.enabled = value;
        return this;
      }

      /** An alias such as {@code alias/sluice-curated} to point at the new key. */
      public Builder alias(String value) {
        if (value == null || !KmsKeySpecs.ALIAS.matcher(value).matches()) {
          throw new IllegalArgumentException(
              "alias must match alias/[a-zA-Z0-9/_-]{1,250}, got: " + value);
        }
        this.alias = value;
        return this;
      }

      /**
       * @throws IllegalArgumentException if keyUsage is not valid for keySpec
       */
      public KeyOptions build() {
        if (keyUsage != null && !KmsKeySpecs.allows(keySpec, keyUsage)) {
          throw new IllegalArgumentException(
              "keyUsage " + keyUsage + " is not valid for keySpec " + keySpec);
        }
        return new KeyOptions(this);
      }
    }
  }
}
