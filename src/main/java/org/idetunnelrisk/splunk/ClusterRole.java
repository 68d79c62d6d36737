package org.idetunnelrisk.splunk;

import java.util.List;
import java.util.Objects;

/**
 * What splunkd says of this search head's place in a search head cluster, asked at each run by
 * {@link SplunkClient#clusterRole()}: {@code GET /services/server/info} lists {@code server_roles}, which hold
 * {@code shc_captain} on the cluster's captain and {@code shc_member} on each other member (a standalone search
 * head has neither). Only a standalone search head and the captain poll and write risk events; the captain
 * moves between members, so the answer holds for one run. Immutable.
 *
 * @param kind standalone, captain or member
 * @param serverRoles the {@code server_roles} splunkd listed, in its order
 * @param captain for a member, who the captain is ({@code sh2 at https://sh2:8089}, from
 *     {@code GET /services/shcluster/captain/info}) or why that is unknown; empty otherwise
 */
public record ClusterRole(Kind kind, List<String> serverRoles, String captain) {

  /** The three places a search head can hold. */
  public enum Kind {
    /** Not in a search head cluster: polls. */
    STANDALONE,
    /** The search head cluster's captain: polls, for the whole cluster. */
    CAPTAIN,
    /** A member that is not the captain: stands aside. */
    MEMBER
  }

  public ClusterRole {
    Objects.requireNonNull(kind, "kind");
    serverRoles = List.copyOf(serverRoles);
    Objects.requireNonNull(captain, "captain");
  }

  /** The role splunkd's {@code server_roles} give: {@code shc_captain} first, then {@code shc_member}. */
  public static Kind of(List<String> serverRoles) {
    return serverRoles.contains("shc_captain") ? Kind.CAPTAIN
        : serverRoles.contains("shc_member") ? Kind.MEMBER : Kind.STANDALONE;
  }

  /** Whether this search head polls and writes: standalone or captain. */
  public boolean polls() {
    return kind != Kind.MEMBER;
  }

  /** {@code standalone}, {@code captain} or {@code member}, for the run summary. */
  public String word() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
