package org.idetunnelrisk.sigma;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The modifiers of one field entry ({@code Field|mod1|mod2}), checked left to right for combinations that
 * make sense, and summarised for {@link ValueCompiler}.
 *
 * <p>Rules: string modifiers ({@code contains}, {@code startswith}, {@code endswith}, {@code windash},
 * {@code cased}) apply to plain strings and field references; at most one position modifier; an encoding
 * ({@code utf16le}, {@code utf16be}, {@code utf16}, {@code wide}) is followed directly by {@code base64} or
 * {@code base64offset}, which come before any position modifier; {@code re}, {@code cidr},
 * {@code lt}/{@code lte}/{@code gt}/{@code gte} and {@code fieldref} turn the value into another kind and
 * take no string modifier before them; after {@code re} only {@code i}, {@code m}, {@code s} (and
 * {@code all}); {@code exists} stands alone. Immutable.
 */
record ModifierChain(
    Kind kind,
    Modifier position,
    boolean all,
    boolean cased,
    boolean windash,
    Modifier encoding,
    Modifier base64,
    Modifier compare,
    Set<Modifier> regexFlags) {

  /** What the value is once the modifiers are applied. */
  enum Kind { STRING, REGEX, CIDR, NUMERIC, EXISTS, FIELDREF }

  static final ModifierChain NONE = new ModifierChain(
      Kind.STRING, null, false, false, false, null, null, null, EnumSet.noneOf(Modifier.class));

  /** No modifier that changes a value (only {@code all}, or none). */
  boolean isPlain() {
    return kind == Kind.STRING && position == null && !cased && !windash && encoding == null && base64 == null;
  }

  /**
   * Checks the modifier keywords of one field entry.
   *
   * @throws IllegalArgumentException with a message naming the modifiers at fault
   */
  static ModifierChain parse(List<String> words) {
    Kind kind = Kind.STRING;
    Modifier kindBy = null;
    Modifier position = null;
    boolean all = false;
    boolean cased = false;
    boolean windash = false;
    Modifier encoding = null;
    Modifier base64 = null;
    Modifier compare = null;
    Modifier lastString = null;
    Set<Modifier> flags = EnumSet.noneOf(Modifier.class);
    Set<Modifier> seen = EnumSet.noneOf(Modifier.class);
    Modifier previous = null;
    for (String w : words) {
      Modifier m = Modifier.of(w);
      if (m == null) {
        throw new IllegalArgumentException("unknown modifier '" + w + "'");
      }
      if (m == Modifier.EXPAND) {
        throw new IllegalArgumentException(
            "unsupported modifier 'expand' (placeholders need a processing pipeline)");
      }
      if (!seen.add(m)) {
        throw new IllegalArgumentException("modifier '" + m.keyword() + "' given twice");
      }
      if (previous != null && previous.isEncoding() && m != Modifier.BASE64 && m != Modifier.BASE64OFFSET) {
        throw new IllegalArgumentException("modifier '" + previous.keyword()
            + "' must be followed by 'base64' or 'base64offset', not '" + m.keyword() + "'");
      }
      if (m == Modifier.EXISTS && words.size() > 1) {
        throw new IllegalArgumentException("modifier 'exists' cannot be combined with other modifiers");
      }
      switch (m) {
        case ALL:
          all = true;
          break;
        case CONTAINS: case STARTSWITH: case ENDSWITH:
          requireKind(m, kind, kindBy, Kind.STRING, Kind.FIELDREF);
          if (position != null) {
            throw conflict(m, position);
          }
          position = m;
          lastString = m;
          break;
        case CASED:
          requireKind(m, kind, kindBy, Kind.STRING, Kind.FIELDREF);
          cased = true;
          lastString = m;
          break;
        case WINDASH:
          requireKind(m, kind, kindBy, Kind.STRING);
          if (base64 != null) {
            throw conflict(m, base64);
          }
          windash = true;
          lastString = m;
          break;
        case BASE64: case BASE64OFFSET:
          requireKind(m, kind, kindBy, Kind.STRING);
          if (base64 != null) {
            throw conflict(m, base64);
          }
          if (position != null || windash) {
            throw new IllegalArgumentException("modifier '" + m.keyword() + "' cannot follow '"
                + (position != null ? position.keyword() : "windash") + "' (write '" + m.keyword()
                + "|contains': the encoding comes first)");
          }
          base64 = m;
          lastString = m;
          break;
        case UTF16LE: case UTF16BE: case UTF16: case WIDE:
          requireKind(m, kind, kindBy, Kind.STRING);
          if (encoding != null) {
            throw conflict(m, encoding);
          }
          if (lastString != null) {
            throw conflict(m, lastString);
          }
          encoding = m;
          lastString = m;
          break;
        case RE: case CIDR: case FIELDREF: case LT: case LTE: case GT: case GTE: case EXISTS:
          requireKind(m, kind, kindBy, Kind.STRING);
          if (lastString != null) {
            throw conflict(m, lastString);
          }
          kind = kindOf(m);
          kindBy = m;
          if (kind == Kind.NUMERIC) {
            compare = m;
          }
          break;
        case RE_I: case RE_M: case RE_S:
          if (kind != Kind.REGEX) {
            throw new IllegalArgumentException("modifier '" + m.keyword() + "' is a sub-modifier of 're' and must follow it");
          }
          flags.add(m);
          break;
        default:
          throw new IllegalArgumentException("unsupported modifier '" + m.keyword() + "'");
      }
      previous = m;
    }
    if (previous != null && previous.isEncoding()) {
      throw new IllegalArgumentException("modifier '" + previous.keyword() + "' must be followed by 'base64' or 'base64offset'");
    }
    return new ModifierChain(kind, position, all, cased, windash, encoding, base64, compare, flags);
  }

  private static Kind kindOf(Modifier m) {
    switch (m) {
      case RE: return Kind.REGEX;
      case CIDR: return Kind.CIDR;
      case FIELDREF: return Kind.FIELDREF;
      case EXISTS: return Kind.EXISTS;
      default: return Kind.NUMERIC;
    }
  }

  private static void requireKind(Modifier m, Kind kind, Modifier kindBy, Kind... allowed) {
    for (Kind k : allowed) {
      if (k == kind) {
        return;
      }
    }
    throw conflict(m, kindBy);
  }

  private static IllegalArgumentException conflict(Modifier m, Modifier other) {
    return new IllegalArgumentException(
        "modifier '" + m.keyword() + "' cannot be combined with '" + other.keyword() + "'");
  }
}
