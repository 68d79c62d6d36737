package org.idetunnelrisk.sigma;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Sigma value modifiers this loader knows, keyed by their keyword as the Sigma specification spells
 * it (the registry pySigma calls {@code modifier_mapping}). Which combinations make sense is checked by
 * {@link ModifierChain}; what each does to a value is done by {@link ValueCompiler}.
 */
enum Modifier {
  /** The value anywhere in the field (wildcards put around it). */
  CONTAINS("contains"),
  /** The value at the start of the field. */
  STARTSWITH("startswith"),
  /** The value at the end of the field. */
  ENDSWITH("endswith"),
  /** A list of values is linked with AND instead of OR. */
  ALL("all"),
  /** Compare case-sensitively (Sigma's default is case-insensitive). */
  CASED("cased"),
  /** {@code -} or {@code /} starting a word also matches {@code /}, {@code -} and the Unicode dashes. */
  WINDASH("windash"),
  /** The value is a regular expression (RE2 syntax, case-sensitive, unanchored). */
  RE("re"),
  /** {@code re} sub-modifier: case-insensitive. */
  RE_I("i"),
  /** {@code re} sub-modifier: multi-line, {@code ^} and {@code $} match at line ends. */
  RE_M("m"),
  /** {@code re} sub-modifier: dot matches newline. */
  RE_S("s"),
  /** The value is an IP network in CIDR form; the field must be an address inside it. */
  CIDR("cidr"),
  /** The value {@code true}/{@code false} says whether the field must be present. */
  EXISTS("exists"),
  /** The value is base64-encoded before comparison. */
  BASE64("base64"),
  /** The value's three base64 encodings at byte offsets 0, 1 and 2, for use with {@code contains}. */
  BASE64OFFSET("base64offset"),
  /** Encode the value as UTF-16 little-endian (before base64). */
  UTF16LE("utf16le"),
  /** Encode the value as UTF-16 big-endian (before base64). */
  UTF16BE("utf16be"),
  /** Encode the value as UTF-16 with a little-endian byte order mark (before base64). */
  UTF16("utf16"),
  /** Alias of {@code utf16le}. */
  WIDE("wide"),
  /** The value names another field whose value is compared. */
  FIELDREF("fieldref"),
  /** The field read as a number is less than the value. */
  LT("lt"),
  /** The field read as a number is at most the value. */
  LTE("lte"),
  /** The field read as a number is greater than the value. */
  GT("gt"),
  /** The field read as a number is at least the value. */
  GTE("gte"),
  /** Placeholder expansion: needs a processing pipeline, so it is rejected as unsupported. */
  EXPAND("expand");

  private static final Map<String, Modifier> BY_KEYWORD = new HashMap<>();

  static {
    for (Modifier m : values()) {
      BY_KEYWORD.put(m.keyword, m);
    }
  }

  private final String keyword;

  Modifier(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword as written in rules. */
  String keyword() {
    return keyword;
  }

  /** The modifier for a keyword (case-insensitive), or null when unknown. */
  static Modifier of(String keyword) {
    return BY_KEYWORD.get(keyword.toLowerCase(Locale.ROOT));
  }

  boolean isEncoding() {
    return this == UTF16LE || this == UTF16BE || this == UTF16 || this == WIDE;
  }
}
