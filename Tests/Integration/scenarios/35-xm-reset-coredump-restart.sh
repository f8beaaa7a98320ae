# 35-xm-reset-coredump-restart: `xm reset` on a running PV guest (destroyed and started again
# from its stored configuration: a new id, a new boot, a monitor for the new domain), and the
# monitor's on_crash = "coredump-restart" on a guest that crashes itself (a core file, then the
# guest back under a new id and booted again).
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
boot_ids() { tr -d '\r' < "$(console_log "$1")" | sed -n 's/.*XM-GUEST-HELLO boot=\([^ ]*\).*/\1/p'; }
DUMP=/var/lib/xen/dump/xmtest-cr

step create "xm create: a guest to reset, and one that crashes 15 s after its marker (coredump-restart)"
RS=$(pv_variant xmtest-reset on_crash preserve "")
CR=$(pv_variant xmtest-cr on_crash coredump-restart xmtest.crash_after=15)
rm -f "$DUMP"
t0=$(uptime_s)
if show xm create "$RS" && show xm create "$CR"; then
  RSID=$(domid_of xmtest-reset) CRID=$(domid_of xmtest-cr); pass "xmtest-reset is domid $RSID, xmtest-cr is $CRID"
else fail "xm create exit $_rc"; return 0; fi

step reset "xm reset: the domain comes back under a new id and boots again"
if wait_console xmtest-reset XM-GUEST-HELLO 400; then
  show xm reset xmtest-reset; rc=$_rc
  NEW=$(domid_of xmtest-reset)
  if [ "$rc" = 0 ] && [ -n "$NEW" ] && [ "$NEW" != "$RSID" ] && wait_console xmtest-reset XM-GUEST-HELLO 400 2 \
     && [ "$(boot_ids xmtest-reset | sort -u | wc -l)" -ge 2 ]; then
    pass "domid $RSID -> $NEW; boots $(boot_ids xmtest-reset | tr '\n' ' ')"
  else fail "exit $rc, domid $RSID -> '$NEW', boots: $(boot_ids xmtest-reset | tr '\n' ' ')"; console_tail xmtest-reset 20; fi
else fail "no first marker"; console_tail xmtest-reset 20; fi

step reset-monitor "after xm reset a monitor watches the new domain"
if [ -n "$NEW" ] && wait_for 20 grep -q "monitoring domain xmtest-reset (id $NEW)" /var/log/xen/xm-xmtest-reset.log; then pass
else fail "no monitor for id '$NEW'"; show cat /var/log/xen/xm-xmtest-reset.log; fi

step reset-errors "xm reset of Domain-0 and of an unknown domain: Error:, exit 1"
xm reset Domain-0 > "$XM_STATE/r0" 2>&1; rc1=$?
xm reset no-such-domain > "$XM_STATE/r1" 2>&1; rc2=$?
indent "reset Domain-0" < "$XM_STATE/r0"; indent "reset no-such-domain" < "$XM_STATE/r1"
if [ $rc1 = 1 ] && [ $rc2 = 1 ] && grep -q "^Error: " "$XM_STATE/r0" && grep -q "^Error: " "$XM_STATE/r1" \
   && domain_exists Domain-0; then pass
else fail "exit $rc1 / $rc2"; fi

step coredump-restart "on_crash=coredump-restart: a core file, then the guest back under a new id, booted again"
back_again() { _id=$(domid_of xmtest-cr) && [ "$_id" != "$CRID" ]; }
if wait_for 500 back_again && [ -s "$DUMP" ] && wait_console xmtest-cr XM-GUEST-HELLO 400 2; then
  measure "coredump-restart: create -> core + second marker" "$t0"
  pass "domid $CRID -> $(domid_of xmtest-cr); $(wc -c < "$DUMP") bytes"
else
  # shellcheck disable=SC2012 # a listing for the log, not parsed
  fail "domid $CRID -> '$(domid_of xmtest-cr)', dump: $(ls -l /var/lib/xen/dump 2>&1 | tr '\n' ' ')"
fi
show cat /var/log/xen/xm-xmtest-cr.log

step cleanup "xm destroy both"
for d in xmtest-reset xmtest-cr; do domain_exists "$d" && xm destroy "$d"; done
wait_for 30 domain_gone xmtest-cr; rm -f "$DUMP"
if domain_gone xmtest-reset && domain_gone xmtest-cr; then pass; else fail "still there"; fi
