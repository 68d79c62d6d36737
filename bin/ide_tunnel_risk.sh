#!/bin/sh
# Modular input ide_tunnel_risk: splunkd runs it with --scheme at start-up, --validate-arguments when an input
# is saved, and with no argument every interval (input definition on stdin).
exec "$(dirname -- "$0")/ide_tunnel_risk_java.sh" ide_tunnel_risk modinput "$@"
