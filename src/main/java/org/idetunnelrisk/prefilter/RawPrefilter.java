package org.idetunnelrisk.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.idetunnelrisk.literal.AsciiFold;
import org.idetunnelrisk.literal.LiteralAutomaton;
import org.idetunnelrisk.engine.Necessary;
import org.idetunnelrisk.literal.SkipSearch;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.LineFilter;
import org.idetunnelrisk.read.RawFilters;

/**
 * Rejects, from its raw bytes alone, a JSON line whose record no rule can match, so the reader never
 * parses it: one ASCII case-insensitive Aho–Corasick pass finds which of the rules' necessary literals
 * occur, then each rule's necessary condition ({@link Rule#necessary()}) is evaluated over them (every
 * conjunct kept, so {@code code.exe} alone does not make a candidate of a rule that also needs {@code tunnel}) is
 * checked; plus a check for text whose decoded form could hold a literal its bytes do not show. Before
 * that pass, a {@link SkipSearch} for one literal of each rule (its longest alternatives) rejects most
 * lines reading only a fraction of their bytes.
 *
 * <p>Why it is sound: every rule's detection passes only if some field value (or, for a keyword, the raw
 * text) contains one of its pieces; pieces are ASCII runs free of every character that JSON, XML, CSV,
 * Splunk's multivalue encoding or a re-serialized nested value may write differently ({@code \ " & < > ' ,
 * : [ ] { } $ ;}, control characters, whitespace other than the space, and non-ASCII characters). Only
 * JSON lines are filtered, where a space in a string is written as a space. A value's piece therefore appears in the
 * line's bytes unless the line spells a character as an escape, which makes it a candidate: a JSON
 * {@code \}{@code uXXXX} or {@code \/} escape, an XML character reference ({@code &#}, or {@code &amp;#}
 * inside an escaped task definition), or a non-ASCII character that lower-cases to ASCII (the Kelvin
 * sign). Normalizers only copy values, take their base name or lower-case them, so a derived value's
 * pieces are in the raw text too. A rule with no necessary literal makes every line a candidate: then
 * {@link #of} returns null and nothing is filtered.
 *
 * <p>Skipping never hides a problem: a line is skipped only when it is one JSON object that the reader would
 * read without a report ({@link JsonObjectCheck}); any other line (an array, a string, text that is not JSON,
 * a malformed or too deep object, a Splunk export row of messages) is parsed, so reported as it would be
 * without the prefilter. Thread-safe (see {@link JsonFieldCheck} for its per-thread tables).
 */
public final class RawPrefilter implements LineFilter {
  /**
   * Characters allowed in a raw piece. The space is kept: JSON writes it as itself (or as a unicode
   * escape, which makes a candidate), and only JSON lines are ever filtered.
   */
  static final IntPredicate RAW_SAFE = c -> c >= 0x20 && c < 0x7f && "\\\"&<>',:[]{}$;".indexOf(c) < 0;

  private final LiteralAutomaton literals;
  /** Stage one: literals one of which every candidate holds, searched skipping bytes; null: none usable. */
  private final SkipSearch skip;
  /** {@link #skip} when the structure pass can sample its grams from its own words, else null. */
  private final SkipSearch sampled;
  private final List<String> pieces;
  /** Per rule: its necessary condition, and the number of the piece of each of its literals (-1: none). */
  private final Necessary[] conditions;
  private final int[][] pieceOf;
  /** Piece numbers from here on are the character references. */
  private final int escapeFrom;
  /** Stage three for JSON lines, or null: pieces count anywhere in the line. */
  private final JsonFieldCheck fieldCheck;

  private RawPrefilter(List<String> pieces, List<Necessary> conditions, List<int[]> pieceOf,
      List<Necessary.Piece[]> piecesByLeaf, List<String> skipLiterals, FieldTable table) {
    this.skip = SkipSearch.of(skipLiterals);
    this.sampled = JsonObjectCheck.samplesInWords(skip) ? skip : null;
    this.pieces = List.copyOf(pieces);
    this.conditions = conditions.toArray(new Necessary[0]);
    this.pieceOf = pieceOf.toArray(new int[0][]);
    List<String> all = new ArrayList<>(pieces);
    this.escapeFrom = all.size();
    all.add("&#");
    all.add("&amp;#");
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ids.add(i);
    }
    this.literals = LiteralAutomaton.of(all, ids);
    this.fieldCheck = table == null ? null : JsonFieldCheck.of(conditions, piecesByLeaf, this.pieces, literals, table);
  }

  /**
   * The prefilter for these rules, for JSON lines and (through {@link CsvRecordPrefilter}) CSV rows: pieces
   * hold only characters both write as themselves, and count anywhere in the record; null when some rule has
   * no necessary literal (every record matters).
   */
  public static RawPrefilter of(List<Rule> rules) {
    return build(rules, RAW_SAFE, UnaryOperator.identity(), null);
  }

  /**
   * The prefilter for JSON lines only: pieces are taken from each needle as JSON writes it (a quote as
   * {@code \"}, a backslash as {@code \\}), so {@code \temp\.net\devtunnel\} and {@code .exe" tunnel} are
   * looked for whole rather than as {@code devtunnel} and {@code  tunnel }; and pieces must sit in the fields
   * the rules need them in ({@link JsonFieldCheck}), as {@code table} maps record fields. Null when some rule
   * has no necessary literal.
   *
   * <p>Why the encoded pieces are sound: JSON must write a quote and a backslash that way, and writes every
   * other character of a piece as itself or as an escape ({@code \u0041}, {@code \/}) that makes a candidate;
   * writing is character by character, so a value holding a needle is written holding the needle's encoding.
   */
  public static RawPrefilter of(List<Rule> rules, FieldTable table) {
    return build(rules, JSON_SAFE, RawPrefilter::jsonEncoded, table);
  }

  /** Characters of a JSON-encoded piece: the raw-safe ones, and the backslash and quote of JSON's escapes. */
  static final IntPredicate JSON_SAFE = c -> RAW_SAFE.test(c) || c == '\\' || c == '"';

  /** {@code text} with each backslash and quote written as JSON writes it inside a string. */
  static String jsonEncoded(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '"') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Reads each rule's necessary condition ({@link Rule#necessary()}) through the pieces {@code safe} and
   * {@code encode} give its literals; null when some rule's condition holds with none of them (it has no
   * necessary literal).
   */
  private static RawPrefilter build(List<Rule> rules, IntPredicate safe, UnaryOperator<String> encode,
      FieldTable table) {
    List<String> pieces = new ArrayList<>();
    List<Necessary> conditions = new ArrayList<>();
    List<int[]> pieceOf = new ArrayList<>();
    List<Necessary.Piece[]> piecesByLeaf = new ArrayList<>();
    List<String> skipLiterals = new ArrayList<>();
    for (Rule r : rules) {
      Necessary n = r.necessary();
      List<Necessary.Literal> leaves = n.literals();
      Necessary.Piece[] byLeaf = new Necessary.Piece[leaves.size()];
      int[] ids = new int[leaves.size()];
      for (Necessary.Literal l : leaves) {
        byLeaf[l.leaf()] = l.piece(safe, encode);
        ids[l.leaf()] = byLeaf[l.leaf()] == null ? -1 : number(byLeaf[l.leaf()].text(), pieces);
      }
      if (n.holds(new boolean[pieces.size()], ids)) {
        return null;
      }
      conditions.add(n);
      pieceOf.add(ids);
      piecesByLeaf.add(byLeaf);
      for (String p : n.alternatives(l -> byLeaf[l.leaf()] == null ? null : byLeaf[l.leaf()].text(), RawPrefilter::longer)) {
        if (!skipLiterals.contains(p)) {
          skipLiterals.add(p);
        }
      }
    }
    return new RawPrefilter(pieces, conditions, pieceOf, piecesByLeaf, withoutSuperstrings(skipLiterals), table);
  }

  /** The number of {@code piece} in {@code pieces}, added when new. */
  private static int number(String piece, List<String> pieces) {
    int id = pieces.indexOf(piece);
    if (id < 0) {
      id = pieces.size();
      pieces.add(piece);
    }
    return id;
  }

  /** The literals minus any that contains another (a line holding the longer one holds the shorter). */
  static List<String> withoutSuperstrings(List<String> literals) {
    List<String> kept = new ArrayList<>();
    for (String l : literals) {
      boolean redundant = false;
      for (String o : literals) {
        if (!o.equals(l) && l.contains(o)) {
          redundant = true;
          break;
        }
      }
      if (!redundant) {
        kept.add(l);
      }
    }
    return kept;
  }

  /**
   * Of the parts of an {@code all of}, stage one looks for the one whose pieces are longest (so it can skip
   * the most bytes), then the one with fewer.
   */
  static boolean longer(List<String> a, List<String> b) {
    return minLength(a) > minLength(b) || minLength(a) == minLength(b) && a.size() < b.size();
  }

  private static int minLength(List<String> pieces) {
    int m = Integer.MAX_VALUE;
    for (String p : pieces) {
      m = Math.min(m, p.length());
    }
    return m;
  }

  /** The literals stage one searches for (every candidate line holds one), for reports and for {@code rg}. */
  public List<String> skipLiterals() {
    return skip == null ? pieces : skip.literals();
  }

  /** The literals searched for (lower case), for reports and for {@code rg}. */
  public List<String> pieces() {
    return pieces;
  }

  /**
   * The filters for these rules: this prefilter for JSON lines (but for export rows holding a {@code _raw},
   * {@link ExportRawLines}), {@link CsvRecordPrefilter} for CSV rows; none when some rule has no necessary
   * literal.
   */
  public static RawFilters filters(List<Rule> rules) {
    return filters(rules, null);
  }

  /**
   * {@link #filters(List)}, with JSON lines filtered by JSON-encoded pieces checked field by field as
   * {@code table} maps them ({@link #of(List, FieldTable)}); CSV rows as {@link #filters(List)} does. Either
   * way a Splunk export row holding a {@code _raw} is not filtered ({@link ExportRawLines}).
   */
  public static RawFilters filters(List<Rule> rules, FieldTable table) {
    RawPrefilter json = of(rules, table);
    RawPrefilter plain = of(rules);
    return json == null || plain == null ? RawFilters.NONE
        : new RawFilters(new ExportRawLines(json), new CsvRecordPrefilter(plain));
  }

  /**
   * Whether the JSON line {@code b[from, to)} is worth parsing: it is not one JSON object the reader reads
   * without a report ({@link JsonObjectCheck}: an array, a string, text that is not JSON, a malformed object,
   * so the reader reports it as it would without a prefilter), or it has an escape or case fold that could
   * hide a piece, or it holds some rule's pieces ({@link #holdsLiterals}) and, when checked field by field,
   * holds them in the fields the rule needs ({@link JsonFieldCheck}). The escape and structure checks are one
   * pass ({@link JsonObjectCheck#plainJson}), which also samples stage one's grams from the words it reads when
   * the stride allows (4 or 8); stage one settles nearly every line before the pieces are looked for.
   */
  @Override
  public boolean candidate(byte[] b, int from, int to) {
    int plain = JsonObjectCheck.plainJson(b, from, to, sampled);
    if (plain == 0 || plain < 0 && (escapes(b, from, to) || !JsonObjectCheck.wellFormed(b, from, to))) {
      return true;
    }
    // plain: 2 when stage one's literal is there, 1 when it is not (if sampled in the same pass)
    boolean literal = plain == 2 || (plain < 0 || sampled == null) && (skip == null || skip.anyIn(b, from, to));
    if (!literal) {
      return false;
    }
    // the field check implies stage two (an atom holds only where its piece occurs), and a clean line holds
    // no character reference: stage two's pass is left out when the field check runs
    return fieldCheck != null ? fieldCheck.mayMatch(b, from, to) : piecesHold(b, from, to);
  }

  /**
   * The literal part of {@link #candidate} without the JSON shape checks: whether the bytes hold some rule's
   * necessary pieces, or an escape or case fold that could hide one. Sound for any text that writes a value's
   * RAW_SAFE runs as themselves (JSON, CSV fields quoted or not).
   */
  boolean holdsLiterals(byte[] b, int from, int to) {
    if (skip != null && !skip.anyIn(b, from, to)) {
      return escapes(b, from, to);
    }
    return piecesHold(b, from, to) || escapes(b, from, to);
  }

  /** Whether some rule's necessary condition holds over the pieces in the bytes, or a character reference is there. */
  private boolean piecesHold(byte[] b, int from, int to) {
    boolean[] found = new boolean[escapeFrom + 2];
    if (literals.mark(b, from, to, found)) {
      if (found[escapeFrom] || found[escapeFrom + 1]) {
        return true;
      }
      for (int r = 0; r < conditions.length; r++) {
        if (conditions[r].holds(found, pieceOf[r])) {
          return true;
        }
      }
    }
    return false;
  }

  /** Deepest nesting a skipped line may have; a deeper one is passed on so the reader reports it. */
  static final int MAX_DEPTH = org.idetunnelrisk.read.ReadLimits.DEFAULT_MAX_DEPTH;

  /**
   * Whether the bytes hold a JSON unicode or solidus escape, an XML character reference (also escaped
   * once, {@code &amp;#}), or a non-ASCII character that folds to ASCII. ASCII bytes are checked in one
   * pass ({@link #asciiEscapes}); a line with other bytes is copied into a String (the JDK's vectorized
   * decoding and {@code indexOf}).
   */
  static boolean escapes(byte[] b, int from, int to) {
    int ascii = asciiEscapes(b, from, to);
    if (ascii >= 0) {
      return ascii == 1;
    }
    String s = new String(b, from, to - from, StandardCharsets.UTF_8);
    if (s.length() != to - from && nonAscii(b, from, to)) {
      return true;
    }
    return escapeAt(s, "\\u") || escapeAt(s, "\\/") || s.indexOf("&#") >= 0 || s.indexOf("&amp;#") >= 0;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BACKSLASHES = 0x0101010101010101L * '\\';
  private static final long AMPERSANDS = 0x0101010101010101L * '&';

  /**
   * {@link #escapes} for ASCII bytes in one pass, eight bytes at a time up to the next backslash, ampersand
   * or non-ASCII byte (Windows paths put a backslash every few bytes, where {@code indexOf("\\u")} keeps
   * restarting): 1 for an escape or reference, 0 for none, -1 at the first non-ASCII byte (the caller
   * decides then).
   */
  static int asciiEscapes(byte[] b, int from, int to) {
    int i = from;
    int run = 0; // backslashes right before i
    while (i < to) {
      if (i + 8 <= to) {
        long w = (long) LONGS.get(b, i);
        long x = w ^ BACKSLASHES;
        long y = w ^ AMPERSANDS;
        // a byte's high bit is set where x (or y) is zero there, or where w is not ASCII; exact per byte
        long hit = (~(((x & LOW7) + LOW7) | x) | ~(((y & LOW7) + LOW7) | y) | w) & HIGHS;
        if (hit == 0) {
          i += 8;
          run = 0;
          continue;
        }
        int k = Long.numberOfTrailingZeros(hit) >>> 3;
        if (k > 0) {
          run = 0;
          i += k;
        }
      }
      byte c = b[i];
      if (c < 0) {
        return -1;
      }
      if (c == '\\') {
        run++;
        if ((run & 1) == 1 && i + 1 < to && (b[i + 1] == 'u' || b[i + 1] == '/')) {
          return 1;
        }
      } else {
        run = 0;
        if (c == '&' && i + 1 < to && (b[i + 1] == '#' || i + 5 < to && b[i + 1] == 'a' && b[i + 2] == 'm'
            && b[i + 3] == 'p' && b[i + 4] == ';' && b[i + 5] == '#')) {
          return 1;
        }
      }
      i++;
    }
    return 0;
  }

  /** Whether {@code pair} (a backslash and a letter) occurs where its backslash starts an escape. */
  private static boolean escapeAt(String s, String pair) {
    for (int i = s.indexOf(pair); i >= 0; i = s.indexOf(pair, i + 1)) {
      int run = 0;
      for (int k = i; k >= 0 && s.charAt(k) == '\\'; k--) {
        run++;
      }
      if (run % 2 == 1) {
        return true;
      }
    }
    return false;
  }

  /** Whether a non-ASCII character that folds to ASCII (or malformed UTF-8) is in the bytes. */
  private static boolean nonAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        int cp = decode(b, i, to);
        if (cp < 0 || AsciiFold.foldsToAscii(cp)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The code point of the UTF-8 sequence at {@code i}; -1 when malformed (then: a candidate). */
  private static int decode(byte[] b, int i, int to) {
    int c = b[i] & 0xff;
    if (c < 0xC0) {
      return 0x80; // a continuation byte, reached by stepping one byte at a time: not a character start
    }
    int n = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (i + n >= to) {
      return -1;
    }
    int cp = c & (0x3F >> n);
    for (int k = 1; k <= n; k++) {
      cp = (cp << 6) | (b[i + k] & 0x3F);
    }
    return cp;
  }
}
