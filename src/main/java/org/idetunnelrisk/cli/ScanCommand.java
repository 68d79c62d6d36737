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
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.output.RiskEventJson;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.read.RowRecords;
import org.idetunnelrisk.scoring.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.tuning.TacticLookup;

/**
 * {@code scan [--rules DIR]... [--fields FILE] [--summary] FILE...}: reads each file (format sniffed from
 * content, gzip transparent, {@code -} for standard input), writes one JSON risk event per line on stdout,
 * and reports every unreadable record or file on stderr as {@code file:line: reason} after scanning the rest.
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
  /** The ATT&CK tactics of the annotations written: the lookup shipped inside the jar. */
  private final TacticTable tactics = TacticLookup.shipped();

  ScanCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("rules").hasArg().argName("DIR")
        .desc("evaluate the rules in DIR (file or folder, repeatable) instead of the shipped set").get());
    o.addOption(Option.builder().longOpt("fields").hasArg().argName("FILE")
        .desc("extend the field table with FILE (source_field,canonical_field[,transform])").get());
    o.addOption(Option.builder().longOpt("summary")
        .desc("print a table per rule and per risk object (count, score) on stderr").get());
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
    List<String> files = cl.getArgList();
    if (files.isEmpty()) {
      err.println("scan: no input file given");
      usage(err);
      return ExitCode.USAGE;
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
    Rulebook book = Rulebook.load(ruleDirs == null ? List.of() : Arrays.asList(ruleDirs), cl.getOptionValue("fields"), err);
    if (book == null) {
      return ExitCode.USAGE;
    }
    Scorer scorer = new Scorer(book.rules.rules(), book.fields);
    filters = RawPrefilter.filters(book.rules.rules(), book.fields);
    long errors = 0;
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    try {
      for (String f : files) {
        errors += scanFile(f, scorer, w);
      }
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
    if (cl.hasOption("summary")) {
      SummaryTable.print(scorer.stats(), files.size(), errors, err);
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
    long[] rawErrors = {0};
    Consumer<String> unreadable = message -> {
      err.println(message);
      rawErrors[0]++;
    };
    Scorer.Sink sink = (event, from) -> {
      try {
        w.write(RiskEventJson.toJson(event, from.origin() + ":" + from.line(), tactics));
        w.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
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
        // A row of Splunk search results is read as the alert action and the modular input read theirs, so
        // its risk events get the ids they would get there.
        for (Record one : RowRecords.of(rec, unreadable)) {
          scorer.score(one, sink);
        }
      }
      scorer.skipped(r.skipped());
      r.notes().forEach(err::println); // not errors: text skipped before XML, a header miscounting chunks
    }
    return errors + rawErrors[0];
  }

  private RecordReader open(String name) throws IOException {
    Path p = Path.of(name);
    if (Files.isDirectory(p)) {
      err.println(name + ": is a folder, not a file");
      return null;
    }
    if (!Files.isRegularFile(p)) {
      err.println(name + ": no such file");
      return null;
    }
    return Readers.open(p, limits, filters);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static void usage(PrintStream to) {
    to.println("usage: ide-tunnel-risk scan [options] FILE...");
    to.println("Scores exported telemetry; one JSON risk event per line on stdout.");
    for (Option o : options().getOptions()) {
      String flag = (o.getOpt() == null ? "    " : "-" + o.getOpt() + ", ") + "--" + o.getLongOpt()
          + (o.hasArg() ? " " + o.getArgName() : "");
      to.printf("  %-20s %s%n", flag, o.getDescription());
    }
    to.println("Exit 0: all read; 1: some record or file unreadable; 2: bad usage or rules.");
  }
}
