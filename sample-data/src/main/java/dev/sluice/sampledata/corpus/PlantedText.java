package dev.sluice.sampledata.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a text while recording where sensitive values are planted, so ground truth offsets are
 * exact by construction. Not thread-safe.
 */
public final class PlantedText {

  private final StringBuilder sb = new StringBuilder();
  private final List<Planted> planted = new ArrayList<>();

  /** Appends plain text (which must contain no sensitive value). */
  public PlantedText t(String text) {
    sb.append(text);
    return this;
  }

  /** Appends a sensitive value of the given identifier type and records its offsets. */
  public PlantedText v(String type, String value) {
    int start = sb.length();
    sb.append(value);
    planted.add(new Planted(type, value, "", start, sb.length()));
    return this;
  }

  /** Appends a custom identifier match ({@code name} as in custom-identifiers.json). */
  public PlantedText custom(String name, String value) {
    return v("custom:" + name, value);
  }

  /** Appends a deny term (as listed in deny-terms.txt). */
  public PlantedText deny(String term) {
    return v("deny:" + term, term);
  }

  /** Appends another builder's text and its planted values (offsets shifted). */
  public PlantedText append(PlantedText other) {
    int shift = sb.length();
    sb.append(other.sb);
    for (Planted p : other.planted) {
      planted.add(new Planted(p.type(), p.value(), p.unit(), p.start() + shift, p.end() + shift));
    }
    return this;
  }

  /** Appends text and a newline. */
  public PlantedText line(String text) {
    return t(text).t("\n");
  }

  /** The text built so far. */
  public String text() {
    return sb.toString();
  }

  /** The values planted so far, in order. */
  public List<Planted> planted() {
    return List.copyOf(planted);
  }

  /** Current length (offset where the next append starts). */
  public int length() {
    return sb.length();
  }
}
