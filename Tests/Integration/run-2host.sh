#!/usr/bin/env bash
# The two-host suite: two Xen 4.17 hosts under QEMU (TCG), A and B, joined by a private link and
# sharing one disk, with this checkout's xm in both dom0s. Host A runs scenarios/2host-a.sh, which
# migrates guests between them and checks both hypervisors' views; host B runs 2host-b.sh, which
# serves (xm relocation-server and the suite's agent). Then 2host-pool-a and -b: a Corosync +
# Pacemaker pool that moves, restarts and fails over a guest through xm, ending with A's power
# cut. Exit status 0 only when every step of both passed.
#
#   Tests/Integration/run-2host.sh
#
# The link: both QEMUs run in a network namespace this script creates and deletes (ip netns),
# joined by a QEMU socket netdev on that namespace's loopback; dom0 A is 192.168.77.1 and dom0 B
# 192.168.77.2 on it, and no packet leaves the namespace. The shared disk: one image file given
# to both QEMUs (cache=none, share-rw=on), /dev/sda in both dom0s.
# Environment (all optional): XM_2HOST_PARTS (default "2host 2host-pool": the migrations, then
# the Pacemaker pool), XM_TIMEOUT (whole run, default 3600 s), XM_BOOT_TIMEOUT (600),
# XM_QEMU_CPU / XM_QEMU_MEM (qemu64,+svm,+npt / 2048 each), XM_BINARY, XM_CACHE_DIR.
# Logs: .cache/xen-under-qemu/run-2host/{A,B}/ (serial.log, summary.txt, ...).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=host/common.sh
. "$HERE/host/common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }
case "${1:-}" in -h|--help) usage 0;; esac
for tool in qemu-system-x86_64 cpio gzip python3 ip; do
  command -v "$tool" > /dev/null || die "$tool not found: run 'make setup' (scripts/setup-debian.sh) as root first"
done
[ "$(id -u)" = 0 ] || die "the two-host suite creates a network namespace: run it as root"

T0=$(now)
read -r _ BASE OVERLAY < <("$HERE/host/build-images.sh")
[ -n "$OVERLAY" ] || die "the images were not built (see above)"
T1=$(now)

RUNS=$CACHE/run-2host
rm -rf "$RUNS"; mkdir -p "$RUNS/A" "$RUNS/B"
for h in A B; do
  cp "$BASE/xen" "$BASE/vmlinuz" "$RUNS/$h/"
  cat "$BASE/base.cpio.gz" "$OVERLAY/overlay.cpio.gz" > "$RUNS/$h/initrd.gz"
done
truncate -s 64M "$RUNS/shared.img"

NS=xmtest-2host-$$
PORT=17701
ip netns add "$NS"
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
ip netns exec "$NS" ip link set lo up

TIMEOUT=${XM_TIMEOUT:-3600}
BOOT_TIMEOUT=${XM_BOOT_TIMEOUT:-600}
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M loglvl=all guest_loglvl=all serial_tx_buffer=1M"
# Each part is a pair of scenarios, PART-a on host A and PART-b on B, run in this order
PARTS=${XM_2HOST_PARTS:-2host 2host-pool}
scenarios() { # scenarios HOST SEPARATOR: the host's scenario names
  local p out=""
  for p in $PARTS; do out="$out${out:+$2}$p-${1,,}"; done
  echo "$out"
}
# boot HOST ADDRESS PEER NETDEV MAC: one host, in the namespace, its serial log in run-2host/HOST
boot() {
  ip netns exec "$NS" python3 "$HERE/host/boot.py" --run-dir "$RUNS/$1" --label "$1 " \
    --xen-args "$XEN_ARGS" \
    --dom0-args "console=hvc0 earlyprintk=xen rdinit=/init xmtest.scenarios=$(scenarios "$1" :) xmtest.ip=$2/24 xmtest.peer=$3" \
    --cpu "${XM_QEMU_CPU:-qemu64,+svm,+npt}" --memory "${XM_QEMU_MEM:-2048}" --smp 1 \
    --netdev "$4" --mac "$5" --shared-disk "$RUNS/shared.img" \
    --timeout "$TIMEOUT" --boot-timeout "$BOOT_TIMEOUT"
}
log "booting hosts A and B (namespace $NS, limit $TIMEOUT s; logs in $RUNS)"
set +e
boot A 192.168.77.1 192.168.77.2 "socket,id=n0,listen=127.0.0.1:$PORT" 52:54:00:77:00:01 &
pid_a=$!
# B connects to A's listening socket: wait for it
for _ in $(seq 1 100); do
  ip netns exec "$NS" ss -ltn 2>/dev/null | grep -q "127.0.0.1:$PORT " && break
  sleep 0.1
done
boot B 192.168.77.2 192.168.77.1 "socket,id=n0,connect=127.0.0.1:$PORT" 52:54:00:77:00:02 &
pid_b=$!
wait "$pid_a"; wait "$pid_b"
T2=$(now)

rc=0
for h in A B; do
  echo "==== host $h"
  python3 "$HERE/host/report.py" "$RUNS/$h" --extract-only
  python3 "$HERE/host/report.py" "$RUNS/$h" --expect "$(scenarios "$h" " ")" || rc=1
done
set -e
echo "Host timings (seconds): images $(elapsed "$T0" "$T1"), both QEMUs $(elapsed "$T1" "$T2"), total $(elapsed "$T0" "$(now)")"
exit $rc
