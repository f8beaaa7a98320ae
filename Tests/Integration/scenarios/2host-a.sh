# 2host-a: host A of the two-host suite, which drives it (host B runs 2host-b and its agent).
# Real migrations between two Xen hosts over their private link, each checked on the
# hypervisor's own view of both hosts (xl list as observer): the domain runs on exactly one.
# PV without --live A->B; PVH live A->B->A on the shared disk; HVM live A->B; xm->xl, the
# benchmark against xl, xl->xm; two migrations at once; every block the PVH guest wrote through
# all those moves read back; an unlisted peer; the receiver killed mid-stream, then its server;
# the link cut mid-stream; TLS with a stranger's certificate and none, then the pool's.
# A guest moves on from step to step; a step whose guest is missing (an earlier step failed)
# makes a new one, so that one failure does not fail the steps after it.
# timeout: 2400
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
# shellcheck disable=SC1091 # the image has it at /xmtest (Tests/Integration/dom0/twohost.sh)
. /xmtest/twohost.sh

migrate() { # migrate TIMEOUT ARGS...: xm migrate here, output shown, status in $_rc
  _t=$1; shift; show timeout "$(within "$_t")" xm migrate "$@"
}
# fresh_here NAME [LIMIT]: NAME newly created on A alone and beating; fails as soon as create does
fresh_here() {
  gone_everywhere "$1"
  show xm create "/tmp/$1.cfg" || { info "xm create $1 failed (exit $_rc)"; return 1; }
  wait_for "$(within "${2:-400}")" beats_here_past "$1" 3 && return 0
  info "no heartbeat from $1"; tr -d '\r' < "$(newest_log "$1")" 2>/dev/null | tail -n 20 | indent "console $1"
  return 1
}
# live_for NAME: --live but for the PV guests (this Xen has no shadow paging for a live PV move)
live_for() { case "$1" in "$PV"|"$BIG") ;; *) echo --live;; esac; }
# on_a NAME [LIMIT]: NAME runs on A alone and beats: as it is, moved back from B by B's xm (a
# guest boot under TCG costs a minute or more, a move seconds), or created afresh
on_a() {
  { here "$1" && beats_here_past "$1" 1; } && return 0
  if there "$1"; then
    _b=$(beat_there "$1")
    PEER_WAIT=$(within 900) peer xm migrate "$(live_for "$1")" "$1" "$MY_ADDR" | indent "B: xm migrate"
    came_back "$1" "$_b" && return 0
    info "$1 did not come back from B; a new one"
  fi
  fresh_here "$@"
}
# on_b NAME: NAME runs on B alone and beats: as it is, or created there afresh
on_b() {
  { there "$1" && beats_there_past "$1" 1; } && return 0
  gone_everywhere "$1"
  PEER_WAIT=120 peer xm create "/tmp/$1.cfg" > "$XM_STATE/peer-create.out"; _prc=$?
  indent "B: xm create" < "$XM_STATE/peer-create.out"
  [ "$_prc" = 0 ] || return 1
  wait_for "$(within 400)" beats_there_past "$1" 3 || { info "no heartbeat from $1 on B"; return 1; }
}
# done_with NAME...: those guests destroyed on both hosts (memory for the next step)
done_with() { for _g in "$@"; do gone_everywhere "$_g"; done; }
# faults_now (for lib.sh's past_faults): guest triple faults logged by both hosts' Xen. The steps' CHECKs
# make their guests afresh, so past_faults needs no PREPARE here; $why says what a CHECK found wrong.
faults_now() {
  _fb=$(peer faults); case "$_fb" in ''|*[!0-9]*) _fb=0;; esac
  echo $(( $(triple_faults) + _fb ))
}

step link "eth0 $MY_IP, the peer $PEER answers"
if link_up; then pass; else fail "no link"; ip addr 2>&1 | indent ip; return 0; fi

step services "our relocation server and agent; B's agent answers"
start_agent
start_relocation --timeout 20
if wait_for "$(within 300)" peer_up && wait_for 60 grep -q "listening on" "$RELOC_LOG"; then pass
else fail "B's agent does not answer"; return 0; fi

step shared-disk "the disk both hosts share: what A writes, B reads"
token="xmtest-$(cat /proc/sys/kernel/random/uuid)"
printf '%s\n' "$token" | dd of=/dev/sda bs=512 seek=0 count=1 conv=sync,fsync 2>/dev/null
got=$(peer read-block 0)
if [ "$got" = "$token" ]; then pass "$token"; else fail "B read '$got'"; fi

# ---- The guests move on from step to step (a boot under TCG costs a minute or more, a move
# seconds); a step whose guest is missing makes a new one (on_a, on_b).
# PV, not live: what xl cannot do on this Xen (no shadow paging)
step pv-nonlive "xm migrate (not live) of a PV guest A->B: it runs on B alone, the same guest"
if fresh_here "$PV"; then
  b=$(beat_here "$PV"); t0=$(uptime_s)
  migrate 900 "$PV" "$PEER"
  if [ "$_rc" = 0 ] && arrived "$PV" "$b"; then
    measure "2host: xm migrate pv A->B (128 MiB, not live)" "$t0"; pass "$(tail -n 1 "$XM_STATE/show.out")"
  else fail "exit $_rc"; views; fi
else fail "the PV guest did not start on A"; fi

step pvh-live "xm migrate --live of a PVH guest on the shared disk, A->B and back B->A"
pvh_live() {
  why="the PVH guest did not start on A"; fresh_here "$PVH" || return 1
  b=$(beat_here "$PVH"); t0=$(uptime_s)
  migrate 900 --live "$PVH" "$PEER"
  why="A->B exit $_rc"; [ "$_rc" = 0 ] && arrived "$PVH" "$b" || return 1
  measure "2host: xm migrate -l pvh A->B (128 MiB)" "$t0"
  b=$(beat_there "$PVH"); t1=$(uptime_s)
  PEER_WAIT=$(within 900) peer xm migrate --live "$PVH" "$MY_ADDR" | indent "B: xm migrate"
  why="B->A: not back on A"; came_back "$PVH" "$b" || return 1
  measure "2host: xm migrate -l pvh B->A (128 MiB)" "$t1"
}
if past_faults pvh_live; then pass "back on A, heartbeat $(beat_here "$PVH")"; else fail "$why"; views; fi

# ---- HVM, live (qemu's state travels too)
step hvm-live "xm migrate --live of an HVM guest A->B"
hvm_live() {
  why="the HVM guest did not start on A"; fresh_here "$HVM" 600 || return 1
  b=$(beat_here "$HVM"); t0=$(uptime_s)
  migrate 900 --live "$HVM" "$PEER"
  why="exit $_rc"; [ "$_rc" = 0 ] && arrived "$HVM" "$b"
}
if past_faults hvm_live; then
  measure "2host: xm migrate -l hvm A->B (256 MiB)" "$t0"; pass "$(tail -n 1 "$XM_STATE/show.out")"
else fail "$why"; views; fi
done_with "$HVM"

# ---- xl as the other end, both ways; the benchmark between the two on the PVH guest
step xm-to-xl "xm migrate of a PV guest B->A, received by xl migrate-receive behind nc"
if on_b "$PV"; then
  nc -l -p 8012 -e xl migrate-receive < /dev/null > "$XM_STATE/xl-receive.log" 2>&1 &
  sleep 1
  b=$(beat_there "$PV")
  PEER_WAIT=$(within 900) peer xm migrate -p 8012 "$PV" "$MY_ADDR" | indent "B: xm migrate"
  if came_back "$PV" "$b"; then pass
  else fail "not on A"; views; indent "xl receive" < "$XM_STATE/xl-receive.log"; fi
else fail "the PV guest did not start on B"; fi

# ---- benchmark: xm migrate --live against xl migrate of the same PVH guest A->B, each to its own
# kind of receiver on B (xm's relocation server; xl migrate-receive behind nc, xl's transport
# being plain TCP through nc too). Total: the command's time. Downtime, the same observer for
# both: from the moment A's hypervisor shows the guest suspended (domain-watch) to the command's
# return, which follows the receiver's report that the guest runs there.
step bench "xm migrate -l vs xl migrate of the PVH guest A->B: total time and downtime"
bench_one() { # TOOL: migrate $PVH A->B with TOOL, timed; sets total_TOOL and down_TOOL; brings it back
  _d=$(domid_of "$PVH")
  /xmtest/bin/domain-watch "$_d" "$(within 600)" > "$XM_STATE/watch.out" 2>&1 &
  _w=$!
  wait_for 20 grep -q ready "$XM_STATE/watch.out" || return 1
  _t0=$(uptime_s)
  if [ "$1" = xm ]; then
    timeout "$(within 900)" xm migrate --live "$PVH" "$PEER" > "$XM_STATE/bench.out" 2>&1 || return 1
    report_xm=$(tail -n 1 "$XM_STATE/bench.out")
  else
    peer receive-with-xl 8012 > /dev/null
    timeout "$(within 900)" xl migrate -s "" "$PVH" "nc.openbsd $PEER 8012" > "$XM_STATE/bench.out" 2>&1 || return 1
  fi
  _t1=$(uptime_s)
  wait "$_w"
  _s=$(sed -n 's/.*shutdown=\([0-9][0-9.]*\).*/\1/p' "$XM_STATE/watch.out")
  eval "total_$1=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", b - a }')"
  eval "down_$1=$(awk -v a="${_s:-$_t1}" -v b="$_t1" 'BEGIN { printf "%.2f", b - a }')"
  wait_for "$(within 60)" there "$PVH" || return 1
  PEER_WAIT=$(within 900) peer xm migrate --live "$PVH" "$MY_ADDR" > /dev/null && wait_for "$(within 60)" here "$PVH"
}
bench_both() {
  why="the PVH guest is not on A"; on_a "$PVH" || return 1
  why="a timed migration failed"; bench_one xm && bench_one xl
}
if past_faults bench_both; then
  echo "@@XM TIME $XM_SCENARIO $total_xm xm migrate -l pvh A->B"; echo "@@XM TIME $XM_SCENARIO $total_xl xl migrate pvh A->B"
  info "ratio xm/xl migrate --live total: $(awk -v a="$total_xm" -v b="$total_xl" 'BEGIN { printf "%.2f", a / b }') (xm $total_xm s, xl $total_xl s)"
  info "downtime, observed the same way for both: xm $down_xm s, xl $down_xl s; xm's own report: $report_xm"
  pass "xm $total_xm s (down $down_xm s), xl $total_xl s (down $down_xl s)"
else fail "$why"; indent bench < "$XM_STATE/bench.out"; views; fi

step xl-to-xm "xl migrate -s '' of a PVH guest A->B, into B's xm relocation server through nc"
xl_to_xm() {
  why="the PVH guest did not start on A"; on_a "$PVH" || return 1
  b=$(beat_here "$PVH")
  show timeout "$(within 900)" xl migrate -s "" "$PVH" "nc.openbsd $PEER 8002"
  why="exit $_rc"; [ "$_rc" = 0 ] && arrived "$PVH" "$b"
}
if past_faults xl_to_xm; then pass; else fail "$why"; views; fi

step two-at-once "two migrations A->B at once both succeed"
two_at_once() {
  why="the guests did not start on A"; on_a "$PV" && on_a "$PVH" || return 1
  b1=$(beat_here "$PV"); b2=$(beat_here "$PVH")
  timeout "$(within 900)" xm migrate "$PV" "$PEER" > "$XM_STATE/two-1.out" 2>&1 & m1=$!
  timeout "$(within 900)" xm migrate --live "$PVH" "$PEER" > "$XM_STATE/two-2.out" 2>&1 & m2=$!
  wait "$m1"; r1=$?; wait "$m2"; r2=$?
  indent pv < "$XM_STATE/two-1.out"; indent pvh < "$XM_STATE/two-2.out"
  why="exits $r1 $r2"; [ "$r1" = 0 ] && [ "$r2" = 0 ] && arrived "$PV" "$b1" && arrived "$PVH" "$b2"
}
if past_faults two_at_once; then pass; else fail "$why"; views; fi

step shared-disk-data "every block the PVH guest wrote, on A and on B, is on the shared disk"
# The PVH guest has written a block at each heartbeat through every move above; it is shut down
# wherever it is now, and each block read back here.
if there "$PVH" || here "$PVH"; then
  if there "$PVH"; then
    last=$(beat_there "$PVH")
    PEER_WAIT=$(within 200) peer xm shutdown -w "$PVH" | indent "B: xm shutdown -w"
  else
    last=$(beat_here "$PVH")
    show timeout "$(within 200)" xm shutdown -w "$PVH"
  fi
  echo 3 > /proc/sys/vm/drop_caches
  missing=""
  n=1
  while [ "$n" -le "$last" ]; do
    got=$(dd if=/dev/sda bs=512 skip="$n" count=1 iflag=direct 2>/dev/null | tr -d '\000' | head -n 1)
    [ "$got" = "XM-DISK $n" ] || missing="$missing $n"
    n=$((n + 1))
  done
  if [ "$last" -gt 5 ] && [ -z "$missing" ]; then pass "blocks 1..$last all read back"
  else fail "heartbeats 1..$last, missing or wrong:$missing"; fi
else fail "the PVH guest runs on neither host (see the steps above)"; fi
done_with "$PVH"

# ---- refusals and failures: the guest runs on at A each time. The big PV guest's stream lasts
# seconds, long enough to be cut while B receives it.
step refused-peer "a relocation server on B that does not list A refuses it; the guest runs on"
if on_a "$BIG"; then
  peer serve /tmp/refusing.log -p 8022 --hosts-allow '^10\.' > /dev/null
  b=$(beat_here "$BIG")
  migrate 120 -p 8022 "$BIG" "$PEER"
  if [ "$_rc" = 1 ] && grep -q "^Error: migration failed (waiting for the receiver's banner)" "$XM_STATE/show.out" \
     && came_back "$BIG" "$b" && peer log /tmp/refusing.log 5 | grep -q "refused $MY_ADDR"; then
    pass "$(grep '^Error' "$XM_STATE/show.out")"
  else fail "exit $_rc"; views; peer log /tmp/refusing.log 5; fi
  peer stop-server /tmp/refusing.log > /dev/null
else fail "the big PV guest did not start on A"; fi

# the receiver has read the save header and made the domain it fills: mid-stream from then on
incoming_there() { [ "$(peer state "$BIG--incoming")" != none ]; }
no_incoming_there() { [ "$(peer state "$BIG--incoming")" = none ]; }

step receiver-killed "B's receiver killed mid-stream: the guest runs on at A; B destroys the half-received domain"
if on_a "$BIG"; then
  b=$(beat_here "$BIG")
  timeout "$(within 900)" xm migrate "$BIG" "$PEER" > "$XM_STATE/killed.out" 2>&1 &
  m=$!
  if wait_for "$(within 60)" incoming_there; then peer kill-receiver "$BIG" > /dev/null; fi
  wait "$m"; rc=$?
  indent "xm migrate" < "$XM_STATE/killed.out"
  if [ "$rc" = 1 ] && came_back "$BIG" "$b" && wait_for "$(within 60)" no_incoming_there; then
    pass "$(grep -m1 '^Error' "$XM_STATE/killed.out")"
  else fail "exit $rc"; views; fi
else fail "the big PV guest did not start on A"; fi

step server-killed "B's relocation server killed mid-stream: the guest runs on at A; B's restarted server sweeps up"
if on_a "$BIG"; then
  b=$(beat_here "$BIG")
  timeout "$(within 900)" xm migrate "$BIG" "$PEER" > "$XM_STATE/killed2.out" 2>&1 &
  m=$!
  left=""
  # the kill must find the half-received domain made (the mark comes before it)
  if wait_for "$(within 60)" incoming_there; then
    peer kill-server "$RELOC_LOG" > /dev/null; sleep 1; incoming_there && left=yes
  fi
  wait "$m"; rc=$?
  indent "xm migrate" < "$XM_STATE/killed2.out"
  peer serve "$RELOC_LOG" --timeout 20 --hosts-allow '^192\.168\.77\.' > /dev/null
  if [ "$rc" = 1 ] && [ "$left" = yes ] && came_back "$BIG" "$b" && wait_for "$(within 60)" no_incoming_there; then
    pass "$(peer log "$RELOC_LOG" 20 | grep -m1 'half-received')"
  else fail "exit $rc, --incoming left after the kill: ${left:-no}"; views; fi
else fail "the big PV guest did not start on A"; fi

step link-cut "the link cut mid-stream: both ends give up within their limit; the guest runs on at A"
if on_a "$BIG"; then
  b=$(beat_here "$BIG"); t0=$(uptime_s)
  timeout "$(within 900)" xm migrate --timeout 20 "$BIG" "$PEER" > "$XM_STATE/cut.out" 2>&1 &
  m=$!
  if wait_for "$(within 60)" incoming_there; then ip link set eth0 down; info "link down at $(uptime_s)"; fi
  wait "$m"; rc=$?
  gaveup=$(seconds_since "$t0")
  ip link set eth0 up
  wait_for 120 ping -c 1 -W 1 "$PEER"
  indent "xm migrate" < "$XM_STATE/cut.out"
  if [ "$rc" = 1 ] && came_back "$BIG" "$b" && wait_for "$(within 120)" no_incoming_there; then
    measure "2host: link cut -> sender gives up" "$t0"; pass "the sender gave up after ${gaveup} s"
  else fail "exit $rc after ${gaveup} s"; views; fi
else fail "the big PV guest did not start on A"; fi
done_with "$BIG"

# ---- TLS between the hosts: B's server on the ssl port only, asking for the pool's CA (both
# hosts hold host/make-certs.sh's files; the certificate names both addresses)
TLS=/etc/xen/xmtest/tls
POOL="--ssl-cert $TLS/host.crt --ssl-key $TLS/host.key --ssl-ca $TLS/ca.crt"
tls_listening() { peer log /tmp/tls.log 1000 | grep -q "listening on port 8003"; }
# shellcheck disable=SC2086 # $POOL: options, split on purpose
peer serve /tmp/tls.log --no-plain --ssl --ssl-port 8003 --timeout 20 --hosts-allow '^192\.168\.77\.' $POOL > /dev/null
step tls-refused "TLS: a stranger's certificate, and plain TCP, refused by B; the guest runs on at A"
if wait_for "$(within 60)" tls_listening && on_a "$PV"; then
  b=$(beat_here "$PV")
  migrate 120 --ssl -p 8003 --ssl-cert "$TLS/stranger.crt" --ssl-key "$TLS/stranger.key" --ssl-ca "$TLS/ca.crt" "$PV" "$PEER"
  r1=$_rc; grep -q "^Error: migration failed (waiting for the receiver's banner)" "$XM_STATE/show.out" || r1="$r1 (no banner error)"
  migrate 120 --timeout 40 -p 8003 "$PV" "$PEER"
  r2=$_rc; grep -q "^Error: migration failed" "$XM_STATE/show.out" || r2="$r2 (no error)"
  if [ "$r1" = 1 ] && [ "$r2" = 1 ] && came_back "$PV" "$b" \
     && peer log /tmp/tls.log 20 | grep -q "refused: the TLS handshake failed"; then
    pass "$(peer log /tmp/tls.log 20 | grep -m1 'refused: the TLS handshake failed')"
  else fail "exits '$r1' '$r2'"; views; peer log /tmp/tls.log 20 | indent "B: tls"; fi
else fail "B's TLS server, or the PV guest on A, is missing"; fi

step tls "xm migrate --ssl A->B with the pool's certificate: the guest moves over TLS"
if ! tls_listening; then fail "B's TLS server did not start"; peer log /tmp/tls.log 10 | indent "B: tls"
elif on_a "$PV"; then
  b=$(beat_here "$PV"); t0=$(uptime_s)
  # shellcheck disable=SC2086
  migrate 900 --ssl -p 8003 $POOL "$PV" "$PEER"
  if [ "$_rc" = 0 ] && arrived "$PV" "$b" && peer log /tmp/tls.log 10 | grep -q "migration from $MY_ADDR.* done"; then
    measure "2host: xm migrate --ssl pv A->B (128 MiB, not live)" "$t0"; pass "$(tail -n 1 "$XM_STATE/show.out")"
  else fail "exit $_rc"; views; peer log /tmp/tls.log 10 | indent "B: tls"; fi
else fail "the PV guest did not start on A"; fi
peer stop-server /tmp/tls.log > /dev/null

step finish "the guests destroyed on both hosts; B is told it is done"
done_with "$PV" "$PVH" "$HVM" "$BIG"
peer finish > /dev/null
if [ "$(peer state "$PV")" = none ] && [ "$(peer state "$PVH")" = none ] && [ -z "$(guest_domids)" ]; then pass
else fail; views; fi
kill "$(cat "$RELOC_LOG.pid")" 2>/dev/null
