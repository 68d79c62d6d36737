package org.idetunnelrisk.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws Sysmon events: realistic benign background (process starts, DNS, connections, file writes, image
 * loads, from everyday Windows processes and domains) in which {@value #NEAR_MISS_PERCENT}% of events (or a
 * share given to the constructor: 30% for a developer-heavy estate) are near misses ({@code Code.exe} opening a folder named like a tunnel, {@code tunnel} in unrelated
 * arguments, lookalike relay domains, a {@code code_tunnel.json.bak}, devtunnel.dll from its install
 * folder), and planted tunnel activity that a shipped rule finds. Deterministic for a seed; not thread-safe.
 */
final class EventMix {
  private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};
  private static final String[] HOSTS = {"WS-ALICE", "WS-BOB", "LAPTOP-CAROL", "WS-DAVE", "WS-ERIN", "BUILD-07", "SRV-APP01", "SRV-DB02"};
  /** Everyday processes: the bulk of a Sysmon log. */
  private static final String[][] PROCESSES = {
      {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US --renderer-client-id=%N%", "chrome.exe"},
      {"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --type=utility --utility-sub-type=network.mojom.NetworkService", "msedge.exe"},
      {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", "svchost.exe"},
      {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p", "svchost.exe"},
      {"C:\\Windows\\System32\\RuntimeBroker.exe", "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", "RuntimeBroker.exe"},
      {"C:\\Windows\\System32\\SearchIndexer.exe", "C:\\Windows\\system32\\SearchIndexer.exe /Embedding", "SearchIndexer.exe"},
      {"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", "Wmiprvse.exe"},
      {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}", "taskhostw.exe"},
      {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -NoProfile -Command Get-ChildItem C:\\src", "powershell.exe"},
      {"C:\\Windows\\System32\\cmd.exe", "cmd.exe /c dir C:\\Users\\%USER%\\Documents", "cmd.exe"},
      {"C:\\Program Files\\Git\\cmd\\git.exe", "git.exe fetch --prune origin", "git.exe"},
      {"C:\\Program Files\\nodejs\\node.exe", "node.exe C:\\src\\web\\node_modules\\.bin\\vite --port 5173", "node.exe"},
      {"C:\\Windows\\System32\\OpenSSH\\ssh.exe", "ssh.exe -N -L 5432:db.internal:5432 jump.example.com", "ssh.exe"},
      {"C:\\Program Files\\Python311\\python.exe", "python.exe -m pip install --upgrade requests", "python.exe"},
      {"C:\\Windows\\System32\\conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", "conhost.exe"},
      {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" /recycle", "outlook.exe"},
      {"C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", "\"C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe\" --type=gpu-process", "Teams.exe"},
      {"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background", "OneDrive.exe"},
      {"C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", "explorer.exe"},
      {"C:\\Windows\\System32\\dllhost.exe", "C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}", "dllhost.exe"},
  };
  /** Near misses: tunnel words, VS Code and Dev Tunnels names where no rule should fire. */
  private static final String[][] NEAR_MISSES = {
      {"C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe", "\"C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\" C:\\src\\tunnel-service", "electron.exe"},
      {"C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe", "\"C:\\Users\\%USER%\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\" --folder-uri file:///c%3A/src/billing-api", "electron.exe"},
      {"C:\\Program Files\\Git\\cmd\\git.exe", "git.exe commit -m \"fix tunnel timeout in proxy\"", "git.exe"},
      {"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --single-argument https://intranet.example.com/tunnel-policy", "msedge.exe"},
      {"C:\\Program Files\\WireGuard\\wireguard.exe", "\"C:\\Program Files\\WireGuard\\wireguard.exe\" /installtunnelservice C:\\ProgramData\\wg\\office.conf", "wireguard.exe"},
      {"C:\\Tools\\ngrok\\ngrok.exe", "C:\\Tools\\ngrok\\ngrok.exe tunnel --label edge=edghts_2 http://localhost:80", "ngrok.exe"},
      {"C:\\Program Files\\Python311\\python.exe", "python.exe -m pytest tests\\test_tunnel_config.py -q", "python.exe"},
      {"C:\\Program Files\\devtunnel-docs\\viewer.exe", "viewer.exe C:\\docs\\devtunnel-guide.pdf", "viewer.exe"},
  };
  private static final String[] PARENTS = {
      "C:\\Windows\\explorer.exe", "C:\\Windows\\System32\\services.exe", "C:\\Windows\\System32\\cmd.exe",
      "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\System32\\svchost.exe"};
  private static final String[] DOMAINS = {
      "www.google.com", "login.microsoftonline.com", "github.com", "api.github.com", "marketplace.visualstudio.com",
      "update.code.visualstudio.com", "vscode.dev", "outlook.office365.com", "teams.microsoft.com", "slack.com",
      "registry.npmjs.org", "pypi.org", "intranet.example.com", "settings-win.data.microsoft.com", "ctldl.windowsupdate.com",
      "clients2.google.com", "edge.microsoft.com", "graph.microsoft.com", "fonts.gstatic.com", "wpad.corp.example.com"};
  /** Lookalikes of the relay domains that no rule may match. */
  private static final String[] LOOKALIKES = {
      "devtunnels.ms.example.net", "notdevtunnels.ms", "tunnels.api.visualstudio.com.evil.org", "docs.devtunnels-info.com",
      "tunnel.example.org"};
  private static final String[] FILES = {
      "C:\\Users\\%USER%\\AppData\\Local\\Temp\\tmp%N%.tmp", "C:\\Users\\%USER%\\Downloads\\report-%N%.xlsx",
      "C:\\Users\\%USER%\\.vscode\\extensions\\ms-python.python-2026.1.0\\package.json",
      "C:\\Users\\%USER%\\.vscode\\argv.json", "C:\\Windows\\Prefetch\\CHROME.EXE-%N%.pf",
      "C:\\Users\\%USER%\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\f_%N%"};
  /** File near misses: a backup of the token file, a project folder named like a tunnel. */
  private static final String[] FILE_NEAR_MISSES = {
      "C:\\Users\\%USER%\\.vscode-cli\\code_tunnel.json.bak", "C:\\src\\tunnel-service\\src\\main.rs"};
  private static final String[] DLLS = {
      "C:\\Windows\\System32\\kernel32.dll", "C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\ws2_32.dll",
      "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clr.dll", "C:\\Windows\\System32\\crypt32.dll"};
  /** A devtunnel.dll loaded from its install folder, not from the single-file host's Temp folder. */
  private static final String DLL_NEAR_MISS = "C:\\Program Files\\devtunnel\\devtunnel.dll";
  /** Share of benign events drawn from the near misses, in percent. */
  static final int NEAR_MISS_PERCENT = 3;

  private final SplittableRandom rnd;
  private final int nearMissPercent;

  EventMix(long seed) {
    this(seed, NEAR_MISS_PERCENT);
  }

  /** With {@code nearMissPercent} (0 to 100) of benign events drawn from the near misses. */
  EventMix(long seed, int nearMissPercent) {
    if (nearMissPercent < 0 || nearMissPercent > 100) {
      throw new IllegalArgumentException("near-miss share must be within 0..100 percent: " + nearMissPercent);
    }
    this.rnd = new SplittableRandom(seed);
    this.nearMissPercent = nearMissPercent;
  }

  SysmonEvent next(long index, boolean planted) {
    String user = USERS[rnd.nextInt(USERS.length)];
    String host = HOSTS[rnd.nextInt(HOSTS.length)] + ".corp.example.com";
    long time = 1_793_491_200L + index;
    Map<String, String> d = new LinkedHashMap<>();
    int id = planted ? planted(d, user) : benign(d, user);
    d.put("User", "CORP\\" + user);
    return new SysmonEvent(id, host, index + 1, time, d, planted);
  }

  private int benign(Map<String, String> d, String user) {
    int k = rnd.nextInt(100);
    boolean near = rnd.nextInt(100) < nearMissPercent;
    if (k < 45) {
      String[] p = near ? NEAR_MISSES[rnd.nextInt(NEAR_MISSES.length)] : PROCESSES[rnd.nextInt(PROCESSES.length)];
      d.put("ProcessId", Integer.toString(1000 + rnd.nextInt(60000)));
      d.put("Image", p[0].replace("%USER%", user));
      d.put("OriginalFileName", p[2]);
      d.put("CommandLine", p[1].replace("%USER%", user).replace("%N%", Integer.toString(rnd.nextInt(1000))));
      d.put("CurrentDirectory", "C:\\Users\\" + user + "\\");
      d.put("ParentImage", PARENTS[rnd.nextInt(PARENTS.length)]);
      return 1;
    }
    if (k < 70) {
      d.put("ProcessId", Integer.toString(1000 + rnd.nextInt(60000)));
      d.put("QueryName", near ? LOOKALIKES[rnd.nextInt(LOOKALIKES.length)] : DOMAINS[rnd.nextInt(DOMAINS.length)]);
      d.put("QueryStatus", "0");
      d.put("Image", image(near, user));
      return 22;
    }
    if (k < 85) {
      d.put("Image", image(near, user));
      d.put("Protocol", "tcp");
      d.put("Initiated", "true");
      d.put("SourceIp", "10.1." + rnd.nextInt(256) + "." + rnd.nextInt(256));
      d.put("DestinationIp", "20." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256));
      d.put("DestinationHostname", near ? LOOKALIKES[rnd.nextInt(LOOKALIKES.length)] : DOMAINS[rnd.nextInt(DOMAINS.length)]);
      d.put("DestinationPort", "443");
      return 3;
    }
    if (k < 95) {
      d.put("Image", image(near, user));
      d.put("TargetFilename", (near ? FILE_NEAR_MISSES[rnd.nextInt(FILE_NEAR_MISSES.length)] : FILES[rnd.nextInt(FILES.length)])
          .replace("%USER%", user)
          .replace("%N%", Integer.toString(rnd.nextInt(100000))));
      return 11;
    }
    d.put("Image", image(near, user));
    d.put("ImageLoaded", near ? DLL_NEAR_MISS : DLLS[rnd.nextInt(DLLS.length)]);
    return 7;
  }

  private String image(boolean near, String user) {
    String[][] from = near ? NEAR_MISSES : PROCESSES;
    return from[rnd.nextInt(from.length)][0].replace("%USER%", user);
  }

  private int planted(Map<String, String> d, String user) {
    String home = "C:\\Users\\" + user;
    switch (rnd.nextInt(7)) {
      case 0:
        d.put("Image", home + "\\AppData\\Local\\Temp\\devtunnel.exe");
        d.put("OriginalFileName", "devtunnel.dll");
        d.put("CommandLine", "devtunnel.exe host -p 8080 --allow-anonymous");
        d.put("ParentImage", "C:\\Windows\\System32\\cmd.exe");
        return 1;
      case 1:
        d.put("Image", home + "\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe");
        d.put("OriginalFileName", "electron.exe");
        d.put("CommandLine", "\"" + home + "\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\" tunnel --accept-server-license-terms");
        d.put("ParentImage", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        return 1;
      case 2:
        d.put("Image", "C:\\ProgramData\\code-tunnel.exe");
        d.put("OriginalFileName", "code-tunnel.exe");
        d.put("CommandLine", "C:\\ProgramData\\code-tunnel.exe tunnel");
        d.put("ParentImage", "C:\\Windows\\System32\\svchost.exe");
        return 1;
      case 3:
        d.put("QueryName", Long.toHexString(rnd.nextLong() & 0xffffffL) + "-8080.usw2.devtunnels.ms");
        d.put("QueryStatus", "0");
        d.put("Image", "C:\\ProgramData\\code-tunnel.exe");
        return 22;
      case 4:
        d.put("Image", home + "\\AppData\\Local\\Temp\\devtunnel.exe");
        d.put("Protocol", "tcp");
        d.put("Initiated", "true");
        d.put("SourceIp", "10.1.2.3");
        d.put("DestinationIp", "20.42.0.16");
        d.put("DestinationHostname", "global.rel.tunnels.api.visualstudio.com");
        d.put("DestinationPort", "443");
        return 3;
      case 5:
        d.put("Image", "C:\\ProgramData\\code-tunnel.exe");
        d.put("TargetFilename", home + "\\.vscode-cli\\code_tunnel.json");
        return 11;
      default:
        d.put("Image", home + "\\AppData\\Local\\Temp\\devtunnel.exe");
        d.put("ImageLoaded", home + "\\AppData\\Local\\Temp\\.net\\devtunnel\\x" + rnd.nextInt(1000) + "\\devtunnel.dll");
        return 7;
    }
  }
}
