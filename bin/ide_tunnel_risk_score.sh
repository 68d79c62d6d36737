#!/bin/sh
# Alert action ide_tunnel_risk_score: splunkd runs it with --execute and the JSON payload on stdin when an
# alert fires.
exec "$(dirname -- "$0")/ide_tunnel_risk_java.sh" ide_tunnel_risk_score alert "$@"
