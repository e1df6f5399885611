package dev.sluice.ingest.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps Macie custom data identifier ids (or ARNs) to our custom identifier names, so a Macie
 * custom-identifier detection becomes evidence under the same name our scanner uses. A finding's
 * {@code customDataIdentifiers.detections[].arn} may hold an ARN or the bare UUID id; both are
 * accepted. Immutable and thread-safe.
 */
public final class CustomIdentifierNames {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CustomIdentifierNames NONE = new CustomIdentifierNames(Map.of());

  private final Map<String, String> byId;

  private CustomIdentifierNames(Map<String, String> byId) {
    this.byId = Map.copyOf(byId);
  }

  /** No known ids: detections keep Macie's name. */
  public static CustomIdentifierNames none() {
    return NONE;
  }

  /** Known ids (bare ids or ARNs) to our names. */
  public static CustomIdentifierNames of(Map<String, String> idToName) {
    Map<String, String> m = new HashMap<>();
    idToName.forEach((k, v) -> m.put(bareId(Objects.requireNonNull(k)), Objects.requireNonNull(v)));
    return new CustomIdentifierNames(m);
  }

  /**
   * Reads the state written by {@code sluice identifiers push} ({@code {"identifiers":[{name, id,
   * arn, ...}]}}); a missing file gives {@link #none()}.
   *
   * @throws UncheckedIOException if the file exists but cannot be read or parsed
   */
  public static CustomIdentifierNames read(Path stateFile) {
    if (!Files.isRegularFile(stateFile)) {
      return NONE;
    }
    try {
      JsonNode root = JSON.readTree(stateFile.toFile());
      Map<String, String> m = new HashMap<>();
      for (JsonNode n : root.path("identifiers")) {
        String id = n.path("id").asText("");
        String name = n.path("name").asText("");
        if (!id.isEmpty() && !name.isEmpty()) {
          m.put(bareId(id), name);
        }
      }
      return new CustomIdentifierNames(m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read custom identifier state " + stateFile, e);
    }
  }

  /**
   * Our name for a Macie detection: the known name of its id, else Macie's name, else the id.
   *
   * @param arnOrId the detection's {@code arn} field (ARN or bare id), may be null
   * @param macieName the detection's {@code name}, may be null
   */
  public String resolve(String arnOrId, String macieName) {
    String id = arnOrId == null ? "" : bareId(arnOrId);
    String known = id.isEmpty() ? null : byId.get(id);
    if (known != null) {
      return known;
    }
    if (macieName != null && !macieName.isBlank()) {
      return macieName;
    }
    return id.isEmpty() ? "CUSTOM_IDENTIFIER" : id;
  }

  /** Number of known ids. */
  public int size() {
    return byId.size();
  }

  /** {@code arn:aws:macie2:r:a:custom-data-identifier/<id>} to {@code <id>}; ids unchanged. */
  static String bareId(String arnOrId) {
    int slash = arnOrId.lastIndexOf('/');
    return arnOrId.startsWith("arn:") && slash >= 0 ? arnOrId.substring(slash + 1) : arnOrId;
  }
}
