package dev.sluice.app.cli;

/** Usage texts. */
final class Help {
  private Help() {}

  static final String MAIN =
      """
      Usage: ./sluice <command> [options]

      Turns raw S3 document stores into datasets that generative-AI models may safely see.

      Commands:
        demo                 run classify + ingest over sample-data on local S3/KMS/Macie emulators
        classify <source>    dry run: extract, classify, decide; write reports only, never data
        ingest <source>      write approved data to SSE-KMS curated datasets, with lineage
        jobs                 recent job executions and their status
        status <id>          one execution, step by step
        stop <id>            ask a running execution to stop after its current chunk
        restart <id>         restart a failed, stopped or crashed execution where it left off
        policy validate <f>  check a policy file; lists every error with its location
        lineage <uri>        where an output came from, or where a source went
        schedule             run as a service: launch sluice.schedules[*] on their cron
        report <run-id>      summary and paths of a run's reports (regenerated if missing)
        report diff <a> <b>  what changed between two runs [--json]
        grants <dataset>     IAM identity policy for a consumer role and the bucket policy, as JSON
        identifiers <cmd>    export|push <file>: our custom identifiers as Macie identifiers
        worker               run partitions for managers started with --workers remote
        config               effective configuration, secrets masked, with each value's origin
        --version            version, git commit, classifier catalogue version

      <source> is s3://bucket/prefix or a local folder or file.
      Configuration: application.yml, SLUICE_* environment variables, or --sluice.<key>=<value>.
      Run './sluice <command> --help' for a command's options.

      Exit codes: 0 completed, nothing held back; 3 completed, some documents quarantined or
      unscannable; 1 failed or stopped; 2 usage or configuration error.
      """;

  static final String CLASSIFY =
      """
      Usage: ./sluice classify <source> [options]

      Dry run: reads, extracts, classifies and decides every document, then writes the reports
      (report.json, documents.csv, findings.jsonl) under <output-dir>/reports/<run-id>/.
      Nothing is written to a curated dataset.

      Options:
        --findings <file>     also copy the findings (one JSON line per finding: source, path,
                              type, start, end, category, severity, preview) to <file>
        --policy <file>       policy YAML (default: the built-in fail-closed policy)
        --macie <mode>        off | advisory | required (default: off)
        --run-id <id>         run id (default: classify-<timestamp>-<random>)
        --threads <n>         partitions run in parallel (default: cores)
        --chunk-size <n>      documents per transaction (default: 20)
        --output-dir <dir>    where reports go (default: out)
        --config <file>       extra application.yml
        --workers <where>     local (default: threads of this process) or remote: this process
                              is the manager; it lists the source, splits it into key ranges and
                              sends them over RabbitMQ (spring.rabbitmq.*) to `sluice worker`
                              processes sharing the job database (spring.datasource.*)
        --partitions <n>      key ranges for --workers remote (default: 16)
      """;

  static final String INGEST =
      """
      Usage: ./sluice ingest <source> [options]

      Ingests approved (and redacted) documents into their datasets as gzip JSON Lines under
      <dataset>/classification=<label>/ingest_date=<date>/run=<run-id>/, every object SSE-KMS
      with the dataset's key. The KMS key and bucket are checked before any document is read.
      Sources already ingested unchanged under the same policy and catalogue are skipped.

      Options:
        --force               re-process sources even if unchanged since their last ingest
        --date <yyyy-mm-dd>   ingest_date partition (default: today, UTC)
        --policy <file>       policy YAML with datasets and rules
        --macie <mode>        off | advisory | required (default: off)
        --run-id <id>         run id; the same id restarts a failed run where it stopped
        --threads <n>, --chunk-size <n>, --output-dir <dir>, --config <file>: as for classify
        --workers local|remote, --partitions <n>: as for classify
        --sluice.dataset.bucket=<b> --sluice.dataset.kms-key-id=<k>: the default dataset when
                              the policy defines none
      """;

  static final String SCHEDULE =
      """
      Usage: ./sluice schedule [--config <application.yml>] [--wait-seconds <n>]

      Runs as a service and launches every schedule in sluice.schedules on its cron, e.g.
        sluice:
          schedules:
            - {name: nightly, cron: "0 0 2 * * *", job: ingest, source: "s3://raw-docs/"}
      A schedule never overlaps itself: a firing while its previous execution runs is skipped
      and logged. On SIGTERM, running executions stop after their current chunk (status STOPPED,
      restartable with ./sluice restart <id>); the service waits up to --wait-seconds (120).
      """;

  static final String JOBS = "Usage: ./sluice jobs [--limit <n>]\n";
  static final String STATUS = "Usage: ./sluice status <execution-id>\n";
  static final String STOP = "Usage: ./sluice stop <execution-id>\n";
  static final String RESTART =
      "Usage: ./sluice restart <execution-id | run-id> [--workers remote]"
          + " [--accept-changed-settings]\n"
          + "Restarts a failed or stopped execution, or one left running by a killed process,\n"
          + "under the settings it started with (its recorded flags are applied again). Settings\n"
          + "that differ (policy, datasets, identifiers, sink, limits, chunk size) are refused\n"
          + "unless --accept-changed-settings is given; the change is recorded in the report.\n"
          + "With --workers remote, unfinished partitions are sent to `sluice worker` processes.\n";
  static final String WORKER =
      """
      Usage: ./sluice worker [--threads <n>] [--config <file>]

      Runs partitions of `ingest|classify --workers remote` runs until stopped (SIGTERM). It
      takes one partition request at a time per thread from RabbitMQ (spring.rabbitmq.*, queue
      sluice.remote.queue) and reports through the job database the manager uses
      (spring.datasource.*). If it dies mid-partition, the broker hands the partition to
      another worker, which resumes it from its last committed chunk.
      Exits 2 at once when the database or the broker cannot be reached.

      Options:
        --threads <n>         partitions run at a time (default: 1)
        --config <file>       extra application.yml
      """;
  static final String POLICY =
      "Usage: ./sluice policy validate <file> [--custom-identifiers <json>]\n"
          + "  identifier IDs must be managed (Sluice or Macie) identifiers, DENY_TERM:<list>, or\n"
          + "  names of the custom identifiers in <json>; rules approving CREDENTIALS or\n"
          + "  FINANCIAL_INFORMATION need acknowledgeRisk; defaults never APPROVE or REDACT\n";
  static final String LINEAGE =
      "Usage: ./sluice lineage <uri>\n"
          + "  <uri> of a curated object: which sources and decisions produced it\n"
          + "  <uri> of a source: every run that processed it and where its records went\n";
  static final String DEMO =
      """
      Usage: ./sluice demo [--corpus <dir>] [--macie-findings <dir>]

      Starts local S3 (S3Mock), KMS and Macie emulators, uploads the sample corpus to
      s3://raw-docs/, loads the sample Macie findings, then runs classify (dry run) and ingest
      into s3://curated/ under a KMS key, and prints where the dataset, lineage and report are.
      """;
}
