package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.modinput.ConfText;
import org.junit.jupiter.api.Test;

/** The shipped alert-action files agree with {@link AlertSettings#KEYS}. */
class AlertActionConfFilesTest {
  private static final String STANZA = AlertActionMain.ACTION;

  private static Map<String, String> params(Map<String, String> stanza, String prefix) {
    Map<String, String> params = new LinkedHashMap<>();
    stanza.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        params.put(k.substring(prefix.length()), v);
      }
    });
    return params;
  }

  @Test
  void alertActionsConfDeclaresEveryParameterAndTheProtocol() throws IOException {
    Map<String, String> stanza = ConfText.read(Path.of("default/alert_actions.conf")).stanza(STANZA);
    assertEquals("1", stanza.get("is_custom"));
    assertEquals("json", stanza.get("payload_format"));
    assertTrue(Files.isRegularFile(Path.of("app/appserver/static", stanza.get("icon_path"))));
    assertEquals(AlertSettings.KEYS, List.copyOf(params(stanza, "param.").keySet()));
  }

  /**
   * splunkd picks bin/&lt;stanza&gt;.sh on *nix and bin/&lt;stanza&gt;.cmd on Windows, and passes --execute itself;
   * an alert.execute.cmd would name one file for every platform (a .sh on Windows).
   */
  @Test
  void splunkdPicksTheLauncherForItsPlatform() throws IOException {
    Map<String, String> stanza = ConfText.read(Path.of("default/alert_actions.conf")).stanza(STANZA);
    assertEquals(List.of(), stanza.keySet().stream().filter(k -> k.startsWith("alert.execute.cmd")).toList());
    assertTrue(Files.isExecutable(Path.of("bin", STANZA + ".sh")));
    assertTrue(Files.isRegularFile(Path.of("bin", STANZA + ".cmd")));
  }

  @Test
  void shippedDefaultsAreValidSettings() throws IOException {
    Map<String, String> stanza = ConfText.read(Path.of("default/alert_actions.conf")).stanza(STANZA);
    AlertSettings settings = AlertSettings.from(params(stanza, "param."));
    assertEquals(AlertSettings.Rules.AUTO, settings.rules());
    assertEquals(List.of(), settings.unknownKeys());
  }

  @Test
  void specDeclaresEveryParameter() throws IOException {
    Map<String, String> stanza = ConfText.read(Path.of("app/README/alert_actions.conf.spec")).stanza(STANZA);
    assertEquals(AlertSettings.KEYS, List.copyOf(params(stanza, "param.").keySet()));
  }

  @Test
  void savedSearchesSpecDeclaresEveryParameter() throws IOException {
    Map<String, String> stanza =
        ConfText.read(Path.of("app/README/savedsearches.conf.spec")).stanza("<stanza name>");
    assertEquals(AlertSettings.KEYS,
        List.copyOf(params(stanza, "action." + STANZA + ".param.").keySet()));
    assertTrue(stanza.containsKey("action." + STANZA));
  }

  @Test
  void formHasOneInputPerParameter() throws IOException {
    String html = Files.readString(Path.of("default/data/ui/alerts/" + STANZA + ".html"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("name=\"([^\"]+)\"").matcher(html);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    assertEquals(AlertSettings.KEYS.stream().map(k -> "action." + STANZA + ".param." + k).toList(), names);
    assertTrue(!html.contains("<script"), "scripts are stripped by Splunk Web; do not ship any");
  }
}
