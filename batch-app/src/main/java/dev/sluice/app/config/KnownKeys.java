package dev.sluice.app.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code sluice.*} keys {@link SluiceProperties} and {@code RemoteProperties} bind, derived
 * from their record components, so a new setting is known as soon as it exists. A key given in a
 * flag or a config file that no setting binds is a configuration error naming the key and the
 * nearest valid one ({@code sluice.job.chunk-sise} is a typo, not a silent default). Environment
 * variables and JVM system properties are not checked: environment names map to keys ambiguously,
 * and the launcher sets {@code SLUICE_HOME} and {@code -Dsluice.s3mock.jar} for itself.
 */
public final class KnownKeys {
  /** Keys read from the environment rather than bound to {@link SluiceProperties}. */
  private static final List<String> READ_DIRECTLY =
      List.of(
          "sluice.lineage.openlineage.file",
          "sluice.lineage.openlineage.url",
          "sluice.lineage.openlineage.timeout",
          "sluice.lineage.openlineage.namespace");

  private final List<String> leaves = new ArrayList<>();
  private final List<String> mapPrefixes = new ArrayList<>();

  private KnownKeys() {}

  /** The keys {@link SluiceProperties} binds. */
  public static KnownKeys of() {
    KnownKeys k = new KnownKeys();
    k.walk(SluiceProperties.class, "sluice");
    k.walk(dev.sluice.app.remote.RemoteProperties.class, "sluice.remote");
    k.leaves.addAll(READ_DIRECTLY);
    return k;
  }

  /** Every bindable key, lists shown with {@code [*]} and maps with {@code .*}. */
  public List<String> all() {
    TreeSet<String> s = new TreeSet<>(leaves);
    mapPrefixes.forEach(p -> s.add(p + ".*"));
    return List.copyOf(s);
  }

  /** Whether {@code key} (canonical form, e.g. {@code sluice.schedules[0].cron}) is bound. */
  public boolean known(String key) {
    String k = key.replaceAll("\\[[0-9]+\\]", "[*]");
    if (leaves.contains(k)) {
      return true;
    }
    for (String p : mapPrefixes) {
      if (k.startsWith(p + ".") || k.startsWith(p + "[")) {
        return true;
      }
    }
    // a parent of known keys (e.g. a YAML section given as an empty value)
    return leaves.stream().anyMatch(l -> l.startsWith(k + ".") || l.startsWith(k + "[*]"));
  }

  /** The known key nearest to {@code key} by edit distance. */
  public String nearest(String key) {
    String k = key.replaceAll("\\[[0-9]+\\]", "[*]");
    String best = leaves.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : all()) {
      int d = distance(k, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  /** The first unknown {@code sluice.*} key set outside the environment, if any. */
  public Optional<String> firstUnknown(ConfigurableEnvironment env) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
      Object underlying = source.getUnderlyingSource();
      if (underlying instanceof PropertySource<?> ps
          && (ps.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
              || ps.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
              || ps.getName().startsWith("random"))) {
        continue;
      }
      if (source instanceof IterableConfigurationPropertySource iterable) {
        for (ConfigurationPropertyName name : iterable) {
          String key = name.toString();
          if (key.startsWith("sluice.") && !known(key)) {
            return Optional.of(key);
          }
        }
      }
    }
    return Optional.empty();
  }

  private void walk(Class<?> type, String prefix) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + "." + kebab(c.getName());
      Class<?> t = c.getType();
      if (t.isRecord()) {
        walk(t, key);
      } else if (java.util.Map.class.isAssignableFrom(t)) {
        mapPrefixes.add(key);
      } else if (List.class.isAssignableFrom(t)) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        if (element instanceof Class<?> e && e.isRecord()) {
          walk(e, key + "[*]");
        } else {
          leaves.add(key + "[*]");
          leaves.add(key);
        }
      } else {
        leaves.add(key);
      }
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
