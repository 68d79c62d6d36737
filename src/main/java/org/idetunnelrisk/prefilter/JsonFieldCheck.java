package org.idetunnelrisk.prefilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.idetunnelrisk.literal.LiteralAutomaton;
import org.idetunnelrisk.engine.Necessary;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.source.Normalizer;

/**
 * The third stage of {@link RawPrefilter} for a JSON line whose bytes hold some rule's pieces: whether they
 * sit in the fields the rule needs them in. Each rule's necessary condition is kept with its fields ({@code
 * process_name} holds {@code devtunnel}, not just "the line holds devtunnel"), and each occurrence of a piece
 * counts only toward the row fields that the JSON value holding it can reach. So a line whose {@code
 * devtunnel} is in a DNS name ({@code docs.devtunnels-info.com}) is no candidate of the rule that needs it in
 * the process name, and is not parsed.
 *
 * <p>Which row fields a value can reach: its member's name as {@link org.idetunnelrisk.read.Readers} flattens
 * it (nested objects as {@code a.b}, everything inside an array under the array's name, and for a Splunk
 * export row also the name inside {@code result}), mapped by {@link FieldTable#reach}, together with the
 * fields a source derives from it ({@link Normalizer#DERIVED_FIELDS}). A piece in a keyword counts anywhere.
 * Whatever the check cannot place (a key written with an escape, an occurrence outside any value, a line it
 * cannot follow) counts toward every field, so every doubt makes a candidate.
 *
 * <p>Sound for the reason stage two is, plus this: a row field's value is built only from the record values
 * that reach it, and a piece (free of quotes, commas, colons and brackets) in such a value appears in the
 * line inside that value's JSON text. Immutable and thread-safe (the name cache is concurrent).
 */
final class JsonFieldCheck {
  /** More distinct rule fields than this and the check is not built (one bit each in a long). */
  static final int MAX_FIELDS = 64;
  private static final long EVERY_FIELD = -1L;
  /** Most member names whose reach is remembered; past that each is worked out again. */
  private static final int CACHE_LIMIT = 4096;
  private static final int MAX_DEPTH = RawPrefilter.MAX_DEPTH;

  private final LiteralAutomaton literals;
  private final int pieceCount;
  private final int[] pieceLength;
  private final List<String> fields;
  /** Per atom: its piece, its field's bit number (-1 for a keyword), and whether the piece must start or end the value. */
  private final int[] atomPiece;
  private final int[] atomField;
  private final boolean[] atomAtStart;
  private final boolean[] atomAtEnd;
  /** Per rule: its necessary condition, and the atom of each of its literals (-1: none). */
  private final Necessary[] conditions;
  private final int[][] atomOf;
  private final FieldTable table;
  /** Per member name: {direct, derived, direct keeping the start}, see {@link #reachOf}. */
  private final Map<String, long[]> reach = new ConcurrentHashMap<>();

  private JsonFieldCheck(LiteralAutomaton literals, List<String> pieces, List<String> fields, int[] atomPiece,
      int[] atomField, boolean[] atomAtStart, boolean[] atomAtEnd, Necessary[] conditions, int[][] atomOf, FieldTable table) {
    this.literals = literals;
    this.pieceCount = pieces.size();
    this.pieceLength = pieces.stream().mapToInt(String::length).toArray();
    this.fields = fields;
    this.atomPiece = atomPiece;
    this.atomField = atomField;
    this.atomAtStart = atomAtStart;
    this.atomAtEnd = atomAtEnd;
    this.conditions = conditions;
    this.atomOf = atomOf;
    this.table = table;
  }

  /**
   * The check for these rules' necessary conditions, whose literals read as {@code piecesByLeaf} (per rule,
   * by leaf; null: none) over {@code pieces}, whose numbers are the automaton's tags; null when the rules name
   * more than {@value #MAX_FIELDS} fields. An atom is a piece in a field (none for a keyword), anchored or not.
   */
  static JsonFieldCheck of(List<Necessary> conditions, List<Necessary.Piece[]> piecesByLeaf, List<String> pieces,
      LiteralAutomaton literals, FieldTable table) {
    Map<String, Integer> fieldBits = new LinkedHashMap<>();
    Map<List<Integer>, Integer> atomIds = new LinkedHashMap<>();
    int[][] atomOf = new int[conditions.size()][];
    for (int r = 0; r < atomOf.length; r++) {
      List<Necessary.Literal> leaves = conditions.get(r).literals();
      Necessary.Piece[] byLeaf = piecesByLeaf.get(r);
      atomOf[r] = new int[leaves.size()];
      for (Necessary.Literal l : leaves) {
        Necessary.Piece p = byLeaf[l.leaf()];
        if (p == null) {
          atomOf[r][l.leaf()] = -1;
          continue;
        }
        int piece = pieces.indexOf(p.text());
        int field = l.field() == null ? -1 : fieldBits.computeIfAbsent(l.field(), k -> fieldBits.size());
        atomOf[r][l.leaf()] = atomIds.computeIfAbsent(List.of(piece, field, p.atStart() && field >= 0 ? 1 : 0,
            p.atEnd() && field >= 0 ? 1 : 0), k -> atomIds.size());
      }
    }
    if (fieldBits.size() > MAX_FIELDS) {
      return null;
    }
    int[] atomPiece = new int[atomIds.size()];
    int[] atomField = new int[atomIds.size()];
    boolean[] atomAtStart = new boolean[atomIds.size()];
    boolean[] atomAtEnd = new boolean[atomIds.size()];
    for (Map.Entry<List<Integer>, Integer> e : atomIds.entrySet()) {
      atomPiece[e.getValue()] = e.getKey().get(0);
      atomField[e.getValue()] = e.getKey().get(1);
      atomAtStart[e.getValue()] = e.getKey().get(2) == 1;
      atomAtEnd[e.getValue()] = e.getKey().get(3) == 1;
    }
    return new JsonFieldCheck(literals, pieces, List.copyOf(fieldBits.keySet()), atomPiece, atomField, atomAtStart,
        atomAtEnd, conditions.toArray(new Necessary[0]), atomOf, table);
  }

  /**
   * Whether some rule's condition holds with each piece counted only in the fields its value reaches: false
   * means no rule can match the record. Call only for a well-formed JSON object line with no escape.
   */
  boolean mayMatch(byte[] b, int from, int to) {
    Occurrences occ = new Occurrences();
    literals.forEach(b, from, to, (tag, end) -> {
      if (tag < pieceCount) {
        occ.add(tag, end - pieceLength[tag] + 1, end + 1);
      }
    });
    Values values = Values.of(b, from, to);
    if (values == null) {
      return true;
    }
    // per piece: the fields an occurrence anywhere in a value reaches; those an occurrence that ends its value
    // reaches (only a value that is a field's value as it stands keeps its end; a derived one does not), and
    // those an occurrence that starts it reaches (cutting a path to its file name does not keep the start)
    long[] anywhere = new long[pieceCount];
    long[] ending = new long[pieceCount];
    long[] starting = new long[pieceCount];
    boolean[] found = new boolean[pieceCount];
    for (int k = 0; k < occ.size; k++) {
      int piece = occ.tag[k];
      found[piece] = true;
      int v = values.containing(occ.start[k], occ.end[k]);
      if (v == Values.KEY) {
        continue;
      }
      if (v == Values.NOWHERE) {
        anywhere[piece] = EVERY_FIELD;
        ending[piece] = EVERY_FIELD;
        starting[piece] = EVERY_FIELD;
        continue;
      }
      long[] r = reachOf(values.name(v));
      anywhere[piece] |= r[0] | r[1];
      ending[piece] |= r[1] | (values.endsWith(v, occ.end[k]) ? r[0] : 0);
      // a field cut to a file name starts anywhere in the value: any occurrence may start it
      starting[piece] |= r[1] | (r[0] & ~r[2]) | (values.startsWith(v, occ.start[k]) ? r[2] : 0);
    }
    boolean[] atoms = new boolean[atomPiece.length];
    for (int a = 0; a < atoms.length; a++) {
      int f = atomField[a];
      int piece = atomPiece[a];
      long bit = f < 0 ? 0 : 1L << f;
      atoms[a] = f < 0 ? found[piece]
          : (anywhere[piece] & bit) != 0 && (!atomAtEnd[a] || (ending[piece] & bit) != 0)
              && (!atomAtStart[a] || (starting[piece] & bit) != 0);
    }
    for (int r = 0; r < conditions.length; r++) {
      if (conditions[r].holds(atoms, atomOf[r])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rule fields a value of the member named {@code name} can reach, one bit each: {@code [0]} as the
   * value stands (the table's mappings keep a value's end: copied, lower-cased, or cut to its file name),
   * {@code [1]} through what a source derives from it (anywhere in the value), {@code [2]} as the value stands
   * with its start kept (not cut to a file name).
   */
  long[] reachOf(String name) {
    long[] cached = reach.get(name);
    if (cached != null) {
      return cached;
    }
    long[] r = {mask(table.reach(name)), mask(derived(table, name)), mask(table.reachKeepingStart(name))};
    if (name.startsWith("result.")) { // a Splunk export row's fields live under result
      String inner = name.substring("result.".length());
      r[0] |= mask(table.reach(inner));
      r[1] |= mask(derived(table, inner));
      r[2] |= mask(table.reachKeepingStart(inner));
    }
    if (reach.size() < CACHE_LIMIT) {
      reach.put(name, r);
    }
    return r;
  }

  /** The row fields the fields a source derives from {@code recordField} reach. */
  static Set<String> derived(FieldTable table, String recordField) {
    Set<String> out = new LinkedHashSet<>();
    for (String d : Normalizer.DERIVED_FIELDS.getOrDefault(recordField, List.of())) {
      out.addAll(table.reach(d));
    }
    return out;
  }

  private long mask(Set<String> reached) {
    long m = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (reached.contains(fields.get(i))) {
        m |= 1L << i;
      }
    }
    return m;
  }

  /** Piece occurrences of one line: piece id and byte range, in order of their end. */
  private static final class Occurrences {
    int size;
    int[] tag = new int[16];
    int[] start = new int[16];
    int[] end = new int[16];

    void add(int t, int s, int e) {
      if (size == tag.length) {
        tag = Arrays.copyOf(tag, size * 2);
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
      }
      tag[size] = t;
      start[size] = s;
      end[size] = e;
      size++;
    }
  }

  /**
   * The value tokens of one JSON object line (strings with their quotes, numbers, literals), in order, each
   * with the flattened name of the member it becomes a value of, as {@code JsonLinesReader} names them.
   */
  static final class Values {
    /** {@link #containing} for a range outside every value, or in a value whose name could not be read. */
    static final int NOWHERE = -1;
    /** {@link #containing} for a range inside a member's name: a name, never a value. */
    static final int KEY = -2;
    private int size;
    private int[] start = new int[32];
    private int[] end = new int[32];
    /** Where the value's text starts and ends (inside a string's quotes); -1 when it is not a whole value. */
    private int[] textStart = new int[32];
    private int[] textEnd = new int[32];
    private String[] name = new String[32];
    private final byte[] b;
    private final int to;
    private int pos;

    private Values(byte[] b, int from, int to) {
      this.b = b;
      this.to = to;
      this.pos = from;
    }

    /** The values of the line, or null when it is not a JSON object this reading can follow. */
    static Values of(byte[] b, int from, int to) {
      Values v = new Values(b, from, to);
      return v.object("", null, false, 1) && v.skipBlanks() == to ? v : null;
    }

    String name(int i) {
      return name[i];
    }

    /** Whether value {@code i} is a whole value (not text inside an object in an array) ending at {@code e}. */
    boolean endsWith(int i, int e) {
      return textEnd[i] == e;
    }

    /** Whether value {@code i} is a whole value starting at {@code s}. */
    boolean startsWith(int i, int s) {
      return textStart[i] == s;
    }

    /**
     * The value holding {@code [s, e)}: its index; {@link #KEY} when a member's name holds it; {@link
     * #NOWHERE} when no token holds the whole range or the value's name could not be read (then the caller
     * counts it toward every field).
     */
    int containing(int s, int e) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (start[mid] <= s) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      int i = hi;
      if (i < 0 || e > end[i]) {
        return NOWHERE;
      }
      return name[i] == KEY_NAME ? KEY : name[i] == null ? NOWHERE : i;
    }

    private int skipBlanks() {
      while (pos < to && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
        pos++;
      }
      return pos;
    }

    /** Where a value sits: what it is named, and whether it stays a value of its own. */
    private enum Place {
      /** A member of an object that is not inside an array: named by its path, a value of its own. */
      MEMBER,
      /** An element of an array that is a member: named by the array, a value of its own. */
      ELEMENT,
      /** Inside an object or array that is an array's element: named by that array, part of the element's text. */
      NESTED
    }

    /**
     * Reads an object at {@code pos}. {@code prefix}: what member names are prefixed with (null: names
     * unknown); {@code fixed}: when non-null (inside an array) the name of every value within, which are
     * then {@link Place#NESTED}.
     */
    private boolean object(String prefix, String fixed, boolean nested, int depth) {
      if (depth > MAX_DEPTH || skipBlanks() >= to || b[pos] != '{') {
        return false;
      }
      pos++;
      for (boolean first = true; ; first = false) {
        int item = nextItem((byte) '}', first);
        if (item <= 0) {
          return item == 0;
        }
        if (b[pos] != '"') {
          return false;
        }
        int keyStart = pos + 1;
        int keyEnd = stringEnd(keyStart);
        if (keyEnd < 0) {
          return false;
        }
        boolean escaped = false;
        for (int i = keyStart; i < keyEnd; i++) {
          escaped |= b[i] == '\\';
        }
        add(keyStart - 1, keyEnd + 1, -1, -1, KEY_NAME);
        pos = keyEnd + 1;
        if (skipBlanks() >= to || b[pos] != ':') {
          return false;
        }
        pos++;
        String member = fixed != null ? fixed
            : prefix == null || escaped ? null
            : prefix + new String(b, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
        if (!value(member, nested ? Place.NESTED : Place.MEMBER, depth)) {
          return false;
        }
      }
    }

    private boolean array(String member, Place elements, int depth) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      pos++; // [
      for (boolean first = true; ; first = false) {
        int item = nextItem((byte) ']', first);
        if (item <= 0) {
          return item == 0;
        }
        if (!value(member, elements, depth)) {
          return false;
        }
      }
    }

    /**
     * Before an item of an object or array closed by {@code close}: 1 at the next item (past its comma), 0 at
     * the end (the closing byte read), -1 when the text is not what JSON has there.
     */
    private int nextItem(byte close, boolean first) {
      if (skipBlanks() >= to) {
        return -1;
      }
      if (b[pos] == close) {
        pos++;
        return 0;
      }
      if (!first) {
        if (b[pos] != ',') {
          return -1;
        }
        pos++;
      }
      return skipBlanks() < to ? 1 : -1;
    }

    /** A value named {@code member} (null: unknown) at {@code place}. */
    private boolean value(String member, Place place, int depth) {
      if (skipBlanks() >= to) {
        return false;
      }
      byte c = b[pos];
      String fixed = member == null ? UNREADABLE : member;
      if (c == '{') {
        return place == Place.MEMBER ? object(member == null ? null : member + ".", null, false, depth + 1)
            : object(null, fixed, true, depth + 1);
      }
      if (c == '[') {
        return array(fixed, place == Place.MEMBER ? Place.ELEMENT : Place.NESTED, depth + 1);
      }
      int s = pos;
      int text;
      int first = c == '"' ? s + 1 : s;
      if (c == '"') {
        int e = stringEnd(pos + 1);
        if (e < 0) {
          return false;
        }
        text = e;
        pos = e + 1;
      } else {
        while (pos < to && b[pos] != ',' && b[pos] != '}' && b[pos] != ']' && b[pos] != ' ' && b[pos] != '\t'
            && b[pos] != '\r' && b[pos] != '\n') {
          pos++;
        }
        if (pos == s) {
          return false;
        }
        text = pos;
      }
      boolean whole = place != Place.NESTED;
      add(s, pos, whole ? first : -1, whole ? text : -1, member == null || member == UNREADABLE ? null : member);
      return true;
    }

    /** The index of the quote that closes the string whose text starts at {@code i}, or -1. */
    private int stringEnd(int i) {
      for (; i < to; i++) {
        if (b[i] == '\\') {
          i++;
        } else if (b[i] == '"') {
          return i;
        }
      }
      return -1;
    }

    private void add(int s, int e, int first, int text, String n) {
      if (size == start.length) {
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
        textStart = Arrays.copyOf(textStart, size * 2);
        textEnd = Arrays.copyOf(textEnd, size * 2);
        name = Arrays.copyOf(name, size * 2);
      }
      start[size] = s;
      end[size] = e;
      textStart[size] = first;
      textEnd[size] = text;
      name[size] = n;
      size++;
    }

    /** Stands for "inside an array whose name could not be read" (compared by identity). */
    private static final String UNREADABLE = new String("");
    /** The name of a key token (compared by identity). */
    private static final String KEY_NAME = new String("");
  }
}
