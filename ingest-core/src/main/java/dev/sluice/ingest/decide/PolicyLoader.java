package dev.sluice.ingest.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.classifiers.Catalog;
import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates a YAML policy. Every problem is collected with its path (e.g. {@code
 * rules[2].action}) before failing, so one run of {@code sluice policy validate} shows them all.
 */
public final class PolicyLoader {
  private static final Set<String> TOP =
      Set.of("version", "name", "defaults", "datasets", "rules", "allowUnscannableContent");

  /**
   * Content kinds a policy may allow unscanned (the extract stage's {@code UnscannableContent}).
   */
  private static final Set<String> CONTENT_KINDS = Set.of("IMAGE", "EMBEDDED_OBJECT", "MACRO");

  private static final Set<String> DEFAULTS =
      Set.of("unscannable", "truncated", "unmatched", "macieUnavailable");
  private static final Set<String> DATASET =
      Set.of("name", "sourcePrefixes", "bucket", "outputPrefix", "kmsKeyId", "classification");
  private static final Set<String> RULE =
      Set.of(
          "id",
          "identifiers",
          "categories",
          "minSeverity",
          "minCount",
          "sources",
          "action",
          "operator",
          "description",
          "acknowledgeRisk");

  /** Macie's managed identifier IDs: Macie findings carry them even where Sluice has no rule. */
  private static final Set<String> MACIE_MANAGED = macieManaged();

  private static final Set<String> MACIE_CREDENTIALS =
      Set.of(
          "AWS_CREDENTIALS",
          "GCP_API_KEY",
          "HTTP_BASIC_AUTH_HEADER",
          "JSON_WEB_TOKEN",
          "OPENSSH_PRIVATE_KEY",
          "PGP_PRIVATE_KEY",
          "PKCS",
          "PUTTY_PRIVATE_KEY",
          "STRIPE_CREDENTIALS");

  /** Categories a rule may approve only with a non-blank {@code acknowledgeRisk}. */
  private static final Set<Category> HIGH_RISK =
      EnumSet.of(Category.CREDENTIALS, Category.FINANCIAL_INFORMATION);

  /** Redaction operators, as the classifier's {@code redact.Operator} names them. */
  private static final Set<String> OPERATORS =
      Set.of("REPLACE", "PARTIAL_MASK", "PSEUDONYM", "DROP");

  private PolicyLoader() {}

  /**
   * Loads {@code file}; throws {@link PolicyException} listing every error. Identifier IDs must be
   * managed identifiers (or wildcards matching one) or deny-term IDs ({@code DENY_TERM:<list>}).
   */
  public static Policy load(Path file) throws IOException {
    return load(file, Set.of());
  }

  /**
   * Loads {@code file}, also accepting the names of the configured custom identifiers as identifier
   * IDs.
   */
  public static Policy load(Path file, Set<String> customIdentifiers) throws IOException {
    return parse(Files.readAllBytes(file), file.toString(), customIdentifiers);
  }

  /** Loads the built-in default policy (classpath {@code /sluice/default-policy.yaml}). */
  public static Policy defaultPolicy() {
    try (var in = PolicyLoader.class.getResourceAsStream("/sluice/default-policy.yaml")) {
      if (in == null) {
        throw new IllegalStateException("default policy missing from classpath");
      }
      return parse(in.readAllBytes(), "classpath:/sluice/default-policy.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read default policy", e);
    }
  }

  /** Parses policy bytes; {@code source} names the file in errors. */
  public static Policy parse(byte[] yaml, String source) {
    return parse(yaml, source, Set.of());
  }

  /**
   * Parses policy bytes; {@code source} names the file in errors; {@code customIdentifiers} are the
   * configured custom identifier names, accepted as identifier IDs.
   */
  public static Policy parse(byte[] yaml, String source, Set<String> customIdentifiers) {
    Catalog managed = Catalog.managed();
    List<String> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      String loc =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? "line " + jpe.getLocation().getLineNr()
              : "file";
      throw new PolicyException(source, List.of(loc + ": not valid YAML"));
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(source, List.of("(root): must be a mapping"));
    }
    unknownFields(root, TOP, "", errors);
    int version = root.path("version").asInt(-1);
    if (version != 1) {
      errors.add("version: must be 1");
    }
    String name = root.path("name").asText("policy");

    JsonNode d = root.path("defaults");
    if (!d.isMissingNode()) {
      unknownFields(d, DEFAULTS, "defaults.", errors);
    }
    Decision unscannable = failClosed(d, "unscannable", Decision.QUARANTINE, errors);
    Decision truncated = failClosed(d, "truncated", Decision.QUARANTINE, errors);
    Decision unmatched = failClosed(d, "unmatched", Decision.QUARANTINE, errors);
    Decision macie = failClosed(d, "macieUnavailable", Decision.QUARANTINE, errors);

    Set<String> allowContent = new java.util.TreeSet<>();
    List<String> kinds =
        strings(root.path("allowUnscannableContent"), "allowUnscannableContent", errors);
    for (int i = 0; i < kinds.size(); i++) {
      String k = kinds.get(i).toUpperCase(Locale.ROOT);
      if (CONTENT_KINDS.contains(k)) {
        allowContent.add(k);
      } else {
        errors.add(
            "allowUnscannableContent["
                + i
                + "]: unknown value '"
                + kinds.get(i)
                + "' (expected one of "
                + CONTENT_KINDS.stream().sorted().toList()
                + ")");
      }
    }

    List<DatasetSpec> datasets = new ArrayList<>();
    JsonNode ds = root.path("datasets");
    if (!ds.isMissingNode() && !ds.isArray()) {
      errors.add("datasets: must be a list");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < ds.size(); i++) {
        JsonNode n = ds.get(i);
        String p = "datasets[" + i + "].";
        unknownFields(n, DATASET, p, errors);
        String dn = required(n, "name", p, errors);
        if (dn != null && !dn.matches("[a-z0-9][a-z0-9-]{0,62}")) {
          errors.add(p + "name: must be lowercase letters, digits and '-' (1-63 chars)");
        }
        if (dn != null && !names.add(dn)) {
          errors.add(p + "name: duplicate dataset '" + dn + "'");
        }
        String bucket = required(n, "bucket", p, errors);
        String key = required(n, "kmsKeyId", p, errors);
        String label = n.path("classification").asText("internal");
        if (!label.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
          errors.add(p + "classification: must be lowercase letters, digits, '_' or '-'");
        }
        String out = n.path("outputPrefix").asText(dn == null ? "" : dn);
        datasets.add(
            new DatasetSpec(
                dn == null ? "" : dn,
                strings(n.path("sourcePrefixes"), p + "sourcePrefixes", errors),
                bucket == null ? "" : bucket,
                out,
                key == null ? "" : key,
                label));
      }
    }

    List<Rule> rules = new ArrayList<>();
    List<Policy.Acknowledgement> acks = new ArrayList<>();
    JsonNode rs = root.path("rules");
    if (!rs.isArray() || rs.isEmpty()) {
      errors.add("rules: must be a non-empty list");
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < rs.size(); i++) {
        JsonNode n = rs.get(i);
        String p = "rules[" + i + "].";
        unknownFields(n, RULE, p, errors);
        String id = n.path("id").asText("rule-" + i);
        if (!ids.add(id)) {
          errors.add(p + "id: duplicate rule id '" + id + "'");
        }
        List<String> idList = strings(n.path("identifiers"), p + "identifiers", errors);
        for (int j = 0; j < idList.size(); j++) {
          if (!knownIdentifier(idList.get(j), managed, customIdentifiers)) {
            errors.add(
                p
                    + "identifiers["
                    + j
                    + "]: unknown identifier '"
                    + idList.get(j)
                    + "' (not a managed identifier, a configured custom identifier or"
                    + " DENY_TERM:<list>)");
          }
        }
        Set<String> identifiers = new LinkedHashSet<>(idList);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (String c : strings(n.path("categories"), p + "categories", errors)) {
          Category cat = enumValue(Category.class, c, p + "categories", errors);
          if (cat != null) {
            categories.add(cat);
          }
        }
        if (identifiers.isEmpty() && categories.isEmpty()) {
          errors.add(p + "identifiers: a rule needs identifiers or categories");
        }
        Severity sev =
            n.has("minSeverity")
                ? enumValue(
                    Severity.class, n.get("minSeverity").asText(), p + "minSeverity", errors)
                : Severity.LOW;
        int minCount = n.path("minCount").asInt(1);
        if (minCount < 1) {
          errors.add(p + "minCount: must be >= 1");
        }
        Set<SignalSource> sources = EnumSet.noneOf(SignalSource.class);
        List<String> srcNames = strings(n.path("sources"), p + "sources", errors);
        if (srcNames.isEmpty()) {
          sources = EnumSet.allOf(SignalSource.class);
        }
        for (String s : srcNames) {
          SignalSource src = enumValue(SignalSource.class, s, p + "sources", errors);
          if (src != null) {
            sources.add(src);
          }
        }
        Decision action = null;
        if (!n.has("action")) {
          errors.add(p + "action: required (APPROVE, REDACT, QUARANTINE or REJECT)");
        } else {
          action = enumValue(Decision.class, n.get("action").asText(), p + "action", errors);
        }
        String operator = n.path("operator").asText("REPLACE").toUpperCase(Locale.ROOT);
        if (!OPERATORS.contains(operator)) {
          errors.add(p + "operator: must be one of " + OPERATORS.stream().sorted().toList());
        }
        if (n.has("operator") && action != Decision.REDACT) {
          errors.add(p + "operator: only allowed with action REDACT");
        }
        if (action == Decision.APPROVE) {
          Set<Category> risky = approvedHighRisk(identifiers, categories, managed);
          String ack = n.path("acknowledgeRisk").asText("").strip();
          if (!risky.isEmpty() && ack.isEmpty()) {
            errors.add(
                p
                    + "acknowledgeRisk: required: this rule approves "
                    + risky.stream().map(Enum::name).sorted().toList()
                    + "; say why in acknowledgeRisk (it is printed in every run report)");
          } else if (!risky.isEmpty()) {
            acks.add(
                new Policy.Acknowledgement(
                    id, risky.stream().map(Enum::name).sorted().toList(), ack));
          }
        }
        if (n.has("acknowledgeRisk") && (action != Decision.APPROVE)) {
          errors.add(p + "acknowledgeRisk: only allowed with action APPROVE");
        }
        rules.add(
            new Rule(
                id,
                identifiers,
                categories,
                sev == null ? Severity.LOW : sev,
                Math.max(1, minCount),
                sources,
                action == null ? Decision.REJECT : action,
                operator));
      }
    }
    if (!errors.isEmpty()) {
      throw new PolicyException(source, errors);
    }
    return new Policy(
        name,
        version,
        sha256(yaml),
        datasets,
        rules,
        unscannable,
        truncated,
        unmatched,
        macie,
        acks,
        allowContent);
  }

  /**
   * Whether {@code id} names something a scanner can report: a managed identifier, a wildcard
   * ({@code PREFIX*} or {@code *SUFFIX}) matching at least one, a deny-term ID or a configured
   * custom identifier. A typo would otherwise be a rule that silently never fires.
   */
  static boolean knownIdentifier(String id, Catalog managed, Set<String> custom) {
    if (custom.contains(id) || managed.find(id).isPresent() || MACIE_MANAGED.contains(id)) {
      return true;
    }
    if (id.startsWith("DENY_TERM:") && id.length() > "DENY_TERM:".length()) {
      return true;
    }
    if (id.endsWith("*") || id.startsWith("*")) {
      return managed.entries().stream().anyMatch(e -> wildcard(id, e.id()))
          || MACIE_MANAGED.stream().anyMatch(m -> wildcard(id, m));
    }
    return false;
  }

  private static Set<String> macieManaged() {
    try (var in = PolicyLoader.class.getResourceAsStream("/sluice/macie-managed-identifiers.txt")) {
      if (in == null) {
        throw new IllegalStateException("macie-managed-identifiers.txt missing from classpath");
      }
      return Set.copyOf(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read macie-managed-identifiers.txt", e);
    }
  }

  /** Category of a Macie-only managed ID (not in Sluice's catalogue), for the approval check. */
  private static Category macieCategory(String id) {
    if (MACIE_CREDENTIALS.contains(id)) {
      return Category.CREDENTIALS;
    }
    if (id.contains("BANK_ACCOUNT") || id.startsWith("CREDIT_CARD")) {
      return Category.FINANCIAL_INFORMATION;
    }
    return Category.PERSONAL_INFORMATION;
  }

  private static boolean wildcard(String pattern, String id) {
    return Rule.wildcardMatches(pattern, id);
  }

  /** The high-risk categories an APPROVE rule with these selectors would approve. */
  private static Set<Category> approvedHighRisk(
      Set<String> identifiers, Set<Category> categories, Catalog managed) {
    Set<Category> out = EnumSet.noneOf(Category.class);
    for (Category c : categories) {
      if (HIGH_RISK.contains(c)) {
        out.add(c);
      }
    }
    for (String id : identifiers) {
      managed.entries().stream()
          .filter(e -> e.id().equals(id) || (id.contains("*") && wildcard(id, e.id())))
          .map(e -> e.category())
          .filter(HIGH_RISK::contains)
          .forEach(out::add);
      MACIE_MANAGED.stream()
          .filter(m -> m.equals(id) || (id.contains("*") && wildcard(id, m)))
          .filter(m -> managed.find(m).isEmpty())
          .map(PolicyLoader::macieCategory)
          .filter(HIGH_RISK::contains)
          .forEach(out::add);
    }
    return out;
  }

  private static Decision failClosed(JsonNode d, String field, Decision dflt, List<String> errors) {
    if (!d.has(field)) {
      return dflt;
    }
    Decision v = enumValue(Decision.class, d.get(field).asText(), "defaults." + field, errors);
    if (v != null && v.writesData()) {
      errors.add(
          "defaults." + field + ": must be QUARANTINE or REJECT (unsure means not approved)");
    }
    return v == null ? dflt : v;
  }

  private static void unknownFields(
      JsonNode n, Set<String> allowed, String p, List<String> errors) {
    if (!n.isObject()) {
      errors.add((p.isEmpty() ? "(root)" : p.substring(0, p.length() - 1)) + ": must be a mapping");
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        errors.add(p + f + ": unknown field (allowed: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  private static String required(JsonNode n, String field, String p, List<String> errors) {
    String v = n.path(field).asText("");
    if (v.isBlank()) {
      errors.add(p + field + ": required");
      return null;
    }
    return v;
  }

  private static List<String> strings(JsonNode n, String path, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      errors.add(path + ": must be a list");
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual() || n.get(i).asText().isBlank()) {
        errors.add(path + "[" + i + "]: must be a non-blank string");
      } else {
        out.add(n.get(i).asText());
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String value, String path, List<String> errors) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name());
      }
      errors.add(path + ": unknown value '" + value + "' (expected one of " + allowed + ")");
      return null;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
