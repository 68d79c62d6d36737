package org.idetunnelrisk.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.MessageTemplate;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.FieldUse;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.sigma.RuleSource;
import org.idetunnelrisk.source.Normalizer;
import org.idetunnelrisk.spl.Feed;

/**
 * What a reviewer points out in rules that load, as {@code rules check} prints it:
 * <ul>
 *   <li>a field a detection tests, or a risk object, threat object or risk message takes, that the field table
 *       does not produce (only events with a field of exactly that name have it), with the closest name the table
 *       has ({@link Spelling}: {@code Imgae}, did you mean {@code Image});
 *   <li>a log source no feed of the modular input carries ({@link Feed#carries}), so the rule runs only in
 *       {@code scan} and the alert action, with the closest category a feed carries;
 *   <li>a rule id a shipped rule has: a warning (the modular input refuses to load both), or, for a rule in an
 *       app's {@code local/} folder, the information that it replaces the shipped rule.
 * </ul>
 * Stateless.
 */
public final class RuleReview {
  private RuleReview() {}

  /** How much a finding matters: a warning fails {@code rules check --strict}, information never does. */
  public enum Severity {
    WARNING("warning"), INFO("info");

    private final String word;

    Severity(String word) {
      this.word = word;
    }
  }

  /** One finding, at a file and line (0: the whole file). */
  public record Finding(String file, int line, Severity severity, String message) {
    /** {@code file:line: warning: message}. */
    @Override
    public String toString() {
      return (line > 0 ? file + ":" + line : file) + ": " + severity.word + ": " + message;
    }
  }

  /**
   * The findings of an app's load ({@code rules check --app}): every rule loaded is reviewed, and each shipped rule
   * a content team's rule replaces is information.
   */
  public static List<Finding> ofApp(AppRulebook book) {
    List<Finding> out = new ArrayList<>(fieldsAndLogSources(book.rules(), book.fields()));
    for (AppRulebook.Replacement r : book.replaced()) {
      out.add(new Finding(r.by().file(), r.by().idLine(), Severity.INFO,
          "rule '" + r.ruleId() + "' replaces the shipped rule " + r.shipped().idPlace()));
    }
    return sorted(out);
  }

  /**
   * The findings of rule folders checked on their own ({@code rules check DIR...}), against the rules shipped
   * inside the jar: a rule with a shipped rule's id is information when its file lies in an app's {@code local/}
   * folder (a content team's replacement), a warning anywhere else; a file identical to the shipped one (the
   * shipped folder itself) is neither.
   */
  public static List<Finding> ofFolders(AppRulebook book, RuleSet shipped) {
    List<Finding> out = new ArrayList<>(fieldsAndLogSources(book.rules(), book.fields()));
    for (Rule r : book.rules().rules()) {
      Rule same = shipped.rule(r.id());
      RuleSource mine = book.rules().source(r.id());
      if (same == null || mine == null) {
        continue;
      }
      RuleSource theirs = shipped.source(r.id());
      String place = theirs == null ? same.origin() : theirs.idPlace();
      if (theirs != null && sameText(mine.file(), theirs.file())) {
        continue;
      }
      if (inAppLocal(Path.of(mine.file()))) {
        out.add(new Finding(mine.file(), mine.idLine(), Severity.INFO, "rule '" + r.id() + "' replaces the shipped"
            + " rule " + place + " ('" + same.title() + "') once its folder is in the app's rules_dirs"));
      } else {
        out.add(new Finding(mine.file(), mine.idLine(), Severity.WARNING, "rule id '" + r.id() + "' is the id of the"
            + " shipped rule " + place + " ('" + same.title() + "'): the modular input and scan --app refuse to load"
            + " both; to replace the shipped rule put this file in the app's local/rules, else give it an id of its"
            + " own"));
      }
    }
    return sorted(out);
  }

  /** Unknown fields and log sources no feed carries, for every rule of {@code rules} that has a source. */
  static List<Finding> fieldsAndLogSources(RuleSet rules, FieldTable fields) {
    Set<String> produced = new HashSet<>(fields.canonicalFields());
    Set<String> names = new TreeSet<>(fields.canonicalFields());
    fields.mappings().forEach(m -> names.add(m.source()));
    List<Finding> out = new ArrayList<>();
    for (Rule r : rules.rules()) {
      RuleSource s = rules.source(r.id());
      if (s == null) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (FieldUse u : s.fieldUses()) {
        boolean forAnalysts = u.role() != FieldUse.Role.DETECTION && (Normalizer.ANALYST_FIELDS.contains(u.field())
            || u.role() == FieldUse.Role.MESSAGE && u.field().equals(MessageTemplate.RISK_OBJECT));
        if (produced.contains(u.field()) || forAnalysts || !seen.add(u.role() + "\u0000" + u.written() + "\u0000" + u.line())) {
          continue;
        }
        String shown = u.role() == FieldUse.Role.MESSAGE ? "$" + u.written() + "$" : "'" + u.written() + "'";
        out.add(new Finding(s.file(), u.line(), Severity.WARNING, u.role().words() + " " + shown + " is not in the"
            + " field table: only events with a field of exactly that name have it"
            + didYouMean(Spelling.closest(u.written(), names))));
      }
      LogSource ls = r.logSource();
      if (Arrays.stream(Feed.values()).noneMatch(f -> f.carries(ls))) {
        out.add(new Finding(s.file(), s.logSourceLine() > 0 ? s.logSourceLine() : s.idLine(), Severity.WARNING,
            "logsource " + describe(ls) + " is carried by no feed of the modular input (their categories: "
                + String.join(", ", feedCategories()) + "), so the rule runs only in scan and the alert action"
                + (ls.category() == null ? "" : didYouMean(Spelling.closest(ls.category(), feedCategories())))));
      }
    }
    return out;
  }

  private static String didYouMean(Optional<String> name) {
    return name.map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  private static String describe(LogSource ls) {
    List<String> parts = new ArrayList<>();
    if (ls.category() != null) {
      parts.add("category '" + ls.category() + "'");
    }
    if (ls.product() != null) {
      parts.add("product '" + ls.product() + "'");
    }
    if (ls.service() != null) {
      parts.add("service '" + ls.service() + "'");
    }
    return String.join(", ", parts);
  }

  private static Set<String> feedCategories() {
    Set<String> out = new TreeSet<>();
    for (Feed f : Feed.values()) {
      f.logSources().stream().map(LogSource::category).filter(c -> c != null).forEach(out::add);
    }
    return out;
  }

  /**
   * Whether a file lies in an app's {@code local/} folder: a folder {@code local} beside a
   * {@code default/app.conf}.
   */
  static boolean inAppLocal(Path file) {
    for (Path p = file.toAbsolutePath().normalize().getParent(); p != null && p.getParent() != null;
        p = p.getParent()) {
      if (p.getFileName().toString().equals(AppHome.LOCAL)
          && Files.isRegularFile(p.getParent().resolve(AppHome.APP_CONF))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a checked rule file holds the very text of the shipped one (named as a file, or inside the jar as the
   * loader names the shipped rules: {@code rules/...}).
   */
  private static boolean sameText(String checked, String shipped) {
    try {
      byte[] mine = Files.readAllBytes(Path.of(checked));
      try (InputStream in = AppHome.class.getResourceAsStream("/" + shipped.replace('\\', '/'))) {
        if (in != null) {
          return Arrays.equals(mine, in.readAllBytes());
        }
      }
      Path p = Path.of(shipped);
      return Files.isRegularFile(p) && Arrays.equals(mine, Files.readAllBytes(p));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<Finding> sorted(List<Finding> findings) {
    List<Finding> out = new ArrayList<>(new LinkedHashSet<>(findings));
    out.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
        .thenComparing(Finding::severity).thenComparing(Finding::message));
    return out;
  }
}
