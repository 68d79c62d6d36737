package org.idetunnelrisk.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guards the {@code results_file} named in the alert payload: it must be an absolute path without
 * {@code ..} segments that, after following every link, is a regular file inside Splunk's dispatch folder
 * {@code $SPLUNK_HOME/var/run/splunk/dispatch/} (itself resolved to its real path). So a payload cannot
 * make the action read any other file. {@code SPLUNK_HOME} comes from the environment, never from the
 * payload. Immutable, thread-safe.
 */
public final class ResultsFile {
  private static final Pattern PARENT_SEGMENT = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)");
  private final Path splunkHome;

  /** @param splunkHome Splunk's install folder; tests pass a temporary folder */
  public ResultsFile(Path splunkHome) {
    this.splunkHome = splunkHome;
  }

  /** From {@code SPLUNK_HOME} in {@code env}; an {@link AlertException} when it is not set. */
  public static ResultsFile fromEnvironment(Map<String, String> env) {
    String home = env.get("SPLUNK_HOME");
    if (home == null || home.isBlank()) {
      throw new AlertException("SPLUNK_HOME is not set; cannot locate Splunk's dispatch folder for results_file");
    }
    try {
      return new ResultsFile(Path.of(home.strip()));
    } catch (InvalidPathException e) {
      throw new AlertException("SPLUNK_HOME: '" + home + "' is not a valid path");
    }
  }

  /** The dispatch folder as configured, before links are followed. */
  public Path dispatchDir() {
    return splunkHome.resolve("var").resolve("run").resolve("splunk").resolve("dispatch");
  }

  /** Checks {@code resultsFile} and returns its real path. */
  public Path check(String resultsFile) {
    if (PARENT_SEGMENT.matcher(resultsFile).find()) {
      throw new AlertException("results_file: '" + resultsFile + "' contains '..'");
    }
    Path given;
    try {
      given = Path.of(resultsFile);
    } catch (InvalidPathException e) {
      throw new AlertException("results_file: '" + resultsFile + "' is not a valid path");
    }
    if (!given.isAbsolute()) {
      throw new AlertException("results_file: '" + resultsFile + "' is not an absolute path");
    }
    Path dispatch;
    try {
      dispatch = dispatchDir().toRealPath();
    } catch (IOException e) {
      throw new AlertException("results_file: Splunk's dispatch folder '" + dispatchDir() + "' does not exist");
    }
    Path real;
    try {
      real = given.toRealPath();
    } catch (NoSuchFileException e) {
      throw new AlertException("results_file: '" + resultsFile + "' does not exist");
    } catch (IOException e) {
      throw new AlertException("results_file: '" + resultsFile + "' cannot be resolved (" + e.getMessage() + ")");
    }
    if (!real.startsWith(dispatch) || real.equals(dispatch)) {
      throw new AlertException("results_file: '" + resultsFile + "' is outside Splunk's dispatch folder '"
          + dispatch + "'");
    }
    if (!Files.isRegularFile(real)) {
      throw new AlertException("results_file: '" + resultsFile + "' is not a regular file");
    }
    return real;
  }
}
