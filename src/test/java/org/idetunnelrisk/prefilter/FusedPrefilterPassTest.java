package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.literal.SkipSearch;
import org.idetunnelrisk.sigma.RuleLoader;
import org.junit.jupiter.api.Test;

/**
 * The prefilter's fast paths against what they stand for: stage one's grams sampled inside the structure
 * pass ({@link JsonObjectCheck#plainJson(byte[], int, int, SkipSearch)}) against {@link SkipSearch#anyIn} and
 * the pass without sampling; the field check's kept values ({@code JsonFieldCheck.Walk}) against a fresh
 * walk. Lines hold the literals in every case, written with escapes ({@code \u0063ode.exe}), next to and
 * across backslash runs ({@code \\}), split by a quote, and at every offset from the words' starts.
 */
class FusedPrefilterPassTest {
  private static final FieldTable FIELDS = FieldTable.shipped();

  /** Pieces of string text: literals in several cases, escapes, backslash runs, fillers of every length. */
  private static final String[] PARTS = {"code.exe", "Code.EXE", "CODE.exe", " tunnel", " TuNnEl", "devtunnel.exe",
      "DEVTUNNEL.EXE", "\\\\", "\\\\\\\\", "\\\"", "\\u0063ode.exe", "\\u0043ODE.exe", "code\\\\.exe", "code\\u002eexe",
      "\\/", "c", "co", "cod", "code", "code.", "code.e", "code.ex", ".exe", "tunne", " tun", "x", "ab", "abc",
      "abcdefg", "C:\\\\Users\\\\dev\\\\", "&amp;", "&#99;", "|", "~", "^", "\u0002", "\u0006"};

  private static String randomLine(SplittableRandom r) {
    StringBuilder sb = new StringBuilder("{");
    int members = 1 + r.nextInt(5);
    for (int m = 0; m < members; m++) {
      if (m > 0) {
        sb.append(',');
      }
      sb.append('"').append(r.nextBoolean() ? "Image" : "CommandLine").append("\":");
      if (r.nextInt(6) == 0) {
        sb.append(r.nextInt(100_000));
        continue;
      }
      sb.append('"');
      for (int k = r.nextInt(8); k > 0; k--) {
        sb.append(PARTS[r.nextInt(PARTS.length)]);
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  @Test
  void theStructurePassSamplesWhatStageOneSamples() {
    // strides 4 (shortest literal of 7 bytes) and 8 (of 11 bytes or more)
    List<SkipSearch> searches = List.of(SkipSearch.of(List.of("code.exe", " tunnel")),
        SkipSearch.of(List.of("devtunnel.exe", "c:\\\\users\\\\dev")));
    assertEquals(4, searches.get(0).stride());
    assertEquals(8, searches.get(1).stride());
    SplittableRandom r = new SplittableRandom(7);
    int[] answers = new int[4];
    for (int round = 0; round < 40_000; round++) {
      String line = randomLine(r);
      if (r.nextInt(4) == 0) { // now and then broken by one byte
        StringBuilder sb = new StringBuilder(line);
        sb.setCharAt(r.nextInt(sb.length()), "\"\\{}[]:,&x".charAt(r.nextInt(10)));
        line = sb.toString();
      }
      byte[] b = ("pad" + line).getBytes(StandardCharsets.UTF_8);
      for (SkipSearch s : searches) {
        for (int from = 0; from <= 3; from++) {
          int to = r.nextInt(5) == 0 ? from + r.nextInt(b.length - from + 1) : b.length;
          int plain = JsonObjectCheck.plainJson(b, from, to);
          int fused = JsonObjectCheck.plainJson(b, from, to, s);
          String where = line + " [" + from + "," + to + ") stride " + s.stride();
          if (plain == 1) {
            assertEquals(s.anyIn(b, from, to) ? 2 : 1, fused, where);
          } else {
            assertEquals(plain, fused, where);
          }
          answers[fused + 1]++;
        }
      }
    }
    assertTrue(answers[0] > 1_000 && answers[1] > 10_000 && answers[2] > 5_000 && answers[3] > 5_000,
        () -> Arrays.toString(answers));
  }

  @Test
  void aLiteralWrittenWithAnEscapeOrInAnyCaseIsHandedOn() {
    List<Rule> rules = new RuleLoader(FIELDS).loadShipped().rules();
    RawPrefilter p = RawPrefilter.of(rules, FIELDS);
    String start = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"C:\\\\Users\\\\dev\\\\";
    for (String image : List.of("\\u0063ode.exe", "Code.exe", "CODE.EXE", "cod\\u0065.exe", "Code\\u002eexe")) {
      for (String command : List.of(" tunnel", " TUNNEL", " \\u0074unnel", " tunne\\u006c", "\\u0020tunnel")) {
        String line = start + image + "\",\"CommandLine\":\"C:\\\\x\\\\" + image + command + " --accept-server-license-terms\"}";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < 8; from++) {
          byte[] shifted = new byte[b.length + from];
          System.arraycopy(b, 0, shifted, from, b.length);
          assertTrue(p.candidate(shifted, from, shifted.length), line);
        }
      }
    }
  }

  @Test
  void keptValuesGiveWhatAFreshSearchGives() throws InterruptedException {
    List<Rule> rules = new RuleLoader(FIELDS).loadShipped().rules();
    RawPrefilter p = RawPrefilter.of(rules, FIELDS);
    SplittableRandom r = new SplittableRandom(5);
    String[] images = {"C:\\\\Users\\\\dev\\\\Code.exe", "C:\\\\x\\\\code-tunnel.exe", "C:\\\\Windows\\\\explorer.exe",
        "C:\\\\x\\\\devtunnel.exe", "C:\\\\x\\\\cursor.exe"};
    String[] commands = {" tunnel", " tunnel --accept-server-license-terms", " C:\\\\src\\\\tunnel-service", " serve-web",
        " --folder-uri tunnel-x", " tunnel".repeat(20), "x".repeat(300) + " tunnel", " tunnel" + "y".repeat(300)};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String image = images[r.nextInt(images.length)];
      String command = r.nextInt(4) == 0 ? " " + i : commands[r.nextInt(commands.length)];
      lines.add("{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"" + image
          + "\",\"CommandLine\":\"\\\"" + image + "\\\"" + command + "\",\"ParentImage\":\"" + images[r.nextInt(images.length)]
          + "\",\"QueryName\":\"" + (r.nextBoolean() ? "docs.devtunnels-info.com" : "x" + i + ".devtunnels.ms") + "\"}");
    }
    boolean[] first = new boolean[lines.size()];
    int passed = 0;
    for (int i = 0; i < lines.size(); i++) {
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      first[i] = p.candidate(b, 0, b.length);
      passed += first[i] ? 1 : 0;
    }
    assertTrue(passed > 300 && passed < lines.size() - 300, "passed " + passed);
    for (int k = 0; k < 2 * lines.size(); k++) { // again, in another order: now most values are kept
      int i = r.nextInt(lines.size());
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      assertEquals(first[i], p.candidate(b, 0, b.length), lines.get(i));
    }
    for (int k = 0; k < 40; k++) { // a new thread has a fresh walk, with nothing kept
      int i = r.nextInt(lines.size());
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      AtomicBoolean fresh = new AtomicBoolean();
      Thread t = new Thread(() -> fresh.set(p.candidate(b, 0, b.length)));
      t.start();
      t.join();
      assertEquals(first[i], fresh.get(), lines.get(i));
    }
  }
}
