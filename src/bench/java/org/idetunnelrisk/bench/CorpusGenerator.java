package org.idetunnelrisk.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a deterministic corpus of Sysmon events in one input format, with a known set of planted tunnel
 * events.
 *
 * <p>Event {@code i} (0-based) is planted when {@code floor((i + 1) * fraction) > floor(i * fraction)}, so
 * exactly {@code floor(n * fraction)} events are planted, evenly spread; what each event is comes from a
 * {@link java.util.SplittableRandom} with the seed. Each event is one line (one record) in every format,
 * so {@link Corpus#plantedLines()} are the lines a scan must report (CSV: after the header line).
 *
 * <p>Example: {@code new CorpusGenerator(42, 0.001).write(Format.JSONL, 1_000_000, Path.of("c.jsonl"))}.
 * Not thread-safe.
 */
public final class CorpusGenerator {
  /** The input formats a content team exports. */
  public enum Format {
    /** Windows event XML as Splunk stores XmlWinEventLog, one event per line. */
    XML("xml"),
    /** Flat JSON lines as NXLog writes Sysmon. */
    JSONL("jsonl"),
    /** Splunk export rows {@code {"preview":false,"offset":n,"result":{...}}}. */
    EXPORT("export.json"),
    /** Splunk search results CSV. */
    CSV("csv"),
    /** The same CSV gzipped, as an alert action's results file. */
    CSV_GZ("csv.gz");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /** A written corpus: the file, its format, how many events, and the 1-based lines of planted events. */
  public record Corpus(Path file, Format format, long events, TreeSet<Long> plantedLines) {}

  /** Default share of planted tunnel events: 0.1%. */
  public static final double DEFAULT_FRACTION = 0.001;

  private static final String CHANNEL = "Microsoft-Windows-Sysmon/Operational";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final List<String> CSV_COLUMNS = List.of(
      "_time", "sourcetype", "EventCode", "Computer", "Channel", "EventRecordID", "UtcTime", "ProcessId", "Image",
      "OriginalFileName", "CommandLine", "CurrentDirectory", "ParentImage", "User", "QueryName", "QueryStatus",
      "Protocol", "Initiated", "SourceIp", "DestinationIp", "DestinationHostname", "DestinationPort",
      "TargetFilename", "ImageLoaded");

  /** Default share of benign events that are near misses: 3%, as {@link EventMix} draws them. */
  public static final double DEFAULT_NEAR_MISS = EventMix.NEAR_MISS_PERCENT / 100.0;

  private final long seed;
  private final double fraction;
  private final int nearMissPercent;

  /** Planted events at {@code fraction}, near misses at {@link #DEFAULT_NEAR_MISS}. */
  public CorpusGenerator(long seed, double fraction) {
    this(seed, fraction, DEFAULT_NEAR_MISS);
  }

  /**
   * Planted events at {@code fraction}, and {@code nearMiss} (0 to 1, in whole percent) of the benign events
   * near misses: lines holding a rule's literal where no rule may fire ({@code 0.3} for a developer-heavy
   * estate).
   */
  public CorpusGenerator(long seed, double fraction, double nearMiss) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
    }
    if (!(nearMiss >= 0 && nearMiss <= 1)) {
      throw new IllegalArgumentException("near-miss share must be within 0..1: " + nearMiss);
    }
    this.seed = seed;
    this.fraction = fraction;
    this.nearMissPercent = (int) Math.round(nearMiss * 100);
  }

  /** Whether event {@code i} is planted. */
  public boolean planted(long i) {
    return Math.floor((i + 1) * fraction) > Math.floor(i * fraction);
  }

  /** Writes {@code n} events to {@code file} in {@code format}. */
  public Corpus write(Format format, long n, Path file) throws IOException {
    TreeSet<Long> lines = new TreeSet<>();
    try (OutputStream raw = Files.newOutputStream(file);
         OutputStream os = format == Format.CSV_GZ ? new GZIPOutputStream(raw, 1 << 16) : raw;
         Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
      long firstLine = 1;
      if (format == Format.CSV || format == Format.CSV_GZ) {
        w.write(String.join(",", CSV_COLUMNS));
        w.write('\n');
        firstLine = 2;
      }
      EventMix mix = new EventMix(seed, nearMissPercent);
      StringBuilder sb = new StringBuilder(1024);
      for (long i = 0; i < n; i++) {
        boolean p = planted(i);
        SysmonEvent e = mix.next(i, p);
        if (p) {
          lines.add(firstLine + i);
        }
        sb.setLength(0);
        render(format, e, i, sb);
        sb.append('\n');
        w.append(sb);
      }
    }
    return new Corpus(file, format, n, lines);
  }

  /**
   * The same {@code n} events as {@link #write} writes, one line each without its newline, made as the
   * iterator is read (nothing is held): for feeding a stream, such as the Splunk emulator's export body.
   * CSV formats start with the header line.
   */
  public Iterator<String> lines(Format format, long n) {
    EventMix mix = new EventMix(seed, nearMissPercent);
    boolean header = format == Format.CSV || format == Format.CSV_GZ;
    return new Iterator<>() {
      private long i = header ? -1 : 0;
      private final StringBuilder sb = new StringBuilder(1024);

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public String next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        if (i < 0) {
          i++;
          return String.join(",", CSV_COLUMNS);
        }
        sb.setLength(0);
        render(format, mix.next(i, planted(i)), i, sb);
        i++;
        return sb.toString();
      }
    };
  }

  private static void render(Format format, SysmonEvent e, long i, StringBuilder sb) {
    switch (format) {
      case XML: xml(e, sb); break;
      case JSONL: jsonl(e, sb); break;
      case EXPORT: export(e, i, sb); break;
      default: csv(e, sb); break;
    }
  }

  private static void xml(SysmonEvent e, StringBuilder sb) {
    String iso = Instant.ofEpochSecond(e.time()).toString().replace("Z", ".0000000Z");
    sb.append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>")
        .append("<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>")
        .append("<EventID>").append(e.eventId()).append("</EventID><Version>5</Version><Level>4</Level>")
        .append("<Task>").append(e.eventId()).append("</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>")
        .append("<TimeCreated SystemTime='").append(iso).append("'/><EventRecordID>").append(e.recordId())
        .append("</EventRecordID><Correlation/><Execution ProcessID='3120' ThreadID='4412'/><Channel>")
        .append(CHANNEL).append("</Channel><Computer>").append(e.computer())
        .append("</Computer><Security UserID='S-1-5-18'/></System><EventData>")
        .append("<Data Name='RuleName'>-</Data><Data Name='UtcTime'>").append(UTC.format(Instant.ofEpochSecond(e.time())))
        .append("</Data>");
    for (Map.Entry<String, String> d : e.data().entrySet()) {
      sb.append("<Data Name='").append(d.getKey()).append("'>");
      xmlText(d.getValue(), sb);
      sb.append("</Data>");
    }
    sb.append("</EventData></Event>");
  }

  private static void xmlText(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&apos;"); break;
        default: sb.append(c);
      }
    }
  }

  private static void jsonl(SysmonEvent e, StringBuilder sb) {
    sb.append("{\"EventTime\":\"").append(UTC.format(Instant.ofEpochSecond(e.time())))
        .append("\",\"Hostname\":\"").append(e.computer())
        .append("\",\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":").append(e.eventId())
        .append(",\"Channel\":\"").append(CHANNEL).append("\",\"Computer\":\"").append(e.computer())
        .append("\",\"EventRecordID\":").append(e.recordId())
        .append(",\"UtcTime\":\"").append(UTC.format(Instant.ofEpochSecond(e.time()))).append('"');
    fieldsJson(e.data(), sb);
    sb.append('}');
  }

  private static void export(SysmonEvent e, long offset, StringBuilder sb) {
    sb.append("{\"preview\":false,\"offset\":").append(offset).append(",\"result\":{\"_time\":\"")
        .append(e.time()).append(".000\",\"sourcetype\":\"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\"")
        .append(",\"EventCode\":\"").append(e.eventId()).append("\",\"Computer\":\"").append(e.computer())
        .append("\",\"Channel\":\"").append(CHANNEL).append("\",\"EventRecordID\":\"").append(e.recordId())
        .append("\",\"UtcTime\":\"").append(UTC.format(Instant.ofEpochSecond(e.time()))).append('"');
    fieldsJson(e.data(), sb);
    sb.append("}}");
  }

  private static void fieldsJson(Map<String, String> data, StringBuilder sb) {
    for (Map.Entry<String, String> d : data.entrySet()) {
      sb.append(",\"").append(d.getKey()).append("\":\"");
      String s = d.getValue();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' || c == '"') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    }
  }

  private static void csv(SysmonEvent e, StringBuilder sb) {
    for (int k = 0; k < CSV_COLUMNS.size(); k++) {
      String col = CSV_COLUMNS.get(k);
      String v;
      switch (col) {
        case "_time": v = e.time() + ".000"; break;
        case "sourcetype": v = "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"; break;
        case "EventCode": v = Integer.toString(e.eventId()); break;
        case "Computer": v = e.computer(); break;
        case "Channel": v = CHANNEL; break;
        case "EventRecordID": v = Long.toString(e.recordId()); break;
        case "UtcTime": v = UTC.format(Instant.ofEpochSecond(e.time())); break;
        default: v = e.data().getOrDefault(col, "");
      }
      if (k > 0) {
        sb.append(',');
      }
      if (v.indexOf('"') >= 0 || v.indexOf(',') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
  }
}
