# 30-xm-pv: the everyday lifecycle with xm on a PV guest: create (the monitor starts with it),
# xl sees the domain, pause stops the heartbeat and unpause resumes it, rename, sysrq,
# shutdown -w returns only when the domain is gone, create -p, destroy, the errors xm-test
# expects, and two concurrent creates of one name of which exactly one wins. xl only observes.
# timeout: 720
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv
xl_field() { xl list "$1" 2>/dev/null | awk -v f="$2" 'NR == 2 { print $f }'; }   # 2: id, 5: state
xl_state_has() { case "$(xl_field "$1" 5)" in *"$2"*) return 0;; esac; return 1; }

step create "xm create $CFG"
t0=$(uptime_s)
if show xm create "$CFG"; then measure "pv: xm create returns" "$t0"; pass "domid $(domid_of "$NAME")"
else fail "xm create exit status $_rc"; return 0; fi
DOMID=$(domid_of "$NAME")

step marker "the guest prints XM-GUEST-HELLO on its console"
if wait_console "$NAME" XM-GUEST-HELLO 400; then
  measure "pv: xm create -> marker" "$t0"
  pass "$(tr -d '\r' < "$(console_log "$NAME")" | grep -m1 XM-GUEST-HELLO)"
else fail "no marker within 400 s"; console_tail "$NAME" 40; fi

settle_domid "$NAME"

step xl-sees "xl list (observing) shows the domain with the same id"
show xl list "$NAME"
if [ "$(xl_field "$NAME" 2)" = "$DOMID" ]; then pass "id $DOMID"; else fail "xl says id '$(xl_field "$NAME" 2)', xenstore $DOMID"; fi

step monitor "a monitor watches the domain (its log names it)"
if wait_for 10 grep -q "monitoring domain $NAME (id $DOMID)" "/var/log/xen/xm-$NAME.log"; then
  pass "$(grep -m1 monitoring "/var/log/xen/xm-$NAME.log")"
else fail "no monitor log line"; show cat "/var/log/xen/xm-$NAME.log"; fi

step pause "xm pause: state p and no new heartbeat for 5 s"
wait_for 60 heartbeat_at_least "$NAME" 2
if show xm pause "$NAME"; then
  sleep 1; n1=$(last_heartbeat "$NAME"); sleep 5; n2=$(last_heartbeat "$NAME")
  if xl_state_has "$NAME" p && [ "$n1" = "$n2" ]; then pass "heartbeat stays at $n1, xl state $(xl_field "$NAME" 5)"
  else fail "heartbeat $n1 -> $n2, xl state $(xl_field "$NAME" 5)"; fi
else fail "xm pause exit $_rc"; fi

step unpause "xm unpause: the heartbeat resumes"
n1=$(last_heartbeat "$NAME")
if show xm unpause "$NAME" && wait_for 30 heartbeat_at_least "$NAME" $((n1 + 2)) && ! xl_state_has "$NAME" p; then
  pass "XM-GUEST-ALIVE $n1 -> $(last_heartbeat "$NAME")"
else fail "exit $_rc, heartbeat at $(last_heartbeat "$NAME") (was $n1), state $(xl_field "$NAME" 5)"; fi

step rename "xm rename: same domain under the new name, and back"
if show xm rename "$NAME" xmtest-renamed && [ "$(domid_of xmtest-renamed)" = "$DOMID" ] && domain_gone "$NAME" \
   && [ "$(xl_field xmtest-renamed 2)" = "$DOMID" ] && show xm rename "$DOMID" "$NAME" && [ "$(domid_of "$NAME")" = "$DOMID" ]; then
  pass
else fail "exit $_rc; $NAME -> $(domid_of "$NAME"), xmtest-renamed -> $(domid_of xmtest-renamed)"; fi

step sysrq "xm sysrq h: the guest kernel prints its sysrq help"
if show xm sysrq "$NAME" h && wait_for 20 _console_at_least "$NAME" "HELP" 1; then pass "$(tr -d '\r' < "$(console_log "$NAME")" | grep -m1 HELP)"
else fail "exit $_rc, no sysrq HELP on the console"; console_tail "$NAME" 10; fi

step unknown-domain "xm destroy of an unknown domain: xm's error, exit 1"
xm destroy no-such-domain > /tmp/err.out 2>&1; rc=$?
indent xm < /tmp/err.out
if [ $rc = 1 ] && grep -qx "Error: Domain 'no-such-domain' does not exist." /tmp/err.out; then pass; else fail "exit $rc"; fi

step create-no-file "xm create without a file: Error, exit 1"
xm create > /tmp/err.out 2>&1; rc=$?
indent xm < /tmp/err.out
if [ $rc = 1 ] && grep -q "^Error: " /tmp/err.out; then pass; else fail "exit $rc"; fi

step create-duplicate "xm create of a name already running is refused"
xm create "$CFG" > /tmp/err.out 2>&1; rc=$?
indent xm < /tmp/err.out
if [ $rc = 1 ] && grep -q "^Error: Domain '$NAME' already exists with ID '$DOMID'" /tmp/err.out; then pass; else fail "exit $rc"; fi

step shutdown-w "xm shutdown -w returns only when the domain is gone"
t1=$(uptime_s)
show timeout "$(within 300)" xm shutdown -w "$NAME"; rc=$_rc
# checked at once: no waiting here, -w promised it is over
if [ "$rc" = 0 ] && domain_gone "$NAME" && ! xl list "$NAME" > /dev/null 2>&1; then
  measure "pv: xm shutdown -w" "$t1"
  if console_has "$NAME" XM-GUEST-POWEROFF; then pass "gone; the guest powered itself off"; else fail "gone, but no XM-GUEST-POWEROFF"; fi
else fail "exit $rc, domain $(domain_exists "$NAME" && echo "still there" || echo gone), xl: $(xl list "$NAME" 2>&1 | tail -n1)"; fi

step create-paused "xm create -p: the domain exists paused, the guest does not run until unpause"
c0=$(console_count "$NAME" XM-GUEST-HELLO)
if show xm create -p "$CFG"; then
  sleep 5
  if xl_state_has "$NAME" p && [ "$(console_count "$NAME" XM-GUEST-HELLO)" = "$c0" ]; then
    t2=$(uptime_s)
    if show xm unpause "$NAME" && wait_console "$NAME" XM-GUEST-HELLO 400 $((c0 + 1)); then
      measure "pv: unpause -> marker" "$t2"; pass
    else fail "no marker after unpause"; fi
  else fail "state $(xl_field "$NAME" 5), HELLO count $(console_count "$NAME" XM-GUEST-HELLO) (was $c0)"; fi
else fail "xm create -p exit $_rc"; fi

step destroy "xm destroy: gone at once"
if show xm destroy "$NAME" && domain_gone "$NAME"; then pass; else fail "exit $_rc; $(domid_of "$NAME")"; fi

step concurrent "two concurrent xm create of one name: exactly one succeeds"
( xm create -p "$CFG" > /tmp/c1.out 2>&1; echo $? > /tmp/c1.rc ) &
( xm create -p "$CFG" > /tmp/c2.out 2>&1; echo $? > /tmp/c2.rc ) &
wait
indent c1 < /tmp/c1.out; indent c2 < /tmp/c2.out
ok=0; [ "$(cat /tmp/c1.rc)" = 0 ] && ok=$((ok + 1)); [ "$(cat /tmp/c2.rc)" = 0 ] && ok=$((ok + 1))
count=$(for d in $(guest_domids); do xenstore-read "/local/domain/$d/name" 2>/dev/null; done | grep -cx "$NAME")
if [ $ok = 1 ] && [ "$count" = 1 ] && cat /tmp/c1.out /tmp/c2.out | grep -q "already exists"; then pass "exit statuses $(cat /tmp/c1.rc) $(cat /tmp/c2.rc)"
else fail "$ok succeeded, $count domains named $NAME"; fi

for d in $NAME xmtest-renamed; do domain_exists "$d" && xm destroy "$d"; done
