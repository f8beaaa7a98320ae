# 61-migrate-local: xm migrate, xm migrate-receive and xm relocation-server on one host, over
# loopback (the two-host suite moves guests between machines; this one proves the protocol and
# every failure path in one boot). A PV guest moves without --live (Debian's Xen has no shadow
# paging for a live PV move), a PVH guest live; xl is the peer both ways; a refused peer, a
# non-receiver, a refused port, Domain-0; a receiver killed mid-stream and its server killed
# mid-stream (the domain runs on at the source, and no NAME--incoming survives the server's
# restart); two migrations at once; a malformed xend-config.sxp.
# timeout: 1800
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
PV=xmtest-pv PVH=xmtest-pvh
LOG=$XM_STATE/relocation.log
# listening PORT: something listens on TCP PORT (from /proc: no tool of ours or xl's)
listening() {
  _hex=$(printf '%04X' "$1")
  awk -v p=":$_hex" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6
}
start_server() { # start_server LOGFILE ARGS...: xm relocation-server in the background, $SERVER its pid
  _log=$1; shift
  xm relocation-server "$@" > "$_log" 2>&1 &
  SERVER=$!
}
# newest_log NAME: the console log the guest NAME writes to now (a migrated guest's log is named
# after its incoming name, NAME--incoming, which xenconsoled saw first)
# shellcheck disable=SC3013 # busybox ash has test -nt
beat_of() { newest_beat "$1"; }
beats_past() { [ "$(beat_of "$1")" -ge "$2" ]; }
# runs_once NAME: exactly one domain is called NAME, it is not paused or shut down, and no
# NAME--incoming or NAME--migratedaway exists (the hypervisor's view, through xl as observer)
runs_once() {
  _st=$(xl list 2>/dev/null | awk -v n="$1" '$1 == n { c++; s = $5 } $1 == n"--incoming" || $1 == n"--migratedaway" { o++ } END { if (c == 1 && !o) print s }')
  case "$_st" in *p*|*s*|*c*|*d*|"") return 1;; esac
}
# moved NAME OLD-DOMID BEAT: the guest runs once, under a new domid, and its heartbeat passes BEAT+2
moved() {
  runs_once "$1" && [ "$(domid_of "$1")" != "$2" ] && wait_for "$(within 120)" beats_past "$1" $(( $3 + 2 ))
}
# stayed NAME DOMID BEAT: it runs once, same domid, heartbeat past BEAT+2 (the source resumed)
stayed() {
  wait_for "$(within 60)" runs_once "$1" && [ "$(domid_of "$1")" = "$2" ] && wait_for "$(within 120)" beats_past "$1" $(( $3 + 2 ))
}
show_state() { xl list 2>&1 | indent "xl list"; tail -n 8 "$LOG" | indent relocation; }
# fresh_pvh: the PVH guest destroyed (wherever it is) and created anew, beating
fresh_pvh() {
  destroy_until_gone 60 printf '%s\n' "$PVH" "$PVH--incoming"
  rm -f "$(console_log "$PVH")" "$(console_log "$PVH--incoming")"
  show xm create /etc/xen/xmtest/pvh.cfg && wait_console "$PVH" XM-GUEST-ALIVE 400 3
}

# dom0's loopback, which nothing else in the suite needs, and the name localhost
ip link set lo up
grep -q localhost /etc/hosts 2>/dev/null || echo "127.0.0.1 localhost" >> /etc/hosts

step server "xm relocation-server: listening on 8002, loopback peers only by default"
start_server "$LOG"
MAIN_SERVER=$SERVER
if wait_for "$(within 60)" listening 8002 && grep -q "loopback peers only" "$LOG"; then pass "pid $SERVER"
else fail "not listening"; show cat "$LOG"; return 0; fi

step guests "a PV and a PVH guest with heartbeats"
# console logs of their own: earlier scenarios' guests of these names would count
for g in "$PV" "$PVH"; do rm -f "$(console_log "$g")" "$(console_log "$g--incoming")"; done
show xm create /etc/xen/xmtest/pv.cfg; show xm create /etc/xen/xmtest/pvh.cfg
# shellcheck disable=SC2034 # settle_domid (lib.sh) reads it
DOMID=$(domid_of "$PVH")
if wait_console "$PV" XM-GUEST-ALIVE 400 3 && wait_console "$PVH" XM-GUEST-ALIVE 400 3; then pass
else fail "no heartbeat"; console_tail "$PV" 10; console_tail "$PVH" 10; return 0; fi
settle_domid "$PVH"

step pv-nonlive "xm migrate (not live) of the PV guest: it runs once, under a new domid, the same guest"
D=$(domid_of "$PV"); B=$(beat_of "$PV"); t0=$(uptime_s)
show timeout "$(within 600)" xm migrate "$PV" 127.0.0.1; rc=$_rc
if [ "$rc" = 0 ] && grep -q "^Migrated $PV to 127.0.0.1 in .* s (downtime .* s)" "$XM_STATE/show.out" && moved "$PV" "$D" "$B"; then
  measure "migrate: xm migrate pv (local, not live)" "$t0"; pass "$(tail -n 1 "$XM_STATE/show.out")"
else fail "exit $rc"; show_state; fi

step pvh-live "xm migrate --live of the PVH guest"
pvh_live() {
  D=$(domid_of "$PVH"); B=$(beat_of "$PVH"); t0=$(uptime_s)
  show timeout "$(within 600)" xm migrate --live "$PVH" localhost; rc=$_rc
  [ "$rc" = 0 ] && moved "$PVH" "$D" "$B"
}
if past_faults pvh_live fresh_pvh; then
  measure "migrate: xm migrate -l pvh (local)" "$t0"; pass "$(tail -n 1 "$XM_STATE/show.out")"
else fail "exit $rc"; show_state; fi

step xl-to-xm "xl migrate -s '' into xm's relocation server (nc as xl's transport)"
xl_to_xm() {
  D=$(domid_of "$PVH"); B=$(beat_of "$PVH")
  show timeout "$(within 600)" xl migrate -s "" "$PVH" "nc.openbsd 127.0.0.1 8002"; rc=$_rc
  [ "$rc" = 0 ] && moved "$PVH" "$D" "$B" && grep -q "migration from 127.0.0.1.* done" "$LOG"
}
if past_faults xl_to_xm fresh_pvh; then pass
else fail "exit $rc"; show_state; fi

step xm-to-xl "xm migrate to xl migrate-receive behind nc"
nc -l -p 8012 -e xl migrate-receive < /dev/null > "$XM_STATE/xl-receive.log" 2>&1 &
wait_for "$(within 30)" listening 8012
D=$(domid_of "$PV"); B=$(beat_of "$PV")
show timeout "$(within 600)" xm migrate -p 8012 "$PV" 127.0.0.1; rc=$_rc
if [ "$rc" = 0 ] && moved "$PV" "$D" "$B"; then pass
else fail "exit $rc"; show_state; indent xl-receive < "$XM_STATE/xl-receive.log"; fi

# ---- --ssh: the transport is a command's stdin and stdout. dom0 has no ssh, so a stand-in
# named ssh runs the remote command here: what xm sends through the pipe is the real protocol.
mkdir -p /tmp/fakessh
cat > /tmp/fakessh/ssh <<'SSH'
#!/bin/sh
# ssh [-o OPTION]... HOST COMMAND...: COMMAND, run here
while [ "$1" = -o ]; do shift 2; done
shift
exec sh -c "$*"
SSH
chmod 755 /tmp/fakessh/ssh
PLAIN_PATH=$PATH
export PATH="/tmp/fakessh:$PATH"

step ssh "xm migrate --ssh: xm migrate-receive at the other end of the pipe"
D=$(domid_of "$PV"); B=$(beat_of "$PV")
show timeout "$(within 600)" xm migrate --ssh "$PV" otherhost; rc=$_rc
if [ "$rc" = 0 ] && moved "$PV" "$D" "$B"; then pass "$(tail -n 1 "$XM_STATE/show.out")"
else fail "exit $rc"; show_state; fi

step ssh-xl "xm migrate --ssh --receive-command 'xl migrate-receive': xl at the other end"
D=$(domid_of "$PV"); B=$(beat_of "$PV")
show timeout "$(within 600)" xm migrate --ssh --receive-command "xl migrate-receive" "$PV" otherhost; rc=$_rc
if [ "$rc" = 0 ] && moved "$PV" "$D" "$B"; then pass
else fail "exit $rc"; show_state; fi
export PATH="$PLAIN_PATH"

# ---- refusals: each an Error with exit 1, and the guest runs on where it was
refused() { # refused STEP TITLE EXPECTED-ERROR-PATTERN XM-ARGS...
  _id=$1; _title=$2; _pat=$3; shift 3
  step "$_id" "$_title"
  D=$(domid_of "$PV"); B=$(beat_of "$PV")
  show timeout "$(within 120)" xm migrate "$@"; _r=$_rc
  if [ "$_r" = 1 ] && grep -q "^Error: $_pat" "$XM_STATE/show.out" && stayed "$PV" "$D" "$B"; then
    pass "$(grep '^Error' "$XM_STATE/show.out")"
  else fail "exit $_r"; show_state; fi
}

start_server "$XM_STATE/relocation-10.log" --port 8022 --hosts-allow '^10\.'
SERVER10=$SERVER
wait_for "$(within 60)" listening 8022
refused refused-peer "a peer not in hosts-allow is refused before any domain data" \
  "migration failed (waiting for the receiver's banner): the other end closed" -p 8022 "$PV" 127.0.0.1
if grep -q "refused 127.0.0.1.*not in xend-relocation-hosts-allow" "$XM_STATE/relocation-10.log"; then :
else info "no refusal logged"; cat "$XM_STATE/relocation-10.log"; fi
kill "$SERVER10"

nc -l -p 8032 -e printf 'HTTP/1.0 400 Bad Request\r\n\r\n' < /dev/null > /dev/null 2>&1 &
wait_for "$(within 30)" listening 8032
refused not-a-receiver "a listener that is no migration receiver (an HTTP answer)" \
  "migration failed (waiting for the receiver's banner): the other end is not an xm or xl" -p 8032 "$PV" 127.0.0.1
refused refused-port "a port nobody listens on" \
  "migration failed (connecting to the receiver): cannot connect to 127.0.0.1 port 8099: Connection refused" \
  -p 8099 "$PV" 127.0.0.1
refused unreachable "a host that cannot be reached (dom0 has no route to it)" \
  "migration failed (connecting to the receiver): cannot connect to 192.0.2.1" --timeout 10 "$PV" 192.0.2.1

step domain0 "xm migrate Domain-0 is refused"
show xm migrate Domain-0 127.0.0.1; rc=$_rc
if [ "$rc" = 1 ] && grep -q "^Error: .*Domain-0" "$XM_STATE/show.out"; then pass; else fail "exit $rc"; fi

# ---- a receiver that dies mid-stream
incoming_exists() { domain_exists "$PV--incoming"; }

step receiver-killed "the receiver killed mid-stream: the source resumes, the server destroys the half-received domain"
D=$(domid_of "$PV"); B=$(beat_of "$PV")
MARK=/var/lib/xm/incoming/$PV--incoming
timeout "$(within 600)" xm migrate "$PV" 127.0.0.1 > "$XM_STATE/killed.out" 2>&1 &
MIG=$!
# The receiver's mark holds its pid from the start of the stream; an idle host moves this guest
# in about a second, so the shell's own test, no process per look, watches for it.
end=$(deadline_after "$(within 60)")
while [ ! -s "$MARK" ] && before_deadline "$end"; do :; done
RECV=$(cat "$MARK" 2>/dev/null)
info "killing receiver ${RECV:-(none seen)} in the stream"
[ -n "$RECV" ] && kill -9 "$RECV"
wait "$MIG"; rc=$?
indent "xm migrate" < "$XM_STATE/killed.out"
if [ "$rc" = 1 ] && grep -q "^Error: migration failed" "$XM_STATE/killed.out" && stayed "$PV" "$D" "$B" \
   && wait_for "$(within 60)" domain_gone "$PV--incoming"; then
  pass "$(grep -m1 'receiver of' "$LOG")"
else fail "exit $rc"; show_state; fi

step server-killed "the server killed mid-stream: the source resumes; the restarted server destroys NAME--incoming"
D=$(domid_of "$PV"); B=$(beat_of "$PV")
timeout "$(within 600)" xm migrate "$PV" 127.0.0.1 > "$XM_STATE/killed2.out" 2>&1 &
MIG=$!
left=""
end=$(deadline_after "$(within 60)")
# the kill must find the half-received domain made: the mark comes first, the domain once the
# receiver has read the save header
while ! incoming_exists && before_deadline "$end"; do :; done
if incoming_exists; then
  info "killing the relocation server $MAIN_SERVER"; kill -9 "$MAIN_SERVER"
  sleep 3; incoming_exists && left=1
fi
wait "$MIG"; rc=$?
indent "xm migrate" < "$XM_STATE/killed2.out"
start_server "$LOG.2"
MAIN_SERVER=$SERVER
wait_for "$(within 60)" listening 8002
if [ "$rc" = 1 ] && [ -n "$left" ] && stayed "$PV" "$D" "$B" && wait_for "$(within 60)" domain_gone "$PV--incoming" \
   && grep -q "destroyed its half-received domain" "$LOG.2"; then
  pass "left after the kill: $PV--incoming; swept at the restart"
else fail "exit $rc, incoming left after the kill: '${left:-no}'"; show_state; cat "$LOG.2"; fi
LOG=$LOG.2

step two-at-once "two migrations at once both succeed"
two_at_once() {
  D1=$(domid_of "$PV"); B1=$(beat_of "$PV"); D2=$(domid_of "$PVH"); B2=$(beat_of "$PVH")
  timeout "$(within 600)" xm migrate "$PV" 127.0.0.1 > "$XM_STATE/two-1.out" 2>&1 & M1=$!
  timeout "$(within 600)" xm migrate -l "$PVH" 127.0.0.1 > "$XM_STATE/two-2.out" 2>&1 & M2=$!
  wait "$M1"; r1=$?; wait "$M2"; r2=$?
  indent pv < "$XM_STATE/two-1.out"; indent pvh < "$XM_STATE/two-2.out"
  [ "$r1" = 0 ] && [ "$r2" = 0 ] && moved "$PV" "$D1" "$B1" && moved "$PVH" "$D2" "$B2"
}
if past_faults two_at_once fresh_pvh; then pass
else fail "exits $r1 $r2"; show_state; fi

# ---- TLS: the test pool's CA signs host.crt; stranger.crt is another CA's
TLS=/etc/xen/xmtest/tls
POOL="--ssl-cert $TLS/host.crt --ssl-key $TLS/host.key --ssl-ca $TLS/ca.crt"
# shellcheck disable=SC2086 # $POOL: options, split on purpose
start_server "$XM_STATE/relocation-tls.log" --no-plain --ssl --ssl-port 8043 --timeout 20 $POOL
SERVER_TLS=$SERVER
wait_for "$(within 60)" listening 8043

step tls "xm migrate --ssl with the pool's certificate: accepted, the guest moves"
D=$(domid_of "$PV"); B=$(beat_of "$PV")
# shellcheck disable=SC2086
show timeout "$(within 600)" xm migrate --ssl -p 8043 $POOL "$PV" 127.0.0.1; rc=$_rc
if [ "$rc" = 0 ] && moved "$PV" "$D" "$B" && grep -q "migration from 127.0.0.1.* done" "$XM_STATE/relocation-tls.log"; then
  pass "$(tail -n 1 "$XM_STATE/show.out")"
else fail "exit $rc"; show_state; tail -n 10 "$XM_STATE/relocation-tls.log" | indent relocation-tls; fi

refused tls-stranger "xm migrate --ssl with a certificate of another CA: refused" \
  "migration failed (waiting for the receiver's banner): the receiver closed the TLS connection" \
  --ssl -p 8043 --ssl-cert "$TLS/stranger.crt" --ssl-key "$TLS/stranger.key" --ssl-ca "$TLS/ca.crt" "$PV" 127.0.0.1
if grep -q "refused: the TLS handshake failed" "$XM_STATE/relocation-tls.log"; then :
else info "no TLS refusal logged"; tail -n 10 "$XM_STATE/relocation-tls.log" | indent relocation-tls; fi
refused tls-none "plain TCP to the TLS port (no certificate at all): refused" \
  "migration failed (waiting for the receiver's banner)" --timeout 40 -p 8043 "$PV" 127.0.0.1
kill "$SERVER_TLS"

step tls-missing-cert "xm relocation-server --ssl with a missing certificate: Error, exit 1"
show xm relocation-server --ssl --ssl-port 8053 --ssl-cert /nonexistent.crt --ssl-key "$TLS/host.key" --ssl-ca "$TLS/ca.crt"; rc=$_rc
if [ "$rc" = 1 ] && grep -q "^Error: cannot read the TLS certificate /nonexistent.crt" "$XM_STATE/show.out"; then pass
else fail "exit $rc"; fi

step bad-config "a malformed xend-config.sxp, a bad regex: Error naming line and column, exit 1"
printf '# relocation\n(xend-relocation-server yes)\n(xend-relocation-port 80x2)\n' > /tmp/bad-port.sxp
printf "(xend-relocation-hosts-allow '^ok\$ (unclosed')\n" > /tmp/bad-regex.sxp
printf "(xend-relocation-port 8002\n" > /tmp/bad-paren.sxp
ok=1
for f in bad-port:3:23 bad-regex:1:30 bad-paren:1:1; do
  show xm relocation-server --config "/tmp/${f%%:*}.sxp"; rc=$_rc
  { [ "$rc" = 1 ] && grep -q "^/tmp/${f%%:*}.sxp:${f#*:}: error: " "$XM_STATE/show.out" && grep -q "^Error: " "$XM_STATE/show.out"; } \
    || { ok=""; echo "    $f: exit $rc"; }
done
show xm relocation-server --hosts-allow '(' ; rc=$_rc
{ [ "$rc" = 1 ] && grep -q "^Error: .*not a regular expression" "$XM_STATE/show.out"; } || { ok=""; echo "    --hosts-allow '(': exit $rc"; }
if [ -n "$ok" ]; then pass; else fail "see above"; fi

step server-stop "SIGTERM stops the server cleanly"
kill "$MAIN_SERVER"
if wait_for "$(within 30)" sh -c "! kill -0 $MAIN_SERVER" && grep -q "relocation: stopped" "$LOG"; then pass
else fail "still running or no 'stopped' line"; tail -n 5 "$LOG" | indent relocation; fi

step cleanup "the guests shut down"
destroy_until_gone 120 printf '%s\n' "$PV" "$PVH" "$PV--incoming" "$PV--migratedaway" "$PVH--incoming" "$PVH--migratedaway"
if domain_gone "$PV" && domain_gone "$PVH"; then pass; else fail; fi
