package dev.sluice.ingest.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.CreateCustomDataIdentifierRequest;
import software.amazon.awssdk.services.macie2.model.CustomDataIdentifierSummary;
import software.amazon.awssdk.services.macie2.model.GetCustomDataIdentifierResponse;
import software.amazon.awssdk.services.macie2.model.ListCustomDataIdentifiersRequest;
import software.amazon.awssdk.services.macie2.model.SeverityLevel;

/**
 * Our custom identifiers as Macie {@code CreateCustomDataIdentifier} requests, so Sluice and Macie
 * scan with the same definitions. Input is a JSON list (or {@code {"identifiers":[...]}}) of {@code
 * {name, regex, keywords, ignoreWords, maximumMatchDistance, severityLevels, description}}.
 *
 * <p>Each definition is checked against Macie's limits (name 128, regex 512, 50 keywords of 3-90
 * characters, 10 ignore words of 4-90, distance 1-300, at most 3 rising severity levels,
 * description 512) and regex subset: backreferences, lookaround, named groups, conditionals and
 * flags other than {@code (?i)} are refused; plain capturing groups become non-capturing. The
 * {@code clientToken} is the SHA-256 of the normalised request, so the same definition always gets
 * the same token. Stateless and thread-safe.
 */
public final class CustomIdentifierExport {
  static final int MAX_NAME = 128;
  static final int MAX_REGEX = 512;
  static final int MAX_DESCRIPTION = 512;
  static final int MAX_KEYWORDS = 50;
  static final int MAX_IGNORE_WORDS = 10;
  static final int MAX_DEFINITIONS = 10_000;
  private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BACKREF = Pattern.compile("\\\\([1-9]|k<)");

  private CustomIdentifierExport() {}

  /** A definition cannot be exported; the message names the identifier and field. */
  public static final class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidDefinitionException(String message) {
      super(message);
    }
  }

  /**
   * Reads and converts a definitions file.
   *
   * @return one request per definition, in file order
   * @throws InvalidDefinitionException listing every problem
   * @throws IOException if the file cannot be read or is not JSON
   */
  public static List<ObjectNode> requests(Path definitions) throws IOException {
    JsonNode root = JSON.readTree(Files.readAllBytes(definitions));
    return requests(root);
  }

  /** Converts parsed definitions; see {@link #requests(Path)}. */
  public static List<ObjectNode> requests(JsonNode root) {
    JsonNode list = root;
    if (root != null && root.isObject()) {
      list = root.has("identifiers") ? root.get("identifiers") : root.get("customIdentifiers");
    }
    if (list == null || !list.isArray()) {
      throw new InvalidDefinitionException(
          "custom identifiers: expected a JSON list of {name, regex, keywords, ...}");
    }
    if (list.size() > MAX_DEFINITIONS) {
      throw new InvalidDefinitionException(
          "custom identifiers: at most " + MAX_DEFINITIONS + " (Macie's account quota)");
    }
    List<String> errors = new ArrayList<>();
    List<ObjectNode> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode d = list.get(i);
      String where = "custom identifier #" + i;
      if (d.path("name").isTextual()) {
        where += " '" + d.get("name").asText() + "'";
        if (!names.add(d.get("name").asText())) {
          errors.add(where + ": name: duplicate");
        }
      }
      int before = errors.size();
      ObjectNode req = request(d, where, errors);
      if (errors.size() == before) {
        out.add(req);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidDefinitionException(String.join("\n", errors));
    }
    return out;
  }

  private static ObjectNode request(JsonNode d, String where, List<String> errors) {
    ObjectNode r = JSON.createObjectNode();
    if (!d.isObject()) {
      errors.add(where + ": must be an object");
      return r;
    }
    String name = text(d, "name", 1, MAX_NAME, true, where, errors);
    r.put("name", name);
    String regex = text(d, "regex", 1, Integer.MAX_VALUE, true, where, errors);
    if (regex != null) {
      String converted = macieRegex(regex, where, errors);
      if (converted != null && converted.length() > MAX_REGEX) {
        errors.add(
            where + ": regex: at most " + MAX_REGEX + " characters, got " + converted.length());
      }
      r.put("regex", converted);
    }
    r.set("keywords", words(d, "keywords", MAX_KEYWORDS, 3, where, errors));
    r.set("ignoreWords", words(d, "ignoreWords", MAX_IGNORE_WORDS, 4, where, errors));
    int distance = 50;
    JsonNode md = d.get("maximumMatchDistance");
    if (md != null && !md.isNull()) {
      if (!md.isIntegralNumber() || md.asInt() < 1 || md.asInt() > 300) {
        errors.add(where + ": maximumMatchDistance: must be an integer from 1 to 300");
      } else {
        distance = md.asInt();
      }
    }
    r.put("maximumMatchDistance", distance);
    ArrayNode levels = r.putArray("severityLevels");
    JsonNode sl = d.get("severityLevels");
    if (sl != null && !sl.isNull()) {
      if (!sl.isArray() || sl.size() > 3) {
        errors.add(where + ": severityLevels: at most 3 entries");
      } else {
        long previous = 0;
        int previousRank = -1;
        for (JsonNode l : sl) {
          String sev = l.path("severity").asText("");
          int rank = SEVERITIES.indexOf(sev);
          long t = l.path("occurrencesThreshold").asLong(0);
          if (rank < 0 || !l.path("occurrencesThreshold").isIntegralNumber() || t < 1) {
            errors.add(
                where
                    + ": severityLevels: each needs severity LOW|MEDIUM|HIGH and"
                    + " occurrencesThreshold >= 1");
            break;
          }
          if (rank <= previousRank || t <= previous) {
            errors.add(
                where + ": severityLevels: list LOW, MEDIUM, HIGH in order with rising thresholds");
            break;
          }
          previous = t;
          previousRank = rank;
          levels.addObject().put("occurrencesThreshold", t).put("severity", sev);
        }
      }
    }
    String description = text(d, "description", 0, MAX_DESCRIPTION, false, where, errors);
    if (description != null) {
      r.put("description", description);
    }
    JsonNode tags = d.get("tags");
    if (tags != null && !tags.isNull()) {
      if (!tags.isObject() || tags.size() > 50) {
        errors.add(where + ": tags: a map of at most 50 entries");
      } else {
        ObjectNode t = r.putObject("tags");
        tags.fields()
            .forEachRemaining(
                e -> {
                  if (e.getKey().isEmpty()
                      || e.getKey().length() > 128
                      || !e.getValue().isTextual()
                      || e.getValue().asText().length() > 256) {
                    errors.add(
                        where + ": tags: keys of 1 to 128 and string values of at most 256 chars");
                  } else {
                    t.put(e.getKey(), e.getValue().asText());
                  }
                });
      }
    }
    r.put("clientToken", clientToken(r));
    return r;
  }

  /** SHA-256 (hex) of the request without its token: same definition, same token. */
  static String clientToken(ObjectNode request) {
    ObjectNode copy = request.deepCopy();
    copy.remove("clientToken");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(copy).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Rewrites a Java regex into Macie's PCRE subset: plain groups become non-capturing; constructs
   * Macie rejects are errors. Returns null when the regex cannot be exported.
   */
  static String macieRegex(String regex, String where, List<String> errors) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      errors.add(where + ": regex: does not compile (" + e.getDescription() + ")");
      return null;
    }
    if (BACKREF.matcher(regex).find()) {
      errors.add(where + ": regex: backreferences are not supported by Macie");
      return null;
    }
    StringBuilder out = new StringBuilder(regex.length() + 16);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        out.append(c);
        if (i + 1 < regex.length()) {
          out.append(regex.charAt(++i));
        }
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        // a ']' right after '[' or '[^' is a literal
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          out.append(regex.charAt(++i));
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          out.append(regex.charAt(++i));
        }
        continue;
      }
      if (c == '(') {
        String rest = regex.substring(i);
        if (!rest.startsWith("(?")) {
          out.append("(?:");
          continue;
        }
        if (rest.startsWith("(?=")
            || rest.startsWith("(?!")
            || rest.startsWith("(?<=")
            || rest.startsWith("(?<!")) {
          errors.add(where + ": regex: lookaround is not supported by Macie");
          return null;
        }
        if (rest.startsWith("(?<") || rest.startsWith("(?P<")) {
          errors.add(where + ": regex: named groups are not supported by Macie");
          return null;
        }
        if (rest.startsWith("(?(")) {
          errors.add(where + ": regex: conditionals are not supported by Macie");
          return null;
        }
        if (!rest.startsWith("(?:") && !rest.startsWith("(?i)") && !rest.startsWith("(?>")) {
          errors.add(where + ": regex: only the inline flag (?i) is supported by Macie");
          return null;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String text(
      JsonNode d,
      String field,
      int min,
      int max,
      boolean required,
      String where,
      List<String> errors) {
    JsonNode n = d.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        errors.add(where + ": " + field + ": required");
      }
      return null;
    }
    if (!n.isTextual()) {
      errors.add(where + ": " + field + ": must be a string");
      return null;
    }
    int len = n.asText().length();
    if (len < min || len > max) {
      errors.add(where + ": " + field + ": " + min + " to " + max + " characters, got " + len);
      return null;
    }
    return n.asText();
  }

  private static ArrayNode words(
      JsonNode d, String field, int maxCount, int minLen, String where, List<String> errors) {
    ArrayNode out = JSON.createArrayNode();
    JsonNode n = d.get(field);
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      errors.add(where + ": " + field + ": must be a list of strings");
      return out;
    }
    if (n.size() > maxCount) {
      errors.add(where + ": " + field + ": at most " + maxCount + " entries, got " + n.size());
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode w = n.get(i);
      int len = w.isTextual() ? w.asText().getBytes(StandardCharsets.UTF_8).length : -1;
      if (len < minLen || len > 90) {
        errors.add(
            where + ": " + field + "[" + i + "]: a string of " + minLen + " to 90 UTF-8 bytes");
      } else {
        out.add(w.asText());
      }
    }
    return out;
  }

  // ---- push -----------------------------------------------------------------------------------

  /** What pushing one definition did. */
  public enum PushStatus {
    /** Created now. */
    CREATED,
    /** A live identifier with this name and the same definition already existed. */
    EXISTS,
    /** A live identifier with this name has another definition; Macie identifiers are immutable. */
    CONFLICT
  }

  /**
   * The outcome of pushing one definition.
   *
   * @param name identifier name
   * @param id Macie id
   * @param status what happened
   * @param clientToken the request's idempotency token
   */
  public record PushResult(String name, String id, PushStatus status, String clientToken) {
    public PushResult {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(clientToken, "clientToken");
    }
  }

  /**
   * Creates the identifiers Macie does not have yet. Live identifiers are listed first
   * (ListCustomDataIdentifiers) and matched by name; an existing one is compared with the
   * definition (regex, keywords, ignore words, distance). New ones are created with the
   * definition's clientToken, so re-running creates nothing new.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException if Macie fails
   */
  public static List<PushResult> push(Macie2Client macie, List<ObjectNode> requests) {
    Map<String, CustomDataIdentifierSummary> live = new HashMap<>();
    macie
        .listCustomDataIdentifiersPaginator(ListCustomDataIdentifiersRequest.builder().build())
        .items()
        .forEach(s -> live.putIfAbsent(s.name(), s));
    List<PushResult> out = new ArrayList<>();
    for (ObjectNode r : requests) {
      String name = r.get("name").asText();
      String token = r.get("clientToken").asText();
      CustomDataIdentifierSummary existing = live.get(name);
      if (existing != null) {
        GetCustomDataIdentifierResponse cur =
            macie.getCustomDataIdentifier(g -> g.id(existing.id()));
        out.add(
            new PushResult(
                name,
                existing.id(),
                sameDefinition(cur, r) ? PushStatus.EXISTS : PushStatus.CONFLICT,
                token));
        continue;
      }
      List<SeverityLevel> levels = new ArrayList<>();
      r.get("severityLevels")
          .forEach(
              l ->
                  levels.add(
                      SeverityLevel.builder()
                          .occurrencesThreshold(l.get("occurrencesThreshold").asLong())
                          .severity(l.get("severity").asText())
                          .build()));
      CreateCustomDataIdentifierRequest.Builder b =
          CreateCustomDataIdentifierRequest.builder()
              .name(name)
              .regex(r.get("regex").asText())
              .keywords(strings(r.get("keywords")))
              .ignoreWords(strings(r.get("ignoreWords")))
              .maximumMatchDistance(r.get("maximumMatchDistance").asInt())
              .clientToken(token);
      if (!levels.isEmpty()) {
        b.severityLevels(levels);
      }
      if (r.hasNonNull("tags")) {
        Map<String, String> tags = new java.util.TreeMap<>();
        r.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        b.tags(tags);
      }
      if (r.hasNonNull("description")) {
        b.description(r.get("description").asText());
      }
      String id = macie.createCustomDataIdentifier(b.build()).customDataIdentifierId();
      out.add(new PushResult(name, id, PushStatus.CREATED, token));
    }
    return out;
  }

  private static boolean sameDefinition(GetCustomDataIdentifierResponse cur, ObjectNode r) {
    return Objects.equals(cur.regex(), r.get("regex").asText())
        && cur.keywords().equals(strings(r.get("keywords")))
        && cur.ignoreWords().equals(strings(r.get("ignoreWords")))
        && (cur.maximumMatchDistance() == null
            || cur.maximumMatchDistance() == r.get("maximumMatchDistance").asInt());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The state file {@link CustomIdentifierNames#read} understands. */
  public static ObjectNode state(List<PushResult> results) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ids = root.putArray("identifiers");
    for (PushResult p : results) {
      ids.addObject()
          .put("name", p.name())
          .put("id", p.id())
          .put("status", p.status().name())
          .put("clientToken", p.clientToken());
    }
    return root;
  }
}
