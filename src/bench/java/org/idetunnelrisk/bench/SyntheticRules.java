package org.idetunnelrisk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;

/**
 * A large rule set for measuring how cost grows with rules: the shipped rules plus generated Sigma rules
 * in the shapes SigmaHQ's process, DNS, network, file and image-load rules take (a name list, a command
 * line fragment with {@code contains|all}, a parent, a domain suffix, a path with a wildcard), each on
 * its own made-up tool so that none fires on the generated corpus. Loaded through the real loader.
 * Deterministic; stateless.
 */
public final class SyntheticRules {
  private SyntheticRules() {}

  /** The shipped rules plus generated ones, {@code total} in all. */
  public static List<Rule> load(int total, FieldTable fields) {
    RuleLoader loader = new RuleLoader(fields);
    RuleSet shipped = loader.loadShipped();
    List<Rule> rules = new ArrayList<>(shipped.rules());
    SplittableRandom rnd = new SplittableRandom(500);
    for (int i = rules.size(); i < total; i++) {
      RuleSet one = loader.loadText(yaml(i, rnd), "synthetic-" + i + ".yml");
      if (!one.ok()) {
        throw new IllegalStateException("synthetic rule " + i + " does not load: " + one.problems());
      }
      rules.addAll(one.rules());
    }
    return rules;
  }

  static String yaml(int i, SplittableRandom rnd) {
    String tool = word(rnd) + i;
    String head = "title: Synthetic " + i + "\nid: " + new java.util.UUID(0x5eed, i) + "\nlevel: medium\n";
    switch (i % 5) {
      case 0:
        return head + "logsource: {category: process_creation, product: windows}\ndetection:\n"
            + "  sel_img:\n    Image|endswith:\n      - '\\" + tool + ".exe'\n      - '\\" + tool + "64.exe'\n"
            + "  sel_cli:\n    CommandLine|contains|all:\n      - ' -" + word(rnd) + "'\n      - ' --" + word(rnd) + "'\n"
            + "  filter:\n    ParentImage|startswith: 'C:\\Program Files\\'\n"
            + "  condition: 1 of sel_* and not filter\n";
      case 1:
        return head + "logsource: {category: dns_query}\ndetection:\n"
            + "  sel:\n    QueryName|endswith:\n      - '." + tool + ".net'\n      - '." + tool + "-relay.com'\n"
            + "  condition: sel\n";
      case 2:
        return head + "logsource: {category: network_connection}\ndetection:\n"
            + "  sel:\n    DestinationHostname|contains: '" + tool + "'\n    Initiated: 'true'\n"
            + "  condition: sel\n";
      case 3:
        return head + "logsource: {category: file_event}\ndetection:\n"
            + "  sel:\n    TargetFilename|contains: '\\AppData\\*\\" + tool + "\\'\n"
            + "  condition: sel\n";
      default:
        return head + "logsource: {category: process_creation}\ndetection:\n"
            + "  sel_parent:\n    ParentImage|endswith: '\\" + tool + ".exe'\n"
            + "  sel_child:\n    Image|endswith:\n      - '\\cmd.exe'\n      - '\\powershell.exe'\n"
            + "  sel_orig:\n    OriginalFileName: '" + tool + ".dll'\n"
            + "  condition: (sel_parent and sel_child) or sel_orig\n";
    }
  }

  private static String word(SplittableRandom rnd) {
    String consonants = "bcdfghjklmnpqrstvwxz";
    String vowels = "aeiou";
    StringBuilder sb = new StringBuilder();
    int syllables = 2 + rnd.nextInt(2);
    for (int k = 0; k < syllables; k++) {
      sb.append(consonants.charAt(rnd.nextInt(consonants.length()))).append(vowels.charAt(rnd.nextInt(vowels.length())));
    }
    return sb.toString();
  }
}
