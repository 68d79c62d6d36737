package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.splunk.RiskEventFields;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every shipped dashboard (default/data/ui/views) and the nav menu hold together: each view parses as Simple XML
 * 1.1; every search uses only macros the app ships (with the right number of arguments), has balanced quotes,
 * brackets and backticks, reads only fields the app writes (risk events, run summaries) or the search computes with {@code eval} and tokens some input or
 * drilldown defines; every base search exists; every link to one of the app's views sets only that view's inputs;
 * and the nav names only views that exist.
 */
class DashboardsTest {
  private static final Path VIEWS = Path.of("default/data/ui/views");
  private static final Path NAV = Path.of("default/data/ui/nav/default.xml");
  private static final Pattern MACRO_CALL = Pattern.compile("`([A-Za-z0-9_]+)(?:\\(([^`]*)\\))?`");
  private static final Pattern STANZA = Pattern.compile("(?m)^\\[([^\\]]+)\\]\\s*$");
  private static final Pattern TOKEN = Pattern.compile("\\$([^$\\s|]+)(?:\\|[a-z]+)?\\$");
  private static final Pattern BASE_FIELDS = Pattern.compile("\\|\\s*fields\\s+([^|]+)");
  private static final Pattern EVAL_FIELD = Pattern.compile("\\|\\s*eval\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=");
  private static final Pattern PUT_KEY = Pattern.compile("\\.put\\(\"([a-z_]+)\"");
  /** Tokens Splunk sets inside a drilldown (Simple XML token reference: drilldown event tokens). */
  private static final Pattern DRILLDOWN_TOKEN = Pattern.compile("(click|row|result)\\.[A-Za-z0-9_.]+|earliest|latest");

  @Test
  void theAppIsVisibleWithANavMenuNamingOnlyShippedViews() throws Exception {
    String appConf = Files.readString(Path.of("default/app.conf"));
    assertTrue(appConf.contains("\nis_visible = true\n"), "default/app.conf: [ui] is_visible must be true");
    Document nav = parse(NAV);
    Set<String> views = viewNames();
    NodeList navViews = nav.getElementsByTagName("view");
    List<String> missing = new ArrayList<>();
    String defaultView = null;
    for (int i = 0; i < navViews.getLength(); i++) {
      Element v = (Element) navViews.item(i);
      String name = v.getAttribute("name");
      if (!name.equals("search") && !views.contains(name)) {
        missing.add(name);
      }
      if (v.getAttribute("default").equals("true")) {
        defaultView = name;
      }
    }
    assertEquals(List.of(), missing, NAV + ": views named in the nav that do not exist");
    assertTrue(views.contains(defaultView), NAV + ": the default view must be one of the app's views");
    assertTrue(views.size() >= 3, "an overview, a host page and a health page");
  }

  @TestFactory
  Stream<DynamicTest> everyViewHoldsTogether() throws Exception {
    Set<String> macros = macroStanzas();
    Set<String> fields = knownFields();
    Map<String, Set<String>> inputsByView = new HashMap<>();
    for (String view : viewNames()) {
      inputsByView.put(view, inputTokens(parse(VIEWS.resolve(view + ".xml"))));
    }
    return viewNames().stream().map(view -> DynamicTest.dynamicTest(view, () -> {
      Path file = VIEWS.resolve(view + ".xml");
      Document doc = parse(file);
      Element root = doc.getDocumentElement();
      assertTrue(Set.of("form", "dashboard").contains(root.getTagName()), file + ": root is " + root.getTagName());
      assertEquals("1.1", root.getAttribute("version"), file + ": Simple XML version 1.1 (jQuery 3.5)");
      assertFalse(text(root, "label").isBlank(), file + ": no label");
      List<String> problems = new ArrayList<>();
      Set<String> inputs = inputsByView.get(view);
      Set<String> ids = new HashSet<>();
      for (Element s : elements(root, "search")) {
        if (!s.getAttribute("id").isEmpty()) {
          ids.add(s.getAttribute("id"));
        }
      }
      for (Element s : elements(root, "search")) {
        String base = s.getAttribute("base");
        if (!base.isEmpty() && !ids.contains(base)) {
          problems.add("search base=\"" + base + "\" names no search id");
        }
        String query = text(s, "query");
        if (query.isBlank()) {
          problems.add("a search without a query");
          continue;
        }
        problems.addAll(balance(query));
        problems.addAll(macroProblems(query, macros));
        problems.addAll(tokenProblems(query, inputs, false));
        for (String bound : List.of("earliest", "latest")) {
          problems.addAll(tokenProblems(text(s, bound), inputs, false));
        }
        if (base.isEmpty()) {
          Set<String> computed = new HashSet<>();
          Matcher e = EVAL_FIELD.matcher(query);
          while (e.find()) {
            computed.add(e.group(1));
          }
          Matcher m = BASE_FIELDS.matcher(query);
          while (m.find()) {
            for (String f : m.group(1).trim().split("[\\s,]+")) {
              if (!fields.contains(f) && !computed.contains(f)) {
                problems.add("field '" + f + "' is neither written by the app nor a Splunk default field");
              }
            }
          }
        }
      }
      for (Element d : elements(root, "drilldown")) {
        for (Element link : elements(d, "link")) {
          String target = link.getTextContent().trim();
          problems.addAll(tokenProblems(target, inputs, true));
          problems.addAll(linkProblems(target, inputsByView));
        }
      }
      assertEquals(List.of(), problems, file.toString());
    }));
  }

  /** The checks themselves catch what they are for. */
  @Test
  void theChecksFindBrokenSearches() {
    assertEquals(List.of("unbalanced ( )"), balance("stats count by (a"));
    assertEquals(List.of("unclosed quote"), balance("search a=\"b"));
    assertEquals(List.of(), balance("rex \"(?<x>[^)]*)\" | eval y=\"a(\""));
    Set<String> macros = Set.of("m", "n(1)");
    assertEquals(List.of("macro `missing` is not in default/macros.conf"), macroProblems("`missing` | x", macros));
    assertEquals(List.of("macro `n` with 2 argument(s) is not in default/macros.conf"),
        macroProblems("`n(a, b)`", macros));
    assertEquals(List.of(), macroProblems("`m` | `n(a)`", macros));
    assertEquals(List.of("token $nope$ is not defined by an input"), tokenProblems("x=$nope$", Set.of("a"), false));
    assertEquals(List.of("token $row.x$ is not defined by an input"), tokenProblems("$row.x$", Set.of(), false));
    assertEquals(List.of(), tokenProblems("$row.x|u$ $a|s$", Set.of("a"), true));
    assertEquals(List.of("link sets form.bogus, which view v has no input for"),
        linkProblems("/app/ide_tunnel_risk/v?form.bogus=1", Map.of("v", Set.of("a"))));
  }

  private static List<String> balance(String query) {
    List<String> out = new ArrayList<>();
    int paren = 0;
    int bracket = 0;
    boolean quoted = false;
    int backticks = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case '(' -> paren++;
        case ')' -> paren--;
        case '[' -> bracket++;
        case ']' -> bracket--;
        case '`' -> backticks++;
        default -> { }
      }
      if (paren < 0 || bracket < 0) {
        break;
      }
    }
    if (quoted) {
      out.add("unclosed quote");
    }
    if (paren != 0) {
      out.add("unbalanced ( )");
    }
    if (bracket != 0) {
      out.add("unbalanced [ ]");
    }
    if (backticks % 2 != 0) {
      out.add("unbalanced backticks");
    }
    return out;
  }

  private static List<String> macroProblems(String query, Set<String> macros) {
    List<String> out = new ArrayList<>();
    Matcher m = MACRO_CALL.matcher(query);
    while (m.find()) {
      String name = m.group(1);
      if (m.group(2) == null) {
        if (!macros.contains(name)) {
          out.add("macro `" + name + "` is not in default/macros.conf");
        }
      } else {
        int args = m.group(2).split(",", -1).length;
        if (!macros.contains(name + "(" + args + ")")) {
          out.add("macro `" + name + "` with " + args + " argument(s) is not in default/macros.conf");
        }
      }
    }
    return out;
  }

  private static List<String> tokenProblems(String text, Set<String> inputs, boolean inDrilldown) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text.replace("$$", ""));
    while (m.find()) {
      String token = m.group(1);
      boolean defined = inputs.contains(token) || inDrilldown && DRILLDOWN_TOKEN.matcher(token).matches();
      if (!defined) {
        out.add("token $" + token + "$ is not defined by an input");
      }
    }
    return out;
  }

  /** A link to one of the app's views may set only that view's inputs ({@code form.<token>}). */
  private static List<String> linkProblems(String target, Map<String, Set<String>> inputsByView) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("^/app/ide_tunnel_risk/([A-Za-z0-9_]+)(?:\\?(.*))?$").matcher(target);
    if (!m.matches()) {
      return out;
    }
    Set<String> targetInputs = inputsByView.get(m.group(1));
    if (targetInputs == null) {
      out.add("link to view " + m.group(1) + ", which does not exist");
      return out;
    }
    if (m.group(2) != null) {
      for (String param : m.group(2).split("&")) {
        String key = param.split("=", 2)[0];
        if (key.startsWith("form.") && !targetInputs.contains(key.substring("form.".length()))) {
          out.add("link sets " + key + ", which view " + m.group(1) + " has no input for");
        }
      }
    }
    return out;
  }

  /** The tokens a view's inputs define; a time input {@code t} defines {@code t.earliest} and {@code t.latest}. */
  private static Set<String> inputTokens(Document doc) {
    Set<String> out = new TreeSet<>();
    for (Element input : elements(doc.getDocumentElement(), "input")) {
      String token = input.getAttribute("token");
      out.add(token);
      if (input.getAttribute("type").equals("time")) {
        out.add(token + ".earliest");
        out.add(token + ".latest");
      }
    }
    for (Element set : elements(doc.getDocumentElement(), "set")) {
      out.add(set.getAttribute("token"));
    }
    return out;
  }

  /**
   * Fields the app writes: a risk event's own keys ({@link RiskEventFields#OWN}), the canonical fields it copies
   * from the source row (the field table), the run summary's keys (as {@code ModularInputMain} and {@code Poller}
   * put them), and Splunk's default fields.
   */
  private static Set<String> knownFields() throws IOException {
    Set<String> out = new HashSet<>(RiskEventFields.OWN);
    out.addAll(FieldTable.shipped().canonicalFields());
    for (String source : List.of("src/main/java/org/idetunnelrisk/modinput/ModularInputMain.java",
        "src/main/java/org/idetunnelrisk/app/Poller.java")) {
      Matcher m = PUT_KEY.matcher(Files.readString(Path.of(source)));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    out.addAll(List.of("status", "cluster_role", "_time", "host", "source", "sourcetype", "index"));
    return out;
  }

  private static Set<String> macroStanzas() throws IOException {
    Set<String> out = new HashSet<>();
    Matcher m = STANZA.matcher(Files.readString(Path.of("default/macros.conf")));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Set<String> viewNames() throws IOException {
    try (Stream<Path> files = Files.list(VIEWS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
          .map(n -> n.substring(0, n.length() - 4)).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  private static List<Element> elements(Element root, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = root.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  /** The text of the first child element named {@code tag}, or "". */
  private static String text(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent();
      }
    }
    return "";
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setExpandEntityReferences(false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(file.toFile());
  }
}
