package org.idetunnelrisk.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.idetunnelrisk.engine.IpNetwork;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.ValueTest;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Compiles the values of one field entry under its {@link ModifierChain} into engine matchers, and
 * keywords (values without a field) into {@link Matcher.Keyword}s.
 *
 * <p>Several values are ORed, or ANDed under {@code all}; a value that expands to variants
 * ({@code windash}, {@code base64offset}) becomes an OR of them. YAML numbers and booleans compare as
 * the text written. Regular expressions use RE2/J (linear time; no backreferences or lookaround),
 * case-sensitive unless {@code i}, found anywhere in the value unless anchored. Thread-safe (stateless
 * apart from the field table, which is immutable).
 */
final class ValueCompiler {
  private static final int[] B64_START = {0, 2, 3};
  private static final int[] B64_END_CUT = {0, 3, 2};

  private final FieldTable fields;
  private final Problems problems;

  ValueCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
  }

  /**
   * A field entry: {@code field} is the canonical name, {@code own} the source name the rule wrote when it maps
   * to another canonical name (else null, see {@link Matcher.Field}), {@code values} scalar nodes.
   */
  Matcher field(String field, String own, ModifierChain chain, List<Node> values) {
    List<Matcher> out = new ArrayList<>(values.size());
    for (Node v : values) {
      out.add(one(field, own, chain, v));
    }
    return chain.all() ? allOf(out) : anyOf(out);
  }

  private Matcher one(String field, String own, ModifierChain chain, Node v) {
    if (Yaml.isNull(v)) {
      if (!chain.isPlain()) {
        throw problems.fail(v, "null value cannot take modifiers (write 'Field: null' to test an empty or absent field)");
      }
      return new Matcher.FieldNull(field, own);
    }
    String text = Yaml.text(v);
    switch (chain.kind()) {
      case EXISTS:
        if (!Tag.BOOL.equals(v.getTag())) {
          throw problems.fail(v, "modifier 'exists' expects true or false but was '" + text + "'");
        }
        return new Matcher.FieldExists(field, Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)), own);
      case REGEX:
        return new Matcher.Field(field, regex(text, chain, v), own);
      case CIDR:
        try {
          return new Matcher.Field(field, new ValueTest.Cidr(IpNetwork.parse(text)), own);
        } catch (IllegalArgumentException e) {
          throw problems.fail(v, "modifier 'cidr': " + e.getMessage());
        }
      case NUMERIC:
        return new Matcher.Field(field, numeric(text, chain, v), own);
      case FIELDREF:
        return fieldRef(field, own, text, chain, v);
      default:
        return string(field, own, text, chain, v);
    }
  }

  private Matcher string(String field, String own, String text, ModifierChain chain, Node v) {
    List<SigmaString> variants = variants(SigmaString.parse(text), chain, v);
    List<Matcher> out = new ArrayList<>(variants.size());
    for (SigmaString s : variants) {
      if (s.isAnyValue()) {
        out.add(new Matcher.FieldExists(field, true, own));
      } else {
        out.add(new Matcher.Field(field, s.toValueTest(chain.cased()), own));
      }
    }
    return anyOf(out);
  }

  /** The value after encoding, base64, windash and position, in the order Sigma defines. */
  private List<SigmaString> variants(SigmaString s, ModifierChain chain, Node v) {
    List<SigmaString> vs = new ArrayList<>();
    if (chain.base64() != null) {
      if (s.hasWildcards()) {
        throw problems.fail(v, "modifier '" + chain.base64().keyword() + "' cannot encode a value with wildcards: '"
            + Yaml.text(v) + "'");
      }
      byte[] bytes = encode(s.text(), chain.encoding());
      if (chain.base64() == Modifier.BASE64) {
        vs.add(SigmaString.literal(Base64.getEncoder().encodeToString(bytes)));
      } else {
        for (String o : base64Offsets(bytes)) {
          vs.add(SigmaString.literal(o));
        }
      }
    } else if (chain.windash()) {
      try {
        vs.addAll(s.windashVariants());
      } catch (IllegalArgumentException e) {
        throw problems.fail(v, e.getMessage());
      }
    } else {
      vs.add(s);
    }
    Modifier pos = chain.position();
    if (pos != null) {
      for (int i = 0; i < vs.size(); i++) {
        SigmaString x = vs.get(i);
        if (pos != Modifier.STARTSWITH) {
          x = x.withLeadingStar();
        }
        if (pos != Modifier.ENDSWITH) {
          x = x.withTrailingStar();
        }
        vs.set(i, x);
      }
    }
    return vs;
  }

  private static byte[] encode(String s, Modifier encoding) {
    if (encoding == null) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    switch (encoding) {
      case UTF16BE:
        return s.getBytes(StandardCharsets.UTF_16BE);
      case UTF16: {
        byte[] le = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[le.length + 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        System.arraycopy(le, 0, out, 2, le.length);
        return out;
      }
      default:
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
  }

  /**
   * The three encodings of {@code bytes} preceded by 0, 1 and 2 bytes, trimmed of the characters that
   * depend on the unknown neighbouring bytes, so each is found inside any longer base64 text.
   */
  static List<String> base64Offsets(byte[] bytes) {
    List<String> out = new ArrayList<>(3);
    for (int shift = 0; shift < 3; shift++) {
      byte[] padded = new byte[bytes.length + shift];
      Arrays.fill(padded, 0, shift, (byte) ' ');
      System.arraycopy(bytes, 0, padded, shift, bytes.length);
      String enc = Base64.getEncoder().encodeToString(padded);
      int cut = B64_END_CUT[(bytes.length + shift) % 3];
      out.add(enc.substring(B64_START[shift], enc.length() - cut));
    }
    return out;
  }

  private ValueTest regex(String text, ModifierChain chain, Node v) {
    int flags = 0;
    if (chain.regexFlags().contains(Modifier.RE_I)) {
      flags |= Pattern.CASE_INSENSITIVE;
    }
    if (chain.regexFlags().contains(Modifier.RE_M)) {
      flags |= Pattern.MULTILINE;
    }
    if (chain.regexFlags().contains(Modifier.RE_S)) {
      flags |= Pattern.DOTALL;
    }
    Pattern p;
    try {
      p = Pattern.compile(text, flags);
    } catch (PatternSyntaxException e) {
      throw problems.fail(v, "modifier 're': '" + text + "' is not an RE2 regular expression: "
          + e.getDescription() + " (RE2 has no backreferences or lookaround)");
    }
    return new ValueTest.Regex(text, value -> p.matcher(value).find());
  }

  private ValueTest numeric(String text, ModifierChain chain, Node v) {
    double bound;
    try {
      bound = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      bound = Double.NaN;
    }
    if (Double.isNaN(bound) || Double.isInfinite(bound)) {
      throw problems.fail(v, "modifier '" + chain.compare().keyword() + "' expects a number but was '" + text + "'");
    }
    ValueTest.Numeric.Op op;
    switch (chain.compare()) {
      case LT: op = ValueTest.Numeric.Op.LT; break;
      case LTE: op = ValueTest.Numeric.Op.LTE; break;
      case GT: op = ValueTest.Numeric.Op.GT; break;
      default: op = ValueTest.Numeric.Op.GTE; break;
    }
    return new ValueTest.Numeric(op, bound);
  }

  private Matcher fieldRef(String field, String own, String text, ModifierChain chain, Node v) {
    String other = text.strip();
    if (other.isEmpty() || SigmaString.parse(other).hasWildcards()) {
      throw problems.fail(v, "modifier 'fieldref' expects a field name but was '" + text + "'");
    }
    Matcher.FieldRef.Mode mode;
    Modifier pos = chain.position();
    if (pos == Modifier.CONTAINS) {
      mode = Matcher.FieldRef.Mode.CONTAINS;
    } else if (pos == Modifier.STARTSWITH) {
      mode = Matcher.FieldRef.Mode.STARTS_WITH;
    } else if (pos == Modifier.ENDSWITH) {
      mode = Matcher.FieldRef.Mode.ENDS_WITH;
    } else {
      mode = Matcher.FieldRef.Mode.EQUALS;
    }
    String otherField = fields.ruleField(other);
    problems.used(v, other, otherField, FieldUse.Role.DETECTION);
    return new Matcher.FieldRef(field, otherField, mode, chain.cased(), own, fields.ruleOwnName(other));
  }

  /** A keyword: the value anywhere in the event (implicit wildcards on both sides). */
  Matcher keyword(Node v) {
    if (Yaml.isNull(v)) {
      throw problems.fail(v, "a keyword cannot be null");
    }
    SigmaString s = SigmaString.parse(Yaml.text(v)).withLeadingStar().withTrailingStar();
    return new Matcher.Keyword(s.toValueTest(false));
  }

  static Matcher anyOf(List<Matcher> ms) {
    return ms.size() == 1 ? ms.get(0) : new Matcher.AnyOf(ms);
  }

  static Matcher allOf(List<Matcher> ms) {
    return ms.size() == 1 ? ms.get(0) : new Matcher.AllOf(ms);
  }
}
