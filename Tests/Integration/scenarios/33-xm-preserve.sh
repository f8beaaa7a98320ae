# 33-xm-preserve: xm shutdown -w on a domain whose config keeps it after power-off
# (on_poweroff = "preserve"): returns once the guest is down and says it is kept, rather than
# waiting forever for a death that will not come; the domain stays in state s until destroyed.
# timeout: 600
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
NAME=xmtest-keep
sed -e "s/^name = .*/name = \"$NAME\"/" -e 's/^on_poweroff = .*/on_poweroff = "preserve"/' /etc/xen/xmtest/pv.cfg > /tmp/$NAME.cfg
xl_state() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $5 }'; }

step create "xm create a PV guest with on_poweroff = preserve"
t0=$(uptime_s)
if show xm create /tmp/$NAME.cfg && wait_console "$NAME" XM-GUEST-HELLO 400; then measure "keep: xm create -> marker" "$t0"; pass
else fail "exit $_rc or no marker"; console_tail "$NAME" 20; fi

step shutdown-w "xm shutdown -w returns when the guest is down; the domain stays (state s)"
t1=$(uptime_s)
show timeout "$(within 300)" xm shutdown -w "$NAME"; rc=$_rc
case "$(xl_state "$NAME")" in *s*) down=1;; *) down=0;; esac
if [ "$rc" = 0 ] && [ $down = 1 ] && grep -q "kept by its configuration" "$XM_STATE/show.out"; then
  measure "keep: xm shutdown -w" "$t1"; pass "state $(xl_state "$NAME")"
else fail "exit $rc, state '$(xl_state "$NAME")'"; fi

step destroy "xm destroy removes the kept domain"
if show xm destroy "$NAME" && domain_gone "$NAME"; then pass; else fail "exit $_rc"; fi
