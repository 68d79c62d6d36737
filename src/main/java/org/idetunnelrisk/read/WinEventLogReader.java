package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows events as Splunk's Windows add-on writes them when {@code renderXml = false} (sourcetype
 * {@code WinEventLog}, {@code source=WinEventLog:Security}): each event starts with a date line, then
 * {@code Key=Value} lines, then {@code Message=} and the rendered message to the next event:
 * <pre>
 * 11/20/2026 10:01:12 AM
 * LogName=Security
 * EventCode=4688
 * ComputerName=WS-BOB.corp.example.com
 * RecordNumber=48153
 * Message=A new process has been created.
 *
 * Creator Subject:
 * 	Account Name:		bob
 * Process Information:
 * 	New Process Name:	C:\Users\bob\AppData\Local\Temp\dt\devtunnel.exe
 * 	Process Command Line:	"C:\Users\bob\AppData\Local\Temp\dt\devtunnel.exe" host -p 3389
 * </pre>
 * An event starts at a line {@code MM/DD/YYYY hh:mm:ss AM} (or {@code PM}) followed by a {@code Key=Value} line, as
 * the add-on's line breaker splits them.
 *
 * <p>Fields, named as Splunk's add-on names them, so rows of a Splunk search over this sourcetype and this
 * file give the same fields: each header key as written ({@code LogName}, {@code EventCode}, {@code ComputerName},
 * {@code SourceName}, {@code RecordNumber}, {@code Keywords}, {@code TaskCategory}...); {@code Message}, the whole
 * message; and each message line {@code Label: value} as the field {@code Label} with every run of characters
 * other than letters, digits and {@code _} made one {@code _} ({@code New_Process_Name}, {@code Process_Command_Line},
 * {@code Creator_Process_Name}, {@code Task_Name}, Sysmon's {@code Image} and {@code CommandLine}); a label met
 * twice is one multivalue field in message order ({@code Account_Name}: the creator's, then the target's). Lines
 * with no value ({@code Creator Subject:}) head sections and are not fields. A value that starts with {@code <}
 * (4698's {@code Task Content}, the task's XML over many lines) runs on to the next blank line, its lines joined
 * by {@code \n}; every other value is its line. The date line is {@code _time}, in ISO 8601 without a zone
 * ({@code 2026-11-20T10:01:12}): the add-on writes the forwarder's local time, which is read as UTC.
 * {@link Record#raw()} is the event's text. Which of these names mean the XML's {@code EventID},
 * {@code Computer}, {@code NewProcessName}... is the source layer's to say ({@code Layout.WINEVENTLOG}).
 *
 * <p>Bounds: a line or an event longer than {@link ReadLimits#maxRecordBytes()} characters is skipped with a
 * recoverable error naming its line, as is text before the first event; reading goes on at the next event.
 * Memory holds one event. Not thread-safe.
 */
final class WinEventLogReader implements RecordReader {
  /** The date line that starts an event. */
  static final Pattern DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2}) ([AaPp][Mm])");
  /** A header line: {@code LogName=Security}. */
  static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,63})=(.*)", Pattern.DOTALL);
  /** A message line {@code \tLabel:\tvalue}; a label alone ({@code Creator Subject:}) has no value. */
  private static final Pattern LABEL = Pattern.compile("[ \\t]*([A-Za-z][A-Za-z0-9 _()/.\\-]{0,63}):(?:[ \\t]+(.*))?",
      Pattern.DOTALL);
  private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_]+");

  private final Reader in;
  private final String origin;
  private final ReadLimits limits;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private boolean eof;
  /** The line after the last one taken, read to tell a date line that starts an event; null when none. */
  private String ahead;
  private boolean aheadTooLong;
  /** Whether the line {@link #take()} returned last, or {@link #readLine()} read last, was over the bound. */
  private boolean lastTooLong;
  private boolean tooLong;
  private long lineNo;
  /** The date line of the next event, already taken; null before the first and at the end. */
  private String date;
  private long dateLine;
  private long number;
  private boolean started;

  WinEventLogReader(InputStream in, String origin, ReadLimits limits) {
    this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    this.origin = origin;
    this.limits = limits;
  }

  /** Whether {@code first} and {@code second}, the first two lines of a text, start an event of this format. */
  static boolean starts(String first, String second) {
    return first != null && second != null && DATE.matcher(first.strip()).matches()
        && KEY_VALUE.matcher(second).matches();
  }

  @Override
  public Record next() throws IOException {
    if (!started) {
      started = true;
      long junkAt = seekEvent();
      if (junkAt > 0) {
        throw new InputException(origin + ":" + junkAt + ": expected an event's date line (MM/DD/YYYY hh:mm:ss AM)"
            + " but found other text; skipped to the next event", true);
      }
    }
    if (date == null) {
      return null;
    }
    String when = date;
    long at = dateLine;
    date = null;
    List<String> lines = new ArrayList<>();
    long size = when.length();
    boolean tooLong = false;
    for (String line; (line = take()) != null; ) {
      if (startsEvent(line)) {
        date = line;
        dateLine = lineNo;
        break;
      }
      size += line.length() + 1;
      tooLong |= lastTooLong || size > limits.maxRecordBytes();
      if (!tooLong) {
        lines.add(line);
      }
    }
    number++;
    if (tooLong) {
      throw new InputException(origin + ":" + at + ": event longer than the limit of " + limits.maxRecordBytes()
          + " characters", true);
    }
    return event(at, when.strip(), lines);
  }

  /** Takes lines up to the first date line that starts an event; returns the first other text's line, or 0. */
  private long seekEvent() throws IOException {
    long junk = 0;
    for (String line; (line = take()) != null; ) {
      if (startsEvent(line)) {
        date = line;
        dateLine = lineNo;
        return junk;
      }
      if (junk == 0 && !line.isBlank()) {
        junk = lineNo;
      }
    }
    return junk;
  }

  /** Whether {@code line} is a date line and the line after it a {@code Key=Value} line: an event starts there. */
  private boolean startsEvent(String line) {
    // most lines are message text: a digit first is checked before any pattern
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9' && starts(line, ahead);
  }

  private Record event(long at, String when, List<String> lines) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    put(fields, "_time", iso(when));
    int i = 0;
    for (; i < lines.size() && !lines.get(i).startsWith("Message="); i++) {
      Matcher kv = KEY_VALUE.matcher(lines.get(i));
      if (kv.matches()) {
        put(fields, kv.group(1), kv.group(2).strip());
      }
    }
    if (i < lines.size()) {
      int last = lines.size() - 1;
      while (last > i && lines.get(last).isBlank()) {
        last--;
      }
      List<String> message = new ArrayList<>(lines.subList(i, last + 1));
      message.set(0, message.get(0).substring("Message=".length()));
      put(fields, "Message", String.join("\n", message).strip());
      labels(message, fields);
    }
    StringBuilder raw = new StringBuilder(when);
    lines.forEach(l -> raw.append('\n').append(l));
    return new Record(origin, at, number, fields, raw.toString().strip());
  }

  /** The message's {@code Label: value} lines as fields; a value starting with {@code <} runs to a blank line. */
  private static void labels(List<String> message, Map<String, List<String>> fields) {
    for (int j = 0; j < message.size(); j++) {
      String line = message.get(j);
      if (line.indexOf(':') < 0) {
        continue; // prose, or a line of a value: no label
      }
      Matcher m = LABEL.matcher(line);
      if (!m.matches() || m.group(2) == null || m.group(2).isBlank()) {
        continue;
      }
      StringBuilder value = new StringBuilder(m.group(2).strip());
      if (value.charAt(0) == '<') {
        while (j + 1 < message.size() && !message.get(j + 1).isBlank()) {
          value.append('\n').append(message.get(++j));
        }
      }
      String name = NOT_NAME.matcher(m.group(1).strip()).replaceAll("_");
      put(fields, name, value.toString());
    }
  }

  /** {@code 11/20/2026 01:02:03 PM} as {@code 2026-11-20T13:02:03}; the text as it is when it is no date. */
  static String iso(String date) {
    Matcher d = DATE.matcher(date);
    if (!d.matches()) {
      return date;
    }
    int hour = Integer.parseInt(d.group(4)) % 12 + (d.group(7).toUpperCase(Locale.ROOT).equals("PM") ? 12 : 0);
    return String.format(Locale.ROOT, "%s-%02d-%02dT%02d:%s:%s", d.group(3), Integer.parseInt(d.group(1)),
        Integer.parseInt(d.group(2)), hour, d.group(5), d.group(6));
  }

  private static void put(Map<String, List<String>> fields, String name, String value) {
    if (!value.isEmpty()) {
      fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
  }

  /** The next line (the one read ahead), reading one more ahead; null at the end. */
  private String take() throws IOException {
    if (lineNo == 0 && ahead == null) {
      ahead = readLine();
      aheadTooLong = tooLong;
    }
    if (ahead == null) {
      return null;
    }
    String line = ahead;
    lastTooLong = aheadTooLong;
    lineNo++;
    ahead = readLine();
    aheadTooLong = tooLong;
    return line;
  }

  /**
   * One line without its {@code \n} or {@code \r\n}, or null at the end; a line over the bound is read to its end
   * but kept empty, with {@link #tooLong} set.
   */
  private String readLine() throws IOException {
    StringBuilder s = new StringBuilder(128);
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        if (eof) {
          break;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          break;
        }
        pos = 0;
        end = n;
      }
      any = true;
      int nl = pos;
      while (nl < end && buf[nl] != '\n') {
        nl++;
      }
      if (!tooLong) {
        s.append(buf, pos, nl - pos);
        if (s.length() > limits.maxRecordBytes()) {
          tooLong = true;
          s.setLength(0);
        }
      }
      boolean found = nl < end;
      pos = found ? nl + 1 : end;
      if (found) {
        break;
      }
    }
    if (!any) {
      return null;
    }
    int n = s.length();
    if (n > 0 && s.charAt(n - 1) == '\r') {
      s.setLength(n - 1);
    }
    return s.toString();
  }

  @Override
  public String format() {
    return "wineventlog";
  }

  @Override
  public void close() throws IOException {
    date = null;
    in.close();
  }
}
