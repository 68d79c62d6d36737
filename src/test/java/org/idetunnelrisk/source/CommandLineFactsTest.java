package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineFactsTest {
  /** The facts derived from a row holding these canonical fields (name, value pairs). */
  private static Map<String, List<String>> facts(String... fields) {
    Map<String, List<String>> row = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      row.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
    }
    Map<String, List<String>> added = new LinkedHashMap<>();
    CommandLineFacts.derive(f -> row.containsKey(f) ? row.get(f).get(0) : null, (f, v) -> {
      added.computeIfAbsent(f, k -> new ArrayList<>()).add(v);
      row.computeIfAbsent(f, k -> new ArrayList<>()).add(v);
    });
    return added;
  }

  @Test
  void devTunnelsCliHostGivesTunnelIdAndPorts() {
    assertEquals(Map.of("tunnel_id", List.of("erin-rdp"), "tunnel_port", List.of("3389")),
        facts("process_name", "devtunnel.exe", "process", "devtunnel host erin-rdp -p 3389 --allow-anonymous"));
    assertEquals(Map.of("tunnel_port", List.of("80", "443", "8080")),
        facts("process", "C:\\tools\\devtunnel.exe host -p 80 443 --port-numbers=8080"));
    assertEquals(Map.of("tunnel_id", List.of("abc123"), "tunnel_port", List.of("5000", "5001")),
        facts("process_name", "devtunnel.exe", "process", "devtunnel port create abc123 -p 5000,5001"));
    assertEquals(Map.of(), facts("process_name", "devtunnel.exe", "process", "devtunnel user login -g -d"));
  }

  @Test
  void vsCodeCliTunnelGivesItsName() {
    assertEquals(Map.of("tunnel_name", List.of("erin-ws")), facts("process_name", "code-tunnel.exe", "process",
        "\"C:\\Program Files\\VS Code\\bin\\code-tunnel.exe\" tunnel --accept-server-license-terms --name erin-ws"));
    assertEquals(Map.of("tunnel_name", List.of("gina ws")), facts("process_name", "svcupd.exe", "process",
        "svcupd.exe tunnel --name=\"gina ws\""));
    assertEquals(Map.of(), facts("process_name", "notepad.exe", "process", "notepad.exe --name x"));
  }

  @Test
  void schtasksAndScGiveWhatWasMadePersistentAndItsCommand() {
    assertEquals(Map.of("persisted_name", List.of("VSCodeTunnel"), "persisted_command",
            List.of("C:\\Users\\erin\\code.exe tunnel --name x")),
        facts("process_name", "schtasks.exe", "process",
            "schtasks /create /sc onlogon /tn VSCodeTunnel /tr \"C:\\Users\\erin\\code.exe tunnel --name x\""));
    assertEquals(Map.of("persisted_name", List.of("devtun"), "persisted_command", List.of("C:\\t\\devtunnel.exe host")),
        facts("process_name", "sc.exe", "process", "sc.exe create devtun binPath= \"C:\\t\\devtunnel.exe host\""));
  }

  @Test
  void securityAndSystemEventsGiveTheirTaskOrServiceAsIs() {
    assertEquals(Map.of("persisted_name", List.of("\\Updater"), "persisted_command",
            List.of("C:\\x\\code.exe tunnel service internal-run")),
        facts("task_name", "\\Updater", "task_command", "C:\\x\\code.exe", "task_arguments",
            "tunnel service internal-run"));
    assertEquals(Map.of("persisted_name", List.of("DevTun"), "persisted_command", List.of("C:\\d\\devtunnel.exe host")),
        facts("service_name", "DevTun", "service_path", "C:\\d\\devtunnel.exe host"));
  }

  @Test
  void aFieldTheRowHasIsNeverOverwritten() {
    assertEquals(Map.of(), facts("process_name", "code.exe", "process", "code tunnel --name new",
        "tunnel_name", "own"));
  }

  @Test
  void splitsAsWindowsDoes() {
    assertEquals(List.of("a", "b c", "d\"e", ""), CommandLineFacts.split("a \"b c\" d\\\"e \"\""));
  }
}
