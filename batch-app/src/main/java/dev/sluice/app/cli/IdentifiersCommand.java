package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.app.step.RunContext;
import dev.sluice.ingest.macie.CustomIdentifierExport;
import dev.sluice.ingest.macie.CustomIdentifierExport.PushResult;
import dev.sluice.ingest.macie.CustomIdentifierExport.PushStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.macie2.Macie2Client;

/**
 * {@code sluice identifiers export|push <custom-identifiers.json>}: our custom identifiers as Macie
 * CreateCustomDataIdentifier requests, printed or created in Macie (idempotently), so Sluice and
 * Macie scan with the same definitions. Push records the Macie ids in the custom identifier state
 * file so Macie findings that name an identifier by id map back to our name.
 */
final class IdentifiersCommand {
  static final String HELP =
      """
      Usage: ./sluice identifiers export <custom-identifiers.json>
             ./sluice identifiers push <custom-identifiers.json> [--sluice.<key>=<value> ...]

      export  prints our custom identifiers as Macie CreateCustomDataIdentifier requests (JSON),
              each with a clientToken that is a hash of its definition.
      push    creates them in Macie. Existing identifiers are found by name first
              (ListCustomDataIdentifiers) and left alone; re-running creates nothing new. An
              existing identifier with the same name but another definition is reported as a
              CONFLICT (Macie identifiers cannot be changed): delete or rename it. The Macie ids
              are written to sluice.macie.custom-identifiers-state (default
              <data-dir>/macie-custom-identifiers.json) so findings map back to our names.

      Input: a JSON list of {name, regex, keywords, ignoreWords, maximumMatchDistance,
      severityLevels, description}. Exit codes: 0 done, 1 conflict or Macie error, 2 invalid input.
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SluiceCli cli;
  private final PrintStream out;
  private final PrintStream err;

  IdentifiersCommand(SluiceCli cli, PrintStream out, PrintStream err) {
    this.cli = cli;
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help"));
    if (a.has("help") || a.positional.isEmpty()) {
      out.print(HELP);
      return a.has("help") ? SluiceCli.OK : SluiceCli.USAGE;
    }
    String action = a.positional.get(0);
    if (!(action.equals("export") || action.equals("push")) || a.positional.size() != 2) {
      throw new UsageException("usage: sluice identifiers export|push <custom-identifiers.json>");
    }
    Path file = Path.of(a.positional.get(1));
    if (!Files.isRegularFile(file)) {
      throw new UsageException("no such file " + file);
    }
    List<ObjectNode> requests;
    try {
      requests = CustomIdentifierExport.requests(file);
    } catch (CustomIdentifierExport.InvalidDefinitionException e) {
      err.println(file + ": invalid custom identifiers:");
      e.getMessage().lines().forEach(l -> err.println("  " + l));
      return SluiceCli.USAGE;
    } catch (IOException e) {
      err.println("sluice: cannot read " + file + ": " + e.getClass().getSimpleName());
      return SluiceCli.USAGE;
    }
    if (action.equals("export")) {
      ArrayNode arr = JSON.createArrayNode();
      requests.forEach(arr::add);
      try {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return SluiceCli.OK;
    }
    return push(requests, a.springArgs);
  }

  private int push(List<ObjectNode> requests, List<String> springArgs) {
    try (ConfigurableApplicationContext ctx = cli.context(springArgs)) {
      SluiceProperties props = ctx.getBean(SluiceProperties.class);
      Macie2Client macie = ctx.getBean(Macie2Client.class);
      List<PushResult> results;
      try {
        results = CustomIdentifierExport.push(macie, requests);
      } catch (SdkException e) {
        String what =
            e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode() + " (HTTP " + s.statusCode() + ")"
                : e.getClass().getSimpleName();
        err.println("sluice: Macie: " + what + "; nothing recorded");
        return SluiceCli.FAILED;
      }
      boolean conflict = false;
      for (PushResult r : results) {
        out.printf("%-8s %-40s %s%n", r.status(), r.name(), r.id());
        if (r.status() == PushStatus.CONFLICT) {
          conflict = true;
          err.println(
              "sluice: Macie identifier '"
                  + r.name()
                  + "' ("
                  + r.id()
                  + ") has another definition; delete or rename it, identifiers are immutable");
        }
      }
      Path state = RunContext.macieIdentifierState(props);
      writeAtomically(state, CustomIdentifierExport.state(results));
      long created = results.stream().filter(r -> r.status() == PushStatus.CREATED).count();
      out.println(
          created
              + " created, "
              + (results.size() - created)
              + " already present; ids in "
              + state);
      return conflict ? SluiceCli.FAILED : SluiceCli.OK;
    } catch (IOException e) {
      err.println("sluice: cannot write custom identifier state: " + e.getMessage());
      return SluiceCli.FAILED;
    } catch (Exception e) {
      return cli.startupFailure(e);
    }
  }

  private static void writeAtomically(Path target, ObjectNode content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "identifiers", ".tmp");
    Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
