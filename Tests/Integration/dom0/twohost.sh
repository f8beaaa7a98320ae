# shellcheck shell=sh disable=SC2034 # MY_ADDR and the guest names are for the scenarios that source this
# Helpers of the two-host scenarios (2host-a.sh drives, 2host-b.sh serves), sourced after lib.sh.
# Each dom0 learns its part from the kernel command line: xmtest.ip=ADDRESS/PREFIX and
# xmtest.peer=ADDRESS. The hosts talk over their private link only: migrations (xm's relocation
# servers, port 8002), and the agent (dom0/peer-agent, port 8001) through which A observes B.
AGENT_PORT=8001
cmdline_param() { read -r _cl < /proc/cmdline; for _w in $_cl; do case "$_w" in "$1="*) echo "${_w#*=}"; return;; esac; done; }
MY_IP=$(cmdline_param xmtest.ip)
MY_ADDR=${MY_IP%/*}
PEER=$(cmdline_param xmtest.peer)
RELOC_LOG=/var/log/xen/relocation.log

# link_up: eth0 with our address, lo, and the peer answering ping
link_up() {
  ip link set lo up
  grep -q localhost /etc/hosts 2>/dev/null || echo "127.0.0.1 localhost" >> /etc/hosts
  wait_for 30 ip link show eth0 || return 1
  ip link set eth0 up && ip addr add "$MY_IP" dev eth0 && wait_for "$(within 600)" ping -c 1 -W 1 "$PEER"
}
# peer COMMAND...: run an agent command on the other host; its output, and its rc as our status.
# PEER_WAIT: seconds allowed for the answer (default 30).
peer() {
  echo "$*" | nc -w "${PEER_WAIT:-30}" "$PEER" "$AGENT_PORT" > "$XM_STATE/peer.out" 2>&1
  _prc=$(sed -n 's/^rc=\([0-9]*\)$/\1/p' "$XM_STATE/peer.out" | tail -n 1)
  sed '/^rc=[0-9]*$/d' "$XM_STATE/peer.out"
  [ "${_prc:-99}" = 0 ]
}
peer_up() { [ "$(peer ping)" = pong ]; }
start_agent() { setsid nc -ll -p "$AGENT_PORT" -e /xmtest/peer-agent < /dev/null > /dev/null 2>&1 & touch /tmp/xmtest-agent; }
# ready_for_peer: the link and the agent, as an earlier scenario left them, or brought up now (a
# later part run alone, XM_2HOST_PARTS)
ready_for_peer() {
  { ip addr show eth0 2>/dev/null | grep -q "inet $MY_IP"; } || link_up || return 1
  [ -e /tmp/xmtest-agent ] || start_agent
}
# start_relocation [ARGS...]: this host's xm relocation server, letting in the link's hosts
start_relocation() {
  setsid xm relocation-server --hosts-allow '^192\.168\.77\.' "$@" < /dev/null > "$RELOC_LOG" 2>&1 &
  echo $! > "$RELOC_LOG.pid"
}
# the hypervisor's view (xl as observer) of one guest on this host, as the agent's `state` prints it
local_state() {
  xl list 2>/dev/null | awk -v n="$1" '
    $1 == n { c++; s = $5 } $1 == n"--incoming" || $1 == n"--migratedaway" { o = "+extra" }
    END { print (c == 0 ? "none" : c > 1 ? "many" : s) o }'
}
# running STATE: one domain, running or blocked (not paused, shut down, crashed or dying), alone
running() { case "$1" in *+extra|none|many|*p*|*s*|*c*|*d*) return 1;; *) return 0;; esac; }
# Seen from host A, which drives: "here" is A, "there" is B.
beat_here() { newest_beat "$1"; }
beat_there() { peer beat "$1"; }
# here NAME: it runs here once and not on B; there NAME: the other way round
here() { running "$(local_state "$1")" && [ "$(peer state "$1")" = none ]; }
there() { running "$(peer state "$1")" && [ "$(local_state "$1")" = none ]; }
beats_here_past() { [ "$(beat_here "$1")" -ge "$2" ]; }
beats_there_past() { [ "$(beat_there "$1")" -ge "$2" ]; }
# arrived NAME BEAT: on B alone, and its heartbeat there passes BEAT+2 (the same guest runs on)
arrived() { wait_for "$(within 60)" there "$1" && wait_for "$(within 120)" beats_there_past "$1" $(( $2 + 2 )); }
# came_back NAME BEAT: on A alone, heartbeat past BEAT+2 (moved back, or resumed by the source)
came_back() { wait_for "$(within 60)" here "$1" && wait_for "$(within 120)" beats_here_past "$1" $(( $2 + 2 )); }
# gone_everywhere NAME: destroyed on B and here, its console logs removed on both
gone_everywhere() {
  PEER_WAIT=120 peer xm destroy "$1" > /dev/null
  peer forget "$1" > /dev/null
  destroy_until_gone 60 echo "$1"
  rm -f "$CONSOLE_LOGS/guest-$1.log" "$CONSOLE_LOGS/guest-$1--incoming.log"
}
views() { xl list 2>&1 | indent "A: xl list"; peer list | indent "B: xl list"; tail -n 6 "$RELOC_LOG" | indent "A: relocation"; peer log "$RELOC_LOG" 8 | indent "B: relocation"; }

# The suite's guests, as /tmp/NAME.cfg on both hosts (either may create one): PV and PVH of
# 128 MiB; a PV guest of 384 MiB whose stream lasts long enough to be cut; the PVH one writes
# the shared disk at each heartbeat; HVM of 256 MiB.
PV=xm2-pv PVH=xm2-pvh HVM=xm2-hvm BIG=xm2-big
variant() { # variant SOURCE NAME MEMORY [EXTRA-LINE]: a copy of a guest config, as /tmp/NAME.cfg
  sed -e "s/^name = .*/name = \"$2\"/" -e "s/^memory = .*/memory = $3/" \
      -e "s|guest-xmtest-hvm.log|guest-$2.log|" "/etc/xen/xmtest/$1.cfg" > "/tmp/$2.cfg"
  [ -z "${4:-}" ] || echo "$4" >> "/tmp/$2.cfg"
}
variant pv "$PV" 128
variant pv "$BIG" 384
variant pvh "$PVH" 128 "disk = ['phy:/dev/sda,xvdb,w']"
sed -i 's|^extra = "\(.*\)"|extra = "\1 xmtest.disk=/dev/xvdb"|' "/tmp/$PVH.cfg"
variant hvm "$HVM" 256
# The pool's guest (2host-pool-*): PVH on the shared disk, where it keeps its heartbeats as a
# journal past block 65536 (a restart anywhere numbers on from the last one written); on_crash
# destroy, as a cluster's guest must have it: restarting is the cluster's decision, not xm's.
HA=xm2-ha
variant pvh "$HA" 128 "disk = ['phy:/dev/sda,xvdb,w']"
sed -i -e 's|^extra = "\(.*\)"|extra = "\1 xmtest.disk=/dev/xvdb xmtest.disk_base=65536 xmtest.disk_journal=1 xmtest.sysrq=1"|' \
       -e 's|^on_crash = .*|on_crash = "destroy"|' "/tmp/$HA.cfg"
