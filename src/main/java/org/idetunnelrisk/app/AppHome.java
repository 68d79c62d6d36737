package org.idetunnelrisk.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.fields.FieldTableException;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleProblem;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.ConfFile;
import org.idetunnelrisk.tuning.RuleOverrides;
import org.idetunnelrisk.tuning.TacticLookup;
import org.idetunnelrisk.tuning.TuningException;

/**
 * The installed app folder ({@code $SPLUNK_HOME/etc/apps/ide_tunnel_risk}) and what content teams tune in it:
 * <ul>
 *   <li>{@code default/ide_tunnel_risk.conf} under {@code local/ide_tunnel_risk.conf}: rule overrides and
 *       {@code rules_dirs} (folders of rules relative to the app, {@code rules} as shipped);
 *   <li>{@code fields/fields.csv}, extended by {@code local/fields.csv} when present;
 *   <li>{@code lookups/ide_tunnel_risk_allowlist.csv} plus {@code lookups/ide_tunnel_risk_allowlist_local.csv}
 *       when present (the local file is the customer's; upgrades never touch it);
 *   <li>{@code lookups/ide_tunnel_risk_mitre_attack.csv}, the ATT&CK technique-to-tactic table, with the
 *       techniques of {@code lookups/ide_tunnel_risk_mitre_attack_local.csv} (the customer's) in place of the
 *       shipped lines of the same technique ids.
 * </ul>
 * Found from the jar's own place ({@code <app>/lib/ide-tunnel-risk.jar}); when the jar runs outside an app
 * (development), the rules and field table shipped inside the jar are used and there is nothing to tune.
 */
public final class AppHome {
  static final String CONF = "ide_tunnel_risk.conf";
  static final String ALLOWLIST = "lookups/ide_tunnel_risk_allowlist.csv";
  static final String ALLOWLIST_LOCAL = "lookups/ide_tunnel_risk_allowlist_local.csv";
  static final String TACTICS = "lookups/ide_tunnel_risk_mitre_attack.csv";
  static final String TACTICS_LOCAL = "lookups/ide_tunnel_risk_mitre_attack_local.csv";
  /** How many rule problems a failure message quotes; all of them are logged. */
  static final int QUOTED_PROBLEMS = 5;

  private final Path dir;

  private AppHome(Path dir) {
    this.dir = dir;
  }

  /** The app folder at {@code dir}, or null for "no app folder" (use what the jar ships). */
  public static AppHome at(Path dir) {
    return new AppHome(dir);
  }

  /** The app folder this jar is installed in, or an app home with no folder when it is not in one. */
  public static AppHome ofRunningJar() {
    try {
      Path jar = Path.of(AppHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path app = jar.getParent() == null ? null : jar.getParent().getParent();
      if (app != null && jar.getParent().getFileName().toString().equals("lib")
          && Files.isRegularFile(app.resolve("default/app.conf"))) {
        return new AppHome(app);
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // not a file on disk: no app folder
    }
    return new AppHome(null);
  }

  public Optional<Path> dir() {
    return Optional.ofNullable(dir);
  }

  /**
   * Loads fields, rules (with overrides), the allowlist and the ATT&CK tactic table.
   *
   * <p>Problems in the conf files, the field tables and the allowlists are all collected and reported together,
   * each as {@code file:line: message}; only then, when there is none, are the rules loaded. Stanzas, keys and
   * rule ids that change nothing are not problems: they are in {@link Tuning#confWarnings()}.
   *
   * @param extraRules a further rules folder (the input's {@code rules_dir}), if any
   * @throws TuningException listing every conf, field-table and allowlist problem; or, when those load, naming
   *     the rule problems ({@link TuningException#getMessage()} quotes up to {@value #QUOTED_PROBLEMS}, then
   *     a count)
   */
  public Tuning load(Optional<Path> extraRules) throws IOException {
    ConfFile conf = ConfFile.empty();
    FieldTable fields = FieldTable.shipped();
    Allowlist allowlist = Allowlist.empty();
    List<String> problems = new ArrayList<>();
    TacticTable tactics = tactics(dir);
    List<Path> ruleDirs = new ArrayList<>();
    if (dir != null) {
      conf = layered(CONF, problems);
      fields = fields(problems);
      allowlist = allowlist(dir.resolve(ALLOWLIST), dir.resolve(ALLOWLIST_LOCAL), problems);
    }
    RuleOverrides overrides = RuleOverrides.from(conf, problems);
    if (dir != null) {
      String where = overrides.rulesDirsPlace() == null ? CONF : overrides.rulesDirsPlace();
      for (String d : overrides.rulesDirs().isEmpty() ? List.of("rules") : overrides.rulesDirs()) {
        Path p = dir.resolve(d).normalize();
        if (!p.startsWith(dir)) {
          problems.add(where + ": rules_dirs entry '" + d + "' is outside the app folder"
              + ConfFile.inlineCommentHint(d));
        } else if (Files.isDirectory(p)) {
          ruleDirs.add(p);
        } else if (!d.equals("rules")) {
          problems.add(where + ": rules_dirs entry '" + d + "' is not a folder under " + dir
              + ConfFile.inlineCommentHint(d));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TuningException(problems.size() + " problem(s) in ide_tunnel_risk.conf, the field tables or the"
          + " allowlist, nothing was scored: " + String.join(" | ", problems), problems);
    }
    extraRules.ifPresent(ruleDirs::add);
    RuleLoader loader = new RuleLoader(fields);
    RuleSet set;
    if (dir == null || !Files.isDirectory(dir.resolve("rules"))) {
      RuleSet shipped = loader.loadShipped();
      RuleSet more = ruleDirs.isEmpty() ? new RuleSet(List.of(), List.of()) : loader.load(ruleDirs);
      List<org.idetunnelrisk.engine.Rule> rules = new ArrayList<>(shipped.rules());
      rules.addAll(more.rules());
      List<RuleProblem> ruleProblems = new ArrayList<>(shipped.problems());
      ruleProblems.addAll(more.problems());
      List<RuleProblem> ruleWarnings = new ArrayList<>(shipped.warnings());
      ruleWarnings.addAll(more.warnings());
      List<org.idetunnelrisk.correlation.CorrelationRule> correlations = new ArrayList<>(shipped.correlations().rules());
      correlations.addAll(more.correlations().rules());
      java.util.Set<String> silent = new java.util.HashSet<>(shipped.correlations().silentIds());
      silent.addAll(more.correlations().silentIds());
      set = new RuleSet(rules, ruleProblems, ruleWarnings,
          new org.idetunnelrisk.correlation.Correlations(correlations, silent));
    } else {
      set = loader.load(ruleDirs);
    }
    if (!set.problems().isEmpty()) {
      List<String> lines = set.problems().stream().map(RuleProblem::toString).sorted().collect(Collectors.toList());
      String quoted = String.join(" | ", lines.subList(0, Math.min(QUOTED_PROBLEMS, lines.size())));
      throw new TuningException(lines.size() + " rule problem(s), nothing was scored: " + quoted
          + (lines.size() > QUOTED_PROBLEMS ? " | ..." : ""), lines);
    }
    List<String> warnings = new ArrayList<>(overrides.warnings());
    set.warnings().forEach(w -> warnings.add(w.toString()));
    warnings.addAll(overrides.unknownRuleIds(
        set.rules().stream().map(org.idetunnelrisk.engine.Rule::id).collect(Collectors.toSet())));
    return new Tuning(fields, overrides.apply(set.rules()), overrides, allowlist, tactics, warnings,
        set.correlations());
  }

  /**
   * The ATT&CK table: the app's lookup (the one inside the jar when there is no app folder or no file), with
   * the local lookup's techniques in place of the same shipped ones.
   */
  static TacticTable tactics(Path dir) throws IOException {
    if (dir == null) {
      return TacticLookup.shipped();
    }
    Path shipped = dir.resolve(TACTICS);
    TacticTable t = Files.isRegularFile(shipped) ? TacticLookup.load(shipped) : TacticLookup.shipped();
    Path local = dir.resolve(TACTICS_LOCAL);
    return Files.isRegularFile(local) ? t.overriddenBy(TacticLookup.load(local)) : t;
  }

  private FieldTable fields(List<String> problems) throws IOException {
    FieldTable fields = FieldTable.shipped();
    try {
      Path f = dir.resolve("fields/fields.csv");
      if (Files.isRegularFile(f)) {
        fields = FieldTable.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
      }
      Path local = dir.resolve("local/fields.csv");
      if (Files.isRegularFile(local)) {
        fields = fields.extendedBy(local);
      }
    } catch (FieldTableException e) {
      problems.addAll(e.problems());
    }
    return fields;
  }

  private ConfFile layered(String name, List<String> problems) throws IOException {
    ConfFile c = ConfFile.empty();
    for (String layer : List.of("default", "local")) {
      Path p = dir.resolve(layer).resolve(name);
      if (Files.isRegularFile(p)) {
        c = c.layer(ConfFile.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), problems));
      }
    }
    return c;
  }

  private static Allowlist allowlist(Path shipped, Path local, List<String> problems) throws IOException {
    Allowlist a = Files.isRegularFile(shipped) ? Allowlist.load(shipped, problems) : Allowlist.empty();
    if (Files.isRegularFile(local)) {
      a = a.plus(Allowlist.load(local, problems));
    }
    return a;
  }
}
