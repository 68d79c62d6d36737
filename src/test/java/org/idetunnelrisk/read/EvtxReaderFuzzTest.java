package org.idetunnelrisk.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Fuzzes {@link EvtxReader} with small limits. An EVTX chunk is 64 KiB and guarded by two CRC32s, which
 * random bytes never pass, so the input's first byte chooses: odd, the rest is a whole file as it comes
 * (header and chunk checks); even, the rest is a chunk's event records, placed after a sound file header and
 * chunk header whose checksums are made to fit, so every mutation reaches the binary XML. Property: no
 * exception but {@link InputException} (each naming the input), no hang, no unbounded allocation. Regression
 * mode replays the seeds in {@code EvtxReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (README, Fuzzing).
 */
class EvtxReaderFuzzTest {
  static final String ORIGIN = "fuzz.evtx";
  static final ReadLimits LIMITS = new ReadLimits(2048, 12);

  @FuzzTest(maxDuration = "2m")
  void evtx(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    byte[] file = (data[0] & 1) == 1 ? java.util.Arrays.copyOfRange(data, 1, data.length) : withChunk(data);
    Drain.drain(new EvtxReader(new ByteArrayInputStream(file), ORIGIN, LIMITS), ORIGIN, file.length);
  }

  /** A file header, then one chunk whose records are {@code data[1..]} (cut to fit), both CRC32s right. */
  static byte[] withChunk(byte[] data) {
    int n = Math.min(data.length - 1, EvtxBuilder.CHUNK - 512);
    byte[] chunk = new byte[EvtxBuilder.CHUNK];
    System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, 8);
    System.arraycopy(data, 1, chunk, 512, n);
    EvtxBuilder.le(chunk, 40, 128, 4);
    EvtxBuilder.le(chunk, 48, 512 + n, 4);
    CRC32 c = new CRC32();
    c.update(chunk, 512, n);
    EvtxBuilder.le(chunk, 52, c.getValue(), 4);
    c.reset();
    c.update(chunk, 0, 120);
    c.update(chunk, 128, 384);
    EvtxBuilder.le(chunk, 124, c.getValue(), 4);
    return EvtxBuilder.file(1, chunk);
  }
}
