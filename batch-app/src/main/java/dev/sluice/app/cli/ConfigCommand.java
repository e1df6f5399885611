package dev.sluice.app.cli;

import dev.sluice.app.config.KnownKeys;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code sluice config}: the effective configuration, one {@code key = value # origin} line per
 * setting, secrets masked. The origin says where the value came from (a flag, an environment
 * variable, a file and line, or the built-in default), so a surprising value can be traced.
 */
final class ConfigCommand {
  static final String HELP =
      """
      Usage: ./sluice config [--sluice.<key>=<value> ...]

      Prints the effective configuration: every sluice.* setting plus the job repository, with
      where each value came from (command line, environment variable, file:line, or default).
      Secrets (keys, passwords) are masked. stdout carries only the listing.

      Example:
        SLUICE_JOB_CHUNK_SIZE=50 ./sluice config --sluice.macie.mode=advisory | grep -E 'job|macie'
      """;

  private static final List<String> SPRING_KEYS =
      List.of(
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.datasource.password",
          "spring.batch.jdbc.initialize-schema");
  private static final Set<String> SECRET_WORDS =
      Set.of("secret", "password", "fingerprint-key", "access-key", "token");

  private final SluiceCli cli;
  private final PrintStream out;

  ConfigCommand(SluiceCli cli, PrintStream out) {
    this.cli = cli;
    this.out = out;
  }

  int run(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help"));
    if (a.has("help")) {
      out.print(HELP);
      return SluiceCli.OK;
    }
    if (!a.positional.isEmpty()) {
      throw new UsageException("config takes no arguments");
    }
    return cli.withContext(
        a.springArgs,
        ctx -> {
          print(ctx);
          return SluiceCli.OK;
        });
  }

  private void print(ConfigurableApplicationContext ctx) {
    ConfigurableEnvironment env = ctx.getEnvironment();
    List<String> keys = new ArrayList<>(KnownKeys.of().all());
    keys.addAll(SPRING_KEYS);
    for (String key : keys) {
      if (key.contains("[*]") || key.endsWith(".*")) {
        printIndexed(env, key);
        continue;
      }
      String value = env.getProperty(key);
      out.println(line(key, value, origin(env, key)));
    }
  }

  /** Lists and maps: each element that is set, with its index or map key. */
  private void printIndexed(ConfigurableEnvironment env, String pattern) {
    String head = pattern.substring(0, pattern.indexOf(pattern.contains("[*]") ? "[*]" : ".*"));
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
      if (source
          instanceof
          org.springframework.boot.context.properties.source.IterableConfigurationPropertySource
              it) {
        for (ConfigurationPropertyName name : it) {
          String key = name.toString();
          String generic = key.replaceAll("\\[[0-9]+\\]", "[*]");
          boolean matches =
              pattern.endsWith(".*") ? key.startsWith(head + ".") : generic.equals(pattern);
          if (matches) {
            ConfigurationProperty p = source.getConfigurationProperty(name);
            Object v = p == null ? null : p.getValue();
            out.println(line(key, v == null ? null : v.toString(), describe(p)));
          }
        }
      }
    }
  }

  private static String origin(ConfigurableEnvironment env, String key) {
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
      ConfigurationProperty p = source.getConfigurationProperty(name);
      if (p != null) {
        return describe(p);
      }
    }
    return "default";
  }

  private static String describe(ConfigurationProperty p) {
    if (p == null) {
      return "default";
    }
    Origin o = p.getOrigin();
    String where = o == null ? p.getSource().toString() : o.toString();
    if (where.startsWith("\"") || where.contains("from property source \"commandLineArgs\"")) {
      return "command line";
    }
    if (where.contains("System Environment Property")) {
      return "environment " + where.replaceAll(".*\"([A-Z0-9_]+)\".*", "$1");
    }
    return where.replace("class path resource ", "");
  }

  static String line(String key, String value, String origin) {
    String shown = value == null ? "(unset)" : value.isEmpty() ? "\"\"" : value;
    if (value != null && !value.isEmpty() && secret(key)) {
      shown = "****";
    }
    if (key.equals("spring.datasource.url") && value != null) {
      shown = value.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }
    return key + " = " + shown + "  # " + origin;
  }

  static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }
}
