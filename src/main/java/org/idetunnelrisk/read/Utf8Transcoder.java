package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Re-encodes decoded text as UTF-8 bytes, a buffer at a time, so a UTF-16 input (as PowerShell writes
 * {@code wevtutil} output) goes through the same byte-level readers as UTF-8. Not thread-safe.
 */
final class Utf8Transcoder extends InputStream {
  private final Reader in;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(8 * 1024);
  private final ByteBuffer bytes = ByteBuffer.allocate(32 * 1024);
  private boolean eof;

  Utf8Transcoder(Reader in) {
    this.in = in;
    chars.flip();
    bytes.flip();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!bytes.hasRemaining()) {
      if (eof && !chars.hasRemaining()) {
        return -1;
      }
      if (!eof) {
        chars.compact();
        int n = in.read(chars);
        if (n < 0) {
          eof = true;
        }
        chars.flip();
      }
      bytes.clear();
      encoder.encode(chars, bytes, eof);
      if (eof && !chars.hasRemaining()) {
        encoder.flush(bytes);
      }
      bytes.flip();
    }
    int n = Math.min(len, bytes.remaining());
    bytes.get(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
