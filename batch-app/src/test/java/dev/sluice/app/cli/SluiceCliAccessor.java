package dev.sluice.app.cli;

/** Test access to the CLI's scheduler service. */
public final class SluiceCliAccessor {
  private SluiceCliAccessor() {}

  /** Stops the scheduler service started by {@code cli}'s {@code schedule} command. */
  public static void shutdown(SluiceCli cli, int waitSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (cli.scheduler == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    cli.scheduler.shutdown(waitSeconds);
  }
}
