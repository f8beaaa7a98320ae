# 2host-b: host B of the two-host suite. Brings up the link, xm's relocation server and the
# agent through which host A drives and observes (dom0/peer-agent), then serves until A is done.
# A's scenario (2host-a) holds the steps; this one checks that B ends clean.
# timeout: 2600
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
# shellcheck disable=SC1091 # the image has it at /xmtest (Tests/Integration/dom0/twohost.sh)
. /xmtest/twohost.sh

step link "eth0 $MY_IP, the peer $PEER answers"
if link_up; then pass; else fail "no link"; ip addr 2>&1 | indent ip; return 0; fi

step services "the agent on $AGENT_PORT and xm relocation-server on 8002"
start_agent
start_relocation --timeout 20
if wait_for 60 grep -q "listening on" "$RELOC_LOG"; then pass "$(grep 'hosts allowed' "$RELOC_LOG")"
else fail "the relocation server did not start"; show cat "$RELOC_LOG"; fi

step serve "serve host A until it is done"
finished() { [ -e /tmp/xmtest-finish ]; }
if wait_for "$(within 2600)" finished; then pass; else fail "host A never said it was done"; fi

step clean "no guest is left on B, and no half-received domain"
left=$(xl list 2>/dev/null | awk 'NR > 2 { print $1 }')
if [ -z "$left" ]; then pass; else fail "left: $left"; fi
show tail -n 40 "$RELOC_LOG"
kill "$(cat "$RELOC_LOG.pid")" 2>/dev/null
