package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Makes a stream of concatenated XML documents parseable as one: wraps the text in a synthetic root
 * element, drops every {@code <?xml ...?>} declaration (keeping its line breaks, so line numbers stay
 * true) and every byte order mark, and stops at a {@code <!DOCTYPE}: the text after it is never handed to
 * the parser, so no DTD or external entity can be read. {@link #doctypeLine()} then tells where it was.
 * Not thread-safe.
 */
final class XmlStreamFilter extends Reader {
  static final String ROOT = "idetunnelrisk-stream";
  private static final char[] OPEN = ("<" + ROOT + ">").toCharArray();
  private static final char[] CLOSE = ("</" + ROOT + ">").toCharArray();
  private static final String DECL = "<?xml";
  private static final String DOCTYPE = "<!DOCTYPE";

  private final Reader in;
  private final char[] buf = new char[16 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private int openSent;
  private int closeSent;
  private long line = 1;
  private long doctypeLine;
  private boolean inDecl;

  XmlStreamFilter(Reader in) {
    this.in = in;
  }

  /** The line of a refused {@code <!DOCTYPE}, or 0 when none was met. */
  long doctypeLine() {
    return doctypeLine;
  }

  @Override
  public int read(char[] out, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (openSent < OPEN.length && n < len) {
      out[off + n++] = OPEN[openSent++];
    }
    while (n < len) {
      if (doctypeLine > 0) {
        break;
      }
      if (!available(1)) {
        if (doctypeLine == 0) {
          while (closeSent < CLOSE.length && n < len) {
            out[off + n++] = CLOSE[closeSent++];
          }
        }
        break;
      }
      char c = buf[pos];
      if (inDecl) {
        if (c == '?' && available(2) && buf[pos + 1] == '>') {
          pos += 2;
          inDecl = false;
        } else {
          pos++;
          if (c == '\n') {
            line++;
            out[off + n++] = c;
          }
        }
        continue;
      }
      if (c == '<') {
        if (available(DECL.length() + 1) && startsWith(DECL) && Character.isWhitespace(buf[pos + DECL.length()])) {
          pos += DECL.length();
          inDecl = true;
          continue;
        }
        if (available(DOCTYPE.length()) && startsWith(DOCTYPE)) {
          doctypeLine = line;
          break;
        }
      }
      pos++;
      if (c == '\uFEFF') {
        continue;
      }
      if (c == '\n') {
        line++;
      }
      out[off + n++] = c;
    }
    return n == 0 ? -1 : n;
  }

  private boolean startsWith(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (buf[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether at least {@code k} chars are buffered, reading more when needed. */
  private boolean available(int k) throws IOException {
    if (limit - pos >= k) {
      return true;
    }
    if (eof) {
      return false;
    }
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    while (limit < k && !eof) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return limit >= k;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
