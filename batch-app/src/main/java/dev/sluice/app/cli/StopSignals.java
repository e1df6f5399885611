package dev.sluice.app.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGTERM or SIGINT into an orderly stop while a command runs: the first signal prints a
 * notice and starts {@code onStop} on its own thread (ask the running execution to stop after its
 * current chunk); the command then finishes on its own thread (the execution ends STOPPED, the
 * summary is printed, the application context and its database are closed) and exits with {@link
 * SluiceCli#FAILED}. A second signal ends the process at once.
 *
 * <p>The signals are taken over while the command lasts, so the JVM does not begin its shutdown:
 * its shutdown hooks (the embedded H2 database closes itself in one, Spring closes the connection
 * pool in another) would otherwise end the database before the stop is recorded. {@code
 * sun.misc.Signal} (module {@code jdk.unsupported}) is reached reflectively; where it is missing,
 * the JVM's default handling stays in place.
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final PrintStream err;
  private final String notice;
  private final Runnable onStop;
  private final List<Object[]> previous = new ArrayList<>();
  private volatile boolean requested;

  private StopSignals(PrintStream err, String notice, Runnable onStop) {
    this.err = err;
    this.notice = notice;
    this.onStop = onStop;
  }

  /** Takes over SIGTERM and SIGINT until {@link #close()}. */
  static StopSignals install(PrintStream err, String notice, Runnable onStop) {
    StopSignals s = new StopSignals(err, notice, onStop);
    for (String name : SIGNALS) {
      Object old = Signals.handle(name, s::onSignal);
      if (old != null) {
        s.previous.add(new Object[] {name, old});
      }
    }
    return s;
  }

  /** Whether a stop signal arrived. */
  boolean requested() {
    return requested;
  }

  /** Gives the signals back to the JVM's default handling. */
  @Override
  public void close() {
    previous.forEach(p -> Signals.restore((String) p[0], p[1]));
    previous.clear();
  }

  private void onSignal() {
    if (requested) {
      err.println("sluice: second stop signal; exiting now (restart the run to finish it)");
      err.flush();
      Runtime.getRuntime().halt(SluiceCli.FAILED);
    }
    requested = true;
    err.println("sluice: stop signal received; " + notice);
    err.flush();
    Thread stopper = new Thread(onStop, "sluice-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /** Reflective access to {@code sun.misc.Signal}, which is not part of the Java SE API. */
  private static final class Signals {
    private Signals() {}

    /** Installs {@code action} for {@code name}; returns the previous handler, or null. */
    static Object handle(String name, Runnable action) {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        InvocationHandler call =
            (Object proxy, Method m, Object[] args) -> {
              if (m.getName().equals("handle")) {
                action.run();
                return null;
              }
              return switch (m.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "sluice stop handler";
              };
            };
        Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, call);
        Object sig = signal.getConstructor(String.class).newInstance(name);
        return signal.getMethod("handle", signal, handler).invoke(null, sig, h);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
        return null;
      }
    }

    static void restore(String name, Object previous) {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object sig = signal.getConstructor(String.class).newInstance(name);
        signal.getMethod("handle", signal, handler).invoke(null, sig, previous);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
        // nothing was installed
      }
    }
  }
}
