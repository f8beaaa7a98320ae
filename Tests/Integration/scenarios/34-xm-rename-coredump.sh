# 34-xm-rename-coredump: the monitor's other actions on two PV guests that stop by themselves:
# on_reboot = "rename-restart" (the old domain stays under <name>-<UTC time>, a new one runs under
# the name) and on_crash = "coredump-destroy" (a core file in /var/lib/xen/dump, then gone).
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
names_like() { for d in $(guest_domids); do xenstore-read "/local/domain/$d/name" 2>/dev/null; done | grep "^$1" ; }
started_id() { sed -n 's/^Started domain .* (id=\([0-9]*\))$/\1/p' "$1"; }

step create "xm create: one guest rebooting (rename-restart), one crashing (coredump-destroy), 20 s after the marker"
RR=$(pv_variant xmtest-rr on_reboot rename-restart xmtest.reboot_after=20)
CD=$(pv_variant xmtest-core on_crash coredump-destroy xmtest.crash_after=20)
rm -f /var/lib/xen/dump/xmtest-core
t0=$(uptime_s)
if show xm create "$RR" && RRID=$(started_id "$XM_STATE/show.out") && show xm create "$CD"; then pass "xmtest-rr is domid $RRID"
else fail "xm create exit $_rc"; fi

step rename-restart "on_reboot=rename-restart: the old domain kept under a dated name, a new one under the name"
renamed_exists() { names_like xmtest-rr- > /dev/null; }
if wait_for 500 renamed_exists && wait_for 60 domain_exists xmtest-rr && [ "$(domid_of xmtest-rr)" != "$RRID" ]; then
  measure "rename-restart: create -> renamed + restarted" "$t0"
  pass "kept: $(names_like xmtest-rr- | tr '\n' ' '), new domid $(domid_of xmtest-rr)"
else fail "names: $(names_like xmtest-rr | tr '\n' ' ')"; show cat /var/log/xen/xm-xmtest-rr.log; fi

step coredump-destroy "on_crash=coredump-destroy: a core file, then the domain is gone"
if wait_for 500 domain_gone xmtest-core && [ -s /var/lib/xen/dump/xmtest-core ]; then
  measure "coredump-destroy: create -> gone" "$t0"; pass "$(ls -l /var/lib/xen/dump/xmtest-core)"
else fail "domain $(domain_exists xmtest-core && echo there || echo gone), dump: $(ls -l /var/lib/xen/dump 2>&1)"; show cat /var/log/xen/xm-xmtest-core.log; fi
show cat /var/log/xen/xm-xmtest-core.log

step cleanup "xm destroy every xmtest-rr domain"
# the restarting guest may be between two domains when destroyed: destroy until all stay gone
cleanup_names() { names_like xmtest-rr; echo xmtest-core; }
destroy_until_gone 60 cleanup_names
rm -f /var/lib/xen/dump/xmtest-core
if [ -z "$(names_like xmtest-)" ]; then pass; else fail "left: $(names_like xmtest- | tr '\n' ' ')"; fi
