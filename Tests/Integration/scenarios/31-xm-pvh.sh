# 31-xm-pvh: a PVH guest with xm: create, marker, xm reboot -w (back under a new domid, a new
# boot id), shutdown -w.
# timeout: 720
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=/etc/xen/xmtest/pvh.cfg NAME=xmtest-pvh
boot_ids() { tr -d '\r' < "$(console_log "$1")" | sed -n 's/.*XM-GUEST-HELLO boot=\([^ ]*\).*/\1/p'; }

step create "xm create $CFG"
t0=$(uptime_s)
if show xm create "$CFG"; then pass "domid $(domid_of "$NAME")"
else fail "xm create exit status $_rc"; return 0; fi
DOMID=$(domid_of "$NAME")

step marker "the guest prints XM-GUEST-HELLO"
if wait_console "$NAME" XM-GUEST-HELLO 400; then
  measure "pvh: xm create -> marker" "$t0"; pass "$(tr -d '\r' < "$(console_log "$NAME")" | grep -m1 XM-GUEST-HELLO)"
else fail "no marker within 400 s"; console_tail "$NAME" 40; fi

settle_domid "$NAME"

step xl-sees "xl list (observing) shows the domain"
check_id=$(xl list "$NAME" 2>/dev/null | awk 'NR == 2 { print $2 }')
if [ "$check_id" = "$DOMID" ]; then pass "id $DOMID"; else fail "xl: '$check_id', xenstore: $DOMID"; fi

step reboot-w "xm reboot -w returns when the domain runs again under a new id"
t1=$(uptime_s)
show timeout "$(within 300)" xm reboot -w "$NAME"; rc=$_rc
NEW=$(domid_of "$NAME")
if [ "$rc" = 0 ] && [ -n "$NEW" ] && [ "$NEW" != "$DOMID" ]; then measure "pvh: xm reboot -w" "$t1"; pass "domid $DOMID -> $NEW"
else fail "exit $rc, domid $DOMID -> '$NEW'"; show cat "/var/log/xen/xm-$NAME.log"; fi

step second-boot "the guest boots again: a second XM-GUEST-HELLO with another boot id"
if wait_console "$NAME" XM-GUEST-HELLO 400 2 && [ "$(boot_ids "$NAME" | sort -u | wc -l)" -ge 2 ]; then
  measure "pvh: reboot -> second marker" "$t1"; pass "$(boot_ids "$NAME" | tr '\n' ' ')"
else fail "boot ids: $(boot_ids "$NAME" | tr '\n' ' ')"; console_tail "$NAME" 20; fi

step shutdown-w "xm shutdown -w: gone when it returns"
t2=$(uptime_s)
show timeout "$(within 300)" xm shutdown -w "$NAME"; rc=$_rc
if [ "$rc" = 0 ] && domain_gone "$NAME" && ! xl list "$NAME" > /dev/null 2>&1; then measure "pvh: xm shutdown -w" "$t2"; pass
else fail "exit $rc, domain $(domain_exists "$NAME" && echo "still there" || echo gone)"; fi

domain_exists "$NAME" && xm destroy "$NAME"
