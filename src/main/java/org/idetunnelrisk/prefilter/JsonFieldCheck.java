package org.idetunnelrisk.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Whatever the check cannot place (a value under a key written with an escape, a line it cannot follow)
 * counts toward every field, so every doubt makes a candidate.
 *
 * <p>Sound for the reason stage two is, plus this: a row field's value is built only from the record values
 * that reach it, and a piece (free of commas, colons and brackets, holding a quote only as JSON's {@code \"})
 * in such a value appears in the line inside that value's JSON text; so only values are searched, and only
 * those that reach a rule field. Thread-safe: the shared name cache is filled under a lock and read without
 * one (its entries are immutable); each thread walks with its own {@code Walk}, whose tables (names met,
 * values searched lately and what was found in them) only save work: a value or name is taken from them only
 * when its bytes are the same, so every answer is the one a fresh walk gives ({@code FusedPrefilterPassTest}).
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
  /** Some rule has a keyword piece: it counts anywhere in the line. */
  private final boolean keywords;
  /** Per piece: the atoms of that piece; per atom: the rules whose condition reads it. */
  private final int[][] atomsOfPiece;
  private final int[][] rulesOfAtom;
  /** Member names seen, by their bytes, with their reach ({@link #reachOf(byte[], int, byte[], int, int)}). */
  private final Name[] names = new Name[2 * CACHE_LIMIT];
  private int nameCount;
  /**
   * Per rule, per absence ({@link Necessary.Absent}): its bit among the absences the check can refute (-1:
   * none); per bit, the member names whose value gives the field a value, by transform (see {@link #valuedBy}).
   */
  private final int[][] absentBit;
  private final Map<String, long[]> valuedBy;
  /** One walk per thread, cleared after each line (allocating its tables per line cost as much as the walk). */
  private final ThreadLocal<Walk> walks = ThreadLocal.withInitial(Walk::new);

  private JsonFieldCheck(LiteralAutomaton literals, List<String> pieces, List<String> fields, int[] atomPiece,
      int[] atomField, boolean[] atomAtStart, boolean[] atomAtEnd, Necessary[] conditions, int[][] atomOf, FieldTable table,
      int[][] absentBit, Map<String, long[]> valuedBy) {
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
    this.absentBit = absentBit;
    this.valuedBy = valuedBy;
    boolean k = false;
    for (int f : atomField) {
      k |= f < 0;
    }
    this.keywords = k;
    List<List<Integer>> byPiece = new ArrayList<>();
    for (int p = 0; p < pieceCount; p++) {
      byPiece.add(new ArrayList<>());
    }
    for (int a = 0; a < atomPiece.length; a++) {
      byPiece.get(atomPiece[a]).add(a);
    }
    this.atomsOfPiece = byPiece.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    List<List<Integer>> byAtom = new ArrayList<>();
    for (int a = 0; a < atomPiece.length; a++) {
      byAtom.add(new ArrayList<>());
    }
    for (int r = 0; r < atomOf.length; r++) {
      for (int a : atomOf[r]) {
        if (a >= 0 && !byAtom.get(a).contains(r)) {
          byAtom.get(a).add(r);
        }
      }
    }
    this.rulesOfAtom = byAtom.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
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
    Map<String, long[]> valuedBy = new LinkedHashMap<>();
    int[][] absentBit = absences(conditions, table, valuedBy);
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
        atomAtEnd, conditions.toArray(new Necessary[0]), atomOf, table, absentBit, valuedBy);
  }

  /**
   * Numbers the rules' absences the check can refute (at most 64 distinct field and own-name pairs; the others
   * are never refuted) and fills {@code valuedBy}: per member name, {@code [0]} the absences a non-empty string
   * value refutes, {@code [1]} those a value other than {@code -} refutes too. Which names: for an absence read
   * under the rule's own name ({@code OriginalFileName}), that name, whose values the row keeps through
   * {@link FieldTable#ruleMapping} when another source wins the canonical field (and gives that field when it
   * wins). For one read under the canonical name, the table's first source with a value gives the field its
   * value, and that source may be one the line names otherwise (a datamodel prefix, a name with a space, a name
   * a layout adds) and its value empty where the table copies values as they are; so only a field that is itself
   * a source in the table and none of whose sources keeps an empty value ({@code dash_null}, or cut to a file
   * name, which is never empty) is refuted, by its {@code dash_null} sources. No name a source moves or reads
   * ({@link Normalizer#DERIVED_FIELDS}: a 4688's {@code ProcessId} becomes its {@code ParentProcessId}) refutes,
   * nor {@code _raw}, which becomes the row's raw text.
   */
  private static int[][] absences(List<Necessary> conditions, FieldTable table, Map<String, long[]> valuedBy) {
    Map<List<String>, Integer> bits = new LinkedHashMap<>();
    int[][] out = new int[conditions.size()][];
    for (int r = 0; r < out.length; r++) {
      List<Necessary.Absent> absences = conditions.get(r).absences();
      out[r] = new int[absences.size()];
      for (Necessary.Absent a : absences) {
        List<String> key = Arrays.asList(a.field(), a.own());
        Integer bit = bits.get(key);
        if (bit == null && bits.size() < 64) {
          bit = bits.size();
          bits.put(key, bit);
          refutedBy(a, table, bit, valuedBy);
        }
        out[r][a.slot()] = bit == null ? -1 : bit;
      }
    }
    return out;
  }

  private static void refutedBy(Necessary.Absent a, FieldTable table, int bit, Map<String, long[]> valuedBy) {
    if (a.own() != null) {
      // the row reads the own name's values through this line, whether the name wins the field or not
      FieldTable.Mapping m = table.ruleMapping(a.own());
      if (m != null && m.canonical().equals(a.field()) && !movable(a.own())) {
        valuedBy.computeIfAbsent(a.own(), k -> new long[2])[m.transform() == FieldTable.Transform.DASH_NULL ? 1 : 0] |= 1L << bit;
      }
      return;
    }
    boolean mapped = false;
    List<String> sources = new ArrayList<>();
    for (FieldTable.Mapping m : table.mappings()) {
      mapped |= m.source().equals(a.field());
      if (!m.canonical().equals(a.field())) {
        continue;
      }
      if (m.transform() == FieldTable.Transform.COPY || m.transform() == FieldTable.Transform.LOWER) {
        return; // a source copies an empty value as it is, and may win the field
      }
      if (m.transform() == FieldTable.Transform.DASH_NULL && !movable(m.source())) {
        sources.add(m.source());
      }
    }
    if (mapped) { // else a record field of the canonical name would be kept as it is, empty or not
      for (String s : sources) {
        valuedBy.computeIfAbsent(s, k -> new long[2])[1] |= 1L << bit;
      }
    }
  }


  /** Whether a source or the normalizer may take a record field of this name away before the field table reads it. */
  private static boolean movable(String name) {
    return Normalizer.DERIVED_FIELDS.containsKey(name) || name.equals("_raw");
  }

  /**
   * Whether some rule's condition holds with each piece counted only in the fields its value reaches: false
   * means no rule can match the record. Call only for a well-formed JSON object line with no escape.
   *
   * <p>One walk over the line's values: a value whose member reaches no rule field is passed over; the others
   * are searched for pieces, each occurrence counted toward the fields the value reaches. Keys are names,
   * not values, and are not searched, except inside an object that is an array's element, whose JSON text
   * (keys included) becomes the value.
   */
  boolean mayMatch(byte[] b, int from, int to) {
    Walk w = walks.get();
    w.start(b, to);
    try {
      return w.line(from) ? holds(w, b, from, to) : true;
    } finally {
      w.clear();
    }
  }

  /** Whether some rule's condition holds over what walk {@code w} found in the line {@code b[from, to)}. */
  private boolean holds(Walk w, byte[] b, int from, int to) {
    boolean[] found = null;
    if (keywords) {
      boolean[] any = new boolean[pieceCount];
      literals.forEach(b, from, to, (tag, end) -> {
        if (tag < pieceCount) {
          any[tag] = true;
        }
      });
      found = any;
      for (int p = 0; p < pieceCount; p++) {
        if (any[p] && !w.seen[p]) {
          w.seen[p] = true;
          w.foundPieces[w.foundCount++] = p;
        }
      }
    }
    // only the atoms of pieces that occur can hold, and only rules reading such an atom: every rule's
    // condition needs one (a rule holding with none makes the prefilter null), so the others cannot hold
    boolean[] atoms = w.atoms;
    boolean[] touched = w.touched;
    int[] rules = w.rules;
    for (int k = 0; k < w.foundCount; k++) {
      int piece = w.foundPieces[k];
      for (int a : atomsOfPiece[piece]) {
        int f = atomField[a];
        boolean holds;
        if (f < 0) {
          holds = found[piece];
        } else {
          long bit = 1L << f;
          holds = (w.anywhere[piece] & bit) != 0 && (!atomAtEnd[a] || (w.ending[piece] & bit) != 0)
              && (!atomAtStart[a] || (w.starting[piece] & bit) != 0);
        }
        if (holds) {
          atoms[a] = true;
          for (int r : rulesOfAtom[a]) {
            if (!touched[r]) {
              touched[r] = true;
              rules[w.ruleCount++] = r;
            }
          }
        }
      }
    }
    for (int k = 0; k < w.ruleCount; k++) {
      int r = rules[k];
      if (conditions[r].holds(atoms, atomOf[r], w.valued(), absentBit[r])) {
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
    long[] valued = valuedBy.getOrDefault(name, NOT_VALUED);
    long[] r = {mask(table.reach(name)), mask(derived(table, name)), mask(table.reachKeepingStart(name)), valued[0], valued[1]};
    if (name.startsWith("result.")) { // a Splunk export row's fields live under result
      String inner = name.substring("result.".length());
      r[0] |= mask(table.reach(inner));
      r[1] |= mask(derived(table, inner));
      r[2] |= mask(table.reachKeepingStart(inner));
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

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x0101010101010101L * '"';

  /** Slots of each walk's kept values (a power of two), the longest value kept, and most finds kept per value. */
  static final int VALUES = 256;
  static final int MAX_VALUE_LENGTH = 256;
  static final int MAX_FINDS = 16;
  /** Slots of each walk's table of top-level names of at most 24 bytes (a power of two; filled to half at most). */
  static final int SHORT_NAMES = 512;

  /** A hash of {@code b[s, e)}, eight bytes at a time. */
  static int hash(byte[] b, int s, int e) {
    long h = e - s;
    int i = s;
    for (; i + 8 <= e; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
    }
    for (; i < e; i++) {
      h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h ^ (h >>> 29) ^ (h >>> 47));
  }

  private static final long BACKSLASHES = 0x0101010101010101L * '\\';

  private static boolean backslashIn(long w) {
    long x = w ^ BACKSLASHES;
    return (~(((x & LOW7) + LOW7) | x) & HIGHS) != 0; // exact per byte
  }

  /** Counts toward every field, anchored or not, and refutes no absence: a value whose name could not be read. */
  private static final long[] EVERYWHERE = {EVERY_FIELD, EVERY_FIELD, EVERY_FIELD, 0, 0};
  private static final long[] NOT_VALUED = {0, 0};

  /**
   * {@link #reachOf} for the member named by {@code prefix[0, plen)} followed by {@code b[ks, ke)}, from a
   * table keyed by the name's bytes (no string is made for a name seen before). Names come from data, so at
   * most {@value #CACHE_LIMIT} are kept; past that each is worked out again.
   */
  private long[] reachOf(byte[] prefix, int plen, byte[] b, int ks, int ke) {
    int h = 0x811C9DC5;
    for (int i = 0; i < plen; i++) {
      h = (h ^ prefix[i]) * 0x01000193;
    }
    for (int i = ks; i < ke; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    Name[] t = names;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Name n = t[i];
      if (n == null) {
        break;
      }
      if (n.hash == h && n.bytes.length == plen + ke - ks && (plen == 0 || Arrays.equals(n.bytes, 0, plen, prefix, 0, plen))
          && Arrays.equals(n.bytes, plen, n.bytes.length, b, ks, ke)) {
        return n.reach;
      }
    }
    byte[] name = new byte[plen + ke - ks];
    System.arraycopy(prefix, 0, name, 0, plen);
    System.arraycopy(b, ks, name, plen, ke - ks);
    long[] r = reachOf(new String(name, StandardCharsets.UTF_8));
    synchronized (this) {
      if (nameCount < CACHE_LIMIT) {
        int i = h & mask;
        while (t[i] != null) {
          i = (i + 1) & mask;
        }
        t[i] = new Name(name, h, r); // final fields: a reader racing this store sees it whole or not at all
        nameCount++;
      }
    }
    return r;
  }

  /** A member name's bytes, their hash and its reach. */
  private record Name(byte[] bytes, int hash, long[] reach) {}

  /** Where a value sits: whether it stays a value of its own. */
  private enum Place {
    /** A member of an object that is not inside an array: named by its path, a value of its own. */
    MEMBER,
    /** An element of an array that is a member: named by the array, a value of its own. */
    ELEMENT,
    /** Inside an object or array that is an array's element: named by that array, part of the element's text. */
    NESTED
  }

  /**
   * One walk over a JSON object line: reads its members as {@code read/JsonFlat} names them (nested objects
   * as {@code a.b}, everything inside an array under the array's name) and, for each value that reaches a rule
   * field, marks per piece the fields its occurrences reach, as {@link #mayMatch} reads them. Not thread-safe:
   * one per thread, reused line after line ({@link #start}, {@link #clear}).
   */
  private final class Walk implements LiteralAutomaton.Occurrence {
    /** The pieces that occur in a searched value, in the order first found, and which those are. */
    final int[] foundPieces = new int[pieceCount];
    int foundCount;
    final boolean[] seen = new boolean[pieceCount];
    /** Per piece: the fields an occurrence anywhere in a value reaches. */
    final long[] anywhere = new long[pieceCount];
    /**
     * Per piece: the fields an occurrence that ends its value reaches (only a value that is a field's value as
     * it stands keeps its end; a derived one does not).
     */
    final long[] ending = new long[pieceCount];
    /** Per piece: the fields an occurrence that starts its value reaches (a file name cut from a path starts anywhere). */
    final long[] starting = new long[pieceCount];
    /** The finds in the value being searched (piece, ends the value, starts it), as {@link #search} keeps them. */
    private final int[] finds = new int[MAX_FINDS];
    private int findCount;
    /** Values searched lately, by slot: their bytes and length (-1: none), hash, and finds. */
    private final byte[][] kept = new byte[VALUES][MAX_VALUE_LENGTH];
    private final int[] keptLength = new int[VALUES];
    private final int[] keptHash = new int[VALUES];
    private final int[][] keptFinds = new int[VALUES][MAX_FINDS];
    private final int[] keptFindCount = new int[VALUES];
    /** For {@link #holds}: the atoms that hold, and the rules reading one (listed in {@code rules}). */
    final boolean[] atoms = new boolean[atomPiece.length];
    final boolean[] touched = new boolean[conditions.length];
    final int[] rules = new int[conditions.length];
    int ruleCount;
    private byte[] b;
    private int to;
    private int pos;
    /** The member path so far, as bytes ({@code a.b.}). */
    private byte[] path = new byte[64];
    /** The value being searched: its reach, text and whether it is a whole value. */
    private long r0;
    private long r1;
    private long r2;
    private int textStart;
    private int textEnd;
    private boolean whole;
    /**
     * Absences refuted by a top-level member's string value ({@link #valuedBy}), those whose names came more
     * than once (a duplicate member might be the one the reader keeps), the bits of the names met, and whether
     * the line holds no object or array (a nested value's members are named otherwise, and an export row's
     * fields live in its result object): only then does a refutation count.
     */
    private long valued;
    private long duplicated;
    private long named;
    private boolean flat = true;

    {
      Arrays.fill(keptLength, -1);
    }

    /** The absences this line refutes: their fields have a value in the row the reader makes of it. */
    long valued() {
      return flat ? valued & ~duplicated : 0;
    }

    /** At a top-level member's value whose name refutes absences {@code r[3]} (any text) and {@code r[4]} (any but {@code -}). */
    private void refute(long[] r) {
      long bits = r[3] | r[4];
      duplicated |= named & bits;
      named |= bits;
      if (skipBlanks() < to && b[pos] == '"') {
        int e = stringEnd(pos + 1);
        int n = e - pos - 1;
        if (n > 0) {
          valued |= r[3] | (n == 1 && b[pos + 1] == '-' ? 0 : r[4]);
        }
      }
    }

    /** Whether {@code b[ks, ke)} holds a backslash, eight bytes at a time. */
    private boolean backslash(int ks, int ke) {
      int i = ks;
      for (; i + 8 <= ke; i += 8) {
        if (backslashIn((long) LONGS.get(b, i))) {
          return true;
        }
      }
      if (i < ke && i + 8 <= b.length) { // the bytes past ke are masked to zero, which is no backslash
        return backslashIn((long) LONGS.get(b, i) & ~(-1L << ((ke - i) << 3)));
      }
      for (; i < ke; i++) {
        if (b[i] == '\\') {
          return true;
        }
      }
      return false;
    }

    /** Top-level names of at most 24 bytes this thread has met, by their three words and length, with their reach. */
    private final long[] short0 = new long[SHORT_NAMES];
    private final long[] short1 = new long[SHORT_NAMES];
    private final long[] short2 = new long[SHORT_NAMES];
    private final int[] shortLength = new int[SHORT_NAMES];
    private final long[][] shortReach = new long[SHORT_NAMES][];
    private int shortCount;

    /**
     * The reach of the member named {@code path[0, plen)} followed by {@code b[ks, ke)} (written without escapes).
     * A top-level name of at most 16 bytes is read as two words and looked up in this walk's own table (two
     * compares, no hashing byte by byte); any other in {@link JsonFieldCheck#reachOf(byte[], int, byte[], int, int)}.
     */
    private long[] reach(int plen, int ks, int ke) {
      int n = ke - ks;
      if (plen != 0 || n > 24 || ks + 24 > b.length) {
        return reachOf(path, plen, b, ks, ke);
      }
      long k0 = word(ks, n);
      long k1 = word(ks + 8, n - 8);
      long k2 = word(ks + 16, n - 16);
      long h = ((((k0 * 0x9E3779B97F4A7C15L) ^ k1) * 0x9E3779B97F4A7C15L) ^ k2 ^ n) * 0xC2B2AE3D27D4EB4FL;
      int mask = SHORT_NAMES - 1;
      int slot = (int) (h >>> 40) & mask;
      for (long[] r; (r = shortReach[slot]) != null; slot = (slot + 1) & mask) {
        if (short0[slot] == k0 && short1[slot] == k1 && short2[slot] == k2 && shortLength[slot] == n) {
          return r;
        }
      }
      long[] r = reachOf(path, 0, b, ks, ke);
      if (shortCount < SHORT_NAMES / 2) {
        short0[slot] = k0;
        short1[slot] = k1;
        short2[slot] = k2;
        shortLength[slot] = n;
        shortReach[slot] = r;
        shortCount++;
      }
      return r;
    }

    /** The eight bytes at {@code i}, of which only the first {@code n} are kept (the others zero; none when n <= 0). */
    private long word(int i, int n) {
      return n <= 0 ? 0 : n >= 8 ? (long) LONGS.get(b, i) : (long) LONGS.get(b, i) & ~(-1L << (n << 3));
    }

    /** Starts on a line ending at {@code to}; the walk is clear (as new, or after {@link #clear}). */
    void start(byte[] b, int to) {
      this.b = b;
      this.to = to;
    }

    /** Undoes what the last line marked, so that the next starts clear: only the entries of pieces found. */
    void clear() {
      for (int k = 0; k < foundCount; k++) {
        int p = foundPieces[k];
        seen[p] = false;
        anywhere[p] = 0;
        ending[p] = 0;
        starting[p] = 0;
        for (int a : atomsOfPiece[p]) {
          atoms[a] = false;
        }
      }
      for (int k = 0; k < ruleCount; k++) {
        touched[rules[k]] = false;
      }
      foundCount = 0;
      ruleCount = 0;
      valued = 0;
      duplicated = 0;
      named = 0;
      flat = true;
      b = null;
    }

    /** Walks the line from {@code from}; false when it is not a JSON object this walk can follow. */
    boolean line(int from) {
      pos = from;
      return object(0, null, 1) && skipBlanks() == to;
    }

    @Override
    public void at(int tag, int end) {
      if (tag >= pieceCount) {
        return;
      }
      int e = end + 1;
      boolean atEnd = e == textEnd;
      boolean atStart = e - pieceLength[tag] == textStart;
      if (findCount < MAX_FINDS) { // past the last slot the value is not kept (see search)
        finds[findCount] = tag << 2 | (atEnd ? 2 : 0) | (atStart ? 1 : 0);
      }
      findCount++;
      mark(tag, atEnd, atStart);
    }

    /** Counts an occurrence of piece {@code tag} in the value being searched, which ends or starts it or neither. */
    private void mark(int tag, boolean atEnd, boolean atStart) {
      if (!seen[tag]) {
        seen[tag] = true;
        foundPieces[foundCount++] = tag;
      }
      anywhere[tag] |= r0 | r1;
      ending[tag] |= r1 | (whole && atEnd ? r0 : 0);
      // a field cut to a file name starts anywhere in the value: any occurrence may start it
      starting[tag] |= r1 | (r0 & ~r2) | (whole && atStart ? r2 : 0);
    }

    /**
     * Searches {@code b[s, e)}, a value's text (or part of an element's), counting toward {@code r}. What the
     * automaton finds in a text depends on its bytes alone, so the finds of the last values searched are kept
     * by their bytes ({@link #VALUES} slots, direct-mapped by a hash): a value met again (an {@code Image} or
     * {@code ParentImage} path, most lines' values) is compared with the kept bytes and its finds replayed.
     */
    private void search(int s, int e, long[] r, boolean isWhole) {
      if ((r[0] | r[1]) == 0 || s >= e) {
        return;
      }
      r0 = r[0];
      r1 = r[1];
      r2 = r[2];
      textStart = s;
      textEnd = e;
      whole = isWhole;
      int n = e - s;
      if (n > MAX_VALUE_LENGTH) {
        literals.forEach(b, s, e, this);
        return;
      }
      int h = hash(b, s, e);
      int slot = h & (VALUES - 1);
      if (keptLength[slot] == n && keptHash[slot] == h && Arrays.equals(kept[slot], 0, n, b, s, e)) {
        int[] f = keptFinds[slot];
        for (int k = 0, count = keptFindCount[slot]; k < count; k++) {
          mark(f[k] >>> 2, (f[k] & 2) != 0, (f[k] & 1) != 0);
        }
        return;
      }
      findCount = 0;
      literals.forEach(b, s, e, this);
      if (findCount <= MAX_FINDS) {
        System.arraycopy(b, s, kept[slot], 0, n);
        System.arraycopy(finds, 0, keptFinds[slot], 0, findCount);
        keptFindCount[slot] = findCount;
        keptHash[slot] = h;
        keptLength[slot] = n;
      } else {
        keptLength[slot] = -1;
      }
    }

    private int skipBlanks() {
      while (pos < to && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
        pos++;
      }
      return pos;
    }

    /**
     * Reads an object at {@code pos}. {@code plen}: its members are named {@code path[0, plen)} and their key
     * (-1: names unknown); {@code nested}: when non-null (inside an array's element) the reach of every value
     * within, keys included, which are then {@link Place#NESTED}.
     */
    private boolean object(int plen, long[] nested, int depth) {
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
        pos = keyEnd + 1;
        if (skipBlanks() >= to || b[pos] != ':') {
          return false;
        }
        pos++;
        if (nested != null) {
          search(keyStart, keyEnd, nested, false); // the element's JSON text holds its keys
          if (!value(nested, Place.NESTED, -1, depth)) {
            return false;
          }
          continue;
        }
        if (plen < 0 || backslash(keyStart, keyEnd)) {
          if (!value(EVERYWHERE, Place.MEMBER, -1, depth)) {
            return false;
          }
          continue;
        }
        int childPlen = -1;
        if (skipBlanks() < to && b[pos] == '{') { // a nested object: its members are named name.key
          int keyLength = keyEnd - keyStart;
          if (path.length < plen + keyLength + 1) {
            path = Arrays.copyOf(path, Math.max(path.length * 2, plen + keyLength + 1));
          }
          System.arraycopy(b, keyStart, path, plen, keyLength);
          path[plen + keyLength] = '.';
          childPlen = plen + keyLength + 1;
        }
        long[] r = childPlen >= 0 ? null : reach(plen, keyStart, keyEnd);
        if (r != null && depth == 1 && (r[3] | r[4]) != 0) {
          refute(r);
        }
        if (!value(r, Place.MEMBER, childPlen, depth)) {
          return false;
        }
      }
    }

    private boolean array(long[] r, Place elements, int depth) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      pos++; // [
      for (boolean first = true; ; first = false) {
        int item = nextItem((byte) ']', first);
        if (item <= 0) {
          return item == 0;
        }
        if (!value(r, elements, -1, depth)) {
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

    /**
     * A value reaching {@code r} at {@code place}; {@code childPlen}: for a member holding an object, the
     * length of its members' name prefix in {@link #path} (-1: names unknown, or not an object member).
     */
    private boolean value(long[] r, Place place, int childPlen, int depth) {
      if (skipBlanks() >= to) {
        return false;
      }
      byte c = b[pos];
      flat &= c != '{' && c != '[';
      if (c == '{') {
        return place == Place.MEMBER ? object(childPlen, null, depth + 1) : object(-1, r, depth + 1);
      }
      if (c == '[') {
        return array(r, place == Place.MEMBER ? Place.ELEMENT : Place.NESTED, depth + 1);
      }
      int s = pos;
      if (c == '"') {
        int e = stringEnd(pos + 1);
        if (e < 0) {
          return false;
        }
        pos = e + 1;
        search(s + 1, e, r, place != Place.NESTED);
        return true;
      }
      while (pos < to && b[pos] != ',' && b[pos] != '}' && b[pos] != ']' && b[pos] != ' ' && b[pos] != '\t'
          && b[pos] != '\r' && b[pos] != '\n') {
        pos++;
      }
      if (pos == s) {
        return false;
      }
      search(s, pos, r, place != Place.NESTED);
      return true;
    }

    /**
     * The index of the quote that closes the string whose text starts at {@code i}, or -1: the first quote
     * after an even run of backslashes (none included). Eight bytes at a time up to the next quote, so the
     * backslashes of a Windows path are looked at only before a quote.
     */
    private int stringEnd(int i) {
      final int start = i;
      while (i < to) {
        if (i + 8 <= to) {
          long q = (long) LONGS.get(b, i) ^ QUOTES;
          // the high bit of a byte of hit is set only where that byte of q is zero (exact per byte)
          long hit = ~(((q & LOW7) + LOW7) | q) & HIGHS;
          if (hit == 0) {
            i += 8;
            continue;
          }
          i += Long.numberOfTrailingZeros(hit) >>> 3;
        }
        if (b[i] == '"') {
          int k = i - 1;
          while (k >= start && b[k] == '\\') {
            k--;
          }
          if (((i - 1 - k) & 1) == 0) {
            return i;
          }
        }
        i++;
      }
      return -1;
    }
  }
}
