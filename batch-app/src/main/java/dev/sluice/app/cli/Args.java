package dev.sluice.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: positional arguments, {@code --flag value} / {@code --flag=value} options,
 * boolean switches, and {@code --sluice.*} / {@code --spring.*} properties passed to Spring. {@code
 * --config <file>} (an extra settings file) is accepted by every command.
 */
final class Args {
  final List<String> positional = new ArrayList<>();
  final Map<String, String> options = new LinkedHashMap<>();
  final List<String> springArgs = new ArrayList<>();

  static Args parse(List<String> argv, Set<String> valued, Set<String> switches) {
    Args a = new Args();
    for (int i = 0; i < argv.size(); i++) {
      String s = argv.get(i);
      if (s.startsWith("--sluice.") || s.startsWith("--spring.") || s.startsWith("--logging.")) {
        a.springArgs.add(s);
      } else if (s.startsWith("--")) {
        String name = s.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (switches.contains(name)) {
          if (value != null) {
            throw new UsageException("--" + name + " takes no value");
          }
          a.options.put(name, "true");
        } else if (name.equals("config") && !valued.contains(name)) {
          // every command that starts the application takes an extra settings file
          if (value == null) {
            if (i + 1 >= argv.size()) {
              throw new UsageException("--config needs a value");
            }
            value = argv.get(++i);
          }
          if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(value))) {
            throw new UsageException("--config: no such file " + value);
          }
          a.springArgs.add("--spring.config.additional-location=file:" + value);
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= argv.size()) {
              throw new UsageException("--" + name + " needs a value");
            }
            value = argv.get(++i);
          }
          a.options.put(name, value);
        } else {
          throw new UsageException("unknown option --" + name);
        }
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  String get(String name, String dflt) {
    return options.getOrDefault(name, dflt);
  }

  int intOption(String name, int min, int max) {
    String v = options.get(name);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number (was '" + v + "')");
    }
  }
}
