package dev.sluice.classifiers.redact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which operator applies to which identifier, and the key for pseudonyms. Immutable and
 * thread-safe; built with {@link #builder()}.
 */
public final class RedactionPlan {
  private final Operator defaultOperator;
  private final Map<String, Operator> byId;
  private final byte[] pseudonymKey;

  private RedactionPlan(Builder b) {
    this.defaultOperator = b.defaultOperator;
    this.byId = java.util.Collections.unmodifiableMap(new HashMap<>(b.byId));
    this.pseudonymKey = b.pseudonymKey.clone();
  }

  /** A plan that replaces every finding with {@code [ID]}. */
  public static RedactionPlan replaceAll() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The operator for {@code identifierId}, or empty when the identifier is left as is. */
  public Optional<Operator> operatorFor(String identifierId) {
    if (byId.containsKey(identifierId)) {
      return Optional.ofNullable(byId.get(identifierId));
    }
    return Optional.ofNullable(defaultOperator);
  }

  byte[] pseudonymKey() {
    return pseudonymKey.clone();
  }

  /** Builder; each option is checked when set. Not thread-safe. */
  public static final class Builder {
    private Operator defaultOperator = Operator.REPLACE;
    private final Map<String, Operator> byId = new HashMap<>();
    private byte[] pseudonymKey = "sluice-default-pseudonym-key".getBytes(StandardCharsets.UTF_8);

    private Builder() {}

    /** Operator for identifiers without their own; {@code null} leaves them unredacted. */
    public Builder defaultOperator(Operator op) {
      this.defaultOperator = op;
      return this;
    }

    /** Operator for one identifier; {@code null} leaves it unredacted. */
    public Builder operator(String identifierId, Operator op) {
      Objects.requireNonNull(identifierId, "identifierId");
      byId.put(identifierId, op);
      return this;
    }

    /** HMAC key for pseudonyms, at least 16 bytes; keep it secret and stable across runs. */
    public Builder pseudonymKey(byte[] key) {
      if (key == null || key.length < 16) {
        throw new IllegalArgumentException("pseudonymKey must be at least 16 bytes");
      }
      this.pseudonymKey = Arrays.copyOf(key, key.length);
      return this;
    }

    public RedactionPlan build() {
      return new RedactionPlan(this);
    }
  }
}
