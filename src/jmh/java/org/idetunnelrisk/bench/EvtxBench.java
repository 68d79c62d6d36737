package org.idetunnelrisk.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EVTX against XML on the same events, parse only: the chunks of the real {@code .evtx} files in
 * {@code ../shared/data/real/evtx/} repeated {@value #COPIES} times in one EVTX file (chunks are
 * self-contained: each holds its own names and templates), and the same events, as the EVTX reader renders
 * them, written one per line as Splunk stores {@code XmlWinEventLog}. Scores are files per second; events per
 * second are that times the event count, which setup prints.
 *
 * <pre>mvn -B -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Djmh.args="EvtxBench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx128m"})
public class EvtxBench {
  static final int COPIES = 40;
  static final Path REAL = Path.of("../shared/data/real/evtx");

  private Path evtx;
  private Path xml;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    try (Stream<Path> s = Files.list(REAL)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList()) {
        byte[] b = Files.readAllBytes(f);
        for (int off = 4096; off + 65536 <= b.length; off += 65536) {
          chunks.add(java.util.Arrays.copyOfRange(b, off, off + 65536));
        }
      }
    }
    evtx = Files.createTempFile("evtx-bench", ".evtx");
    try (OutputStream out = Files.newOutputStream(evtx)) {
      out.write(header(chunks.size() * COPIES));
      for (int i = 0; i < COPIES; i++) {
        for (byte[] c : chunks) {
          out.write(c);
        }
      }
    }
    xml = Files.createTempFile("evtx-bench", ".xml");
    long events = 0;
    try (RecordReader r = Readers.open(evtx); Writer w = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
      for (Record rec; (rec = r.next()) != null; events++) {
        w.write(rec.raw());
        w.write('\n');
      }
    }
    System.out.printf("%nEvtxBench: %d events; %d bytes as EVTX, %d bytes as XML%n", events, Files.size(evtx),
        Files.size(xml));
  }

  /** A file header: signature, chunk count (16-bit, as the format has it), its CRC32. */
  private static byte[] header(int chunks) {
    byte[] h = new byte[4096];
    System.arraycopy("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1), 0, h, 0, 8);
    h[32] = (byte) 128;
    h[36] = 1;
    h[38] = 3;
    h[41] = 0x10; // 4096
    h[42] = (byte) chunks;
    h[43] = (byte) (chunks >> 8);
    CRC32 c = new CRC32();
    c.update(h, 0, 120);
    long v = c.getValue();
    for (int i = 0; i < 4; i++) {
      h[124 + i] = (byte) (v >> (8 * i));
    }
    return h;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(evtx);
    Files.deleteIfExists(xml);
  }

  @Benchmark
  public long evtxParseOnly() throws IOException {
    return Workloads.parseOnly(evtx);
  }

  @Benchmark
  public long xmlParseOnly() throws IOException {
    return Workloads.parseOnly(xml);
  }
}
