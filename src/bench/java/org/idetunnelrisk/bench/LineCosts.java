package org.idetunnelrisk.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.literal.SkipSearch;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * {@code bench lines FILE}: what one JSON line costs, by kind, on one thread in this JVM. The first
 * {@value #MAX_LINES} lines of FILE (at most {@value #MAX_BYTES} bytes) are sorted into lines with no stage-one literal, near misses (a literal,
 * but the prefilter rejects the line) and candidates (parsed); then, best of {@value #ROUNDS} timed rounds
 * after as many warm-up rounds:
 * <ul>
 *   <li>the prefilter ({@code scan}'s: JSON-encoded pieces, field by field) on the lines with no literal,
 *   against one pass over their bytes (eight bytes at a time, a compare per word: the least a filter that
 *   must see every byte to skip a line can cost);</li>
 *   <li>the prefilter on the near misses, against parsing the same lines with the JSON lines reader (what a
 *   line the prefilter passes on costs before any rule runs).</li>
 * </ul>
 * Times are the measuring thread's CPU time ({@link java.lang.management.ThreadMXBean}), not the wall clock:
 * on a shared machine another process's load stretches wall-clock times but not the CPU time a line takes.
 * The reader's own helper threads (which cut lines from chunks) are not counted, so the parse figure errs low
 * and the parse / reject ratio with it. Prints one line per figure. Not thread-safe; one run per process.
 */
final class LineCosts {
  static final int MAX_LINES = 200_000;
  /** At most this much of FILE is read (whole lines), so the figures fit a small heap ({@code -Xmx128m}). */
  static final int MAX_BYTES = 40 << 20;
  static final int ROUNDS = 7;
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Lines of one kind, packed: {@code bytes[starts[i], ends[i])} is line {@code i}. */
  private static final class Lines {
    final byte[] bytes;
    final int[] starts;
    final int[] ends;
    final int count;

    Lines(byte[] bytes, List<int[]> ranges) {
      this.bytes = bytes;
      this.count = ranges.size();
      this.starts = new int[count];
      this.ends = new int[count];
      for (int i = 0; i < count; i++) {
        starts[i] = ranges.get(i)[0];
        ends[i] = ranges.get(i)[1];
      }
    }

    long byteCount() {
      long n = 0;
      for (int i = 0; i < count; i++) {
        n += ends[i] - starts[i];
      }
      return n;
    }
  }

  private LineCosts() {}

  static void run(Path file, java.io.PrintStream out) throws IOException {
    FieldTable fields = FieldTable.shipped();
    RawPrefilter prefilter = RawPrefilter.of(new RuleLoader(fields).loadShipped().rules(), fields);
    SkipSearch stageOne = SkipSearch.of(prefilter.skipLiterals());
    byte[] all;
    try (var in = Files.newInputStream(file)) {
      all = in.readNBytes(MAX_BYTES);
    }
    List<int[]> plain = new ArrayList<>();
    List<int[]> nearMisses = new ArrayList<>();
    List<int[]> candidates = new ArrayList<>();
    int lines = 0;
    for (int from = 0; from < all.length && lines < MAX_LINES; lines++) {
      int to = from;
      while (to < all.length && all[to] != '\n') {
        to++;
      }
      if (to == all.length) {
        break; // a cut last line
      }
      int[] range = {from, to};
      if (prefilter.candidate(all, from, to)) {
        candidates.add(range);
      } else if (stageOne != null && stageOne.anyIn(all, from, to)) {
        nearMisses.add(range);
      } else {
        plain.add(range);
      }
      from = to + 1;
    }
    Lines noLiteral = new Lines(all, plain);
    Lines near = new Lines(all, nearMisses);
    out.printf(Locale.ROOT, "lines %d: no literal %d (%.1f%%), near misses rejected %d (%.1f%%), candidates %d (%.1f%%)%n",
        lines, noLiteral.count, 100.0 * noLiteral.count / lines, near.count, 100.0 * near.count / lines,
        candidates.size(), 100.0 * candidates.size() / lines);

    double prefilterPlain = best(() -> filter(prefilter, noLiteral)) / noLiteral.count;
    double onePass = best(() -> onePass(noLiteral)) / noLiteral.count;
    double avgPlain = (double) noLiteral.byteCount() / noLiteral.count;
    out.printf(Locale.ROOT, "no-literal line (%.0f bytes): prefilter %.0f ns = %.2f ns/byte; one pass over its bytes %.0f ns;"
        + " prefilter / one pass = %.2f%n", avgPlain, prefilterPlain, prefilterPlain / avgPlain, onePass, prefilterPlain / onePass);

    if (near.count == 0) {
      out.println("near-miss line: none in this file");
      return;
    }
    double prefilterNear = best(() -> filter(prefilter, near)) / near.count;
    Path nearFile = Files.createTempFile("near-misses", ".jsonl");
    try {
      try (OutputStream os = Files.newOutputStream(nearFile)) {
        for (int i = 0; i < near.count; i++) {
          os.write(all, near.starts[i], near.ends[i] - near.starts[i] + 1);
        }
      }
      double parse = best(() -> {
        try {
          return parseOnly(nearFile);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) / near.count;
      double avgNear = (double) near.byteCount() / near.count;
      out.printf(Locale.ROOT, "near-miss line (%.0f bytes): rejected by the prefilter %.0f ns; parsed by the reader %.0f ns;"
          + " parse / reject = %.2f (target >= 3)%n", avgNear, prefilterNear, parse, parse / prefilterNear);
    } finally {
      Files.deleteIfExists(nearFile);
    }
  }

  /** {@link Workloads#parseOnly}: every record of the file read, nothing else. */
  private static long parseOnly(Path file) throws IOException {
    return Workloads.parseOnly(file);
  }

  private static long filter(RawPrefilter prefilter, Lines lines) {
    long n = 0;
    for (int i = 0; i < lines.count; i++) {
      n += prefilter.candidate(lines.bytes, lines.starts[i], lines.ends[i]) ? 1 : 0;
    }
    return n;
  }

  /** Quotes counted eight bytes at a time: one read of every byte with a compare per word. */
  private static long onePass(Lines lines) {
    final long quotes = 0x0101010101010101L * '"';
    final long low7 = 0x7F7F7F7F7F7F7F7FL;
    final long highs = 0x8080808080808080L;
    long n = 0;
    byte[] b = lines.bytes;
    for (int k = 0; k < lines.count; k++) {
      int i = lines.starts[k];
      int to = lines.ends[k];
      for (; i + 8 <= to; i += 8) {
        long x = (long) LONGS.get(b, i) ^ quotes;
        n += Long.bitCount(~(((x & low7) + low7) | x) & highs);
      }
      for (; i < to; i++) {
        n += b[i] == '"' ? 1 : 0;
      }
    }
    return n;
  }

  /** Best of {@value #ROUNDS} timed rounds after as many warm-up rounds, nanoseconds of this thread's CPU time. */
  private static double best(java.util.function.LongSupplier work) {
    long sink = 0;
    for (int i = 0; i < ROUNDS; i++) {
      sink += work.getAsLong();
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      sink += work.getAsLong();
      best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
    }
    if (sink == 42) {
      System.err.print("");
    }
    return best;
  }
}
