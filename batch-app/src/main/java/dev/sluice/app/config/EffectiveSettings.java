package dev.sluice.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings a run's results depend on, recorded with the run so that a restart resumes under the
 * same ones: the policy (by hash), the datasets, the classifier catalogue and company-specific
 * identifier files (by hash), Macie mode, the sink and the extraction limits, and the chunk size
 * (the curated object keys depend on it). Secrets, endpoints and thread counts are not part of it.
 * File contents are recorded as SHA-256 of the file, never the file.
 */
public final class EffectiveSettings {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> values;

  private EffectiveSettings(Map<String, String> values) {
    this.values = values;
  }

  /** The settings of a run configured by {@code props} under {@code policy}. */
  public static EffectiveSettings of(SluiceProperties props, Policy policy, String catalog) {
    Map<String, String> m = new TreeMap<>();
    m.put("policy", policy.name() + " sha256:" + policy.hash());
    List<String> datasets = new ArrayList<>();
    for (DatasetSpec d : policy.datasets()) {
      datasets.add(
          d.name()
              + " s3://"
              + d.bucket()
              + "/"
              + d.outputPrefix()
              + " key "
              + d.kmsKeyId()
              + " "
              + d.classification()
              + " from "
              + d.sourcePrefixes());
    }
    if (datasets.isEmpty() && !props.dataset().bucket().isBlank()) {
      SluiceProperties.Dataset d = props.dataset();
      datasets.add(
          d.name()
              + " s3://"
              + d.bucket()
              + "/"
              + d.name()
              + " key "
              + d.kmsKeyId()
              + " "
              + d.classification());
    }
    m.put("datasets", String.join("; ", datasets));
    m.put("catalogue", catalog);
    m.put(
        "sluice.classifiers.custom-identifiers", fileHash(props.classifiers().customIdentifiers()));
    m.put("sluice.classifiers.allow-lists", filesHash(props.classifiers().allowLists()));
    m.put("sluice.classifiers.deny-terms", filesHash(props.classifiers().denyTerms()));
    m.put("sluice.macie.mode", props.macie().mode());
    m.put("sluice.macie.discovery-results", props.macie().discoveryResults());
    SluiceProperties.Sink s = props.sink();
    m.put("sluice.sink.mode", s.mode() + " " + new TreeMap<>(s.datasetModes()));
    m.put("sluice.sink.layout", s.layout());
    m.put("sluice.sink.bucket-key-enabled", Boolean.toString(s.bucketKeyEnabled()));
    m.put("sluice.sink.quarantine-bucket", s.quarantineBucket() + " " + s.quarantineKmsKeyId());
    m.put("sluice.extraction", props.extraction().toString());
    m.put("sluice.job.chunk-size", Integer.toString(props.job().chunkSize()));
    return new EffectiveSettings(m);
  }

  /** Reads settings written by {@link #json()}. */
  public static EffectiveSettings parse(String json) {
    try {
      return new EffectiveSettings(
          new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {})));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable recorded settings", e);
    }
  }

  public String json() {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, String> values() {
    return values;
  }

  /** The names of the settings whose value differs from {@code other}'s, sorted. */
  public List<String> differences(EffectiveSettings other) {
    TreeMap<String, Boolean> keys = new TreeMap<>();
    values.keySet().forEach(k -> keys.put(k, true));
    other.values.keySet().forEach(k -> keys.put(k, true));
    List<String> out = new ArrayList<>();
    for (String k : keys.keySet()) {
      if (!String.valueOf(values.get(k)).equals(String.valueOf(other.values.get(k)))) {
        out.add(k);
      }
    }
    return out;
  }

  private static String filesHash(List<String> files) {
    List<String> out = new ArrayList<>();
    for (String f : files) {
      out.add(fileHash(f));
    }
    return String.join(",", out);
  }

  private static String fileHash(String file) {
    if (file == null || file.isBlank()) {
      return "";
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file)));
      return Path.of(file).getFileName() + " sha256:" + HexFormat.of().formatHex(d);
    } catch (IOException | NoSuchAlgorithmException e) {
      return Path.of(file).getFileName() + " (unreadable)";
    }
  }
}
