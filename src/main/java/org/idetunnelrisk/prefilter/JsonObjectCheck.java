package org.idetunnelrisk.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.idetunnelrisk.literal.SkipSearch;

/**
 * Whether a JSON line is one object that {@code JsonLinesReader} reads without a report, told from its bytes
 * before {@link RawPrefilter} may skip the line unparsed. A line that fails the check is parsed, so it is
 * read or reported exactly as it would be without a prefilter: an array, a string, a number, {@code true},
 * text that is not JSON, two objects on one line, a missing colon or an unknown escape all get their
 * {@code file:line: reason}.
 *
 * <p>The grammar checked is JSON's (RFC 8259), blanks being the space, tab and carriage return:
 * <pre>
 * line   = blank* object blank*
 * object = '{' blank* [ member ( blank* ',' blank* member )* blank* ] '}'
 * member = string blank* ':' blank* value
 * array  = '[' blank* [ value ( blank* ',' blank* value )* blank* ] ']'
 * value  = object | array | string | number | 'true' | 'false' | 'null'
 * string = '"' ( any byte but '"' and '\' | '\' ( one of "\/bfnrt | 'u' hex hex hex hex ) )* '"'
 * number = [ '-' ] ( '0' | [1-9] [0-9]* ) [ '.' [0-9]+ ] [ ( 'e' | 'E' ) [ '+' | '-' ] [0-9]+ ]
 * </pre>
 * with containers nested no deeper than {@link RawPrefilter#MAX_DEPTH} (the reader's default limit,
 * counted as gson counts it: the line's object is level 1), numbers no longer than gson reads them all
 * ({@link #MAX_INTEGER_DIGITS}, {@link #MAX_NUMBER_LENGTH}), and with what the reader reports of a Splunk
 * export row ruled out: the line's object has no member {@code messages}, and each member {@code result}
 * holds an object. A string may hold raw control characters and any bytes above ASCII, as gson (the reader's
 * parser) reads them. gson reads every line this grammar passes as one object; what gson takes beyond it
 * ({@code \'}, {@code TRUE}) merely fails the check, and such a line is parsed. Stateless and thread-safe.
 */
final class JsonObjectCheck {
  private JsonObjectCheck() {}

  private static final byte[] RESULT = {'r', 'e', 's', 'u', 'l', 't'};
  private static final byte[] MESSAGES = {'m', 'e', 's', 's', 'a', 'g', 'e', 's'};

  /**
   * The grammar byte by byte: whether {@code b[from, to)} is one object as the class doc defines it. The
   * reference for {@link #plainJson}, and what {@link RawPrefilter} runs for a line {@code plainJson} leaves
   * undecided.
   */
  static boolean wellFormed(byte[] b, int from, int to) {
    int i = blanks(b, from, to);
    if (i == to || b[i] != '{') {
      return false;
    }
    i = object(b, i, to, 1);
    return i >= 0 && blanks(b, i, to) == to;
  }

  /** The end of the object that opens at {@code i}, nested at {@code depth} (1: the line's own); -1 when malformed. */
  private static int object(byte[] b, int i, int to, int depth) {
    if (depth > RawPrefilter.MAX_DEPTH) {
      return -1;
    }
    i = blanks(b, i + 1, to);
    if (i < to && b[i] == '}') {
      return i + 1;
    }
    while (true) {
      if (i == to || b[i] != '"') {
        return -1;
      }
      if (depth == 1 && reportedMember(b, i, to)) {
        return -1;
      }
      i = string(b, i, to);
      if (i < 0) {
        return -1;
      }
      i = blanks(b, i, to);
      if (i == to || b[i] != ':') {
        return -1;
      }
      i = value(b, blanks(b, i + 1, to), to, depth);
      if (i < 0) {
        return -1;
      }
      i = blanks(b, i, to);
      if (i == to || b[i] != ',') {
        return i < to && b[i] == '}' ? i + 1 : -1;
      }
      i = blanks(b, i + 1, to);
    }
  }

  /** The end of the array that opens at {@code i}, nested at {@code depth}; -1 when malformed. */
  private static int array(byte[] b, int i, int to, int depth) {
    if (depth > RawPrefilter.MAX_DEPTH) {
      return -1;
    }
    i = blanks(b, i + 1, to);
    if (i < to && b[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(b, i, to, depth);
      if (i < 0) {
        return -1;
      }
      i = blanks(b, i, to);
      if (i == to || b[i] != ',') {
        return i < to && b[i] == ']' ? i + 1 : -1;
      }
      i = blanks(b, i + 1, to);
    }
  }

  /** The end of the value at {@code i}, inside a container nested at {@code depth}; -1 when malformed. */
  private static int value(byte[] b, int i, int to, int depth) {
    if (i == to) {
      return -1;
    }
    switch (b[i]) {
      case '{':
        return object(b, i, to, depth + 1);
      case '[':
        return array(b, i, to, depth + 1);
      case '"':
        return string(b, i, to);
      default:
        return scalar(b, i, to);
    }
  }

  /** The end of the string whose opening quote is at {@code i} (past its closing quote); -1 when malformed. */
  private static int string(byte[] b, int i, int to) {
    for (int k = i + 1; k < to; k++) {
      byte c = b[k];
      if (c == '"') {
        return k + 1;
      }
      if (c == '\\') {
        if (++k == to) {
          return -1;
        }
        if (b[k] == 'u') {
          if (k + 4 >= to || !hex(b[k + 1]) || !hex(b[k + 2]) || !hex(b[k + 3]) || !hex(b[k + 4])) {
            return -1;
          }
          k += 4;
        } else if (!plainEscape(b[k]) && b[k] != '/') {
          return -1;
        }
      }
    }
    return -1;
  }

  private static boolean hex(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** Whether {@code \c} is a JSON escape that cannot hide a rule's piece: {@code \" \\ \b \f \n \r \t}. */
  private static boolean plainEscape(byte c) {
    return c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't';
  }

  /**
   * The end of the number or literal at {@code i} (it runs to the first byte no number or literal holds, so
   * {@code 1x} and {@code truex} are one malformed token, as gson reads them); -1 when malformed.
   */
  private static int scalar(byte[] b, int i, int to) {
    int end = i;
    while (end < to && tokenByte(b[end])) {
      end++;
    }
    return end > i && (number(b, i, end) || literal(b, i, end)) ? end : -1;
  }

  private static boolean tokenByte(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.';
  }

  /**
   * Most digits before a number's point, and most characters in a number, that the check passes: gson refuses
   * some numbers past either (its digit loop wraps a long, so {@code 184467440737095516160} reads as a zero
   * followed by a digit; its buffer holds 1,024 characters), so a longer number is left to the parser.
   */
  static final int MAX_INTEGER_DIGITS = 19;
  static final int MAX_NUMBER_LENGTH = 256;

  private static boolean number(byte[] b, int i, int end) {
    if (end - i > MAX_NUMBER_LENGTH) {
      return false;
    }
    if (b[i] == '-') {
      i++;
    }
    if (i == end || !digit(b[i])) {
      return false;
    }
    int start = i;
    i = b[i] == '0' ? i + 1 : digits(b, i, end);
    if (i - start > MAX_INTEGER_DIGITS) {
      return false;
    }
    if (i < end && b[i] == '.') {
      int d = i + 1;
      i = digits(b, d, end);
      if (i == d) {
        return false;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int d = i;
      i = digits(b, d, end);
      if (i == d) {
        return false;
      }
    }
    return i == end;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(byte[] b, int i, int end) {
    while (i < end && digit(b[i])) {
      i++;
    }
    return i;
  }

  private static boolean literal(byte[] b, int i, int end) {
    int n = end - i;
    return n == 4 && b[i] == 't' && b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'e'
        || n == 4 && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l'
        || n == 5 && b[i] == 'f' && b[i + 1] == 'a' && b[i + 2] == 'l' && b[i + 3] == 's' && b[i + 4] == 'e';
  }

  private static int blanks(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  /**
   * At the name of a member of the line's own object, opening at {@code i}: whether the reader would report
   * the line if it were a Splunk export row, which a rule-free look cannot rule out: the name is
   * {@code messages} (an ERROR or FATAL message is reported), or it is {@code result} and its value does not
   * start as an object. Such a line is parsed; export rows of events (a {@code result} object) pass.
   */
  private static boolean reportedMember(byte[] b, int i, int to) {
    if (named(b, i, to, MESSAGES)) {
      return true;
    }
    if (!named(b, i, to, RESULT)) {
      return false;
    }
    int k = blanks(b, i + RESULT.length + 2, to);
    if (k == to || b[k] != ':') {
      return true;
    }
    k = blanks(b, k + 1, to);
    return k == to || b[k] != '{';
  }

  /** Whether the string opening at {@code i} is {@code name}, written without escapes. */
  private static boolean named(byte[] b, int i, int to, byte[] name) {
    int n = name.length;
    if (i + n + 1 >= to || b[i + n + 1] != '"') {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + 1 + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  // What plainJson expects next outside strings.
  /** Before the line's object: blanks, then its opening brace. */
  private static final int START = 0;
  /** After an object's opening brace: a member's name or the closing brace. */
  private static final int FIRST_NAME = 1;
  /** After a comma in an object: a member's name. */
  private static final int NAME = 2;
  /** After a member's name: its colon. */
  private static final int COLON = 3;
  /** After an array's opening bracket: a value or the closing bracket. */
  private static final int FIRST_VALUE = 4;
  /** After a colon, or a comma in an array: a value. */
  private static final int VALUE = 5;
  /** After a value: a comma or the container's close. */
  private static final int NEXT = 6;
  /** After the line's object: blanks only. */
  private static final int END = 7;
  /** Not JSON. */
  private static final int FAIL = -1;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long ONES = 0x0101010101010101L;
  private static final long SET_0X20 = ONES * 0x20;
  private static final long CLEAR_0X04 = ~(ONES * 0x04);
  private static final long QUOTES = ONES * '"';

  /**
   * {@link RawPrefilter#escapes} and {@link #wellFormed} in one pass over eight-byte words: each word gives a
   * mask of the bytes either check must see (a quote, backslash, ampersand, bracket or brace, or a non-ASCII
   * byte), and only those are visited. Inside a string that is all there is to see; outside one, the few
   * bytes between two visited ones (a colon, a comma, a number, a literal, blanks) are checked as the grammar
   * says ({@link #between}), and a stack of one bit per level tells objects from arrays. Returns 1 when the
   * line has no escape and is well formed (it may be skipped), 0 when it has an escape or is not well formed,
   * and -1 (the caller runs both checks then) at the first non-ASCII byte before either was found, or for a
   * line shorter than eight bytes. For every line, a 0 or 1 is the two checks' own answer;
   * {@code RawPrefilterEscapesTest} checks that.
   */
  static int plainJson(byte[] b, int from, int to) {
    return plainJson(b, from, to, null);
  }

  /**
   * {@link #plainJson(byte[], int, int)} with stage one's grams sampled from the same words: when the line is
   * clean, 1 when {@code grams} finds no literal in it and 2 when it finds one, the answer of
   * {@link SkipSearch#anyIn} (the same positions are sampled: two grams of each word when the stride is 4, one
   * when it is 8, and the grid's positions past the last whole word one by one). {@code grams} is null (then a
   * clean line gives 1) or has a stride of 4 or 8 ({@link #samplesInWords}).
   */
  static int plainJson(byte[] b, int from, int to, SkipSearch grams) {
    if (to - from < 8) {
      return -1;
    }
    boolean literal = false;
    boolean twoGrams = grams != null && grams.stride() == 4;
    int sampled = from; // grid positions below this are sampled
    int state = START;
    int depth = 0;
    long objects = 0; // bit d set: the container at level d + 1 is an object
    boolean inObject = false; // the innermost container is an object
    boolean inString = false;
    int gap = from; // outside strings: the first byte after the last one visited
    int skipTo = from; // the second byte of an escape, checked with its backslash, is passed over
    int next = from;
    while (next < to) {
      int base = Math.min(next, to - 8);
      long w = (long) LONGS.get(b, base);
      if (grams != null && !literal && base == next) { // a whole word on the grid
        literal = grams.hitAt(b, from, to, base, (int) w) || twoGrams && grams.hitAt(b, from, to, base + 4, (int) (w >>> 32));
        sampled = base + 8;
      }
      long hit = specials(w) & (-1L << ((next - base) << 3));
      next = base + 8;
      for (; hit != 0; hit &= hit - 1) {
        int p = base + (Long.numberOfTrailingZeros(hit) >>> 3);
        byte c = b[p];
        if (inString) {
          if (p < skipTo) {
            continue; // escaped: the second byte of an escape is always inside its string
          }
          if (c < 0) {
            return -1;
          }
          if (c == '"') {
            inString = false;
            gap = p + 1;
          } else if (c == '\\') {
            if (p + 1 == to || !plainEscape(b[p + 1])) {
              return 0; // a unicode or solidus escape (which may hide a piece), or no JSON escape at all
            }
            skipTo = p + 2;
          } else if (c == '&' && reference(b, p, to)) {
            return 0;
          }
          continue;
        }
        if (c < 0) {
          return -1;
        }
        if (p != gap) { // most often one colon or comma: checked here, the rest by between
          byte g = b[gap];
          if (p - gap == 1 && g == ':' && state == COLON) {
            state = VALUE;
          } else if (p - gap == 1 && g == ',' && state == NEXT) {
            state = inObject ? NAME : VALUE;
          } else if ((state = between(b, gap, p, state, inObject)) == FAIL) {
            return 0;
          }
        }
        if (c == '"') {
          if (state == NAME || state == FIRST_NAME) {
            if (depth == 1 && p + 1 < to && (b[p + 1] == 'm' || b[p + 1] == 'r') && reportedMember(b, p, to)) {
              return 0;
            }
            state = COLON;
          } else if (state == VALUE || state == FIRST_VALUE) {
            state = NEXT;
          } else {
            return 0;
          }
          inString = true;
        } else if (c == '{' || c == '[') {
          if (state != VALUE && state != FIRST_VALUE && (state != START || c != '{') || depth == RawPrefilter.MAX_DEPTH) {
            return 0;
          }
          inObject = c == '{';
          objects = inObject ? objects | 1L << depth : objects & ~(1L << depth);
          depth++;
          state = inObject ? FIRST_NAME : FIRST_VALUE;
        } else if (c == '}' || c == ']') {
          boolean object = c == '}';
          if (depth == 0 || object != inObject || state != NEXT && state != (object ? FIRST_NAME : FIRST_VALUE)) {
            return 0;
          }
          depth--;
          inObject = depth > 0 && (objects >>> (depth - 1) & 1) != 0;
          state = depth == 0 ? END : NEXT;
        } else {
          return 0; // a backslash or ampersand outside a string
        }
        gap = p + 1;
      }
    }
    if (inString || between(b, gap, to, state, false) != END) {
      return 0;
    }
    for (int p = sampled; grams != null && !literal && p <= to - 4; p += grams.stride()) {
      literal = grams.hitAt(b, from, to, p, (int) INTS.get(b, p));
    }
    return literal ? 2 : 1;
  }

  /** Whether {@link #plainJson(byte[], int, int, SkipSearch)} can sample these grams in its words. */
  static boolean samplesInWords(SkipSearch grams) {
    return grams != null && (grams.stride() == 4 || grams.stride() == 8);
  }

  /**
   * Checks the bytes {@code [from, to)} outside strings, none of which is a quote, backslash, ampersand,
   * bracket, brace or non-ASCII byte: blanks, a colon after a name, a comma after a value, numbers and
   * literals where a value goes. Returns what is expected after them, or {@link #FAIL}.
   */
  private static int between(byte[] b, int from, int to, int state, boolean inObject) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        continue;
      }
      if (c == ':' && state == COLON) {
        state = VALUE;
      } else if (c == ',' && state == NEXT) {
        state = inObject ? NAME : VALUE;
      } else if (state == VALUE || state == FIRST_VALUE) {
        int end = scalar(b, i, to);
        if (end < 0) {
          return FAIL;
        }
        i = end - 1;
        state = NEXT;
      } else {
        return FAIL;
      }
    }
    return state;
  }

  /** Whether the ampersand at {@code p} starts an XML character reference, {@code &#} or {@code &amp;#}. */
  private static boolean reference(byte[] b, int p, int to) {
    return p + 1 < to && (b[p + 1] == '#' || p + 5 < to && b[p + 1] == 'a' && b[p + 2] == 'm' && b[p + 3] == 'p'
        && b[p + 4] == ';' && b[p + 5] == '#');
  }

  /**
   * The high bit of each byte of {@code w} that is a quote, backslash, ampersand, bracket or brace, or not ASCII;
   * also of {@code |}, 0x02 and 0x06, which the visit passes over inside strings and refuses outside them, as
   * the grammar does. Two tests on the byte with its 0x20 bit set: equal to {@code "} or {@code &} but for the
   * 0x04 bit (0x22, 0x26), and within 0x7B to 0x7D (<code>{ | }</code>, which a bracket and the backslash
   * become).
   */
  static long specials(long w) {
    long lower = w | SET_0X20;
    long q = (lower & CLEAR_0X04) ^ QUOTES;
    long low = lower & LOW7;
    // high bit of each byte: clear where q's byte is zero; set where low >= 0x7B; set where low >= 0x7E
    long notQuote = ((q & LOW7) + LOW7) | q;
    long braces = (low + ONES * (0x80 - 0x7B)) & ~(low + ONES * (0x80 - 0x7E));
    return (~notQuote | braces | w) & HIGHS;
  }
}
