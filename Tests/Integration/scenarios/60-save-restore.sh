# 60-save-restore: xm save and xm restore on a running PV guest, in xl's format both ways (xm's
# file restored by xl, xl's by xm), save -c, and the failures: a full disk, a missing directory,
# Domain-0, and restores of a text file, an empty file and a file cut in half. The guest's
# heartbeat proves it is the same guest after each move: its counter goes on, no second boot.
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv
DIR=/var/lib/xmtest-save
mkdir -p "$DIR"
hellos() { console_count "$NAME" XM-GUEST-HELLO; }
# beats_after N: the heartbeat passes N (the guest runs on from where it was)
beats_after() { wait_for "$(within 120)" heartbeat_at_least "$NAME" "$(( $1 + 2 ))"; }
domain_count() { xl list 2>/dev/null | awk 'NR > 1' | wc -l; }
magic_ok() { [ "$(head -c 27 "$1")" = "Xen saved domain, xl format" ]; }

step create "xm create $CFG, running with a heartbeat"
# a console log of its own: earlier scenarios ran guests of this name, and their boots and
# heartbeats would count (a save before the kernel is up fails: "Bad mfn 0 for p2m frame list")
rm -f "$(console_log "$NAME")"
if show xm create "$CFG" && wait_console "$NAME" XM-GUEST-ALIVE 400 3; then pass "domid $(domid_of "$NAME")"
else fail "no heartbeat (exit $_rc)"; console_tail "$NAME" 30; return 0; fi

step xm-save "xm save: the file is xl's format, root's only, and the domain is gone"
beat=$(last_heartbeat "$NAME"); t0=$(uptime_s)
show timeout "$(within 300)" xm save "$NAME" "$DIR/xm.save"; rc=$_rc
mode=$(stat -c %a "$DIR/xm.save" 2>/dev/null)
if [ "$rc" = 0 ] && domain_gone "$NAME" && magic_ok "$DIR/xm.save" && [ "$mode" = 600 ]; then
  measure "save: xm save (pv 128 MiB)" "$t0"; pass "$(stat -c %s "$DIR/xm.save") bytes, mode $mode, heartbeat was $beat"
else fail "exit $rc, domain $(domain_exists "$NAME" && echo "still there" || echo gone), mode '$mode'"; fi
stat -c "%A %s %n" "$DIR"/* | indent files

step xl-restore "xl restore reads xm's file; the same guest runs on"
show timeout "$(within 300)" xl restore "$DIR/xm.save"; rc=$_rc
if [ "$rc" = 0 ] && domain_exists "$NAME" && beats_after "$beat" && [ "$(hellos)" = 1 ]; then
  pass "heartbeat $beat -> $(last_heartbeat "$NAME"), one boot"
else fail "exit $rc, heartbeat $(last_heartbeat "$NAME") (was $beat), boots $(hellos)"; console_tail "$NAME" 10; fi
rm -f "$DIR/xm.save"

step xl-save "xl save (the reference writes a file for xm)"
beat=$(last_heartbeat "$NAME")
show timeout "$(within 300)" xl save "$NAME" "$DIR/xl.save"; rc=$_rc
if [ "$rc" = 0 ] && domain_gone "$NAME"; then pass "$(stat -c %s "$DIR/xl.save") bytes"
else fail "exit $rc"; fi

step xm-restore "xm restore reads xl's file: running, the same guest, a monitor watching it"
t0=$(uptime_s)
show timeout "$(within 300)" xm restore "$DIR/xl.save"; rc=$_rc
out=$(cat "$XM_STATE/show.out")
if [ "$rc" = 0 ] && domain_exists "$NAME" && beats_after "$beat" && [ "$(hellos)" = 1 ] \
   && echo "$out" | grep -q "Restored domain $NAME (id=$(domid_of "$NAME"))"; then
  measure "save: xm restore (pv 128 MiB)" "$t0"; pass "heartbeat $beat -> $(last_heartbeat "$NAME")"
else fail "exit $rc, heartbeat $(last_heartbeat "$NAME") (was $beat), boots $(hellos)"; console_tail "$NAME" 10; fi
if wait_for "$(within 20)" grep -q "monitoring domain $NAME" "/var/log/xen/xm-$NAME.log"; then :
else info "no monitor line in /var/log/xen/xm-$NAME.log"; fi
rm -f "$DIR/xl.save"

step save-checkpoint "xm save -c: the file is written and the guest runs on, same domid"
DOMID=$(domid_of "$NAME"); beat=$(last_heartbeat "$NAME")
show timeout "$(within 300)" xm save -c "$NAME" "$DIR/ckpt.save"; rc=$_rc
if [ "$rc" = 0 ] && [ "$(domid_of "$NAME")" = "$DOMID" ] && magic_ok "$DIR/ckpt.save" && beats_after "$beat"; then
  pass "domid $DOMID, heartbeat $beat -> $(last_heartbeat "$NAME")"
else fail "exit $rc, domid '$(domid_of "$NAME")' (was $DOMID), heartbeat $(last_heartbeat "$NAME")"; fi

step monitor-after-checkpoint "the monitor still watches the resumed guest: xm shutdown -w ends it"
show timeout "$(within 200)" xm shutdown -w "$NAME"; rc=$_rc
if [ "$rc" = 0 ] && domain_gone "$NAME"; then pass
else fail "exit $rc"; show tail -n 5 "/var/log/xen/xm-$NAME.log"; fi
destroy_until_gone 30 echo "$NAME"

step restore-cut "xm restore of a file cut in half: Error, exit 1, no domain left behind"
size=$(stat -c %s "$DIR/ckpt.save")
head -c $(( size / 2 )) "$DIR/ckpt.save" > "$DIR/cut.save"
before=$(domain_count)
show timeout "$(within 300)" xm restore "$DIR/cut.save"; rc=$_rc
sleep 2
if [ "$rc" = 1 ] && grep -q "^Error: " "$XM_STATE/show.out" && [ "$(domain_count)" = "$before" ] && domain_gone "$NAME"; then
  pass "$(grep '^Error' "$XM_STATE/show.out" | head -n 1)"
else fail "exit $rc, domains $before -> $(domain_count)"; xl list 2>&1 | indent "xl list"; fi
rm -f "$DIR/cut.save"

step restore-checkpoint "the checkpoint restores: the guest goes on from the moment of the save"
lines=$(console_count "$NAME" XM-GUEST-ALIVE)
show timeout "$(within 300)" xm restore "$DIR/ckpt.save"; rc=$_rc
if [ "$rc" = 0 ] && wait_console "$NAME" XM-GUEST-ALIVE "$(within 120)" $(( lines + 2 )) && [ "$(hellos)" = 1 ]; then
  pass "heartbeat from $(last_heartbeat "$NAME")"
else fail "exit $rc, boots $(hellos)"; console_tail "$NAME" 10; fi
rm -f "$DIR/ckpt.save"

step save-disk-full "xm save to a full disk: Error, the domain runs on, no partial file"
mkdir -p /mnt/xmtest-small && mount -t tmpfs -o size=4m tmpfs /mnt/xmtest-small
DOMID=$(domid_of "$NAME"); beat=$(last_heartbeat "$NAME")
show timeout "$(within 300)" xm save "$NAME" /mnt/xmtest-small/full.save; rc=$_rc
left=$(ls -A /mnt/xmtest-small)
if [ "$rc" = 1 ] && grep -q "^Error: saving domain" "$XM_STATE/show.out" && [ -z "$left" ] \
   && [ "$(domid_of "$NAME")" = "$DOMID" ] && beats_after "$beat"; then
  pass "$(grep '^Error' "$XM_STATE/show.out")"
else fail "exit $rc, left: '$left', domid '$(domid_of "$NAME")' (was $DOMID), heartbeat $(last_heartbeat "$NAME")"; fi
umount /mnt/xmtest-small

step save-bad-path "xm save into a missing directory: Error before anything is suspended"
show xm save "$NAME" /nonexistent/dir/x.save; rc=$_rc
if [ "$rc" = 1 ] && grep -q "^Error: cannot write the save file" "$XM_STATE/show.out" && domain_exists "$NAME"; then pass
else fail "exit $rc"; fi

step save-domain0 "xm save Domain-0 is refused"
show xm save Domain-0 "$DIR/dom0.save"; rc=$_rc
if [ "$rc" = 1 ] && grep -q "^Error: .*Domain-0" "$XM_STATE/show.out" && [ ! -e "$DIR/dom0.save" ]; then pass
else fail "exit $rc"; fi

step save-before-boot "xm save of a PV guest whose kernel never ran: Error says so, no file, it stays paused"
EARLY=$(pv_variant xmtest-early on_crash preserve "")
show xm create -p "$EARLY"
show timeout "$(within 120)" xm save xmtest-early "$DIR/early.save"; rc=$_rc
state=$(xl list xmtest-early 2>/dev/null | awk 'NR == 2 { print $5 }')
if [ "$rc" = 1 ] && grep -q "^Error: domain [0-9]* cannot be saved yet: its kernel has not set up its memory map" "$XM_STATE/show.out" \
   && [ ! -e "$DIR/early.save" ] && [ "$state" = "--p---" ]; then pass "$(grep '^Error' "$XM_STATE/show.out")"
else fail "exit $rc, state '$state', file $(ls "$DIR/early.save" 2>/dev/null || echo none)"; fi
destroy_until_gone 60 echo xmtest-early

step restore-bad-files "xm restore of a text file, an empty file, a directory: Error each, no domain"
before=$(domain_count); ok=1
echo "name = 'not a save file'" > "$DIR/text.save"; : > "$DIR/empty.save"
for f in "$DIR/text.save" "$DIR/empty.save" "$DIR"; do
  show xm restore "$f"; rc=$_rc
  { [ "$rc" = 1 ] && grep -q "^Error: " "$XM_STATE/show.out"; } || { ok=""; echo "    $f: exit $rc"; }
done
if [ -n "$ok" ] && [ "$(domain_count)" = "$before" ]; then pass
else fail "domains $before -> $(domain_count)"; fi

destroy_until_gone 60 echo "$NAME"
rm -rf "$DIR"
