# 2host-pool-a: host A of the pool, after 2host-a (host B runs 2host-pool-b). Corosync and
# Pacemaker from Debian on both hosts, and one guest as an ocf:heartbeat:Xen resource with
# allow-migrate, whose toolstack is xm: the cluster starts it, moves it A->B and back (live
# migrations through xm's relocation servers), restarts it once when it crashes, and when A loses
# its power (the host kills A's QEMU at this scenario's request) starts it on B, where
# 2host-pool-b checks the failover. Every step checks both hypervisors' views (xl, observing) and
# the guest's heartbeat; the guest keeps its heartbeats on the shared disk as a journal.
# timeout: 1200
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
# shellcheck disable=SC1091 # the image has them at /xmtest (Tests/Integration/dom0/)
. /xmtest/twohost.sh
. /xmtest/cluster.sh

# boots: how many times the pool's guest has booted, on both hosts together
boots() { echo $(( $(hellos "$HA") + $(peer hellos "$HA") )); }
# at NODE: the cluster has the guest on NODE, and the hypervisors agree (on A alone, or B alone)
at() {
  [ "$(located "$HA")" = "$1" ] || return 1
  if [ "$1" = dom0a ]; then here "$HA"; else there "$HA"; fi
}
settled() { timeout "$(within 900)" crm_resource --wait --timeout "$(within 900)" > /dev/null 2>&1; }
pool_views() { views; crm_mon -1 2>&1 | indent crm_mon; tail -n 30 "$CLUSTER_LOG" | indent pacemaker; }
# the end of the pool without a failover (a step failed): both hosts' clusters stopped, the guest
# destroyed, B told
pool_abandon() {
  info "no failover: $1"
  cluster_stop; PEER_WAIT=400 peer cluster-stop > /dev/null
  gone_everywhere "$HA"
  peer pool-done > /dev/null
}

step pool "corosync and pacemaker on both hosts: both nodes online in one cluster"
# xm's relocation servers (2host-a and 2host-b stopped theirs): B's starts with its pool scenario
ready_for_peer
start_relocation --timeout 20
relocation_both() { grep -q "listening on" "$RELOC_LOG" && peer log "$RELOC_LOG" 1000 | grep -q "listening on"; }
if wait_for "$(within 300)" peer_up && cluster_start && peer cluster-up > /dev/null && wait_for "$(within 600)" cluster_online \
   && wait_for "$(within 120)" relocation_both; then
  pass "$(crm_mon -1 | grep -m1 'Online:' | sed 's/^ *//')"
else
  fail "the pool did not form"; crm_mon -1 2>&1 | indent crm_mon; tail -n 30 "$COROSYNC_LOG" | indent corosync
  tail -n 30 "$CLUSTER_LOG" 2>&1 | indent pacemaker
  pool_abandon "no pool"; return 0
fi

# The cluster's configuration, made once on A (the CIB is the pool's). No fencing: a failed host
# here is a QEMU the test killed, already as dead as a fence agent would make it, and with
# fencing enabled but no fence device Pacemaker starts nothing. A real pool fences (see xm(1)).
step pool-resource "the guest as an ocf:heartbeat:Xen resource: the cluster starts it on dom0a with xm"
configure() {
  crm_attribute --type crm_config --name stonith-enabled --update false &&
  crm_attribute --type crm_config --name no-quorum-policy --update ignore &&
  cibadmin --create --scope configuration --xml-text '<rsc_defaults><meta_attributes id="rsc-options">
      <nvpair id="rsc-options-stickiness" name="resource-stickiness" value="100"/></meta_attributes></rsc_defaults>' &&
  cibadmin --create --scope resources --xml-text "<primitive id=\"$HA\" class=\"ocf\" provider=\"heartbeat\" type=\"Xen\">
      <instance_attributes id=\"$HA-ia\">
        <nvpair id=\"$HA-xmfile\" name=\"xmfile\" value=\"/tmp/$HA.cfg\"/>
        <nvpair id=\"$HA-shutdown_timeout\" name=\"shutdown_timeout\" value=\"60\"/>
      </instance_attributes>
      <meta_attributes id=\"$HA-meta\"><nvpair id=\"$HA-allow-migrate\" name=\"allow-migrate\" value=\"true\"/></meta_attributes>
      <operations>
        <op id=\"$HA-monitor\" name=\"monitor\" interval=\"10s\" timeout=\"60s\"/>
        <op id=\"$HA-start\" name=\"start\" interval=\"0s\" timeout=\"300s\"/>
        <op id=\"$HA-stop\" name=\"stop\" interval=\"0s\" timeout=\"300s\"/>
        <op id=\"$HA-migrate_to\" name=\"migrate_to\" interval=\"0s\" timeout=\"600s\"/>
        <op id=\"$HA-migrate_from\" name=\"migrate_from\" interval=\"0s\" timeout=\"300s\"/>
      </operations></primitive>" &&
  cibadmin --create --scope constraints --xml-text "<rsc_location id=\"$HA-prefers-dom0a\" rsc=\"$HA\" node=\"dom0a\" score=\"50\"/>"
}
gone_everywhere "$HA"
if ! show configure; then fail "the configuration was refused (exit $_rc)"; pool_abandon "no resource"; return 0; fi
if wait_for "$(within 600)" at dom0a && wait_for "$(within 400)" beats_here_past "$HA" 3; then
  pass "$(crm_mon -1 | grep -m1 "$HA" | sed 's/^ *//')"
else fail "not running on dom0a"; pool_views; pool_abandon "the resource did not start"; return 0; fi

# move NODE BEAT: the cluster told to move the guest to NODE and settled; it runs there alone, and
# its heartbeat went on past BEAT+2 without a new boot (a live migration, not a restart)
move() {
  _boots=$(boots); t0=$(uptime_s)
  show crm_resource --move -r "$HA" -N "$1" || return 1
  settled; at "$1" || { wait_for "$(within 120)" at "$1" || return 1; }
  measure "pool: crm_resource --move to $1, settled" "$t0"; moved_in=$(seconds_since "$t0")
  if [ "$1" = dom0b ]; then wait_for "$(within 120)" beats_there_past "$HA" $(( $2 + 2 ))
  else wait_for "$(within 120)" beats_here_past "$HA" $(( $2 + 2 )); fi || return 1
  [ "$(boots)" = "$_boots" ]
}
step pool-move "crm_resource --move to dom0b: xm migrates it live, the heartbeat goes on, one domain"
b=$(beat_here "$HA")
if move dom0b "$b" && peer log "$RELOC_LOG" 20 | grep -q "migration from $MY_ADDR.* done"; then
  pass "moved in $moved_in s; $(peer log "$RELOC_LOG" 20 | grep "migration from $MY_ADDR.* done" | tail -n 1)"
else fail "boots $(boots), heartbeat $(beat_there "$HA") (was $b)"; pool_views; fi
show crm_resource --clear -r "$HA"

step pool-move-back "crm_resource --move to dom0a: back the same way, B's xm migrating"
b=$(beat_there "$HA")
if move dom0a "$b" && grep -q "migration from $PEER.* done" "$RELOC_LOG"; then pass "moved in $moved_in s"
else fail "boots $(boots), heartbeat $(beat_here "$HA") (was $b)"; pool_views; fi
show crm_resource --clear -r "$HA"

# With on_crash="destroy" xm leaves the crashed domain to the cluster: its monitor finds the guest
# gone and starts it again (in place: the node has not failed). Had xm restarted it too, the
# guest would boot twice, or run on both hosts.
step pool-crash "the guest crashes (xm sysrq c): the cluster starts it again, once; it runs on one host"
node=$(located "$HA"); boots0=$(boots); b=$(newest_beat "$HA")
restarted() { [ "$(boots)" -gt "$boots0" ]; }
once() { { here "$HA" || there "$HA"; } && [ -n "$(located "$HA")" ]; }
if [ "$node" = dom0a ] && show xm sysrq "$HA" c && wait_for "$(within 600)" restarted && settled \
   && wait_for "$(within 300)" once; then
  # three of the cluster's monitor intervals more: nothing restarts it a second time
  sleep 30
  # a restart here numbers its heartbeats on from the journal the crashed boot wrote
  found=$(tr -d '\r' < "$(newest_log "$HA")" 2>/dev/null | sed -n 's/.*XM-GUEST-JOURNAL found=\([0-9]*\).*/\1/p' | tail -n 1)
  if [ "$(boots)" = $((boots0 + 1)) ] && once && { [ "$(located "$HA")" != dom0a ] || [ "${found:-0}" -ge "$b" ]; }; then
    pass "booted once more, on $(located "$HA"); heartbeat $b before the crash, the new boot found $found"
  else fail "boots $boots0 -> $(boots), journal found ${found:-?} (heartbeat $b before)"; pool_views; fi
else fail "on ${node:-nowhere}, boots $boots0 -> $(boots)"; pool_views; fi
show crm_resource --cleanup -r "$HA"
settled

step pool-failover-armed "the guest on dom0a, beating: B is told, then A loses its power"
on_dom0a() {
  at dom0a && return 0
  show crm_resource --move -r "$HA" -N dom0a; settled; show crm_resource --clear -r "$HA"
  at dom0a
}
if on_dom0a && wait_for "$(within 120)" beats_here_past "$HA" "$(( $(beat_here "$HA") + 1 ))"; then
  last=$(beat_here "$HA")
  peer forget "$HA" > /dev/null
  peer arm-failover "$last" > /dev/null
  pass "heartbeat $last; killing this host's QEMU"
  power_cut
fi
fail "the guest is not on dom0a"; pool_views
pool_abandon "the guest is not on dom0a"
kill "$(cat "$RELOC_LOG.pid")" 2>/dev/null
