# 39-xm-hvm: an HVM guest with xm (slow under TCG): create -> marker on its serial port,
# xm trigger nmi reaches the guest kernel, xm shutdown -w.
# timeout: 1500
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=/etc/xen/xmtest/hvm.cfg NAME=xmtest-hvm

step create "xm create $CFG"
t0=$(uptime_s)
if show xm create "$CFG"; then measure "hvm: xm create returns" "$t0"; pass "domid $(domid_of "$NAME")"
else fail "xm create exit status $_rc"; return 0; fi

step marker "the guest prints XM-GUEST-HELLO on its serial port"
if wait_console "$NAME" XM-GUEST-HELLO 1100; then
  measure "hvm: xm create -> marker" "$t0"; pass "$(tr -d '\r' < "$(console_log "$NAME")" | grep -m1 XM-GUEST-HELLO)"
else fail "no marker within 1100 s"; console_tail "$NAME" 40; fi

step trigger-nmi "xm trigger nmi: the guest kernel reports the NMI"
# Linux's words for an NMI nothing claimed (a boot line such as "NMI watchdog: ..." does not count)
if show xm trigger "$NAME" nmi && wait_for 30 console_has "$NAME" "NMI received"; then
  pass "$(tr -d '\r' < "$(console_log "$NAME")" | grep -m1 "NMI received")"
else fail "exit $_rc, no NMI line"; console_tail "$NAME" 10; fi

step shutdown-w "xm shutdown -w: gone when it returns"
# A triple fault while the guest powers off (TCG's flake) is a reboot to Xen: on_reboot brings
# the guest back and xm says it did not shut down. Then once more, on the guest's next boot.
shutdown_gone() {
  t1=$(uptime_s) hellos=$(console_count "$NAME" XM-GUEST-HELLO)
  show timeout "$(within 600)" xm shutdown -w "$NAME"; rc=$_rc
  [ "$rc" = 0 ] && domain_gone "$NAME" && ! xl list "$NAME" > /dev/null 2>&1
}
booted_again() { wait_console "$NAME" XM-GUEST-HELLO 1100 $((hellos + 1)); }
if past_faults shutdown_gone booted_again; then measure "hvm: xm shutdown -w" "$t1"; pass
else fail "exit $rc, domain $(domain_exists "$NAME" && echo "still there" || echo gone)"; fi

domain_exists "$NAME" && xm destroy "$NAME"
