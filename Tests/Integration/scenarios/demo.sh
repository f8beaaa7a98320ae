# demo: xm at work on a Xen host: create the test guest, list it, show its console, shut it down.
# Runs inside the harness's dom0 (run.sh demo) or on a real dom0 (scripts/demo.sh), so it only
# uses xm and the neutral helpers. Not in the default set.
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=${XM_DEMO_CFG:-/fixtures/valid/xmtest-pv.cfg}
NAME=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$CFG")

step create "xm create $CFG"
if show xm create "$CFG"; then pass "domain $NAME, id $(domid_of "$NAME")"
else fail "xm create exit status $_rc"; return 0; fi

check list xm list

step console "the guest's console shows its marker and heartbeat"
if [ -f "$(console_log "$NAME")" ] || wait_for 30 test -f "$(console_log "$NAME")"; then
  if wait_console "$NAME" XM-GUEST-ALIVE 600 3; then console_tail "$NAME" 6; pass
  else console_tail "$NAME" 30; fail "no heartbeat on the console"; fi
else
  # a dom0 whose xenconsoled keeps no logs: read the console through xm itself
  timeout "$(within 60)" xm console "$NAME" < /dev/null > /tmp/demo-console 2>&1
  indent console < /tmp/demo-console | tail -n 8
  if grep -q XM-GUEST-HELLO /tmp/demo-console; then pass; else fail "no marker through xm console"; fi
fi

step shutdown "xm shutdown -w $NAME"
if show xm shutdown -w "$NAME" && domain_gone "$NAME"; then pass
else fail "exit status $_rc; domain $(domain_exists "$NAME" && echo "still exists" || echo gone)"; fi

check list-after xm list
