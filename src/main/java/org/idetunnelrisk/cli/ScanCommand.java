package org.idetunnelrisk.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.idetunnelrisk.app.AppRulebook;
import org.idetunnelrisk.app.Tuning;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.output.RiskEventJson;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.read.RowRecords;
import org.idetunnelrisk.report.HtmlReport;
import org.idetunnelrisk.report.Stories;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;

/**
 * {@code scan [--app DIR] [--rules DIR]... [--fields FILE] [--summary] [--report FILE.html] [-r] FILE...}: reads
 * each file (format sniffed from content, gzip transparent, {@code -} for standard input; a folder gives the files
 * in it, with {@code -r} those of its subfolders too, {@link InputFiles}), writes one JSON risk event per line on
 * stdout,
 * and reports every unreadable record or file on stderr as {@code file:line: reason} after scanning the rest.
 *
 * <p>With {@code --app DIR} (an unpacked app, as installed), it scores as the modular input of that app would:
 * the same loader ({@link Loading}, {@link org.idetunnelrisk.app.AppHome}) reads its rule folders, its
 * {@code [rule:<id>]} overrides, the content team's rules in {@code local/} in place of shipped ones, its
 * allowlists (expiry against today's date, UTC) and its field tables; {@code --rules} folders are added to its
 * rules as the input's {@code rules_dir} is, and {@code --fields} is read after {@code local/fields.csv}. What the
 * input logs as WARN (conf keys that change nothing, expired allowlist rows) is printed as
 * {@code file:line: warning: ...}, a replaced shipped rule as {@code file:line: info: ...}. Without {@code --app},
 * the rules inside the jar (or the {@code --rules} folders in their place) and the jar's field table (extended by
 * {@code --fields}) are used, with no overrides and no allowlist.
 * Rows of Splunk search results (a CSV export, JSON export rows) are read as the alert action and the modular
 * input read theirs ({@link RowRecords}): a structured {@code _raw} is parsed, and a {@code _raw} that does
 * not parse is reported and the row's own fields are scored.
 *
 * <p>Exit codes: {@link ExitCode#OK} when every input was read; {@link ExitCode#INPUT_ERROR} when any record
 * or file could not be; {@link ExitCode#USAGE} for bad options or unusable rules (nothing is scanned then).
 */
final class ScanCommand {
  private final PrintStream out;
  private final PrintStream err;
  /** Skips JSON lines no rule can match, unparsed; null when some rule has no necessary literal. */
  private RawFilters filters = RawFilters.NONE;
  /** Record size and nesting bounds for every input; {@code --max-record-bytes} sets the size. */
  private ReadLimits limits = ReadLimits.DEFAULT;
  /** The ATT&CK tactics of the annotations written: the app's lookups, or the one shipped inside the jar. */
  private TacticTable tactics;
  /** Today's date, for the allowlist's expiry. */
  private final Clock clock;
  /** What {@code --report} gathers; null without it. */
  private Stories stories;

  /** Risk objects told in full in a report unless {@code --report-hosts} says otherwise. */
  static final int REPORT_SUBJECTS = 25;
  /**
   * Records at the start of every input (each archive member) parsed and classified even where the prefilter
   * would skip them, so the per-input counts see every input's layout: an input the prefilter skips whole would
   * otherwise hide that no rule could read it.
   */
  static final int LAYOUT_SAMPLE = 100;
  /** Risk events a report keeps for its stories; past it they only count. */
  static final int REPORT_EVENTS = 100_000;

  ScanCommand(PrintStream out, PrintStream err) {
    this(out, err, Clock.systemUTC());
  }

  ScanCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("app").hasArg().argName("DIR")
        .desc("score as the modular input of the unpacked app DIR would: its rules, local/ overrides, allowlist"
            + " and fields").get());
    o.addOption(Option.builder().longOpt("rules").hasArg().argName("DIR")
        .desc("evaluate the rules in DIR (file or folder, repeatable) instead of the shipped set; with --app, in"
            + " addition to the app's").get());
    o.addOption(Option.builder().longOpt("fields").hasArg().argName("FILE")
        .desc("extend the field table with FILE (source_field,canonical_field[,transform]); its lines win").get());
    o.addOption(Option.builder("r").longOpt("recursive")
        .desc("read the subfolders of a folder FILE too (without it, only the files in the folder)").get());
    o.addOption(Option.builder().longOpt("summary")
        .desc("print a table per rule and per risk object (count, score) on stderr").get());
    o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE")
        .desc("also write an analyst's report: one self-contained HTML file (overview, per-host stories, rules)").get());
    o.addOption(Option.builder().longOpt("report-hosts").hasArg().argName("N")
        .desc("tell the N risk objects with the highest total score in full in the report (default "
            + REPORT_SUBJECTS + ")").get());
    o.addOption(Option.builder().longOpt("max-record-bytes").hasArg().argName("N")
        .desc("report and skip records larger than N bytes (default " + ReadLimits.DEFAULT_MAX_RECORD_BYTES + ")").get());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options(), args);
    } catch (ParseException e) {
      err.println("scan: " + e.getMessage());
      usage(err);
      return ExitCode.USAGE;
    }
    if (cl.hasOption("help")) {
      usage(out);
      return ExitCode.OK;
    }
    if (cl.getArgList().isEmpty()) {
      err.println("scan: no input file given");
      usage(err);
      return ExitCode.USAGE;
    }
    int reportSubjects = REPORT_SUBJECTS;
    String hosts = cl.getOptionValue("report-hosts");
    if (hosts != null) {
      try {
        reportSubjects = Integer.parseInt(hosts.strip());
        if (reportSubjects < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        err.println("scan: --report-hosts needs a number of risk objects from 1 to " + Integer.MAX_VALUE
            + " but was '" + hosts + "'");
        usage(err);
        return ExitCode.USAGE;
      }
    }
    Path reportFile = cl.hasOption("report") ? Path.of(cl.getOptionValue("report")) : null;
    if (reportFile != null) {
      Path parent = reportFile.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        err.println("scan: --report " + reportFile + ": its folder does not exist");
        return ExitCode.USAGE;
      }
      stories = new Stories(REPORT_EVENTS);
    }
    String max = cl.getOptionValue("max-record-bytes");
    if (max != null) {
      try {
        limits = new ReadLimits(Integer.parseInt(max.strip()), ReadLimits.DEFAULT_MAX_DEPTH);
      } catch (IllegalArgumentException e) {
        err.println("scan: --max-record-bytes needs a number of bytes from 1 to " + Integer.MAX_VALUE + " but was '"
            + max + "'");
        usage(err);
        return ExitCode.USAGE;
      }
    }
    String[] ruleDirs = cl.getOptionValues("rules");
    String app = cl.getOptionValue("app");
    AppRulebook book = Loading.read("scan", app, ruleDirs == null ? List.of() : Arrays.asList(ruleDirs),
        cl.getOptionValue("fields"), err);
    if (book == null || Loading.refused(book, "nothing was scanned", err)) {
      return ExitCode.USAGE;
    }
    Tuning tuning = book.tuning();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    tuning.warnings(today).forEach(w -> err.println(Loading.warning(w)));
    book.replaced().forEach(r -> err.println(Loading.info(r.toString())));
    tactics = tuning.tactics();
    // Correlations see every file's hits, in any order, held until the end of input (up to the cap).
    Scorer scorer = new Scorer(tuning.rules(), tuning.fields(), tuning.correlations(), Correlator.Settings.OFFLINE,
        e -> tuning.allowlist().suppressing(e, today) != null);
    filters = RawPrefilter.filters(tuning.rules(), tuning.fields()).sampled(LAYOUT_SAMPLE);
    InputFiles.Listing inputs = InputFiles.of(cl.getArgList(), cl.hasOption("recursive"));
    inputs.notes().forEach(err::println);
    inputs.problems().forEach(err::println);
    List<String> files = inputs.files();
    long errors = inputs.problems().size();
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    try {
      for (String f : files) {
        errors += scanFile(f, scorer, w);
      }
      scorer.finish(sink(w));
      w.flush();
    } catch (IOException e) {
      err.println("scan: cannot write results: " + e.getMessage());
      return ExitCode.INPUT_ERROR;
    } catch (UncheckedIOException e) {
      err.println("scan: cannot write results: " + e.getCause().getMessage());
      return ExitCode.INPUT_ERROR;
    }
    if (scorer.stats().unattributed() > 0) {
      err.println("scan: " + scorer.stats().unattributed()
          + " hit(s) had no risk object (no dest, host or src field); first at "
          + scorer.stats().unattributedExamples().get(0));
    }
    if (scorer.correlator() != null) {
      CorrelationReport.warn(scorer.correlator(), Correlator.Settings.OFFLINE, err);
    }
    SummaryTable.warnUnevaluated(scorer.stats(), err);
    if (cl.hasOption("summary")) {
      SummaryTable.print(scorer.stats(), files.size(), errors, app != null, err);
      if (scorer.correlator() != null) {
        CorrelationReport.summary(scorer.stats(), scorer.correlator(), err);
      }
    }
    if (reportFile != null && !writeReport(reportFile, tuning.rules(), reportSubjects, files)) {
      return ExitCode.INPUT_ERROR;
    }
    return errors == 0 ? ExitCode.OK : ExitCode.INPUT_ERROR;
  }

  /** Scans one file; returns how many records or files could not be read. */
  private long scanFile(String name, Scorer scorer, Writer w) throws IOException {
    long errors = 0;
    RecordReader reader;
    try {
      reader = name.equals("-") ? Readers.open(System.in, "<stdin>", limits, filters) : open(name);
    } catch (InputException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(name + ": cannot read: " + describe(e));
      return 1;
    }
    if (reader == null) {
      return 1;
    }
    String origin = name.equals("-") ? "<stdin>" : Path.of(name).toString(); // as the readers name their records
    int inputsBefore = scorer.stats().byInput().size();
    String lastOrigin = null;
    long[] rawErrors = {0};
    Consumer<String> unreadable = message -> {
      err.println(message);
      rawErrors[0]++;
    };
    Scorer.Sink sink = sink(w);
    try (RecordReader r = reader) {
      while (true) {
        Record rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          err.println(e.getMessage());
          errors++;
          if (e.recoverable()) {
            continue;
          }
          break;
        } catch (IOException e) {
          err.println(name + ": read failed: " + describe(e));
          errors++;
          break;
        }
        if (rec == null) {
          break;
        }
        if (rec.origin() != lastOrigin) { // a reader names its records with one string per input
          lastOrigin = rec.origin();
          scorer.input(lastOrigin, r.recordFormat());
        }
        // A row of Splunk search results is read as the alert action and the modular input read theirs, so
        // its risk events get the ids they would get there.
        for (Record one : RowRecords.of(rec, unreadable)) {
          scorer.score(one, sink);
        }
      }
      long members = 0;
      for (Map.Entry<String, Long> m : r.skippedByMember().entrySet()) {
        scorer.skipped(m.getKey(), m.getValue());
        members += m.getValue();
      }
      if (r.skipped() > members) {
        scorer.skipped(origin, r.skipped() - members);
      }
      if (scorer.stats().byInput().size() == inputsBefore) {
        scorer.input(origin, r.format()); // an input that gave no record is listed too
      }
      r.notes().forEach(err::println); // not errors: text skipped before XML, a header miscounting chunks
    }
    return errors + rawErrors[0];
  }

  /** Writes the report beside its final name and moves it there, so a reader never sees half a report. */
  private boolean writeReport(Path file, List<Rule> rules, int subjects, List<String> inputs) {
    List<HtmlReport.RuleEntry> entries = new ArrayList<>();
    for (Rule r : rules) {
      entries.add(new HtmlReport.RuleEntry(r.id(), r.title(), r.description(), r.level(),
          r.risk().riskObjects().stream().map(RiskSpec.RiskObject::score).toList(), r.risk().mitreAttack(), r.origin()));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        new HtmlReport(stories, entries, tactics, subjects, inputs).write(w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      err.println("scan: --report " + file + ": cannot write: " + describe(e));
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; the message above says so
      }
      return false;
    }
  }

  /**
   * Writes each risk event as a JSON line, and into the report when there is one; a correlation result decided at
   * the end of input has no record.
   */
  private Scorer.Sink sink(Writer w) {
    return (event, from) -> {
      try {
        w.write(RiskEventJson.toJson(event, from == null ? null : from.origin() + ":" + from.line(), tactics));
        w.write('\n');
        if (stories != null) {
          stories.add(event);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private RecordReader open(String name) throws IOException {
    Path p = Path.of(name);
    if (!Files.exists(p)) {
      err.println(name + ": no such file");
      return null;
    }
    if (!Files.isRegularFile(p)) {
      err.println(name + ": not a regular file (a device, pipe or socket); not read");
      return null;
    }
    return Readers.open(p, limits, filters);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static void usage(PrintStream to) {
    to.println("usage: ide-tunnel-risk scan [options] FILE|DIR...");
    to.println("Scores exported telemetry; one JSON risk event per line on stdout.");
    for (Option o : options().getOptions()) {
      String flag = (o.getOpt() == null ? "    " : "-" + o.getOpt() + ", ") + "--" + o.getLongOpt()
          + (o.hasArg() ? " " + o.getArgName() : "");
      to.printf("  %-20s %s%n", flag, o.getDescription());
    }
    to.println("Exit 0: all read; 1: some record or file unreadable; 2: bad usage or rules.");
  }
}
