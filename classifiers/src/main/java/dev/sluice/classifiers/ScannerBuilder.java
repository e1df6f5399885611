package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.AllowList;
import dev.sluice.classifiers.identifier.CustomDataIdentifier;
import dev.sluice.classifiers.identifier.DenyTermList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link Scanner}. Each option is validated when it is set; the builder may be reused and
 * is not thread-safe.
 */
public final class ScannerBuilder {
  /** Default window for streaming scans, in chars. */
  public static final int DEFAULT_WINDOW = 1 << 20;

  private byte[] fingerprintKey = "sluice-default-fingerprint-key".getBytes(StandardCharsets.UTF_8);
  private final List<CustomDataIdentifier> custom = new ArrayList<>();
  private final List<DenyTermList> deny = new ArrayList<>();
  private final List<AllowList> allow = new ArrayList<>();
  private Set<String> only;
  private final Set<String> disabled = new HashSet<>();
  private int window = DEFAULT_WINDOW;

  ScannerBuilder() {}

  /**
   * Sets the HMAC key for finding fingerprints. Use a secret key in production so fingerprints
   * cannot be brute-forced back to values.
   */
  public ScannerBuilder fingerprintKey(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("fingerprintKey must be at least 16 bytes");
    }
    this.fingerprintKey = Arrays.copyOf(key, key.length);
    return this;
  }

  /** Adds custom data identifiers (names must be unique and not clash with managed IDs). */
  public ScannerBuilder customIdentifiers(List<CustomDataIdentifier> identifiers) {
    for (CustomDataIdentifier c : identifiers) {
      if (Catalog.managed().find(c.name()).isPresent()) {
        throw new IllegalArgumentException(
            "customIdentifiers: name clashes with managed ID " + c.name());
      }
      for (CustomDataIdentifier o : custom) {
        if (o.name().equals(c.name())) {
          throw new IllegalArgumentException("customIdentifiers: duplicate name " + c.name());
        }
      }
      custom.add(c);
    }
    return this;
  }

  /** Adds an allow list; findings whose whole text it matches are suppressed. */
  public ScannerBuilder allowList(AllowList list) {
    allow.add(java.util.Objects.requireNonNull(list, "list"));
    return this;
  }

  /** Adds a deny-term dictionary. */
  public ScannerBuilder denyTerms(DenyTermList list) {
    java.util.Objects.requireNonNull(list, "list");
    for (DenyTermList d : deny) {
      if (d.name().equals(list.name())) {
        throw new IllegalArgumentException("denyTerms: duplicate list name " + list.name());
      }
    }
    deny.add(list);
    return this;
  }

  /** Restricts managed identifiers to {@code ids} (all by default). */
  public ScannerBuilder onlyIdentifiers(Set<String> ids) {
    for (String id : ids) {
      Catalog.managed().entry(id);
    }
    this.only = Set.copyOf(ids);
    return this;
  }

  /** Turns off the managed identifiers {@code ids}. */
  public ScannerBuilder disableIdentifiers(Set<String> ids) {
    for (String id : ids) {
      Catalog.managed().entry(id);
    }
    disabled.addAll(ids);
    return this;
  }

  /**
   * Sets the streaming window in chars (memory is about {@code 2 * (window + 22 KiB)} bytes per
   * concurrent scan); at least 1.
   */
  public ScannerBuilder window(int chars) {
    if (chars < 1 || chars > (1 << 26)) {
      throw new IllegalArgumentException("window must be 1..67108864 chars, was " + chars);
    }
    this.window = chars;
    return this;
  }

  /** Builds the scanner; the builder may be reused. */
  public Scanner build() {
    List<CatalogEntry> managed = Catalog.managed().entries();
    boolean[] enabled = new boolean[managed.size()];
    for (int i = 0; i < enabled.length; i++) {
      String id = managed.get(i).id();
      enabled[i] = (only == null || only.contains(id)) && !disabled.contains(id);
    }
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < enabled.length; i++) {
      extra.append(enabled[i] ? '1' : '0');
    }
    for (CustomDataIdentifier c : custom) {
      extra.append('\n').append(c);
    }
    for (DenyTermList d : deny) {
      extra
          .append("\ndeny:")
          .append(d.name())
          .append(':')
          .append(d.size())
          .append(':')
          .append(d.severity());
    }
    for (AllowList a : allow) {
      extra.append("\nallow:").append(a.name());
    }
    String version =
        extra.indexOf("\n") < 0 && only == null && disabled.isEmpty()
            ? Catalog.managed().version()
            : new Catalog(managed, extra.toString()).version();
    return new ScanEngine(
        managed,
        enabled,
        custom,
        deny,
        allow,
        Fingerprinter.hmacSha256(fingerprintKey),
        window,
        version);
  }
}
