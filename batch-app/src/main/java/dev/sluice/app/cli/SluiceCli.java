package dev.sluice.app.cli;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.config.SourceLocation;
import dev.sluice.app.job.JobsConfig;
import dev.sluice.app.job.ProcessInfoListener;
import dev.sluice.app.remote.Connectivity;
import dev.sluice.app.remote.RemoteProperties;
import dev.sluice.app.remote.WorkerIdentity;
import dev.sluice.ingest.decide.PolicyException;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code sluice} command line. Exit codes: 0 completed and nothing held back, 3 completed with
 * documents quarantined or unscannable, 1 failed or stopped, 2 usage or configuration error.
 */
public final class SluiceCli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int HELD_BACK = 3;

  private static final Set<String> JOB_VALUED =
      Set.of(
          "run-id",
          "date",
          "policy",
          "macie",
          "threads",
          "chunk-size",
          "findings",
          "output-dir",
          "config",
          "workers",
          "partitions");
  private static final Set<String> JOB_SWITCHES =
      Set.of("force", "help", "accept-changed-settings");

  private final PrintStream out;
  private final PrintStream err;

  public SluiceCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs {@code argv} and returns the exit code. */
  public int run(String... argv) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.print(Help.MAIN);
      return args.isEmpty() ? USAGE : OK;
    }
    String command = args.remove(0);
    try {
      return switch (command) {
        case "--version", "version" -> version();
        case "config" -> new ConfigCommand(this, out).run(args);
        case "ingest" -> job(JobsConfig.INGEST, args);
        case "classify" -> job(JobsConfig.CLASSIFY, args);
        case "jobs" -> jobs(args);
        case "status" -> status(args);
        case "restart" -> restart(args);
        case "stop" -> stop(args);
        case "policy" -> policy(args);
        case "lineage" -> lineage(args);
        case "demo" -> new Demo(this, out).run(args);
        case "report" -> new ReportCommand(this, out, err).run(args);
        case "grants" -> new GrantsCommand(this, out, err).run(args);
        case "schedule" -> schedule(args);
        case "worker" -> worker(args);
        case "identifiers" -> new IdentifiersCommand(this, out, err).run(args);
        default -> throw new UsageException("unknown command '" + command + "'");
      };
    } catch (UsageException e) {
      err.println("sluice: " + e.getMessage());
      err.println("Run './sluice --help' for usage.");
      return USAGE;
    } catch (IllegalArgumentException | PolicyException e) {
      err.println("sluice: " + e.getMessage());
      return USAGE;
    }
  }

  /** {@code sluice --version}: build version, git commit, classifier catalogue, Java. */
  int version() {
    String version = SluiceCli.class.getPackage().getImplementationVersion();
    java.util.Properties git = new java.util.Properties();
    try (var in = SluiceCli.class.getResourceAsStream("/sluice-git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      // no commit recorded: said below
    }
    String commit = git.getProperty("git.commit.id.abbrev", "unknown");
    if (Boolean.parseBoolean(git.getProperty("git.dirty", "false"))) {
      commit += "-dirty";
    }
    String catalogue = dev.sluice.classifiers.Scanner.builder().build().catalogVersion();
    out.println(
        "sluice "
            + (version == null ? "dev" : version)
            + " (commit "
            + commit
            + ", catalogue "
            + catalogue
            + ", java "
            + System.getProperty("java.version")
            + ")");
    return OK;
  }

  // ---- jobs ---------------------------------------------------------------------------------

  /** Options of a job run, after parsing. */
  record JobRun(
      String job,
      String source,
      String runId,
      String date,
      boolean force,
      String findings,
      List<String> springArgs,
      boolean acceptChangedSettings) {
    JobRun(
        String job,
        String source,
        String runId,
        String date,
        boolean force,
        String findings,
        List<String> springArgs) {
      this(job, source, runId, date, force, findings, springArgs, false);
    }
  }

  int job(String name, List<String> argv) {
    Args a = Args.parse(argv, JOB_VALUED, JOB_SWITCHES);
    if (a.has("help")) {
      out.print(name.equals(JobsConfig.INGEST) ? Help.INGEST : Help.CLASSIFY);
      return OK;
    }
    if (a.positional.size() != 1) {
      throw new UsageException(name + " needs exactly one source (s3://bucket/prefix or a path)");
    }
    String source = a.positional.get(0);
    SourceLocation.parse(source); // fail fast with a clear message
    List<String> spring = new ArrayList<>(a.springArgs);
    if (a.has("policy")) {
      if (!Files.isRegularFile(Path.of(a.get("policy", "")))) {
        throw new UsageException("--policy: no such file " + a.get("policy", ""));
      }
      spring.add("--sluice.policy=" + a.get("policy", ""));
    }
    if (a.has("macie")) {
      spring.add("--sluice.macie.mode=" + a.get("macie", ""));
    }
    if (a.has("threads")) {
      spring.add("--sluice.job.threads=" + a.intOption("threads", 1, 256));
    }
    if (a.has("chunk-size")) {
      spring.add("--sluice.job.chunk-size=" + a.intOption("chunk-size", 1, 10_000));
    }
    if (a.has("output-dir")) {
      spring.add("--sluice.output-dir=" + a.get("output-dir", ""));
    }
    if (a.has("config")) {
      spring.add("--spring.config.additional-location=file:" + a.get("config", ""));
    }
    String workers = a.get("workers", "local");
    if (workers.equals("remote")) {
      spring.addAll(remoteRole(RemoteProperties.MANAGER));
    } else if (!workers.equals("local")) {
      throw new UsageException("--workers must be local or remote (was '" + workers + "')");
    }
    if (a.has("partitions")) {
      if (!workers.equals("remote")) {
        throw new UsageException("--partitions needs --workers remote");
      }
      spring.add("--sluice.remote.partitions=" + a.intOption("partitions", 1, 100_000));
    }
    String date = a.get("date", LocalDate.now(ZoneOffset.UTC).toString());
    try {
      LocalDate.parse(date);
    } catch (RuntimeException e) {
      throw new UsageException("--date must be yyyy-mm-dd (was '" + date + "')");
    }
    String runId = a.get("run-id", newRunId(name));
    if (!runId.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new UsageException("--run-id must be 1-128 of [A-Za-z0-9._-]");
    }
    return launch(
        new JobRun(
            name,
            source,
            runId,
            date,
            a.has("force"),
            a.get("findings", ""),
            spring,
            a.has("accept-changed-settings")));
  }

  static String newRunId(String job) {
    byte[] r = new byte[2];
    new SecureRandom().nextBytes(r);
    return job
        + "-"
        + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + HexFormat.of().formatHex(r);
  }

  int launch(JobRun r) {
    StopSignals[] stop = new StopSignals[1];
    try {
      return launch(r, stop);
    } finally {
      if (stop[0] != null) {
        stop[0].close();
      }
    }
  }

  private int launch(JobRun r, StopSignals[] stop) {
    try (ConfigurableApplicationContext ctx = context(r.springArgs())) {
      JobOperator op = ctx.getBean(JobOperator.class);
      JobRepository repo = ctx.getBean(JobRepository.class);
      Job job = ctx.getBean(r.job() + "Job", Job.class);
      stop[0] =
          StopSignals.install(
              err,
              "run "
                  + r.runId()
                  + " stops after its current chunk (finish it later with: sluice restart "
                  + r.runId()
                  + ")",
              () -> stopRun(op, repo, job.getName(), r.runId()));
      JobParameters params =
          new JobParametersBuilder()
              .addString("source", r.source())
              .addString("run.id", r.runId())
              .addString("mode", r.job(), false)
              .addString("ingest.date", r.date(), false)
              .addString("force", Boolean.toString(r.force()), false)
              .addString(ARGS, replayableArgs(r.springArgs()), false)
              .toJobParameters();
      JobExecution previous = repo.getLastJobExecution(job.getName(), params);
      if (previous != null) {
        previous = failUnknown(repo, previous);
      }
      if (previous != null
          && (previous.getStatus() == BatchStatus.FAILED
              || previous.getStatus() == BatchStatus.STOPPED)) {
        // the same run again resumes it (Spring Batch restarts a failed or stopped instance)
        checkSettings(ctx, previous, r.acceptChangedSettings());
      }
      out.println("sluice " + r.job() + ": run " + r.runId() + " over " + r.source());
      JobExecution ex;
      if (stop[0].requested()) {
        err.println("sluice: stopped before run " + r.runId() + " started");
        return FAILED;
      }
      try {
        ex = op.start(job, params);
      } catch (JobInstanceAlreadyCompleteException e) {
        err.println(
            "sluice: run "
                + r.runId()
                + " already completed; omit --run-id to start a new run, or add --force");
        return USAGE;
      } catch (JobExecutionAlreadyRunningException e) {
        JobExecution last = repo.getLastJobExecution(job.getName(), params);
        if (last != null && !ProcessInfoListener.isAlive(last)) {
          out.println(
              "execution " + last.getId() + " was left running by a dead process; recovering");
          op.recover(last);
          ex = op.start(job, params);
        } else {
          err.println("sluice: run " + r.runId() + " is already running in another process");
          return FAILED;
        }
      }
      int code = summarize(ctx, ex);
      if (!r.findings().isEmpty() && ex.getStatus() == BatchStatus.COMPLETED) {
        Object report = ex.getExecutionContext().get("sluice.report");
        if (report != null) {
          Path target = Path.of(r.findings());
          if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
          }
          Files.copy(
              Path.of(report.toString()).resolveSibling("findings.jsonl"),
              target,
              StandardCopyOption.REPLACE_EXISTING);
          out.println("findings:  " + target.toAbsolutePath());
        }
      }
      return code;
    } catch (UsageException e) {
      throw e;
    } catch (IOException e) {
      err.println("sluice: " + e.getMessage());
      return FAILED;
    } catch (Exception e) {
      return startupFailure(e);
    }
  }

  /** Asks the execution of {@code runId} to stop, waiting for it to appear if it has not yet. */
  static void stopRun(JobOperator op, JobRepository repo, String jobName, String runId) {
    for (int attempt = 0; attempt < 600; attempt++) {
      try {
        for (JobExecution e : repo.findRunningJobExecutions(jobName)) {
          if (runId.equals(e.getJobParameters().getString("run.id"))) {
            op.stop(e);
            return;
          }
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception endedOrClosing) {
        // the execution ended between the lookup and the stop, or the context is closing: the
        // command is finishing on its own
        return;
      }
    }
  }

  /**
   * Spring arguments of a remote role: the role, and the AMQP auto-configuration back (the embedded
   * default excludes it so that it never connects to a broker).
   */
  static List<String> remoteRole(String role) {
    return List.of("--sluice.remote.role=" + role, "--spring.autoconfigure.exclude=");
  }

  /**
   * An execution a job-repository outage left UNKNOWN (a chunk commit whose outcome the database
   * never confirmed), marked FAILED so it can be resumed. Spring Batch refuses to restart UNKNOWN
   * ("manual intervention"); for Sluice resuming is safe: the uncommitted chunk is read again from
   * the last committed position, and a part it may have uploaded is an orphan the publish step
   * removes (keys depend only on run, partition and chunk sequence).
   */
  JobExecution failUnknown(JobRepository repo, JobExecution execution) {
    JobExecution e = repo.getJobExecution(execution.getId());
    if (e == null) {
      return execution;
    }
    int marked = 0;
    for (org.springframework.batch.core.step.StepExecution s : e.getStepExecutions()) {
      if (s.getStatus() == BatchStatus.UNKNOWN) {
        s.setStatus(BatchStatus.FAILED);
        s.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
        if (s.getEndTime() == null) {
          s.setEndTime(java.time.LocalDateTime.now());
        }
        repo.update(s);
        marked++;
      }
    }
    if (e.getStatus() == BatchStatus.UNKNOWN) {
      e.setStatus(BatchStatus.FAILED);
      e.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
      if (e.getEndTime() == null) {
        e.setEndTime(java.time.LocalDateTime.now());
      }
      repo.update(e);
      marked++;
    }
    if (marked > 0) {
      err.println(
          "sluice: execution "
              + e.getId()
              + " was left UNKNOWN by a job-repository outage; marked FAILED to resume it (its"
              + " unconfirmed chunk is processed again, a part it uploaded is removed as an orphan)");
      return repo.getJobExecution(e.getId());
    }
    return e;
  }

  /** Job parameter: the run's settings flags, without secrets, replayed by {@code restart}. */
  static final String ARGS = "sluice.args";

  /** A parameter value fits the job repository's 2,500-character column. */
  private static final int MAX_ARGS_CHARS = 2400;

  /**
   * The settings flags of a run as one replayable value: flags carrying a secret (keys, passwords)
   * are left out, and so is everything when it would not fit the repository.
   */
  static String replayableArgs(List<String> springArgs) {
    List<String> kept = new ArrayList<>();
    for (String a : springArgs) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (!ConfigCommand.secret(name) && !name.startsWith("--logging.")) {
        kept.add(a);
      }
    }
    String joined = String.join("\n", kept);
    return joined.length() > MAX_ARGS_CHARS ? "" : joined;
  }

  /**
   * Refuses to resume {@code previous} under settings other than those it started with, unless
   * {@code accept}; then the change is recorded with the run (and shown in its report).
   */
  private void checkSettings(
      ConfigurableApplicationContext ctx, JobExecution previous, boolean accept) {
    var context = previous.getExecutionContext();
    if (!context.containsKey(ProcessInfoListener.SETTINGS)) {
      return;
    }
    var recorded =
        dev.sluice.app.config.EffectiveSettings.parse(
            context.getString(ProcessInfoListener.SETTINGS));
    var current = ctx.getBean(dev.sluice.app.config.EffectiveSettings.class);
    List<String> changed = recorded.differences(current);
    if (changed.isEmpty()) {
      return;
    }
    String run = previous.getJobParameters().getString("run.id");
    if (!accept) {
      throw new UsageException(
          "run "
              + run
              + " started under other settings; changed: "
              + String.join(", ", changed)
              + ". Resume it with its own settings (drop the flags or files that change them), or"
              + " pass --accept-changed-settings (recorded in the run's report)");
    }
    java.util.Map<String, String> before = new java.util.TreeMap<>();
    changed.forEach(k -> before.put(k, String.valueOf(recorded.values().get(k))));
    try {
      context.putString(
          ProcessInfoListener.CHANGED,
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(before));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context.putString(ProcessInfoListener.SETTINGS, current.json());
    ctx.getBean(JobRepository.class).updateExecutionContext(previous);
    err.println("sluice: run " + run + " resumes under changed settings: " + changed);
  }

  int startupFailure(Exception e) {
    Throwable t = e;
    while (t != null) {
      if (t instanceof Connectivity.UnreachableException u) {
        err.println("sluice: " + u.getMessage());
        return USAGE;
      }
      t = t.getCause();
    }
    t = e;
    while (t != null) {
      if (t instanceof org.springframework.boot.context.properties.bind.BindException be) {
        Throwable cause = be.getCause();
        while (cause != null && cause.getCause() != null) {
          cause = cause.getCause();
        }
        err.println(
            "sluice: invalid configuration: "
                + be.getName()
                + (be.getProperty() != null ? " = '" + be.getProperty().getValue() + "'" : "")
                + (cause != null ? ": " + cause.getMessage() : ""));
        return USAGE;
      }
      if (t instanceof IllegalArgumentException || t instanceof PolicyException) {
        err.println("sluice: " + t.getMessage());
        return USAGE;
      }
      t = t.getCause();
    }
    err.println("sluice: failed: " + e.getMessage());
    return FAILED;
  }

  int summarize(ConfigurableApplicationContext ctx, JobExecution ex) {
    String runId = ex.getJobParameters().getString("run.id");
    List<LineageRecord> records = ctx.getBean(LineageStore.class).byRun(runId);
    RunReport.Totals t = RunReport.totals(records);
    out.println("execution: " + ex.getId() + " " + ex.getStatus());
    out.println("documents: " + t.documents() + " " + t.byDecision());
    if (t.unscannable() > 0) {
      out.println("unscannable: " + t.unscannable());
    }
    Object report = ex.getExecutionContext().get("sluice.report");
    if (report != null) {
      out.println("report:    " + report);
    }
    if (ex.getStatus() == BatchStatus.STOPPED) {
      err.println(
          "sluice: run "
              + runId
              + " stopped after its current chunk; finish it with: sluice restart "
              + runId);
      return FAILED;
    }
    if (ex.getStatus() != BatchStatus.COMPLETED) {
      ex.getAllFailureExceptions()
          .forEach(
              f ->
                  err.println(
                      "sluice: "
                          + ex.getJobInstance().getJobName()
                          + " failed: "
                          + rootMessage(f)));
      ex.getStepExecutions().stream()
          .flatMap(s -> s.getFailureExceptions().stream())
          .forEach(f -> err.println("sluice: step failed: " + rootMessage(f)));
      return FAILED;
    }
    boolean heldBack = t.unscannable() > 0 || t.byDecision().getOrDefault("QUARANTINE", 0) > 0;
    return heldBack ? HELD_BACK : OK;
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      if (c instanceof dev.sluice.ingest.sink.SinkException) {
        break;
      }
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  ConfigurableApplicationContext context(List<String> springArgs) {
    return context(springArgs, true);
  }

  ConfigurableApplicationContext context(List<String> springArgs, boolean shutdownHook) {
    SpringApplication app = new SpringApplication(SluiceApplication.class);
    app.setRegisterShutdownHook(shutdownHook);
    return app.run(springArgs.toArray(String[]::new));
  }

  /** The scheduler service of the last {@code schedule} command (tests stop it through this). */
  volatile ScheduleCommand scheduler;

  int schedule(List<String> argv) {
    Args a = Args.parse(argv, Set.of("config", "wait-seconds"), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.SCHEDULE);
      return OK;
    }
    List<String> spring = new ArrayList<>(a.springArgs);
    if (a.has("config")) {
      spring.add("--spring.config.additional-location=file:" + a.get("config", ""));
    }
    int wait = a.has("wait-seconds") ? a.intOption("wait-seconds", 1, 3600) : 120;
    ConfigurableApplicationContext ctx;
    try {
      ctx = context(spring, false);
    } catch (Exception e) {
      return startupFailure(e);
    }
    ScheduleCommand s = new ScheduleCommand(ctx, out);
    try (StopSignals signals =
        StopSignals.install(
            err,
            "running executions stop after their current chunk; no new firings",
            () -> s.shutdown(wait))) {
      s.start();
      scheduler = s;
      out.println("sluice schedule: running; SIGTERM stops running executions after their chunk");
      s.await();
      return signals.requested() && s.stoppedAny() ? FAILED : OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    } finally {
      ctx.close();
    }
  }

  /** A command body that runs with a started application context. */
  @FunctionalInterface
  interface ContextCommand {
    int run(ConfigurableApplicationContext ctx) throws Exception;
  }

  /**
   * Starts the application context, runs {@code body}, closes the context. Usage errors propagate
   * (exit 2 with the message); anything else is a start-up or run failure.
   */
  int withContext(List<String> springArgs, ContextCommand body) {
    try (ConfigurableApplicationContext ctx = context(springArgs)) {
      return body.run(ctx);
    } catch (UsageException ue) {
      throw ue;
    } catch (Exception e) {
      return startupFailure(e);
    }
  }

  // ---- remote worker -------------------------------------------------------------------------

  /**
   * {@code sluice worker}: takes partition requests from RabbitMQ and runs them against the shared
   * job repository until stopped (SIGTERM finishes the current chunk's transaction, then exits; the
   * broker hands an unfinished partition to another worker). Fails fast, exit 2, when the database
   * or the broker cannot be reached.
   */
  int worker(List<String> argv) {
    Args a = Args.parse(argv, Set.of("threads", "config"), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.WORKER);
      return OK;
    }
    if (!a.positional.isEmpty()) {
      throw new UsageException("worker takes no arguments (was '" + a.positional.get(0) + "')");
    }
    List<String> spring = new ArrayList<>(a.springArgs);
    spring.addAll(remoteRole(RemoteProperties.WORKER));
    if (a.has("threads")) {
      spring.add("--sluice.remote.worker-threads=" + a.intOption("threads", 1, 256));
    }
    if (a.has("config")) {
      spring.add("--spring.config.additional-location=file:" + a.get("config", ""));
    }
    // a start-up failure is reported as one line below (application.yml already silences Spring's
    // own report); the pool's connection errors would repeat it
    spring.add("--logging.level.com.zaxxer.hikari=OFF");
    spring.add(
        "--logging.level.org.springframework.context.annotation"
            + ".AnnotationConfigApplicationContext=ERROR");
    ConfigurableApplicationContext ctx;
    try {
      ctx = context(spring);
    } catch (Exception e) {
      // a connection (SQLState class 08) or login (28) failure before the worker's own check ran
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.sql.SQLException sql
            && sql.getSQLState() != null
            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
          err.println("sluice: cannot reach the database: " + Connectivity.root(t));
          return USAGE;
        }
      }
      return startupFailure(e);
    }
    RemoteProperties rp = ctx.getBean(RemoteProperties.class);
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    ctx.addApplicationListener(
        (org.springframework.context.ApplicationListener<
                org.springframework.context.event.ContextClosedEvent>)
            ev -> closed.countDown());
    err.println(
        "sluice worker "
            + WorkerIdentity.self()
            + ": ready, taking partitions from queue "
            + rp.queue()
            + " ("
            + rp.workerThreads()
            + " at a time)");
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  // ---- operations -----------------------------------------------------------------------------

  int jobs(List<String> argv) {
    Args a = Args.parse(argv, Set.of("limit"), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.JOBS);
      return OK;
    }
    int limit = a.has("limit") ? a.intOption("limit", 1, 1000) : 20;
    return withContext(
        a.springArgs,
        ctx -> {
          JobRepository repo = ctx.getBean(JobRepository.class);
          List<JobExecution> all = new ArrayList<>();
          for (String name : List.of(JobsConfig.INGEST, JobsConfig.CLASSIFY)) {
            for (JobInstance i : repo.findJobInstancesByName(name, 0, limit)) {
              all.addAll(repo.getJobExecutions(i));
            }
          }
          all.sort((x, y) -> Long.compare(y.getId(), x.getId()));
          out.printf(
              "%-6s %-9s %-10s %-20s %-20s %s%n", "ID", "JOB", "STATUS", "STARTED", "ENDED", "RUN");
          for (JobExecution e : all.subList(0, Math.min(limit, all.size()))) {
            out.printf(
                "%-6d %-9s %-10s %-20s %-20s %s%n",
                e.getId(),
                e.getJobInstance().getJobName(),
                e.getStatus(),
                time(e.getStartTime()),
                time(e.getEndTime()),
                e.getJobParameters().getString("run.id"));
          }
          return OK;
        });
  }

  private static String time(java.time.LocalDateTime t) {
    return t == null ? "-" : t.withNano(0).toString();
  }

  /**
   * The execution {@code id} names: an execution number, or a run id (its latest execution). An
   * unknown id is a usage error with one line, never a repository exception.
   */
  private JobExecution execution(ConfigurableApplicationContext ctx, String id) {
    JobRepository repo = ctx.getBean(JobRepository.class);
    if (id.matches("[0-9]{1,18}")) {
      JobExecution e = null;
      try {
        e = repo.getJobExecution(Long.parseLong(id));
      } catch (org.springframework.dao.DataAccessException notFound) {
        // Batch 6 reports a missing execution as an empty result: same answer as null
      }
      if (e != null) {
        return e;
      }
    }
    JobExecution latest = null;
    for (String name : List.of(JobsConfig.INGEST, JobsConfig.CLASSIFY)) {
      for (int from = 0; ; from += 500) {
        List<JobInstance> page = repo.findJobInstancesByName(name, from, 500);
        for (JobInstance i : page) {
          for (JobExecution e : repo.getJobExecutions(i)) {
            if (id.equals(e.getJobParameters().getString("run.id"))
                && (latest == null || e.getId() > latest.getId())) {
              latest = e;
            }
          }
        }
        if (page.size() < 500) {
          break;
        }
      }
    }
    if (latest == null) {
      throw new UsageException("no job execution or run '" + id + "' (see: sluice jobs)");
    }
    return latest;
  }

  private static String single(Args a, String what) {
    if (a.positional.size() != 1) {
      throw new UsageException(what + " needs exactly one execution id or run id");
    }
    return a.positional.get(0);
  }

  int status(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.STATUS);
      return OK;
    }
    String id = single(a, "status");
    return withContext(
        a.springArgs,
        ctx -> {
          JobExecution e = execution(ctx, id);
          out.println(
              "execution "
                  + e.getId()
                  + " "
                  + e.getJobInstance().getJobName()
                  + " "
                  + e.getStatus());
          out.println("run:     " + e.getJobParameters().getString("run.id"));
          out.println("source:  " + e.getJobParameters().getString("source"));
          out.println("started: " + time(e.getStartTime()) + "  ended: " + time(e.getEndTime()));
          e.getStepExecutions()
              .forEach(
                  s ->
                      out.printf(
                          "  %-28s %-10s read=%d written=%d filtered=%d%n",
                          s.getStepName(),
                          s.getStatus(),
                          s.getReadCount(),
                          s.getWriteCount(),
                          s.getFilterCount()));
          Object report = e.getExecutionContext().get("sluice.report");
          if (report != null) {
            out.println("report:  " + report);
          }
          return OK;
        });
  }

  int restart(List<String> argv) {
    Args a = Args.parse(argv, Set.of("workers"), Set.of("help", "accept-changed-settings"));
    if (a.has("help")) {
      out.print(Help.RESTART);
      return OK;
    }
    String id = single(a, "restart");
    List<String> spring = new ArrayList<>(a.springArgs);
    String workers = a.get("workers", "local");
    if (workers.equals("remote")) {
      spring.addAll(remoteRole(RemoteProperties.MANAGER));
    } else if (!workers.equals("local")) {
      throw new UsageException("--workers must be local or remote (was '" + workers + "')");
    }
    // the run's own settings flags first, the caller's after them (they win, and are checked)
    String[] recorded = {""};
    int found =
        withContext(
            spring,
            ctx -> {
              String args = execution(ctx, id).getJobParameters().getString(ARGS);
              recorded[0] = args == null ? "" : args;
              return OK;
            });
    if (found != OK) {
      return found;
    }
    Set<String> given = new java.util.HashSet<>();
    spring.forEach(f -> given.add(f.contains("=") ? f.substring(0, f.indexOf('=')) : f));
    List<String> replay = new ArrayList<>();
    recorded[0]
        .lines()
        .filter(l -> !l.isBlank())
        .filter(l -> !given.contains(l.contains("=") ? l.substring(0, l.indexOf('=')) : l))
        .forEach(replay::add);
    replay.addAll(spring);
    boolean accept = a.has("accept-changed-settings");
    return withContext(
        replay,
        ctx -> {
          JobExecution e = execution(ctx, id);
          JobOperator op = ctx.getBean(JobOperator.class);
          if (e.getStatus().isRunning()) {
            if (ProcessInfoListener.isAlive(e)) {
              err.println("sluice: execution " + id + " is still running");
              return FAILED;
            }
            out.println("execution " + id + " was left running by a dead process; recovering");
            e = op.recover(e);
          } else if (e.getStatus() == BatchStatus.COMPLETED
              || e.getStatus() == BatchStatus.ABANDONED) {
            throw new UsageException(
                "execution "
                    + e.getId()
                    + " is "
                    + e.getStatus()
                    + " and cannot be restarted; start a new run instead");
          }
          e = failUnknown(ctx.getBean(JobRepository.class), e);
          checkSettings(ctx, e, accept);
          out.println(
              "restarting execution "
                  + e.getId()
                  + " (run "
                  + e.getJobParameters().getString("run.id")
                  + ")");
          JobExecution next = op.restart(e);
          return summarize(ctx, next);
        });
  }

  int stop(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help"));
    if (a.has("help")) {
      out.print(Help.STOP);
      return OK;
    }
    String id = single(a, "stop");
    return withContext(
        a.springArgs,
        ctx -> {
          JobExecution e = execution(ctx, id);
          if (!e.getStatus().isRunning()) {
            throw new UsageException(
                "execution " + e.getId() + " is not running (" + e.getStatus() + ")");
          }
          ctx.getBean(JobOperator.class).stop(e);
          out.println(
              "stop requested for execution "
                  + id
                  + "; it stops after its current chunk and can be restarted");
          return OK;
        });
  }

  int policy(List<String> argv) {
    Args a = Args.parse(argv, Set.of("custom-identifiers"), Set.of("help"));
    if (a.has("help") || a.positional.isEmpty()) {
      out.print(Help.POLICY);
      return a.has("help") ? OK : USAGE;
    }
    if (!a.positional.get(0).equals("validate") || a.positional.size() != 2) {
      throw new UsageException(
          "usage: sluice policy validate <file> [--custom-identifiers <json>]");
    }
    Path file = Path.of(a.positional.get(1));
    try {
      Set<String> custom = Set.of();
      if (a.has("custom-identifiers")) {
        try {
          custom =
              dev.sluice.classifiers.identifier.CustomIdentifiers.parse(
                      java.nio.file.Files.readString(Path.of(a.get("custom-identifiers", ""))))
                  .stream()
                  .map(dev.sluice.classifiers.identifier.CustomDataIdentifier::name)
                  .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException | IOException e) {
          err.println(
              "sluice: --custom-identifiers: cannot read " + a.get("custom-identifiers", ""));
          return USAGE;
        }
      }
      var p = PolicyLoader.load(file, custom);
      p.acknowledgements()
          .forEach(
              k ->
                  out.println(
                      "acknowledged: rule '"
                          + k.ruleId()
                          + "' approves "
                          + k.categories()
                          + ": "
                          + k.text()));
      out.println(
          file
              + ": valid (policy '"
              + p.name()
              + "', "
              + p.rules().size()
              + " rules, "
              + p.datasets().size()
              + " datasets, sha256 "
              + p.hash()
              + ")");
      return OK;
    } catch (PolicyException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (IOException e) {
      err.println("sluice: cannot read " + file + ": " + e.getMessage());
      return USAGE;
    }
  }

  int lineage(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help"));
    if (a.has("help") || a.positional.size() != 1) {
      out.print(Help.LINEAGE);
      return a.has("help") ? OK : USAGE;
    }
    String uri = a.positional.get(0);
    return withContext(
        a.springArgs,
        ctx -> {
          LineageStore store = ctx.getBean(LineageStore.class);
          List<LineageRecord> from = store.byOutput(uri);
          List<LineageRecord> to = store.bySource(uri);
          if (to.isEmpty()) {
            // lineage stores names with findings masked: look the raw name up the same way
            var props = ctx.getBean(dev.sluice.app.config.CoreBeans.ValidatedProperties.class);
            var names =
                new dev.sluice.ingest.SourceNames(
                    ctx.getBean(dev.sluice.classifiers.Scanner.class),
                    dev.sluice.app.config.CoreBeans.fingerprintKey(props.props()));
            to = store.bySource(names.display(uri));
          }
          if (from.isEmpty() && to.isEmpty()) {
            out.println("no lineage for " + uri);
            return FAILED;
          }
          for (LineageRecord r : from) {
            out.println("output " + uri + " came from:");
            print(r);
          }
          if (!to.isEmpty()) {
            out.println("source " + uri + " went to:");
            to.forEach(this::print);
          }
          return OK;
        });
  }

  private void print(LineageRecord r) {
    out.println(
        "  run "
            + r.runId()
            + " ("
            + r.mode()
            + ", job execution "
            + r.jobExecutionId()
            + ") "
            + r.decision()
            + " at "
            + r.processedAt());
    out.println(
        "    source "
            + r.sourceUri()
            + " version fingerprint "
            + r.eTag()
            + " content fingerprint "
            + r.sha256());
    out.println(
        "    policy "
            + r.policyHash()
            + " catalogue "
            + r.catalogVersion()
            + " extractor "
            + r.extractor());
    out.println("    reasons " + r.reasons());
    out.println("    counts " + r.findingCounts() + " redactions " + r.redactionCounts());
    if (!r.evidence().isEmpty()) {
      out.println("    evidence " + RunReport.evidence(r));
    }
    r.outputUris().forEach(o -> out.println("    -> " + o));
  }
}
