# 2host-pool-b: host B of the pool (host A runs 2host-pool-a, which drives it through the agent).
# Serves until A arms the failover and loses its power, then checks what the cluster did here
# alone: the guest started on B within a bounded time, its heartbeat numbered on from every
# heartbeat A's guest wrote to the shared disk before A died, and those blocks read back; then the
# cluster stops the guest and both daemons stop.
# timeout: 1500
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
# shellcheck disable=SC1091 # the image has them at /xmtest (Tests/Integration/dom0/)
. /xmtest/twohost.sh
. /xmtest/cluster.sh
BASE=65536   # where the guest's journal starts on the shared disk (twohost.sh)

# xm's relocation server (2host-b stopped its own): the cluster's migrations to B come in here
ready_for_peer
start_relocation --timeout 20

step pool-serve "serve host A's pool steps until it arms the failover"
armed() { [ -e /tmp/xmtest-failover ] || [ -e /tmp/xmtest-pool-done ]; }
if ! wait_for "$(within 1400)" armed; then fail "host A neither armed the failover nor ended the pool"; return 0
elif [ ! -e /tmp/xmtest-failover ]; then fail "host A ended its pool steps without a failover (see A's report)"; return 0
fi
read -r t0 last < /tmp/xmtest-failover
pass "A's guest at heartbeat $last when A armed the failover"

# first_beat: the first heartbeat of the guest here; polled each second (the failover's end)
first_beat() { tr -d '\r' < "$(newest_log "$HA")" 2>/dev/null | awk '$1 == "XM-GUEST-ALIVE" { print $2; exit }'; }
step failover "A's QEMU killed: the cluster declares A lost and starts the guest on B, which beats"
deadline=$(( ${t0%.*} + $(within 900) ))
while [ -z "$(first_beat)" ] && [ "$(uptime_s | cut -d. -f1)" -lt "$deadline" ]; do sleep 1; done
t1=$(uptime_s)
first=$(first_beat)
if [ -n "$first" ] && running "$(local_state "$HA")" && [ "$(located "$HA")" = dom0b ] \
   && crm_mon -1 2>/dev/null | grep -q 'OFFLINE: \[ dom0a \]'; then
  measure "pool: failover, A's power cut -> first heartbeat on B" "$t0" "$t1"
  pass "first heartbeat $first on B $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s after the cut"
else
  fail "first heartbeat '${first:-none}', state $(local_state "$HA"), located '$(located "$HA")'"
  crm_mon -1 2>&1 | indent crm_mon; tail -n 40 "$CLUSTER_LOG" | indent pacemaker; tail -n 20 "$COROSYNC_LOG" | indent corosync
  console_tail "$HA" 10
fi

step failover-disk "every heartbeat A's guest wrote is on the shared disk; B's guest numbered on from them"
found=$(tr -d '\r' < "$(newest_log "$HA")" 2>/dev/null | sed -n 's/.*XM-GUEST-JOURNAL found=\([0-9]*\).*/\1/p' | head -n 1)
echo 3 > /proc/sys/vm/drop_caches
missing="" n=1
while [ "$n" -le "$last" ]; do
  got=$(dd if=/dev/sda bs=512 skip=$((BASE + n)) count=1 iflag=direct 2>/dev/null | tr -d '\000' | head -n 1)
  [ "$got" = "XM-DISK $n" ] || missing="$missing $n"
  n=$((n + 1))
done
if [ -n "$found" ] && [ "$found" -ge "$last" ] && [ "${first:-0}" = $((found + 1)) ] && [ -z "$missing" ]; then
  pass "blocks 1..$last read back; the guest found $found and beat on from $first"
else fail "journal found '${found:-?}', first heartbeat '${first:-?}', A's last seen $last; missing or wrong:$missing"; fi

step pool-stop "the cluster stops the guest (target-role Stopped); pacemaker and corosync stop"
show crm_resource -r "$HA" --meta -p target-role -v Stopped
stopped() { [ "$(local_state "$HA")" = none ]; }
if wait_for "$(within 400)" stopped; then cluster_stop; pass
else fail "still $(local_state "$HA")"; cluster_stop; destroy_until_gone 60 echo "$HA"; fi
kill "$(cat "$RELOC_LOG.pid")" 2>/dev/null
