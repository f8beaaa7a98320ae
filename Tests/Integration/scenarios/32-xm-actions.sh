# 32-xm-actions: the monitor applies the config's actions to guests that stop by themselves:
# on_reboot=restart (a guest rebooting itself comes back with a new domid and a new boot id),
# on_poweroff=destroy (gone), on_crash=preserve (kept in state c until destroyed). Three PV guests
# from variants of pv.cfg, run side by side.
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
variant() { # variant NAME KERNEL-PARAMS: a copy of pv.cfg called NAME whose guest gets more params
  sed -e "s/^name = .*/name = \"$1\"/" -e "s|^extra = \"\\(.*\\)\"|extra = \"\\1 $2\"|" /etc/xen/xmtest/pv.cfg > "/tmp/$1.cfg"
  echo "/tmp/$1.cfg"
}
boot_ids() { tr -d '\r' < "$(console_log "$1")" | sed -n 's/.*XM-GUEST-HELLO boot=\([^ ]*\).*/\1/p'; }
xl_state() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $5 }'; }
crashed() { case "$(xl_state "$1")" in *c*) return 0;; esac; return 1; }

step create "xm create: a guest that reboots, one that powers off, one that crashes (each 20 s after its marker)"
R=$(variant xmtest-reboot xmtest.reboot_after=20)
P=$(variant xmtest-poweroff xmtest.poweroff_after=20)
C=$(variant xmtest-crash xmtest.crash_after=20)
t0=$(uptime_s)
# each domid from xm's own report, taken before the guest can have restarted
started_id() { sed -n 's/^Started domain .* (id=\([0-9]*\))$/\1/p' "$1"; }
if show xm create "$R" && RID=$(started_id "$XM_STATE/show.out") && show xm create "$P" && show xm create "$C"; then
  pass "xmtest-reboot started as domid $RID"
else fail "xm create exit $_rc"; fi

step on-poweroff-destroy "on_poweroff=destroy: the domain is gone after the guest powers off"
if wait_for 500 domain_gone xmtest-poweroff && console_has xmtest-poweroff XM-GUEST-POWEROFF; then
  measure "poweroff: create -> gone" "$t0"; pass "$(grep -h "destroyed" /var/log/xen/xm-xmtest-poweroff.log | tail -n1)"
else fail "state $(xl_state xmtest-poweroff)"; console_tail xmtest-poweroff 10; show cat /var/log/xen/xm-xmtest-poweroff.log; fi

step on-reboot-restart "on_reboot=restart: back with a new domid and a second boot id"
if wait_console xmtest-reboot XM-GUEST-HELLO 500 2; then
  NEW=$(domid_of xmtest-reboot)
  if [ "$(boot_ids xmtest-reboot | sort -u | wc -l)" -ge 2 ] && [ -n "$NEW" ] && [ "$NEW" != "$RID" ]; then
    measure "reboot: create -> second marker" "$t0"; pass "domid $RID -> $NEW; boots $(boot_ids xmtest-reboot | tr '\n' ' ')"
  else fail "domid $RID -> '$NEW'; boots $(boot_ids xmtest-reboot | tr '\n' ' ')"; fi
else fail "no second marker"; console_tail xmtest-reboot 20; fi
show cat /var/log/xen/xm-xmtest-reboot.log

step on-crash-preserve "on_crash=preserve: the crashed domain stays, in state c"
if wait_for 500 crashed xmtest-crash && sleep 5 && crashed xmtest-crash; then
  show xl list xmtest-crash; pass "state $(xl_state xmtest-crash)"
else fail "state '$(xl_state xmtest-crash)'"; console_tail xmtest-crash 10; show cat /var/log/xen/xm-xmtest-crash.log; fi

step cleanup "xm destroy removes the preserved and the restarting domain"
# the rebooting guest may be between two domains when destroyed: destroy until it stays gone
destroy_until_gone 60 echo xmtest-crash xmtest-reboot
if domain_gone xmtest-crash && domain_gone xmtest-reboot; then pass; else fail "left: $(guest_domids | tr '\n' ' ')"; fi
