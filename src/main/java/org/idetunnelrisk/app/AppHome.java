package org.idetunnelrisk.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.fields.FieldTableException;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.sigma.RuleSource;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.ConfFile;
import org.idetunnelrisk.tuning.RuleOverrides;
import org.idetunnelrisk.tuning.TacticLookup;
import org.idetunnelrisk.tuning.TuningException;

/**
 * The installed app folder ({@code $SPLUNK_HOME/etc/apps/ide_tunnel_risk}) and what content teams tune in it,
 * loaded in one place for every entry point: the modular input ({@link Poller}), the alert action
 * ({@link ResultsScorer}), {@code scan} and {@code rules check}.
 * <ul>
 *   <li>{@code default/ide_tunnel_risk.conf} under {@code local/ide_tunnel_risk.conf}: rule overrides and
 *       {@code rules_dirs} (folders of rules relative to the app, {@code rules} as shipped);
 *   <li>{@code fields/fields.csv}, extended by {@code local/fields.csv} when present (its lines tried first);
 *   <li>{@code lookups/ide_tunnel_risk_allowlist.csv} plus {@code lookups/ide_tunnel_risk_allowlist_local.csv}
 *       when present (the local file is the customer's; upgrades never touch it);
 *   <li>{@code lookups/ide_tunnel_risk_mitre_attack.csv}, the ATT&CK technique-to-tactic table, with the
 *       techniques of {@code lookups/ide_tunnel_risk_mitre_attack_local.csv} (the customer's) in place of the
 *       shipped lines of the same technique ids.
 * </ul>
 *
 * <p>Rules come in three layers: the shipped rules (the {@code rules} folder; the rules inside the jar when the
 * app has none); the content team's, every {@code rules_dirs} folder under {@code local/}, whose rules replace
 * shipped rules of the same id (each replacement is a {@link AppRulebook.Replacement}, logged at INFO); and any
 * other folder ({@code rules_dirs} entries outside {@code local/}, the input's {@code rules_dir},
 * {@code scan --app --rules}), whose rules add to the others: an id used twice there is a problem, as it is
 * within one layer.
 *
 * <p>Found from the jar's own place ({@code <app>/lib/ide-tunnel-risk.jar}) by the Splunk entry points, named by
 * {@code scan --app DIR}; with no app folder (development, {@code scan} without {@code --app}), the rules and
 * field table shipped inside the jar are used, or the rule folders given in their place, and there is nothing to
 * tune.
 */
public final class AppHome {
  static final String CONF = "ide_tunnel_risk.conf";
  static final String APP_CONF = "default/app.conf";
  static final String APP_ID = "ide_tunnel_risk";
  static final String ALLOWLIST = "lookups/ide_tunnel_risk_allowlist.csv";
  static final String ALLOWLIST_LOCAL = "lookups/ide_tunnel_risk_allowlist_local.csv";
  static final String TACTICS = "lookups/ide_tunnel_risk_mitre_attack.csv";
  static final String TACTICS_LOCAL = "lookups/ide_tunnel_risk_mitre_attack_local.csv";
  /** The rule folder the app ships, relative to it; also the default of {@code rules_dirs}. */
  static final String SHIPPED_RULES = "rules";
  /** The folder of the admin's files; {@code rules_dirs} entries under it are the content team's layer. */
  static final String LOCAL = "local";

  private final Path dir;
  /** With no app folder: rule folders that stand in for the rules inside the jar (empty: the jar's). */
  private final List<Path> shippedInstead;

  private AppHome(Path dir, List<Path> shippedInstead) {
    this.dir = dir;
    this.shippedInstead = List.copyOf(shippedInstead);
  }

  /** The app folder at {@code dir}, or null for "no app folder" (use what the jar ships). Not checked. */
  public static AppHome at(Path dir) {
    return new AppHome(dir, List.of());
  }

  /**
   * No app folder: the jar's field table and tactics, and the rules in {@code rules} (folders or files) in place
   * of the rules inside the jar, or the jar's when {@code rules} is empty ({@code scan --rules} without
   * {@code --app}).
   */
  public static AppHome withoutApp(List<Path> rules) {
    return new AppHome(null, rules);
  }

  /**
   * An unpacked app a user names ({@code scan --app DIR}): the folder as installed under
   * {@code $SPLUNK_HOME/etc/apps/}, or the built package unpacked.
   *
   * @throws TuningException {@code DIR: ...} when it is no folder, has no {@code default/app.conf}, or is
   *     another app
   */
  public static AppHome unpacked(Path dir) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    String expected = " (expected the app folder as installed, e.g. $SPLUNK_HOME/etc/apps/" + APP_ID
        + ", or the built .tgz unpacked)";
    if (!Files.isDirectory(d)) {
      throw new TuningException(dir + ": no such folder" + expected);
    }
    Path appConf = d.resolve(APP_CONF);
    if (!Files.isRegularFile(appConf)) {
      throw new TuningException(dir + ": not an unpacked app: it has no " + APP_CONF + expected);
    }
    ConfFile conf = ConfFile.parse(Files.readString(appConf, StandardCharsets.UTF_8), appConf.toString(),
        new ArrayList<>());
    ConfFile.Setting id = conf.settings("package").get("id");
    if (id != null && !id.value().strip().equals(APP_ID)) {
      throw new TuningException(dir + ": is the app '" + id.value().strip() + "' (" + id.place() + "), not "
          + APP_ID + expected);
    }
    return new AppHome(d, List.of());
  }

  /** The app folder this jar is installed in, or an app home with no folder when it is not in one. */
  public static AppHome ofRunningJar() {
    try {
      Path jar = Path.of(AppHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path app = jar.getParent() == null ? null : jar.getParent().getParent();
      if (app != null && jar.getParent().getFileName().toString().equals("lib")
          && Files.isRegularFile(app.resolve(APP_CONF))) {
        return new AppHome(app, List.of());
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // not a file on disk: no app folder
    }
    return new AppHome(null, List.of());
  }

  public Optional<Path> dir() {
    return Optional.ofNullable(dir);
  }

  /**
   * Loads fields, rules (with overrides), the allowlist and the ATT&CK tactic table, as the modular input and
   * the alert action do at each run: {@code read(extraRules, none).tuning()}.
   *
   * @param extraRules a further rules folder (the input's {@code rules_dir}), if any
   * @throws TuningException listing every conf, field-table and allowlist problem; or, when those load, naming
   *     the rule problems ({@link AppRulebook#tuning()})
   */
  public Tuning load(Optional<Path> extraRules) throws IOException {
    return read(extraRules.map(List::of).orElse(List.of()), List.of()).tuning();
  }

  /**
   * Reads everything, collecting every problem rather than stopping at one.
   *
   * <p>Problems in the conf files, the field tables and the allowlists are all collected together, each as
   * {@code file:line: message}; only when there is none are the rules loaded. Stanzas, keys and rule ids that
   * change nothing are not problems: they are {@link AppRulebook#confWarnings()}.
   *
   * @param extraRules rule folders or files added to the app's (the input's {@code rules_dir},
   *     {@code scan --app --rules}); they neither replace nor may repeat a loaded rule id
   * @param extraFields field tables read after the app's, each one's lines tried before the ones before it
   *     ({@code scan --fields})
   */
  public AppRulebook read(List<Path> extraRules, List<Path> extraFields) throws IOException {
    List<String> problems = new ArrayList<>();
    ConfFile conf = dir == null ? ConfFile.empty() : layered(CONF, problems);
    FieldTable fields = fields(extraFields, problems);
    Allowlist allowlist = dir == null ? Allowlist.empty()
        : allowlist(dir.resolve(ALLOWLIST), dir.resolve(ALLOWLIST_LOCAL), problems);
    TacticTable tactics = tactics(dir);
    RuleOverrides overrides = RuleOverrides.from(conf, problems);
    List<String> warnings = new ArrayList<>(overrides.warnings());
    Folders folders = folders(overrides, problems, warnings);
    folders.more.addAll(extraRules);
    if (!problems.isEmpty()) {
      return new AppRulebook(dir(), fields, problems, RuleSet.empty(), RuleSet.empty(), List.of(), overrides,
          allowlist, tactics, warnings);
    }
    RuleLoader loader = new RuleLoader(fields);
    RuleSet shipped = folders.shipped == null ? loader.loadShipped()
        : folders.shipped.isEmpty() ? RuleSet.empty() : loader.load(folders.shipped);
    RuleSet local = folders.local.isEmpty() ? RuleSet.empty() : loader.load(folders.local);
    RuleSet more = folders.more.isEmpty() ? RuleSet.empty() : loader.load(folders.more);
    List<AppRulebook.Replacement> replaced = new ArrayList<>();
    for (org.idetunnelrisk.engine.Rule r : local.rules()) {
      RuleSource was = shipped.source(r.id());
      if (shipped.rule(r.id()) != null) {
        replaced.add(new AppRulebook.Replacement(r.id(), local.source(r.id()),
            was == null ? new RuleSource(shipped.rule(r.id()).origin(), 0, 0, List.of()) : was));
      }
    }
    return new AppRulebook(dir(), fields, problems, shipped, shipped.overriddenBy(local).plus(more), replaced,
        overrides, allowlist, tactics, warnings);
  }

  /**
   * The rule folders of each layer. {@code shipped} is null for "the rules inside the jar", empty when
   * {@code rules_dirs} leaves the shipped folder out.
   */
  private static final class Folders {
    List<Path> shipped;
    final List<Path> local = new ArrayList<>();
    final List<Path> more = new ArrayList<>();
  }

  private Folders folders(RuleOverrides overrides, List<String> problems, List<String> warnings) throws IOException {
    Folders f = new Folders();
    if (dir == null) {
      f.shipped = shippedInstead.isEmpty() ? null : shippedInstead;
      return f;
    }
    Path shippedDir = dir.resolve(SHIPPED_RULES);
    Path localDir = dir.resolve(LOCAL);
    // An app without a rules folder (a development tree) scores with the rules inside the jar.
    f.shipped = Files.isDirectory(shippedDir) ? new ArrayList<>() : null;
    String where = overrides.rulesDirsPlace() == null ? CONF : overrides.rulesDirsPlace();
    List<String> entries = overrides.rulesDirs().isEmpty() ? List.of(SHIPPED_RULES) : overrides.rulesDirs();
    for (String d : entries) {
      Path p = dir.resolve(d).normalize();
      if (!p.startsWith(dir)) {
        problems.add(where + ": rules_dirs entry '" + d + "' is outside the app folder" + ConfFile.inlineCommentHint(d));
      } else if (p.equals(shippedDir)) {
        if (f.shipped != null && !f.shipped.contains(p)) {
          f.shipped.add(p);
        }
      } else if (!Files.isDirectory(p)) {
        problems.add(where + ": rules_dirs entry '" + d + "' is not a folder under " + dir
            + ConfFile.inlineCommentHint(d));
      } else if (p.startsWith(localDir)) {
        f.local.add(p);
      } else {
        f.more.add(p);
      }
    }
    Path localRules = localDir.resolve(SHIPPED_RULES);
    if (f.local.stream().noneMatch(localRules::startsWith) && holdsRuleFiles(localRules)) {
      warnings.add(where + ": " + localRules + " holds rule files but rules_dirs does not list local/rules, so they"
          + " are not loaded; add it: rules_dirs = rules, local/rules");
    }
    return f;
  }

  private static boolean holdsRuleFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.anyMatch(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".yml") || n.endsWith(".yaml"));
      });
    }
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

  /** Shipped, the app's {@code fields/fields.csv} in its place, {@code local/fields.csv}, then {@code extra}. */
  private FieldTable fields(List<Path> extra, List<String> problems) throws IOException {
    FieldTable fields = FieldTable.shipped();
    List<Path> extensions = new ArrayList<>();
    if (dir != null) {
      Path f = dir.resolve("fields/fields.csv");
      if (Files.isRegularFile(f)) {
        try {
          fields = FieldTable.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
        } catch (FieldTableException e) {
          problems.addAll(e.problems());
        }
      }
      Path local = dir.resolve(LOCAL).resolve("fields.csv");
      if (Files.isRegularFile(local)) {
        extensions.add(local);
      }
    }
    extensions.addAll(extra);
    for (Path e : extensions) {
      try {
        fields = fields.extendedBy(e);
      } catch (FieldTableException ex) {
        problems.addAll(ex.problems());
      }
    }
    return fields;
  }

  private ConfFile layered(String name, List<String> problems) throws IOException {
    ConfFile c = ConfFile.empty();
    for (String layer : List.of("default", LOCAL)) {
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
