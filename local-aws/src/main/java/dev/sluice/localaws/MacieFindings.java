package dev.sluice.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seeded Macie findings and the ListFindings / GetFindings queries over them. Findings are deep
 * copies, never mutated after insertion, so readers share them without locking; the map is guarded
 * by {@code lock}. Thread-safe.
 *
 * <p>Criterion fields are dotted paths into the finding JSON; arrays on the way are flattened, so
 * {@code classificationDetails.result.sensitiveData.detections.type} yields every detection type.
 * The short names Macie documents for eqExactMatch ({@code sensitiveData.*}, {@code
 * customDataIdentifiers.*}) are read under {@code classificationDetails.result}.
 */
final class MacieFindings {

  static final int MAX_PAGE = 50;
  static final int MAX_IDS = 50;
  static final int MAX_VALUES = 50;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Set<String> OPERATORS =
      Set.of("eq", "neq", "gt", "gte", "lt", "lte", "eqExactMatch");

  private final Object lock = new Object();
  private final Map<String, JsonNode> findings = new LinkedHashMap<>();

  int count() {
    synchronized (lock) {
      return findings.size();
    }
  }

  void clear() {
    synchronized (lock) {
      findings.clear();
    }
  }

  // ---------------------------------------------------------------- seeding

  /** Checks findings and returns deep copies; {@code source} names them in error messages. */
  static List<ObjectNode> validateAll(List<JsonNode> parsed, String source) {
    List<ObjectNode> checked = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      checked.add(validate(parsed.get(i), source + " finding #" + i));
    }
    return checked;
  }

  /** Adds validated findings at once. A finding with an existing id replaces it. */
  void putAll(List<ObjectNode> checked) {
    synchronized (lock) {
      for (ObjectNode f : checked) {
        findings.remove(f.get("id").asText());
        findings.put(f.get("id").asText(), f);
      }
    }
  }

  static List<JsonNode> parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = LoopbackHttp.JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not valid JSON");
    }
    List<JsonNode> out = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(out::add);
    } else if (root != null && root.isObject() && root.has("findings") && !root.has("id")) {
      if (!root.get("findings").isArray()) {
        throw new IllegalArgumentException(source + ": findings must be an array");
      }
      root.get("findings").forEach(out::add);
    } else if (root != null && root.isObject()) {
      out.add(root);
    } else {
      throw new IllegalArgumentException(
          source + " must hold a finding object, an array of findings or {\"findings\":[...]}");
    }
    return out;
  }

  static List<Path> jsonFiles(Path fileOrDirectory) throws IOException {
    if (!Files.isDirectory(fileOrDirectory)) {
      if (!Files.isRegularFile(fileOrDirectory)) {
        throw new IllegalArgumentException("no such file or directory: " + fileOrDirectory);
      }
      return List.of(fileOrDirectory);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(fileOrDirectory, "*.json")) {
      for (Path p : dir) {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return files;
  }

  private static ObjectNode validate(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " is not a JSON object");
    }
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
      throw new IllegalArgumentException(where + ": id must be 1-256 characters of [A-Za-z0-9_-]");
    }
    JsonNode archived = node.get("archived");
    if (archived != null && !archived.isNull() && !archived.isBoolean()) {
      throw new IllegalArgumentException(where + ": archived must be a boolean");
    }
    for (String field : new String[] {"createdAt", "updatedAt"}) {
      JsonNode ts = node.get(field);
      if (ts != null && !ts.isNull()) {
        try {
          Instant.parse(ts.asText());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(where + ": " + field + " must be an ISO-8601 instant");
        }
      }
    }
    return (ObjectNode) node.deepCopy();
  }

  // ---------------------------------------------------------------- ListFindings

  ObjectNode list(ObjectNode req) {
    int maxResults = MAX_PAGE;
    if (req.hasNonNull("maxResults")) {
      JsonNode m = req.get("maxResults");
      if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_PAGE) {
        throw MacieFault.validation("maxResults must be between 1 and " + MAX_PAGE);
      }
      maxResults = m.asInt();
    }
    JsonNode criterionNode = req.path("findingCriteria").path("criterion");
    List<Condition> conditions = conditions(criterionNode);
    boolean archivedAsked = conditions.stream().anyMatch(c -> c.field.equals("archived"));
    Comparator<JsonNode> order = comparator(req.get("sortCriteria"));
    String fingerprint =
        Integer.toHexString((criterionNode.toString() + "|" + req.path("sortCriteria")).hashCode());
    int offset = PageToken.offset(req, fingerprint);

    List<JsonNode> matched = new ArrayList<>();
    for (JsonNode f : snapshot()) {
      if (!archivedAsked && f.path("archived").asBoolean(false)) {
        continue;
      }
      if (conditions.stream().allMatch(c -> c.matches(f))) {
        matched.add(f);
      }
    }
    if (order != null) {
      matched.sort(order);
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode ids = res.putArray("findingIds");
    int end = Math.min(matched.size(), offset + maxResults);
    for (int i = offset; i < end; i++) {
      ids.add(matched.get(i).get("id").asText());
    }
    if (end < matched.size()) {
      res.put("nextToken", PageToken.of(end, fingerprint));
    }
    return res;
  }

  // ---------------------------------------------------------------- GetFindings

  ObjectNode get(ObjectNode req) {
    JsonNode idsNode = req.get("findingIds");
    if (idsNode == null || !idsNode.isArray()) {
      throw MacieFault.validation("findingIds is required and must be an array");
    }
    if (idsNode.size() > MAX_IDS) {
      throw MacieFault.validation(
          "findingIds must contain at most " + MAX_IDS + " ids, got " + idsNode.size());
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (JsonNode id : idsNode) {
      if (!id.isTextual()) {
        throw MacieFault.validation("findingIds must hold strings");
      }
      wanted.add(id.asText());
    }
    List<JsonNode> found = new ArrayList<>();
    synchronized (lock) {
      for (String id : wanted) {
        JsonNode f = findings.get(id);
        if (f != null) {
          found.add(f);
        }
      }
    }
    Comparator<JsonNode> order = comparator(req.get("sortCriteria"));
    if (order != null) {
      found.sort(order);
    }
    ObjectNode res = LoopbackHttp.JSON.createObjectNode();
    ArrayNode out = res.putArray("findings");
    found.forEach(out::add);
    return res;
  }

  private List<JsonNode> snapshot() {
    synchronized (lock) {
      return new ArrayList<>(findings.values());
    }
  }

  // ---------------------------------------------------------------- criteria

  private static List<Condition> conditions(JsonNode criterion) {
    List<Condition> out = new ArrayList<>();
    if (criterion.isMissingNode() || criterion.isNull()) {
      return out;
    }
    if (!criterion.isObject()) {
      throw MacieFault.validation("findingCriteria.criterion must be an object");
    }
    Iterator<Map.Entry<String, JsonNode>> it = criterion.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(Condition.parse(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** One field's condition; all operators present must hold. */
  private static final class Condition {
    final String field;
    final String[] path;
    Set<String> eq;
    Set<String> neq;
    Set<String> eqExactMatch;
    Long gt;
    Long gte;
    Long lt;
    Long lte;

    private Condition(String field) {
      this.field = field;
      this.path = path(field);
    }

    static Condition parse(String field, JsonNode spec) {
      String where = "findingCriteria.criterion." + field;
      if (field.isEmpty() || field.length() > 256) {
        throw MacieFault.validation("criterion field names must be 1 to 256 characters");
      }
      if (!spec.isObject() || spec.isEmpty()) {
        throw MacieFault.validation(where + " must be an object with at least one operator");
      }
      Condition c = new Condition(field);
      Iterator<Map.Entry<String, JsonNode>> it = spec.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> op = it.next();
        String name = op.getKey();
        JsonNode value = op.getValue();
        if (!OPERATORS.contains(name)) {
          throw MacieFault.validation(where + ": unknown operator " + name);
        }
        if (value.isNull()) {
          continue;
        }
        switch (name) {
          case "eq" -> c.eq = strings(value, where + ".eq");
          case "neq" -> c.neq = strings(value, where + ".neq");
          case "eqExactMatch" -> c.eqExactMatch = strings(value, where + ".eqExactMatch");
          case "gt" -> c.gt = number(value, where + ".gt");
          case "gte" -> c.gte = number(value, where + ".gte");
          case "lt" -> c.lt = number(value, where + ".lt");
          default -> c.lte = number(value, where + ".lte");
        }
      }
      return c;
    }

    boolean matches(JsonNode finding) {
      List<JsonNode> values = values(finding, path);
      Set<String> texts = new HashSet<>();
      for (JsonNode v : values) {
        if (v.isValueNode()) {
          texts.add(v.asText());
        }
      }
      if (eq != null && eq.stream().noneMatch(texts::contains)) {
        return false;
      }
      if (neq != null && neq.stream().anyMatch(texts::contains)) {
        return false;
      }
      if (eqExactMatch != null && !eqExactMatch.equals(texts)) {
        return false;
      }
      if (gt != null || gte != null || lt != null || lte != null) {
        return values.stream().anyMatch(this::inRange);
      }
      return true;
    }

    private boolean inRange(JsonNode value) {
      Double n = numeric(value);
      if (n == null) {
        return false;
      }
      return (gt == null || n > gt)
          && (gte == null || n >= gte)
          && (lt == null || n < lt)
          && (lte == null || n <= lte);
    }

    private static Set<String> strings(JsonNode value, String where) {
      if (!value.isArray()) {
        throw MacieFault.validation(where + " must be an array of strings");
      }
      if (value.size() > MAX_VALUES) {
        throw MacieFault.validation(where + " must hold at most " + MAX_VALUES + " values");
      }
      Set<String> out = new LinkedHashSet<>();
      for (JsonNode v : value) {
        if (!v.isTextual()) {
          throw MacieFault.validation(where + " must be an array of strings");
        }
        out.add(v.asText());
      }
      return out;
    }

    private static Long number(JsonNode value, String where) {
      if (!value.canConvertToLong() || !value.isIntegralNumber()) {
        throw MacieFault.validation(where + " must be an integer");
      }
      return value.asLong();
    }
  }

  static String[] path(String field) {
    String full =
        field.startsWith("sensitiveData.") || field.startsWith("customDataIdentifiers.")
            ? "classificationDetails.result." + field
            : field;
    return full.split("\\.");
  }

  /** Every value at {@code path}, flattening arrays met on the way. */
  static List<JsonNode> values(JsonNode root, String[] path) {
    List<JsonNode> out = new ArrayList<>();
    collect(root, path, 0, out);
    return out;
  }

  private static void collect(JsonNode node, String[] path, int i, List<JsonNode> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, path, i, out);
      }
      return;
    }
    if (i == path.length) {
      out.add(node);
      return;
    }
    if (node.isObject()) {
      collect(node.get(path[i]), path, i + 1, out);
    }
  }

  /** Numbers as they are; ISO-8601 instants as epoch milliseconds; numeric strings parsed. */
  static Double numeric(JsonNode value) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (!value.isTextual()) {
      return null;
    }
    String text = value.asText();
    try {
      return (double) Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException ignored) {
        return null;
      }
    }
  }

  // ---------------------------------------------------------------- sorting

  /** Null when no sortCriteria; missing values sort last; ties broken by id. */
  private static Comparator<JsonNode> comparator(JsonNode sort) {
    if (sort == null || sort.isNull()) {
      return null;
    }
    String attribute = sort.path("attributeName").asText("");
    String orderBy = sort.path("orderBy").asText("ASC");
    if (attribute.isEmpty()) {
      throw MacieFault.validation("sortCriteria.attributeName is required");
    }
    if (!orderBy.equals("ASC") && !orderBy.equals("DESC")) {
      throw MacieFault.validation("sortCriteria.orderBy must be ASC or DESC");
    }
    String[] path = path(attribute);
    Comparator<JsonNode> byValue =
        (a, b) -> {
          JsonNode va = first(a, path);
          JsonNode vb = first(b, path);
          if (va == null || vb == null) {
            return va == null ? (vb == null ? 0 : 1) : -1;
          }
          int c = compareValues(va, vb);
          return orderBy.equals("DESC") ? -c : c;
        };
    return byValue.thenComparing(f -> f.get("id").asText());
  }

  private static JsonNode first(JsonNode finding, String[] path) {
    for (JsonNode v : values(finding, path)) {
      if (v.isValueNode()) {
        return v;
      }
    }
    return null;
  }

  private static int compareValues(JsonNode a, JsonNode b) {
    Double na = numeric(a);
    Double nb = numeric(b);
    if (na != null && nb != null) {
      return Double.compare(na, nb);
    }
    return a.asText().compareTo(b.asText());
  }

  // ---------------------------------------------------------------- paging

  /** Opaque page tokens: base64url of {@code v1|offset|fingerprint-of-the-query}. */
  static final class PageToken {
    private PageToken() {}

    static String of(int offset, String fingerprint) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(("v1|" + offset + "|" + fingerprint).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(JsonNode req, String fingerprint) {
      JsonNode token = req.get("nextToken");
      if (token == null || token.isNull() || token.asText().isEmpty()) {
        return 0;
      }
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(token.asText()), StandardCharsets.UTF_8)
                .split("\\|", -1);
        if (parts.length == 3 && parts[0].equals("v1") && parts[2].equals(fingerprint)) {
          int offset = Integer.parseInt(parts[1]);
          if (offset >= 0) {
            return offset;
          }
        }
      } catch (IllegalArgumentException e) {
        // falls through to the error below
      }
      throw MacieFault.validation("nextToken is invalid or belongs to another query");
    }
  }
}
