package org.idetunnelrisk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.app.AppHome;
import org.idetunnelrisk.app.AppRulebook;
import org.idetunnelrisk.tuning.TuningException;

/**
 * How a command gets its rules, field table and tuning: the paths its options name are checked, then the one
 * loader every entry point shares ({@link AppHome#read}) reads them; and how what it finds is printed, one line
 * each: {@code file:line: message} for a problem, {@code file:line: warning: ...}, {@code file:line: info: ...}.
 *
 * <p>{@code --app DIR}: the unpacked app, with {@code --rules} folders added to its rules (as the input's
 * {@code rules_dir} is) and {@code --fields} read after its {@code local/fields.csv}. Without it: the rules
 * inside the jar, or the {@code --rules} folders in their place, and the jar's field table extended by
 * {@code --fields}.
 */
final class Loading {
  private static final Pattern PLACE = Pattern.compile("^(.+?:\\d+|[^\\s:]+): (.*)$", Pattern.DOTALL);

  private Loading() {}

  /** The rulebook, problems and all; null after printing to {@code err} why nothing could be read. */
  static AppRulebook read(String command, String app, List<String> rules, String fields, PrintStream err) {
    List<Path> rulePaths = new ArrayList<>();
    for (String d : rules) {
      Path p = Path.of(d);
      if (!Files.exists(p)) {
        err.println(d + ": no such rule folder or file");
        return null;
      }
      rulePaths.add(p);
    }
    List<Path> fieldPaths = new ArrayList<>();
    if (fields != null) {
      Path p = Path.of(fields);
      if (!Files.isRegularFile(p)) {
        err.println(fields + ": no such field table file");
        return null;
      }
      fieldPaths.add(p);
    }
    try {
      if (app != null) {
        return AppHome.unpacked(Path.of(app)).read(rulePaths, fieldPaths);
      }
      return AppHome.withoutApp(rulePaths).read(List.of(), fieldPaths);
    } catch (TuningException e) {
      e.problems().forEach(err::println);
      return null;
    } catch (IOException e) {
      err.println(command + ": cannot read: " + e.getMessage());
      return null;
    }
  }

  /**
   * Prints every problem that stops a run and what was not done; returns false when there was none. Problems
   * of the conf files, field tables and allowlist come first (when there are any, no rule was loaded).
   */
  static boolean refused(AppRulebook book, String notDone, PrintStream err) {
    if (!book.setupProblems().isEmpty()) {
      book.setupProblems().forEach(err::println);
      err.println(book.setupProblems().size() + " problem(s) in ide_tunnel_risk.conf, the field tables or the"
          + " allowlist; " + notDone);
      return true;
    }
    if (!book.rules().ok()) {
      book.ruleProblems().forEach(err::println);
      err.println(book.rules().problems().size() + " rule problem(s); " + notDone);
      return true;
    }
    return false;
  }

  /** {@code file:line: warning: message} from {@code file:line: message}. */
  static String warning(String placeAndMessage) {
    return tagged(placeAndMessage, "warning");
  }

  /** {@code file:line: info: message} from {@code file:line: message}. */
  static String info(String placeAndMessage) {
    return tagged(placeAndMessage, "info");
  }

  private static String tagged(String placeAndMessage, String tag) {
    Matcher m = PLACE.matcher(placeAndMessage);
    return m.matches() ? m.group(1) + ": " + tag + ": " + m.group(2) : tag + ": " + placeAndMessage;
  }
}
