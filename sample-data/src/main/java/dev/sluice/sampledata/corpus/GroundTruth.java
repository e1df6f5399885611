package dev.sluice.sampledata.corpus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the ground-truth JSON of a document (schema in sample-data/README.md). Stateless and
 * thread-safe.
 */
public final class GroundTruth {

  private GroundTruth() {}

  /** The ground-truth object for one document. */
  public static ObjectNode of(CorpusDocument doc) {
    ObjectNode n = Json.object();
    n.put("document", doc.path());
    n.put("format", doc.format());
    n.put("charset", doc.charset());
    n.put("sizeBytes", doc.bytes().length);
    n.put("md5", md5Hex(doc.bytes()));
    n.put("expectedDecision", doc.expectedDecision().name());
    n.put("unscannable", doc.unscannable());
    if (doc.sizeLimitBytes() > 0) {
      n.put("sizeLimitBytes", doc.sizeLimitBytes());
    }
    List<Planted> planted = doc.planted();
    ArrayNode expected = n.putArray("expected");
    counts(planted, Planted::isManaged, "")
        .forEach((t, c) -> expected.addObject().put("type", t).put("count", c));
    ArrayNode occ = n.putArray("occurrences");
    for (Unit u : doc.units()) {
      if (!u.offsetsPublished()) {
        continue;
      }
      for (Planted p : u.planted()) {
        if (p.isManaged()) {
          occ.addObject()
              .put("type", p.type())
              .put("start", p.start())
              .put("end", p.end())
              .put("unit", p.unit());
        }
      }
    }
    ArrayNode custom = n.putArray("customIdentifiers");
    counts(planted, Planted::isCustom, "custom:")
        .forEach((t, c) -> custom.addObject().put("name", t).put("count", c));
    ArrayNode deny = n.putArray("denyTerms");
    counts(planted, Planted::isDenyTerm, "deny:")
        .forEach((t, c) -> deny.addObject().put("term", t).put("count", c));
    ArrayNode units = n.putArray("units");
    for (Unit u : doc.units()) {
      if (!u.path().isEmpty()) {
        units.add(u.path());
      }
    }
    ArrayNode neg = n.putArray("negatives");
    doc.negatives().forEach(neg::add);
    n.put("proves", doc.proves());
    return n;
  }

  private static Map<String, Integer> counts(
      List<Planted> planted, java.util.function.Predicate<Planted> filter, String prefix) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    if (prefix.isEmpty()) {
      planted.stream().filter(filter).forEach(p -> Catalog.category(p.type()));
      for (String t : Catalog.types()) {
        int c = (int) planted.stream().filter(filter).filter(p -> p.type().equals(t)).count();
        if (c > 0) {
          byType.put(t, c);
        }
      }
      return byType;
    }
    planted.stream()
        .filter(filter)
        .map(p -> p.type().substring(prefix.length()))
        .sorted()
        .forEach(t -> byType.merge(t, 1, Integer::sum));
    return byType;
  }

  /** Lower-case hex MD5 of the bytes (the S3 ETag of a single-part unencrypted upload). */
  public static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 not available", e);
    }
  }
}
