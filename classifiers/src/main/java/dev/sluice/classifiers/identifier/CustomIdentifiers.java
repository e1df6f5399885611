package dev.sluice.classifiers.identifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.classifiers.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads custom data identifiers from JSON or YAML: either a list of {@code
 * CreateCustomDataIdentifier} bodies or an object with a {@code customIdentifiers} list. All
 * problems are collected and thrown together, each naming its field, e.g. {@code
 * customIdentifiers[2].keywords[0]: must be 3-90 characters}. Error messages never quote values.
 */
public final class CustomIdentifiers {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "regex",
          "keywords",
          "ignoreWords",
          "maximumMatchDistance",
          "severityLevels",
          "description",
          "tags",
          "clientToken");

  private CustomIdentifiers() {}

  /**
   * Parses and validates {@code text} (JSON or YAML).
   *
   * @throws IllegalArgumentException listing every problem, field by field
   */
  public static List<CustomDataIdentifier> parse(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(
          "customIdentifiers: not valid JSON/YAML (line " + line + ")");
    }
    if (root != null && root.isObject() && root.has("customIdentifiers")) {
      root = root.get("customIdentifiers");
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("customIdentifiers: must be a list");
    }
    List<String> errors = new ArrayList<>();
    List<CustomDataIdentifier> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String p = "customIdentifiers[" + i + "].";
      JsonNode n = root.get(i);
      if (!n.isObject()) {
        errors.add("customIdentifiers[" + i + "]: must be an object");
        continue;
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!FIELDS.contains(f)) {
          errors.add(p + f + ": unknown field");
        }
      }
      String name = text(n, "name", p, errors);
      String regex = text(n, "regex", p, errors);
      List<String> keywords = strings(n, "keywords", p, errors);
      List<String> ignore = strings(n, "ignoreWords", p, errors);
      int distance = CustomDataIdentifier.DEFAULT_DISTANCE;
      if (n.has("maximumMatchDistance")) {
        JsonNode d = n.get("maximumMatchDistance");
        if (!d.isInt()) {
          errors.add(p + "maximumMatchDistance: must be an integer 1-300");
        } else {
          distance = d.asInt();
        }
      }
      List<SeverityLevel> levels = new ArrayList<>();
      JsonNode sl = n.get("severityLevels");
      if (sl != null && !sl.isNull()) {
        if (!sl.isArray()) {
          errors.add(p + "severityLevels: must be a list");
        } else {
          for (int j = 0; j < sl.size(); j++) {
            JsonNode l = sl.get(j);
            String lp = p + "severityLevels[" + j + "].";
            JsonNode t = l.get("occurrencesThreshold");
            JsonNode s = l.get("severity");
            if (t == null || !t.canConvertToLong() || t.asLong() < 1) {
              errors.add(lp + "occurrencesThreshold: must be an integer >= 1");
              continue;
            }
            Severity sev;
            try {
              sev = Severity.valueOf(s == null ? "" : s.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              errors.add(lp + "severity: must be LOW, MEDIUM or HIGH");
              continue;
            }
            levels.add(new SeverityLevel(t.asLong(), sev));
          }
        }
      }
      String description = n.has("description") ? n.get("description").asText() : "";
      List<String> problems =
          CustomDataIdentifier.problems(
              p, name, regex, keywords, ignore, distance, levels, description);
      if (name != null && !names.add(name)) {
        problems = new ArrayList<>(problems);
        problems.add(p + "name: duplicate name");
      }
      if (!problems.isEmpty() || name == null || regex == null) {
        errors.addAll(problems);
        continue;
      }
      out.add(
          new CustomDataIdentifier(name, regex, keywords, ignore, distance, levels, description));
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode n, String f, String p, List<String> errors) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      errors.add(p + f + ": is required");
      return null;
    }
    if (!v.isTextual()) {
      errors.add(p + f + ": must be a string");
      return null;
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode n, String f, String p, List<String> errors) {
    JsonNode v = n.get(f);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      errors.add(p + f + ": must be a list of strings");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        errors.add(p + f + "[" + i + "]: must be a string");
      } else {
        out.add(v.get(i).asText());
      }
    }
    return out;
  }
}
