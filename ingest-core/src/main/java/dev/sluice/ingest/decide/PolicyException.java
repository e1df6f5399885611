package dev.sluice.ingest.decide;

import java.util.List;

/** A policy file is invalid; carries every error with its location. */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> errors;

  public PolicyException(String source, List<String> errors) {
    super("invalid policy " + source + ":\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** The errors, each {@code <path>: <problem>}. */
  public List<String> errors() {
    return errors;
  }
}
