package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.ManagedIdentifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The list of identifiers a scanner knows, with a version string that changes whenever a rule
 * changes. Immutable and thread-safe.
 *
 * <p>The version is {@code <RULES_REVISION>-<first 12 hex of SHA-256>} over every entry (ID,
 * category, flags, keywords, severity scale) plus {@link #RULES_REVISION}, which is bumped by hand
 * whenever validator code changes behaviour. Lineage records it next to every classification.
 */
public final class Catalog {
  /** Bumped whenever validators or the engine change what is found. */
  public static final String RULES_REVISION = "r6";

  private static final Catalog MANAGED = new Catalog(ManagedIdentifiers.entries(), "");

  private final List<CatalogEntry> entries;
  private final Map<String, CatalogEntry> byId;
  private final String version;

  Catalog(List<CatalogEntry> entries, String extraFingerprint) {
    this.entries = List.copyOf(entries);
    Map<String, CatalogEntry> m = new LinkedHashMap<>();
    for (CatalogEntry e : this.entries) {
      if (m.put(e.id(), e) != null) {
        throw new IllegalArgumentException("duplicate identifier id " + e.id());
      }
    }
    this.byId = m;
    this.version = RULES_REVISION + "-" + hash(this.entries, extraFingerprint);
  }

  /** The managed catalogue (Macie IDs plus common tokens). */
  public static Catalog managed() {
    return MANAGED;
  }

  /** All entries in priority order. */
  public List<CatalogEntry> entries() {
    return entries;
  }

  /** The entry with {@code id}, if any. */
  public Optional<CatalogEntry> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The entry with {@code id}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public CatalogEntry entry(String id) {
    CatalogEntry e = byId.get(id);
    if (e == null) {
      throw new IllegalArgumentException("unknown identifier id: " + id);
    }
    return e;
  }

  /** Version string: changes when any rule changes. */
  public String version() {
    return version;
  }

  /**
   * Document-level severity of {@code count} occurrences of {@code id} per Macie's table (1 / 2-99
   * / 100+).
   */
  public Severity documentSeverity(String id, long count) {
    return entry(id).severityScale().forCount(count);
  }

  private static String hash(List<CatalogEntry> entries, String extra) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(RULES_REVISION.getBytes(StandardCharsets.UTF_8));
      for (CatalogEntry e : entries) {
        md.update(e.toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      md.update(extra.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
