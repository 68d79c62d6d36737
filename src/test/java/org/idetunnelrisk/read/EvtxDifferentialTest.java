package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link EvtxReader} against an independent implementation: for every real {@code .evtx} file in
 * {@code ../shared/data/real/evtx/} (EVTX-ATTACK-SAMPLES, read in place; see that folder's PROVENANCE.md),
 * Debian's {@code python3-evtx} ({@code evtx_dump.py}) renders the file as XML, {@link XmlEventReader} reads
 * that XML, and the records must equal the ones {@link EvtxReader} reads from the binary file: same count,
 * same order, same field names, same values. Skipped, with a message saying why, when the folder or the tool
 * is absent ({@code .ci/run} installs the tool). A second test does the same with libyal's {@code evtxexport}.
 *
 * <p>Where python-evtx renders a value differently from Windows (which {@link EvtxValues} follows), the two
 * are compared by meaning, and only there: times ({@code 2019-03-19 00:02:04.319944} against
 * {@code 2019-03-19T00:02:04.3199443Z}) to within 4 microseconds, as python-evtx goes through a float of
 * seconds since 1601 (about 2 microseconds apart at today's dates); hex integers ({@code 0x000000000017e2d2}
 * against {@code 0x17e2d2}) by value; booleans ({@code True} against Windows' {@code true}) and GUIDs (libevtx
 * writes them in upper case, as Windows 7 did; python-evtx and Windows 10 in lower case) without case.
 */
class EvtxDifferentialTest {
  static final Path REAL = Path.of("../shared/data/real/evtx");
  private static final Pattern TIME =
      Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d)[ T](\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,9}))?Z?");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern GUID = Pattern.compile("\\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}}");

  @TestFactory
  Stream<DynamicTest> sameRecordsAsPythonEvtxRenderedAsXml() throws IOException {
    if (!Files.isDirectory(REAL)) {
      System.out.println("EvtxDifferentialTest skipped: no folder " + REAL.toAbsolutePath().normalize());
    }
    assumeTrue(Files.isDirectory(REAL), "no folder " + REAL);
    String tool = onPath("evtx_dump.py");
    if (tool == null) {
      System.out.println("EvtxDifferentialTest skipped: evtx_dump.py (Debian package python3-evtx) is not on PATH");
    }
    assumeTrue(tool != null, "evtx_dump.py (python3-evtx) not on PATH");
    List<Path> files;
    try (Stream<Path> s = Files.list(REAL)) {
      files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no .evtx files in " + REAL);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> compare(tool, f)));
  }

  /**
   * The same against libyal's own {@code evtxexport -f xml} (Debian's {@code libevtx-utils}), whose output
   * starts with a banner line: read through {@link Readers}, which skips the banner with a note.
   */
  @TestFactory
  Stream<DynamicTest> sameRecordsAsLibevtxExportRenderedAsXml() throws IOException {
    assumeTrue(Files.isDirectory(REAL), "no folder " + REAL);
    String tool = onPath("evtxexport");
    if (tool == null) {
      System.out.println("EvtxDifferentialTest: evtxexport (Debian package libevtx-utils) is not on PATH: skipped");
    }
    assumeTrue(tool != null, "evtxexport (libevtx-utils) not on PATH");
    List<Path> files;
    try (Stream<Path> s = Files.list(REAL)) {
      files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      byte[] out = run(List.of(tool, "-f", "xml", f.toString()), f);
      Reading viaXml = Reading.of(Readers.open(new ByteArrayInputStream(out), "evtxexport"));
      assertEquals("xml", viaXml.format);
      assertTrue(viaXml.notes.get(0).startsWith("evtxexport: skipped 2 lines of text before the XML (evtxexport "),
          viaXml.notes.toString());
      compare(f, viaXml);
    }));
  }

  private static void compare(String tool, Path file) throws Exception {
    byte[] xml = run(List.of(tool, file.toString()), file);
    compare(file, Reading.of(new XmlEventReader(new ByteArrayInputStream(xml), "python-evtx", ReadLimits.DEFAULT)));
  }

  private static void compare(Path file, Reading viaXml) throws Exception {
    Reading native_ = Reading.of(Readers.open(file));
    assertEquals("evtx", native_.format);
    assertEquals(List.of(), native_.errors, "errors reading " + file);
    assertEquals(List.of(), viaXml.errors);
    assertTrue(viaXml.records.size() > 0, "the tool rendered no event of " + file);
    assertEquals(viaXml.records.size(), native_.records.size(), "records in " + file);
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < native_.records.size() && diffs.size() < 10; i++) {
      diff(i + 1, viaXml.records.get(i).fields(), native_.records.get(i).fields(), diffs);
    }
    assertEquals(List.of(), diffs, file.getFileName() + ": the tool's XML read as XML versus EvtxReader");
  }

  private static void diff(int n, Map<String, List<String>> expected, Map<String, List<String>> actual,
      List<String> out) {
    if (!expected.keySet().equals(actual.keySet())) {
      out.add("record " + n + ": fields " + expected.keySet() + " but " + actual.keySet());
      return;
    }
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> a = actual.get(e.getKey());
      boolean same = a.size() == e.getValue().size();
      for (int i = 0; same && i < a.size(); i++) {
        same = sameValue(e.getValue().get(i), a.get(i));
      }
      if (!same) {
        out.add("record " + n + ": " + e.getKey() + " = " + e.getValue() + " but " + a);
      }
    }
  }

  /** Equal, or the same time or hex integer in python-evtx's rendering and in Windows'. */
  static boolean sameValue(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    Matcher te = TIME.matcher(expected);
    Matcher ta = TIME.matcher(actual);
    if (te.matches() && ta.matches()) {
      return Math.abs(micros(te) - micros(ta)) <= 4;
    }
    if (GUID.matcher(expected).matches() && GUID.matcher(actual).matches()) {
      return expected.equalsIgnoreCase(actual);
    }
    if (expected.equals("True") || expected.equals("False")) {
      return expected.toLowerCase(java.util.Locale.ROOT).equals(actual);
    }
    if (HEX.matcher(expected).matches() && HEX.matcher(actual).matches()) {
      return new BigInteger(expected.substring(2), 16).equals(new BigInteger(actual.substring(2), 16));
    }
    return false;
  }

  private static long micros(Matcher m) {
    long seconds = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
        Integer.parseInt(m.group(6))).toEpochSecond(ZoneOffset.UTC);
    String f = m.group(7) == null ? "" : m.group(7);
    long fraction = Long.parseLong((f + "000000").substring(0, 6));
    return seconds * 1_000_000 + fraction;
  }

  private static byte[] run(List<String> command, Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), command + " exit status");
    return out;
  }

  static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }
}
