package dev.sluice.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Custom data identifiers: create (with the Macie field limits and clientToken idempotency), get,
 * batch get, list, soft delete. Records are immutable and the maps are guarded by {@code lock}.
 * Thread-safe.
 */
final class MacieCustomIdentifiers {

  static final int MAX_NAME = 128;
  static final int MAX_REGEX = 512;
  static final int MAX_DESCRIPTION = 512;
  static final int MAX_KEYWORDS = 50;
  static final int MAX_IGNORE_WORDS = 10;
  static final int MAX_TAGS = 50;
  static final int MAX_LIST_PAGE = 500;
  private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH");

  private record Cdi(
      String id, String arn, Instant createdAt, boolean deleted, ObjectNode request) {

    Cdi asDeleted() {
      return new Cdi(id, arn, createdAt, true, request);
    }
  }

  private record TokenUse(String fingerprint, String id) {}

  private final String region;
  private final String accountId;
  private final Object lock = new Object();
  private final Map<String, Cdi> byId = new LinkedHashMap<>();
  private final Map<String, TokenUse> byToken = new HashMap<>();

  MacieCustomIdentifiers(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  ObjectNode create(ObjectNode req) {
    ObjectNode clean = validate(req);
    String token = req.hasNonNull("clientToken") ? req.get("clientToken").asText() : null;
    if (token != null && (token.isEmpty() || token.length() > 256)) {
      throw MacieFault.validation("clientToken must be 1 to 256 characters");
    }
    String fingerprint = clean.toString();
    String id;
    synchronized (lock) {
      TokenUse used = token == null ? null : byToken.get(token);
      if (used != null) {
        if (!used.fingerprint().equals(fingerprint)) {
          throw new MacieFault(
              409, "ConflictException", "clientToken was already used with other parameters");
        }
        id = used.id();
      } else {
        id = UUID.randomUUID().toString();
        String arn = "arn:aws:macie2:" + region + ":" + accountId + ":custom-data-identifier/" + id;
        byId.put(id, new Cdi(id, arn, Instant.now().truncatedTo(ChronoUnit.MILLIS), false, clean));
        if (token != null) {
          byToken.put(token, new TokenUse(fingerprint, id));
        }
      }
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    res.put("customDataIdentifierId", id);
    return res;
  }

  ObjectNode get(String id) {
    Cdi cdi;
    synchronized (lock) {
      cdi = byId.get(id);
    }
    if (cdi == null) {
      throw MacieFault.notFound("custom data identifier " + id + " does not exist");
    }
    ObjectNode res = summary(cdi);
    ObjectNode r = cdi.request();
    res.put("regex", r.get("regex").asText());
    res.set("keywords", r.get("keywords"));
    res.set("ignoreWords", r.get("ignoreWords"));
    res.put("maximumMatchDistance", r.get("maximumMatchDistance").asInt());
    res.set("severityLevels", r.get("severityLevels"));
    res.set("tags", r.get("tags"));
    return res;
  }

  ObjectNode delete(String id) {
    synchronized (lock) {
      Cdi cdi = byId.get(id);
      if (cdi == null || cdi.deleted()) {
        throw MacieFault.notFound("custom data identifier " + id + " does not exist");
      }
      byId.put(id, cdi.asDeleted());
    }
    return LoopbackHttp.JSON.createObjectNode();
  }

  ObjectNode batchGet(ObjectNode req) {
    JsonNode ids = req.get("ids");
    if (ids == null || !ids.isArray() || ids.size() > 50) {
      throw MacieFault.validation("ids must be an array of at most 50 ids");
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode found = res.putArray("customDataIdentifiers");
    ArrayNode missing = res.putArray("notFoundIdentifierIds");
    synchronized (lock) {
      for (JsonNode idNode : ids) {
        Cdi cdi = byId.get(idNode.asText());
        if (cdi == null) {
          missing.add(idNode.asText());
        } else {
          found.add(summary(cdi));
        }
      }
    }
    return res;
  }

  ObjectNode list(ObjectNode req) {
    int maxResults = 50;
    if (req.hasNonNull("maxResults")) {
      JsonNode m = req.get("maxResults");
      if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_LIST_PAGE) {
        throw MacieFault.validation("maxResults must be between 1 and " + MAX_LIST_PAGE);
      }
      maxResults = m.asInt();
    }
    int offset = MacieFindings.PageToken.offset(req, "cdi");
    List<Cdi> live = new ArrayList<>();
    synchronized (lock) {
      for (Cdi cdi : byId.values()) {
        if (!cdi.deleted()) {
          live.add(cdi);
        }
      }
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode items = res.putArray("items");
    int end = Math.min(live.size(), offset + maxResults);
    for (int i = offset; i < end; i++) {
      ObjectNode s = summary(live.get(i));
      s.remove("deleted");
      items.add(s);
    }
    if (end < live.size()) {
      res.put("nextToken", MacieFindings.PageToken.of(end, "cdi"));
    }
    return res;
  }

  private static ObjectNode summary(Cdi cdi) {
    ObjectNode s = LoopbackHttp.JSON.createObjectNode();
    s.put("arn", cdi.arn());
    s.put("createdAt", cdi.createdAt().toString());
    s.put("deleted", cdi.deleted());
    JsonNode description = cdi.request().get("description");
    if (description != null) {
      s.set("description", description);
    }
    s.put("id", cdi.id());
    s.put("name", cdi.request().get("name").asText());
    return s;
  }

  /** Checks the limits of macie.md section 2 and returns the normalised request. */
  private static ObjectNode validate(ObjectNode req) {
    ObjectNode out = LoopbackHttp.JSON.createObjectNode();
    out.put("name", text(req, "name", 1, MAX_NAME, true));
    String regex = text(req, "regex", 1, MAX_REGEX, true);
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw MacieFault.validation("regex does not compile");
    }
    out.put("regex", regex);
    String description = text(req, "description", 0, MAX_DESCRIPTION, false);
    if (description != null) {
      out.put("description", description);
    }
    out.set("keywords", words(req, "keywords", MAX_KEYWORDS, 3, 90));
    out.set("ignoreWords", words(req, "ignoreWords", MAX_IGNORE_WORDS, 4, 90));
    int distance = 50;
    if (req.hasNonNull("maximumMatchDistance")) {
      JsonNode d = req.get("maximumMatchDistance");
      if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 1 || d.asInt() > 300) {
        throw MacieFault.validation("maximumMatchDistance must be between 1 and 300");
      }
      distance = d.asInt();
    }
    out.put("maximumMatchDistance", distance);
    out.set("severityLevels", severityLevels(req.get("severityLevels")));
    out.set("tags", tags(req.get("tags")));
    return out;
  }

  private static String text(ObjectNode req, String field, int min, int max, boolean required) {
    JsonNode node = req.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw MacieFault.validation(field + " is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw MacieFault.validation(field + " must be a string");
    }
    int length = node.asText().length();
    if (length < min || length > max) {
      throw MacieFault.validation(
          field + " must be " + min + " to " + max + " characters, got " + length);
    }
    return node.asText();
  }

  private static ArrayNode words(ObjectNode req, String field, int maxCount, int min, int max) {
    ArrayNode out = LoopbackHttp.JSON.createArrayNode();
    JsonNode node = req.get(field);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw MacieFault.validation(field + " must be an array of strings");
    }
    if (node.size() > maxCount) {
      throw MacieFault.validation(
          field + " must hold at most " + maxCount + " entries, got " + node.size());
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode w = node.get(i);
      if (!w.isTextual()) {
        throw MacieFault.validation(field + "[" + i + "] must be a string");
      }
      int length = w.asText().length();
      if (length < min || length > max) {
        throw MacieFault.validation(
            field + "[" + i + "] must be " + min + " to " + max + " characters, got " + length);
      }
      out.add(w.asText());
    }
    return out;
  }

  private static ArrayNode severityLevels(JsonNode node) {
    ArrayNode out = LoopbackHttp.JSON.createArrayNode();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.size() > 3) {
      throw MacieFault.validation("severityLevels must be an array of at most 3 entries");
    }
    long[] thresholds = new long[3];
    boolean[] seen = new boolean[3];
    for (JsonNode level : node) {
      String severity = level.path("severity").asText("");
      int rank = SEVERITIES.indexOf(severity);
      JsonNode t = level.get("occurrencesThreshold");
      if (rank < 0) {
        throw MacieFault.validation("severityLevels[].severity must be LOW, MEDIUM or HIGH");
      }
      if (seen[rank]) {
        throw MacieFault.validation("severityLevels lists " + severity + " twice");
      }
      if (t == null || !t.isIntegralNumber() || t.asLong() < 1) {
        throw MacieFault.validation("severityLevels[].occurrencesThreshold must be at least 1");
      }
      seen[rank] = true;
      thresholds[rank] = t.asLong();
      out.addObject().put("occurrencesThreshold", t.asLong()).put("severity", severity);
    }
    long previous = 0;
    for (int rank = 0; rank < 3; rank++) {
      if (seen[rank]) {
        if (thresholds[rank] <= previous) {
          throw MacieFault.validation(
              "severityLevels occurrencesThreshold must rise from LOW to MEDIUM to HIGH");
        }
        previous = thresholds[rank];
      }
    }
    return out;
  }

  private static ObjectNode tags(JsonNode node) {
    ObjectNode out = LoopbackHttp.JSON.createObjectNode();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject() || node.size() > MAX_TAGS) {
      throw MacieFault.validation("tags must be a map of at most " + MAX_TAGS + " entries");
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().isEmpty() || e.getKey().length() > 128) {
        throw MacieFault.validation("tags keys must be 1 to 128 characters");
      }
      if (!e.getValue().isTextual() || e.getValue().asText().length() > 256) {
        throw MacieFault.validation("tags values must be strings of at most 256 characters");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
