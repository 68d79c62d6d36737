package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** {@link RawFilters#sampled}: the first records of each input are parsed even when the filters reject them. */
class SampledFilterTest {
  private static final LineFilter NONE_PASS = (b, from, to) -> false;

  private static String jsonLines(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      s.append("{\"n\":").append(i).append("}\n");
    }
    return s.toString();
  }

  private static Reading read(byte[] bytes, String origin, RawFilters filters) throws IOException {
    RecordReader r = Readers.open(new ByteArrayInputStream(bytes), origin, ReadLimits.DEFAULT, filters);
    Reading out = Reading.of(r);
    out.skippedCount = r.skipped();
    return out;
  }

  @Test
  void theFirstJsonLinesAreParsedAndTheRestFiltered() throws IOException {
    // more lines than one chunk of ByteLineReader holds, so the sample is counted across chunks in order
    byte[] text = jsonLines(20_000).getBytes(StandardCharsets.UTF_8);
    Reading r = read(text, "a.jsonl", new RawFilters(NONE_PASS, null).sampled(3));
    assertEquals(List.of(1L, 2L, 3L), r.records.stream().map(Record::line).toList());
    assertEquals(19_997, r.skippedCount);
    Reading unsampled = read(text, "a.jsonl", new RawFilters(NONE_PASS, null));
    assertEquals(0, unsampled.records.size());
    assertEquals(20_000, unsampled.skippedCount);
  }

  @Test
  void theFirstCsvRowsAreParsedAndTheRestFiltered() throws IOException {
    byte[] csv = "a,b\n1,x\n2,y\n3,z\n".getBytes(StandardCharsets.UTF_8);
    Reading r = read(csv, "r.csv", new RawFilters(null, NONE_PASS).sampled(2));
    assertEquals(List.of(List.of("1"), List.of("2")), r.records.stream().map(x -> x.fields().get("a")).toList());
    assertEquals(1, r.skippedCount);
  }

  @Test
  void eachArchiveMemberHasItsOwnSampleAndItsOwnSkippedCount() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (String m : List.of("one.jsonl", "two.jsonl")) {
        z.putNextEntry(new ZipEntry(m));
        z.write(jsonLines(5).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    RecordReader r = Readers.open(new ByteArrayInputStream(zip.toByteArray()), "logs.zip", ReadLimits.DEFAULT,
        new RawFilters(NONE_PASS, null).sampled(2));
    List<String> formats = new java.util.ArrayList<>();
    Reading out = new Reading();
    for (Record rec; (rec = r.next()) != null; ) {
      out.records.add(rec);
      formats.add(r.recordFormat());
    }
    assertEquals(List.of("logs.zip:one.jsonl:1", "logs.zip:one.jsonl:2", "logs.zip:two.jsonl:1",
        "logs.zip:two.jsonl:2"), out.records.stream().map(x -> x.origin() + ":" + x.line()).toList());
    assertEquals(List.of("zip/jsonl", "zip/jsonl", "zip/jsonl", "zip/jsonl"), formats);
    assertEquals(Map.of("logs.zip:one.jsonl", 3L, "logs.zip:two.jsonl", 3L), r.skippedByMember());
    assertEquals(6, r.skipped());
    r.close();
  }
}
