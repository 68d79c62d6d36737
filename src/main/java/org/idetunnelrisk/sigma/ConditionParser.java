package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idetunnelrisk.engine.Glob;
import org.idetunnelrisk.engine.Matcher;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parses one Sigma condition string into a {@link Matcher} over already compiled search identifiers.
 *
 * <p>Grammar (keywords case-insensitive; precedence {@code not} over {@code and} over {@code or}):
 * <pre>
 * condition  := or_expr END
 * or_expr    := and_expr ( "or" and_expr )*
 * and_expr   := not_expr ( "and" not_expr )*
 * not_expr   := "not" not_expr | primary
 * primary    := "(" or_expr ")" | quantified | IDENTIFIER
 * quantified := ( "1" | "any" | "all" ) "of" ( "them" | PATTERN )
 * PATTERN    := an identifier, where "*" matches any run of characters
 * </pre>
 * {@code 1 of} (synonym {@code any of}) ORs the identifiers the pattern matches, {@code all of} ANDs them;
 * {@code them} is every identifier not starting with {@code _}. Aggregations ({@code | count() ...}) and
 * {@code near} are rejected as unsupported. Not thread-safe: one parser per condition string.
 */
final class ConditionParser {
  private final String text;
  private final Map<String, Matcher> identifiers;
  private final List<String> tokens;
  private final Problems problems;
  private final Node at;
  private int pos;
  /** Open parentheses and {@code not}s around the current position; bounded so recursion stays shallow. */
  private int depth;
  /** Deepest nesting of parentheses and {@code not} in one condition. */
  static final int MAX_DEPTH = 64;

  /**
   * @param identifiers search identifier to compiled matcher, in definition order
   * @param at the condition's node, for the line of problems
   */
  ConditionParser(String text, Map<String, Matcher> identifiers, Problems problems,
      Node at) {
    this.text = text;
    this.identifiers = identifiers;
    this.problems = problems;
    this.at = at;
    this.tokens = tokenize(text);
  }

  /** @throws RuleException for bad syntax, an unknown identifier, an empty pattern or an unsupported feature */
  Matcher parse() {
    if (tokens.isEmpty()) {
      throw fail("empty condition");
    }
    Matcher m = or();
    if (pos < tokens.size()) {
      throw fail("condition '" + text + "': expected 'and', 'or' or the end but found '" + tokens.get(pos) + "'");
    }
    return m;
  }

  private Matcher or() {
    List<Matcher> parts = new ArrayList<>();
    parts.add(and());
    while (is("or")) {
      pos++;
      parts.add(and());
    }
    return ValueCompiler.anyOf(parts);
  }

  private Matcher and() {
    List<Matcher> parts = new ArrayList<>();
    parts.add(not());
    while (is("and")) {
      pos++;
      parts.add(not());
    }
    return ValueCompiler.allOf(parts);
  }

  private Matcher not() {
    if (is("not")) {
      pos++;
      enter();
      Matcher m = new Matcher.Not(not());
      depth--;
      return m;
    }
    return primary();
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw fail("condition nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private Matcher primary() {
    String t = next("a search identifier, '(', 'not', '1 of' or 'all of'");
    String lower = t.toLowerCase(Locale.ROOT);
    if (t.equals("(")) {
      enter();
      Matcher m = or();
      depth--;
      String close = next("')'");
      if (!close.equals(")")) {
        throw fail("condition '" + text + "': expected ')' but found '" + close + "'");
      }
      return m;
    }
    if ((lower.equals("1") || lower.equals("any") || lower.equals("all")) && is("of")) {
      pos++;
      return quantified(lower.equals("all"), t, next("'them' or a search identifier pattern"));
    }
    if (isKeyword(lower) || t.equals(")")) {
      throw fail("condition '" + text + "': expected a search identifier but found '" + t + "'");
    }
    if (t.indexOf('*') >= 0) {
      throw fail("condition '" + text + "': pattern '" + t + "' needs '1 of' or 'all of' before it");
    }
    Matcher m = identifiers.get(t);
    if (m == null) {
      throw fail("unknown search identifier '" + t + "' in condition (defined: "
          + String.join(", ", identifiers.keySet()) + ")");
    }
    return m;
  }

  private Matcher quantified(boolean all, String quantifier, String target) {
    List<Matcher> picked = new ArrayList<>();
    String phrase = quantifier + " of " + target;
    if (target.equalsIgnoreCase("them")) {
      identifiers.forEach((name, m) -> {
        if (!name.startsWith("_")) {
          picked.add(m);
        }
      });
    } else {
      if (isKeyword(target.toLowerCase(Locale.ROOT)) || target.equals("(") || target.equals(")")) {
        throw fail("condition '" + text + "': expected 'them' or a search identifier pattern after 'of' but found '"
            + target + "'");
      }
      boolean[] mask = new boolean[target.length()];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = target.charAt(i) != '*';
      }
      Glob g = new Glob(target, mask);
      for (Map.Entry<String, Matcher> e : identifiers.entrySet()) {
        if (g.matches(e.getKey())) {
          picked.add(e.getValue());
        }
      }
    }
    if (picked.isEmpty()) {
      throw fail("'" + phrase + "' in condition matches no search identifier (defined: "
          + String.join(", ", identifiers.keySet()) + ")");
    }
    return all ? ValueCompiler.allOf(picked) : ValueCompiler.anyOf(picked);
  }

  private boolean is(String keyword) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(keyword);
  }

  private String next(String expected) {
    if (pos >= tokens.size()) {
      throw fail("condition '" + text + "' ends early: expected " + expected);
    }
    return tokens.get(pos++);
  }

  private static boolean isKeyword(String lower) {
    return lower.equals("and") || lower.equals("or") || lower.equals("not") || lower.equals("of")
        || lower.equals("them");
  }

  private List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '|') {
        throw fail("unsupported feature: aggregation expression '" + s.substring(i).strip()
            + "' in condition (Sigma v1 aggregations are not supported)");
      } else {
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()|".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        String word = s.substring(start, i);
        if (word.equalsIgnoreCase("near")) {
          throw fail("unsupported feature: 'near' in condition (Sigma v1 aggregations are not supported)");
        }
        out.add(word);
      }
    }
    return out;
  }

  private RuleException fail(String message) {
    return problems.fail(at, message);
  }
}
