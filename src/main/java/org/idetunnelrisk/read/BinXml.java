package org.idetunnelrisk.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets the binary XML of one EVTX chunk into {@link EventNode} trees, following libyal's "Windows XML
 * Event Log (EVTX)" format document (section "Binary XML"): fragment headers, elements with attributes,
 * value text, character and entity references, CDATA, processing instructions (skipped), template instances
 * with their definitions (inline, or earlier in the chunk) and values, normal and optional substitutions.
 *
 * <p>Templates are interpreted from the chunk's bytes at every use, never expanded ahead, so a hostile
 * chunk cannot make a template table grow. Names are read once per chunk and kept by offset until
 * {@link #reset()}. Substitution values render through {@link EvtxValues}; a NULL value gives no text and
 * leaves out an attribute that holds nothing else; a value of type BinXML (0x21) is interpreted in place;
 * an array value repeats the element it fills, once per item (a single empty element for an empty array).
 *
 * <p>Bounds, each a {@link BinXmlException}: elements nested deeper than {@link ReadLimits#maxDepth()}, and
 * templates or BinXML values within each other deeper than that too; more than {@value #MAX_ELEMENTS}
 * elements or {@value #MAX_TOKENS} tokens in one event; more than {@link ReadLimits#maxRecordBytes()}
 * characters of names and text; any length or offset that points outside the chunk, the record or the value
 * it belongs to. Not thread-safe: one per reader.
 */
final class BinXml {
  /** Elements in one event; real events have tens to a few hundred. */
  static final int MAX_ELEMENTS = 16_384;
  /** Tokens interpreted for one event, templates and repeated elements included. */
  static final int MAX_TOKENS = 1 << 18;

  private static final int EOF = 0x00;
  private static final int OPEN_START = 0x01;
  private static final int CLOSE_START = 0x02;
  private static final int CLOSE_EMPTY = 0x03;
  private static final int END_ELEMENT = 0x04;
  private static final int VALUE = 0x05;
  private static final int ATTRIBUTE = 0x06;
  private static final int CDATA = 0x07;
  private static final int CHAR_REF = 0x08;
  private static final int ENTITY_REF = 0x09;
  private static final int PI_TARGET = 0x0a;
  private static final int PI_DATA = 0x0b;
  private static final int TEMPLATE_INSTANCE = 0x0c;
  private static final int NORMAL_SUBSTITUTION = 0x0d;
  private static final int OPTIONAL_SUBSTITUTION = 0x0e;
  private static final int FRAGMENT_HEADER = 0x0f;
  /** The "more data follows" flag some tokens carry. */
  private static final int MORE = 0x40;

  private final byte[] b;
  private final int maxDepth;
  private final int maxChars;
  private final Map<Integer, String> names = new HashMap<>();
  private int tokens;
  private int elements;
  private long chars;
  private int nesting;
  /** The longest array substituted directly into the element being interpreted: how often it repeats. */
  private int repeat;

  /** Interprets {@code chunk} (the reader's chunk buffer, refilled between {@link #reset()}s). */
  BinXml(byte[] chunk, ReadLimits limits) {
    this.b = chunk;
    this.maxDepth = limits.maxDepth();
    this.maxChars = limits.maxRecordBytes();
  }

  /** Forgets the names of the previous chunk. */
  void reset() {
    names.clear();
  }

  /** The values of one template instance: where each lies in the chunk, and its type. */
  private static final class Values {
    final int[] off;
    final int[] size;
    final int[] type;

    Values(int n) {
      off = new int[n];
      size = new int[n];
      type = new int[n];
    }
  }

  /** The element the binary XML in {@code b[start..end)} (an event record's) describes. */
  EventNode event(int start, int end) {
    tokens = 0;
    elements = 0;
    chars = 0;
    nesting = 0;
    repeat = 0;
    EventNode holder = new EventNode("");
    content(start, end, holder, null, 0, 0, false);
    if (holder.children.isEmpty()) {
      throw new BinXmlException("the record holds no element");
    }
    return holder.children.get(0);
  }

  /**
   * Interprets content tokens from {@code pos} into {@code parent} until an end-element or end-of-file token
   * (consumed) or {@code end}; returns the position after it. {@code inValue}: directly inside a BinXML
   * value, where an element start has no dependency identifier.
   */
  private int content(int pos, int end, EventNode parent, Values v, int depth, int rep, boolean inValue) {
    while (pos < end) {
      count();
      int t = b[pos] & 0xFF;
      switch (t & ~MORE) {
        case EOF:
        case END_ELEMENT:
          return pos + 1;
        case FRAGMENT_HEADER:
          need(pos, 4, end);
          pos += 4;
          inValue = false;
          break;
        case TEMPLATE_INSTANCE:
          pos = template(pos, end, parent, depth);
          break;
        case OPEN_START:
          pos = element(pos, end, parent, v, depth + 1, inValue);
          break;
        case VALUE:
        case CDATA:
          StringBuilder t0 = new StringBuilder();
          pos = text(pos, end, t0, (t & ~MORE) == VALUE);
          appendText(parent.text, t0.toString()); // text() charged it
          break;
        case CHAR_REF:
          need(pos, 3, end);
          append(parent.text, String.valueOf((char) EvtxValues.u16(b, pos + 1)));
          pos += 3;
          break;
        case ENTITY_REF:
          pos = entity(pos, end, parent.text);
          break;
        case PI_TARGET:
          need(pos, 5, end);
          pos = skipName(EvtxValues.i32(b, pos + 1), pos + 5, end);
          break;
        case PI_DATA:
          pos = text(pos, end, new StringBuilder(), false);
          break;
        case NORMAL_SUBSTITUTION:
        case OPTIONAL_SUBSTITUTION:
          if ((t & MORE) != 0) {
            throw unexpected(t, pos);
          }
          pos = substitute(pos, end, parent, v, depth, rep);
          break;
        default:
          throw unexpected(t, pos);
      }
    }
    return pos;
  }

  private int element(int pos, int end, EventNode parent, Values v, int depth, boolean inValue) {
    int t = b[pos] & 0xFF;
    if (depth > maxDepth) {
      throw new BinXmlException("elements nested deeper than the limit of " + maxDepth + " levels");
    }
    pos += inValue ? 1 : 3; // token, then a dependency identifier except directly in a BinXML value
    need(pos, 8, end);
    int nameOffset = EvtxValues.i32(b, pos + 4);
    pos += 8;
    String name = name(nameOffset);
    pos = skipName(nameOffset, pos, end);
    int outer = repeat;
    int after = pos;
    int times = 1;
    for (int r = 0; r < times; r++) {
      if (++elements > MAX_ELEMENTS) {
        throw new BinXmlException("more than " + MAX_ELEMENTS + " elements in one event");
      }
      charge(name.length() * 2 + 5);
      EventNode e = new EventNode(name);
      parent.children.add(e);
      repeat = 0;
      after = elementBody(pos, end, e, t, v, depth, r);
      if (r == 0) {
        times = Math.max(1, repeat);
      }
    }
    repeat = outer;
    return after;
  }

  private int elementBody(int pos, int end, EventNode e, int t, Values v, int depth, int rep) {
    if ((t & MORE) != 0) {
      need(pos, 4, end);
      pos += 4; // the attribute list's size: the attributes are read token by token instead
      while (pos < end && (b[pos] & ~MORE) == ATTRIBUTE) {
        count();
        pos = attribute(pos, end, e, v, rep);
      }
    }
    need(pos, 1, end);
    int close = b[pos] & 0xFF;
    if (close == CLOSE_EMPTY) {
      return pos + 1;
    }
    if (close != CLOSE_START) {
      throw new BinXmlException("expected the end of <" + e.name + ">'s start tag at offset " + pos
          + " but found token " + EvtxValues.typeName(close));
    }
    return content(pos + 1, end, e, v, depth, rep, false);
  }

  private int attribute(int pos, int end, EventNode e, Values v, int rep) {
    need(pos, 5, end);
    int nameOffset = EvtxValues.i32(b, pos + 1);
    String name = name(nameOffset);
    pos = skipName(nameOffset, pos + 5, end);
    StringBuilder value = new StringBuilder();
    boolean present = false;
    while (pos < end) {
      int t = b[pos] & 0xFF;
      int base = t & ~MORE;
      if (base == VALUE) {
        pos = text(pos, end, value, true);
        present = true;
      } else if (base == CHAR_REF) {
        need(pos, 3, end);
        value.append((char) EvtxValues.u16(b, pos + 1));
        pos += 3;
        present = true;
      } else if (base == ENTITY_REF) {
        pos = entity(pos, end, value);
        present = true;
      } else if (t == NORMAL_SUBSTITUTION || t == OPTIONAL_SUBSTITUTION) {
        need(pos, 4, end);
        int id = EvtxValues.u16(b, pos + 1);
        pos += 4;
        int type = valueType(v, id);
        if (type != EvtxValues.NULL && type != EvtxValues.BINXML) {
          value.append(scalar(v, id, rep));
          present = true;
        }
      } else {
        break;
      }
      count();
    }
    if (present) {
      charge(name.length() + value.length() + 4);
      e.attributes.put(name, value.toString());
    }
    return pos;
  }

  /** Value text or CDATA (a string type byte first for value text): a 16-bit count, then UTF-16LE. */
  private int text(int pos, int end, StringBuilder out, boolean typed) {
    int at = pos + (typed ? 2 : 1);
    need(pos, at - pos + 2, end);
    if (typed && (b[pos + 1] & 0xFF) != EvtxValues.STRING) {
      throw new BinXmlException("value text at offset " + pos + " of type "
          + EvtxValues.typeName(b[pos + 1] & 0xFF) + ", expected a string (0x01)");
    }
    int n = EvtxValues.u16(b, at);
    need(at + 2, 2 * n, end);
    charge(n);
    for (int i = 0; i < n; i++) {
      out.append((char) EvtxValues.u16(b, at + 2 + 2 * i));
    }
    return at + 2 + 2 * n;
  }

  private int entity(int pos, int end, StringBuilder out) {
    need(pos, 5, end);
    int nameOffset = EvtxValues.i32(b, pos + 1);
    String name = name(nameOffset);
    String c;
    switch (name) {
      case "lt": c = "<"; break;
      case "gt": c = ">"; break;
      case "amp": c = "&"; break;
      case "quot": c = "\""; break;
      case "apos": c = "'"; break;
      default: throw new BinXmlException("unknown entity reference &" + name + "; at offset " + pos);
    }
    append(out, c);
    return skipName(nameOffset, pos + 5, end);
  }

  private int substitute(int pos, int end, EventNode parent, Values v, int depth, int rep) {
    need(pos, 4, end);
    int id = EvtxValues.u16(b, pos + 1);
    int type = valueType(v, id);
    if (type == EvtxValues.BINXML) {
      enter();
      content(v.off[id], v.off[id] + v.size[id], parent, null, depth, 0, true);
      nesting--;
    } else if (type != EvtxValues.NULL) {
      append(parent.text, scalar(v, id, rep));
    }
    return pos + 4;
  }

  /** A value as text: an array gives its item {@code rep} (none past its end) and asks for repetition. */
  private String scalar(Values v, int id, int rep) {
    int type = v.type[id];
    if ((type & EvtxValues.ARRAY) == 0) {
      return EvtxValues.render(b, v.off[id], v.size[id], type);
    }
    List<String> items = EvtxValues.items(b, v.off[id], v.size[id], type);
    repeat = Math.max(repeat, items.size());
    return rep < items.size() ? items.get(rep) : "";
  }

  private static int valueType(Values v, int id) {
    if (v == null) {
      throw new BinXmlException("substitution " + id + " outside a template instance");
    }
    if (id >= v.type.length) {
      throw new BinXmlException("substitution " + id + " but the template instance has " + v.type.length
          + " values");
    }
    return v.type[id];
  }

  /** A template instance: its definition (inline or earlier in the chunk), then its values, then its body. */
  private int template(int pos, int end, EventNode parent, int depth) {
    int at = pos;
    need(pos, 10, end);
    int definition = EvtxValues.i32(b, pos + 6);
    pos += 10;
    if (definition < 0 || definition > b.length - 24) {
      throw new BinXmlException("template definition offset " + definition + " outside the chunk");
    }
    int bodySize = EvtxValues.i32(b, definition + 20);
    int bodyStart = definition + 24;
    if (bodySize < 0 || bodySize > b.length - bodyStart) {
      throw new BinXmlException("template definition at offset " + definition + " claims " + bodySize
          + " bytes, past the end of the chunk");
    }
    int bodyEnd = bodyStart + bodySize;
    if (definition == pos) {
      pos = bodyEnd; // defined here, at its first use: the values follow the definition
    }
    need(pos, 4, end);
    int count = EvtxValues.i32(b, pos);
    pos += 4;
    if (count < 0 || count > (end - pos) / 4) {
      throw new BinXmlException("template instance at offset " + at + " claims " + Integer.toUnsignedString(count)
          + " values, more than the record holds");
    }
    Values v = new Values(count);
    int data = pos + 4 * count;
    for (int i = 0; i < count; i++) {
      int size = EvtxValues.u16(b, pos + 4 * i);
      int type = b[pos + 4 * i + 2] & 0xFF;
      if (!knownType(type)) {
        throw new BinXmlException("unknown value type " + EvtxValues.typeName(type) + " in value " + i
            + " of the template instance at offset " + at);
      }
      v.off[i] = data;
      v.size[i] = size;
      v.type[i] = type;
      data += size;
    }
    if (data > end) {
      throw new BinXmlException("the template instance's values run " + (data - end)
          + " bytes past the end of the record");
    }
    enter();
    content(bodyStart, bodyEnd, parent, v, depth, 0, false);
    nesting--;
    return data;
  }

  /** The types libyal's document lists: 0x00 to 0x15, BinXML 0x21, and arrays of 0x01 to 0x15 but binary. */
  private static boolean knownType(int type) {
    if (type <= 0x15 || type == EvtxValues.BINXML) {
      return true;
    }
    int base = type & ~EvtxValues.ARRAY;
    return (type & EvtxValues.ARRAY) != 0 && base >= 0x01 && base <= 0x15 && base != 0x0e;
  }

  private void enter() {
    if (++nesting > maxDepth) {
      throw new BinXmlException("templates nested deeper than the limit of " + maxDepth + " levels");
    }
  }

  /** The name at chunk offset {@code off}: 4 unknown bytes, a hash, a 16-bit count, UTF-16LE, a NUL. */
  private String name(int off) {
    String n = names.get(off);
    if (n != null) {
      return n;
    }
    if (off < 0 || off > b.length - 8) {
      throw new BinXmlException("name offset " + off + " outside the chunk");
    }
    int count = EvtxValues.u16(b, off + 6);
    if (count == 0 || count > (b.length - off - 8) / 2) {
      throw new BinXmlException("name at offset " + off + " of " + count + " characters does not fit the chunk");
    }
    char[] c = new char[count];
    for (int i = 0; i < count; i++) {
      c[i] = (char) EvtxValues.u16(b, off + 8 + 2 * i);
      if (!nameChar(c[i], i == 0)) {
        throw new BinXmlException("name at offset " + off + " is not an XML name: '"
            + new String(c, 0, i + 1) + "'");
      }
    }
    n = new String(c);
    names.put(off, n);
    return n;
  }

  private static boolean nameChar(char c, boolean first) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c > 0x7F && Character.isLetter(c)
        || !first && (c >= '0' && c <= '9' || c == '-' || c == '.' || c > 0x7F && Character.isLetterOrDigit(c));
  }

  /** Past a name stored inline at {@code pos} (its offset points there), else {@code pos} itself. */
  private int skipName(int nameOffset, int pos, int end) {
    if (nameOffset != pos) {
      return pos;
    }
    need(pos, 8, end);
    int size = 10 + 2 * EvtxValues.u16(b, pos + 6);
    need(pos, size, end);
    return pos + size;
  }

  /** Appends element text as an XML parser reads it back: CR LF and a lone CR become LF. */
  private void append(StringBuilder out, String s) {
    charge(s.length());
    appendText(out, s);
  }

  private static void appendText(StringBuilder out, String s) {
    if (s.indexOf('\r') < 0) {
      out.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\r') {
        out.append(c);
      } else if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
        out.append('\n');
      }
    }
  }

  private void charge(int n) {
    chars += n;
    if (chars > maxChars) {
      throw new BinXmlException("event larger than the limit of " + maxChars + " characters");
    }
  }

  private void count() {
    if (++tokens > MAX_TOKENS) {
      throw new BinXmlException("more than " + MAX_TOKENS + " binary XML tokens in one event");
    }
  }

  private static void need(int pos, int n, int end) {
    if (n < 0 || pos < 0 || pos > end - n) {
      throw new BinXmlException("binary XML at offset " + pos + " runs past the end of its data (" + n
          + " bytes needed, " + Math.max(0, end - pos) + " left)");
    }
  }

  private static BinXmlException unexpected(int token, int pos) {
    return new BinXmlException("unexpected binary XML token " + EvtxValues.typeName(token) + " at offset " + pos);
  }
}
