# 33-xm-preserve: xm shutdown -w on a domain whose config keeps it after power-off
# (on_poweroff = "preserve"): returns once the guest is down and says it is kept, rather than
# waiting forever for a death that will not come; the domain stays in state s until destroyed.
# And on a domain whose config restarts it after power-off (on_poweroff = "restart"): the guest
# comes back, so shutdown -w says so and fails rather than report it terminated.
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
NAME=xmtest-keep
sed -e "s/^name = .*/name = \"$NAME\"/" -e 's/^on_poweroff = .*/on_poweroff = "preserve"/' /etc/xen/xmtest/pv.cfg > /tmp/$NAME.cfg
BACK=xmtest-back
sed -e "s/^name = .*/name = \"$BACK\"/" -e 's/^on_poweroff = .*/on_poweroff = "restart"/' /etc/xen/xmtest/pv.cfg > /tmp/$BACK.cfg
xl_state() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $5 }'; }

step create "xm create two PV guests: on_poweroff = preserve, on_poweroff = restart"
t0=$(uptime_s)
if show xm create /tmp/$NAME.cfg && show xm create /tmp/$BACK.cfg \
  && wait_console "$NAME" XM-GUEST-HELLO 400 && wait_console "$BACK" XM-GUEST-HELLO 400; then
  measure "keep: xm create -> marker" "$t0"; pass
else fail "exit $_rc or no marker"; console_tail "$NAME" 20; console_tail "$BACK" 20; fi

step shutdown-w "xm shutdown -w returns when the guest is down; the domain stays (state s)"
t1=$(uptime_s)
show timeout "$(within 300)" xm shutdown -w "$NAME"; rc=$_rc
case "$(xl_state "$NAME")" in *s*) down=1;; *) down=0;; esac
if [ "$rc" = 0 ] && [ $down = 1 ] && grep -q "kept by its configuration" "$XM_STATE/show.out"; then
  measure "keep: xm shutdown -w" "$t1"; pass "state $(xl_state "$NAME")"
else fail "exit $rc, state '$(xl_state "$NAME")'"; fi

step destroy "xm destroy removes the kept domain"
if show xm destroy "$NAME" && domain_gone "$NAME"; then pass; else fail "exit $_rc"; fi

step shutdown-w-restart "xm shutdown -w on a domain its config restarts: Error, exit 1, and it runs again"
OLD=$(domid_of "$BACK")
show timeout "$(within 300)" xm shutdown -w "$BACK"; rc=$_rc
back_again() { _id=$(domid_of "$BACK") && [ "$_id" != "$OLD" ]; }
if [ "$rc" = 1 ] && grep -q "^Error: Domain '$BACK' did not shut down: its configuration restarted it" "$XM_STATE/show.out" \
  && grep -q "stopped with reason poweroff, and on_poweroff = \"restart\" starts it again" "$XM_STATE/show.out" \
  && wait_for 60 back_again && wait_console "$BACK" XM-GUEST-HELLO 400 2; then
  pass "domid $OLD -> $(domid_of "$BACK")"
else fail "exit $rc, domid $OLD -> '$(domid_of "$BACK")'"; console_tail "$BACK" 10; fi
destroy_until_gone 60 echo "$BACK"
