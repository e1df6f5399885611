package dev.sluice.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KMS state and operations, independent of HTTP. Requests and responses are the JSON 1.1 bodies
 * (PascalCase). All state is guarded by {@code lock}; keys are immutable records, so cryptography
 * runs outside the lock. Thread-safe.
 */
final class KmsService {

  private static final Logger LOG = LoggerFactory.getLogger(KmsService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String STATE_FILE = "kms-keys.json";
  private static final int MAX_PLAINTEXT = 4096;
  private static final int MAX_DATA_KEY = 1024;
  private static final int MAX_DESCRIPTION = 8192;

  private final String region;
  private final String accountId;
  private final Path stateDir;
  private final Object lock = new Object();
  private final Map<String, KmsKey> keys = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  KmsService(String region, String accountId, Path stateDir) {
    if (region == null || !KmsKeySpecs.REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region must look like us-east-1, got: " + region);
    }
    if (accountId == null || !KmsKeySpecs.ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("accountId must be 12 digits, got: " + accountId);
    }
    this.region = region;
    this.accountId = accountId;
    this.stateDir = stateDir;
    if (stateDir != null) {
      load();
    }
  }

  String region() {
    return region;
  }

  String accountId() {
    return accountId;
  }

  int keyCount() {
    synchronized (lock) {
      return keys.size();
    }
  }

  // ---------------------------------------------------------------- Java-side seeding

  KmsKey create(
      String keyId,
      String keyRegion,
      String description,
      String keySpec,
      String keyUsage,
      String keyManager,
      boolean enabled) {
    byte[] material = null;
    if (KmsKeySpecs.isSymmetric(keySpec)) {
      material = new byte[32];
      RANDOM.nextBytes(material);
    }
    KmsKey key =
        new KmsKey(
            keyId,
            KmsKey.arnOf(keyRegion, accountId, keyId),
            accountId,
            keyRegion,
            Instant.ofEpochSecond(Instant.now().getEpochSecond()),
            enabled,
            description,
            keySpec,
            keyUsage,
            keyManager,
            material);
    synchronized (lock) {
      if (keys.containsKey(keyId)) {
        throw new KmsFault("AlreadyExistsException", "a key with id " + keyId + " already exists");
      }
      keys.put(keyId, key);
      persist();
    }
    return key;
  }

  void createAlias(String aliasName, String targetKeyId) {
    if (aliasName == null || !KmsKeySpecs.ALIAS.matcher(aliasName).matches()) {
      throw KmsFault.validation("AliasName must match alias/[a-zA-Z0-9/_-]{1,250}");
    }
    synchronized (lock) {
      KmsKey target = resolve(targetKeyId, false);
      if (aliases.containsKey(aliasName)) {
        throw new KmsFault("AlreadyExistsException", "alias " + aliasName + " already exists");
      }
      aliases.put(aliasName, target.keyId());
      persist();
    }
  }

  boolean aliasExists(String aliasName) {
    synchronized (lock) {
      return aliases.containsKey(aliasName);
    }
  }

  KmsKey setEnabled(String keyIdOrArn, boolean enabled) {
    synchronized (lock) {
      KmsKey key = resolve(keyIdOrArn, false).withEnabled(enabled);
      keys.put(key.keyId(), key);
      persist();
      return key;
    }
  }

  KmsKey describe(String keyRef) {
    synchronized (lock) {
      return resolve(keyRef, true);
    }
  }

  // ---------------------------------------------------------------- wire operations

  ObjectNode handle(String operation, ObjectNode req) {
    return switch (operation) {
      case "CreateKey" -> createKey(req);
      case "DescribeKey" -> metadataResponse(describe(requiredString(req, "KeyId")));
      case "ListKeys" -> listKeys(req);
      case "ListAliases" -> listAliases(req);
      case "CreateAlias" -> {
        createAlias(requiredString(req, "AliasName"), requiredString(req, "TargetKeyId"));
        yield LoopbackHttp.JSON.createObjectNode();
      }
      case "EnableKey" -> {
        setEnabled(requiredString(req, "KeyId"), true);
        yield LoopbackHttp.JSON.createObjectNode();
      }
      case "DisableKey" -> {
        setEnabled(requiredString(req, "KeyId"), false);
        yield LoopbackHttp.JSON.createObjectNode();
      }
      case "GenerateDataKey" -> generateDataKey(req, true);
      case "GenerateDataKeyWithoutPlaintext" -> generateDataKey(req, false);
      case "Encrypt" -> encrypt(req);
      case "Decrypt" -> decrypt(req);
      default ->
          throw new KmsFault(
              "UnknownOperationException", "operation not supported by the emulator: " + operation);
    };
  }

  private ObjectNode createKey(ObjectNode req) {
    String spec = optionalString(req, "KeySpec");
    String legacySpec = optionalString(req, "CustomerMasterKeySpec");
    if (spec != null && legacySpec != null) {
      throw KmsFault.validation("specify KeySpec or CustomerMasterKeySpec, not both");
    }
    spec = spec != null ? spec : legacySpec != null ? legacySpec : KmsKeySpecs.SYMMETRIC_DEFAULT;
    if (!KmsKeySpecs.isKnownSpec(spec)) {
      throw KmsFault.validation("KeySpec not supported: " + spec);
    }
    String usage = optionalString(req, "KeyUsage");
    usage = usage != null ? usage : KmsKeySpecs.defaultUsage(spec);
    if (!KmsKeySpecs.allows(spec, usage)) {
      throw KmsFault.validation("KeyUsage " + usage + " is not valid for KeySpec " + spec);
    }
    String description = optionalString(req, "Description");
    description = description == null ? "" : description;
    if (description.length() > MAX_DESCRIPTION) {
      throw KmsFault.validation("Description is longer than " + MAX_DESCRIPTION + " characters");
    }
    String origin = optionalString(req, "Origin");
    if (origin != null && !"AWS_KMS".equals(origin)) {
      throw new KmsFault("UnsupportedOperationException", "only Origin AWS_KMS is emulated");
    }
    if (req.path("MultiRegion").asBoolean(false)) {
      throw new KmsFault("UnsupportedOperationException", "multi-Region keys are not emulated");
    }
    KmsKey key =
        create(UUID.randomUUID().toString(), region, description, spec, usage, "CUSTOMER", true);
    return metadataResponse(key);
  }

  private ObjectNode listKeys(ObjectNode req) {
    int limit = req.has("Limit") ? req.get("Limit").asInt() : 100;
    if (limit < 1 || limit > 1000) {
      throw KmsFault.validation("Limit must be between 1 and 1000");
    }
    int start = markerOffset(optionalString(req, "Marker"));
    List<KmsKey> all;
    synchronized (lock) {
      all = new ArrayList<>(keys.values());
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode out = res.putArray("Keys");
    int end = Math.min(all.size(), start + limit);
    for (int i = start; i < end; i++) {
      out.addObject().put("KeyId", all.get(i).keyId()).put("KeyArn", all.get(i).arn());
    }
    boolean truncated = end < all.size();
    res.put("Truncated", truncated);
    if (truncated) {
      res.put("NextMarker", Integer.toString(end));
    }
    return res;
  }

  private ObjectNode listAliases(ObjectNode req) {
    String keyFilter = optionalString(req, "KeyId");
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode out = res.putArray("Aliases");
    synchronized (lock) {
      String targetId = keyFilter == null ? null : resolve(keyFilter, false).keyId();
      for (Map.Entry<String, String> e : aliases.entrySet()) {
        if (targetId == null || targetId.equals(e.getValue())) {
          out.addObject()
              .put("AliasName", e.getKey())
              .put("AliasArn", "arn:aws:kms:" + region + ":" + accountId + ":" + e.getKey())
              .put("TargetKeyId", e.getValue());
        }
      }
    }
    res.put("Truncated", false);
    return res;
  }

  private ObjectNode generateDataKey(ObjectNode req, boolean includePlaintext) {
    KmsKey key = usableSymmetricKey(requiredString(req, "KeyId"));
    String spec = optionalString(req, "KeySpec");
    boolean hasBytes = req.hasNonNull("NumberOfBytes");
    if ((spec == null) == !hasBytes) {
      throw KmsFault.validation("specify exactly one of KeySpec and NumberOfBytes");
    }
    int length;
    if (hasBytes) {
      length = req.get("NumberOfBytes").asInt();
      if (!req.get("NumberOfBytes").canConvertToInt() || length < 1 || length > MAX_DATA_KEY) {
        throw KmsFault.validation("NumberOfBytes must be between 1 and " + MAX_DATA_KEY);
      }
    } else {
      length =
          switch (spec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw KmsFault.validation("KeySpec must be AES_256 or AES_128");
          };
    }
    Map<String, String> context = context(req);
    dryRun(req);
    byte[] dataKey = new byte[length];
    RANDOM.nextBytes(dataKey);
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    res.put("CiphertextBlob", KmsCiphertext.seal(key.keyId(), key.material(), dataKey, context));
    if (includePlaintext) {
      res.put("Plaintext", dataKey);
    }
    res.put("KeyId", key.arn());
    return res;
  }

  private ObjectNode encrypt(ObjectNode req) {
    KmsKey key = usableSymmetricKey(requiredString(req, "KeyId"));
    byte[] plaintext = requiredBlob(req, "Plaintext");
    if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT) {
      throw KmsFault.validation("Plaintext must be 1 to " + MAX_PLAINTEXT + " bytes");
    }
    algorithm(req);
    Map<String, String> context = context(req);
    dryRun(req);
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    res.put("CiphertextBlob", KmsCiphertext.seal(key.keyId(), key.material(), plaintext, context));
    res.put("KeyId", key.arn());
    res.put("EncryptionAlgorithm", KmsKeySpecs.SYMMETRIC_DEFAULT);
    return res;
  }

  private ObjectNode decrypt(ObjectNode req) {
    byte[] blob = requiredBlob(req, "CiphertextBlob");
    if (blob.length < 1 || blob.length > KmsCiphertext.MAX_BLOB) {
      throw KmsFault.validation("CiphertextBlob must be 1 to " + KmsCiphertext.MAX_BLOB + " bytes");
    }
    algorithm(req);
    Map<String, String> context = context(req);
    KmsCiphertext.Parsed parsed = KmsCiphertext.parse(blob);
    String requested = optionalString(req, "KeyId");
    KmsKey key;
    synchronized (lock) {
      if (requested != null) {
        KmsKey named = resolve(requested, true);
        if (!named.keyId().equals(parsed.keyId())) {
          throw new KmsFault(
              "IncorrectKeyException",
              "the ciphertext was not encrypted under the KMS key " + named.arn());
        }
      }
      key = keys.get(parsed.keyId());
    }
    if (key == null || key.material() == null) {
      throw KmsFault.invalidCiphertext();
    }
    requireEnabled(key);
    dryRun(req);
    byte[] plaintext = KmsCiphertext.open(parsed, key.material(), context);
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    res.put("KeyId", key.arn());
    res.put("Plaintext", plaintext);
    res.put("EncryptionAlgorithm", KmsKeySpecs.SYMMETRIC_DEFAULT);
    return res;
  }

  // ---------------------------------------------------------------- helpers

  private KmsKey usableSymmetricKey(String keyRef) {
    KmsKey key;
    synchronized (lock) {
      key = resolve(keyRef, true);
    }
    requireEnabled(key);
    if (!KmsKeySpecs.ENCRYPT_DECRYPT.equals(key.keyUsage())) {
      throw new KmsFault(
          "InvalidKeyUsageException", "key " + key.arn() + " has KeyUsage " + key.keyUsage());
    }
    if (!KmsKeySpecs.isSymmetric(key.keySpec())) {
      throw new KmsFault(
          "UnsupportedOperationException",
          "the emulator encrypts only with SYMMETRIC_DEFAULT keys; key "
              + key.arn()
              + " is "
              + key.keySpec());
    }
    return key;
  }

  private static void requireEnabled(KmsKey key) {
    if (!key.enabled()) {
      throw new KmsFault("DisabledException", key.arn() + " is disabled.");
    }
  }

  /** Resolves a key id, key ARN and (if allowed) alias name or alias ARN. Caller holds the lock. */
  private KmsKey resolve(String ref, boolean allowAlias) {
    if (ref == null || ref.isEmpty() || ref.length() > 2048) {
      throw KmsFault.validation("KeyId must be 1 to 2048 characters");
    }
    String aliasName = null;
    if (ref.startsWith("alias/")) {
      aliasName = ref;
    } else if (ref.startsWith("arn:")) {
      String aliasArnPrefix = "arn:aws:kms:" + region + ":" + accountId + ":alias/";
      if (ref.startsWith(aliasArnPrefix)) {
        aliasName = ref.substring(aliasArnPrefix.length() - "alias/".length());
      } else {
        int slash = ref.indexOf(":key/");
        KmsKey key = slash < 0 ? null : keys.get(ref.substring(slash + 5));
        if (key == null || !key.arn().equals(ref)) {
          throw KmsFault.notFound("Key '" + ref + "' does not exist");
        }
        return key;
      }
    }
    if (aliasName != null) {
      String target = allowAlias ? aliases.get(aliasName) : null;
      if (target == null) {
        throw KmsFault.notFound("Alias '" + ref + "' is not found.");
      }
      return keys.get(target);
    }
    KmsKey key = keys.get(ref);
    if (key == null) {
      throw KmsFault.notFound("Key '" + KmsKey.arnOf(region, accountId, ref) + "' does not exist");
    }
    return key;
  }

  private ObjectNode metadataResponse(KmsKey key) {
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    writeMetadata(res.putObject("KeyMetadata"), key);
    return res;
  }

  static void writeMetadata(ObjectNode m, KmsKey key) {
    m.put("AWSAccountId", key.accountId());
    m.put("KeyId", key.keyId());
    m.put("Arn", key.arn());
    m.put("CreationDate", key.creationDate().getEpochSecond());
    m.put("Enabled", key.enabled());
    m.put("Description", key.description());
    m.put("KeyUsage", key.keyUsage());
    m.put("KeyState", key.keyState());
    m.put("Origin", "AWS_KMS");
    m.put("KeyManager", key.keyManager());
    m.put("CustomerMasterKeySpec", key.keySpec());
    m.put("KeySpec", key.keySpec());
    List<String> enc = KmsKeySpecs.encryptionAlgorithms(key.keySpec(), key.keyUsage());
    if (!enc.isEmpty()) {
      enc.forEach(m.putArray("EncryptionAlgorithms")::add);
    }
    List<String> sign = KmsKeySpecs.signingAlgorithms(key.keySpec(), key.keyUsage());
    if (!sign.isEmpty()) {
      sign.forEach(m.putArray("SigningAlgorithms")::add);
    }
    List<String> mac = KmsKeySpecs.macAlgorithms(key.keySpec());
    if (!mac.isEmpty()) {
      mac.forEach(m.putArray("MacAlgorithms")::add);
    }
    m.put("MultiRegion", false);
  }

  private static int markerOffset(String marker) {
    if (marker == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(marker);
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new KmsFault("InvalidMarkerException", "Marker is not valid");
    }
  }

  private static void dryRun(ObjectNode req) {
    if (req.path("DryRun").asBoolean(false)) {
      throw new KmsFault(
          "DryRunOperationException", "The request would have succeeded, but DryRun was set.");
    }
  }

  private static void algorithm(ObjectNode req) {
    String algorithm = optionalString(req, "EncryptionAlgorithm");
    if (algorithm != null && !KmsKeySpecs.SYMMETRIC_DEFAULT.equals(algorithm)) {
      throw new KmsFault(
          "InvalidKeyUsageException", "EncryptionAlgorithm " + algorithm + " is not supported");
    }
  }

  private static Map<String, String> context(ObjectNode req) {
    JsonNode node = req.get("EncryptionContext");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw KmsFault.validation("EncryptionContext must be a map of strings");
    }
    Map<String, String> context = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw KmsFault.validation("EncryptionContext values must be strings");
      }
      context.put(e.getKey(), e.getValue().asText());
    }
    return context;
  }

  private static String requiredString(ObjectNode req, String field) {
    String value = optionalString(req, field);
    if (value == null || value.isEmpty()) {
      throw KmsFault.validation(field + " is required");
    }
    return value;
  }

  private static String optionalString(ObjectNode req, String field) {
    JsonNode node = req.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw KmsFault.validation(field + " must be a string");
    }
    return node.asText();
  }

  private static byte[] requiredBlob(ObjectNode req, String field) {
    String value = optionalString(req, field);
    if (value == null) {
      throw KmsFault.validation(field + " is required");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw KmsFault.validation(field + " is not valid base64");
    }
  }

  // ---------------------------------------------------------------- persistence

  /** Writes the whole state atomically, owner-only. Caller holds the lock. */
  private void persist() {
    if (stateDir == null) {
      return;
    }
    ObjectNode root = LoopbackHttp.JSON.createObjectNode();
    root.put("version", 1);
    root.put("region", region);
    root.put("accountId", accountId);
    ArrayNode keyArray = root.putArray("keys");
    for (KmsKey key : keys.values()) {
      ObjectNode k = keyArray.addObject();
      k.put("keyId", key.keyId());
      k.put("region", key.region());
      k.put("creationDate", key.creationDate().getEpochSecond());
      k.put("enabled", key.enabled());
      k.put("description", key.description());
      k.put("keySpec", key.keySpec());
      k.put("keyUsage", key.keyUsage());
      k.put("keyManager", key.keyManager());
      if (key.material() != null) {
        k.put("material", key.material());
      }
    }
    ObjectNode aliasNode = root.putObject("aliases");
    aliases.forEach(aliasNode::put);
    Path target = stateDir.resolve(STATE_FILE);
    try {
      Path tmp = createOwnerOnlyFile(stateDir, STATE_FILE + ".tmp");
      LoopbackHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new KmsFault("KMSInternalException", 500, "cannot persist KMS state");
    }
  }

  private static Path createOwnerOnlyFile(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    LOG.warn("file system has no POSIX permissions; {} is not restricted to its owner", file);
    return Files.createFile(file);
  }

  private void load() {
    Path file = stateDir.resolve(STATE_FILE);
    try {
      if (!Files.isDirectory(stateDir)) {
        if (stateDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(
              stateDir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(stateDir);
        }
      }
      if (!Files.exists(file)) {
        return;
      }
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ)
            || perms.contains(PosixFilePermission.OTHERS_READ)) {
          LOG.warn("KMS state file {} is readable by others: {}", file, perms);
        }
      }
      JsonNode root = LoopbackHttp.JSON.readTree(file.toFile());
      if (root == null || root.path("version").asInt() != 1) {
        throw new IllegalStateException("KMS state file " + file + ": unknown version");
      }
      if (!accountId.equals(root.path("accountId").asText())) {
        throw new IllegalStateException(
            "KMS state file "
                + file
                + " belongs to account "
                + root.path("accountId").asText()
                + ", not "
                + accountId);
      }
      for (JsonNode k : root.path("keys")) {
        String keyId = k.path("keyId").asText();
        String keyRegion = k.path("region").asText();
        byte[] material = k.hasNonNull("material") ? k.get("material").binaryValue() : null;
        keys.put(
            keyId,
            new KmsKey(
                keyId,
                KmsKey.arnOf(keyRegion, accountId, keyId),
                accountId,
                keyRegion,
                Instant.ofEpochSecond(k.path("creationDate").asLong()),
                k.path("enabled").asBoolean(),
                k.path("description").asText(""),
                k.path("keySpec").asText(),
                k.path("keyUsage").asText(),
                k.path("keyManager").asText(),
                material));
      }
      root.path("aliases")
          .fields()
          .forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asText()));
      LOG.info("loaded {} KMS keys and {} aliases from {}", keys.size(), aliases.size(), file);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      // the parser's message may quote file content (key material), so name the type only
      throw new IllegalStateException(
          "KMS state file " + file + " is not readable: " + e.getClass().getSimpleName());
    }
  }
}
