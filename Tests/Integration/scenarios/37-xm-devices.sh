# 37-xm-devices: devices of a running PV guest, checked from inside the guest (its console answers
# "has xvdb", "write xvdb WORD", "nic MAC", ...: guest/init) and in xenstore, not only by xm's exit
# status. A file-backed disk attached, written by the guest, detached (the file holds what the
# guest wrote), attached again and still there after xm reboot -w; a network card on a dom0 bridge
# that the guest and dom0 ping each other over, then detached; xm's errors for bad input, each
# with nothing changed; dump-core -L (an ELF core with Xen's notes, the guest beating on) and -C
# (the default file name, the guest gone); debug-keys seen in xm dmesg. Then an HVM guest with an
# empty CD-ROM drive (created paused: its device model runs, which is all a media change needs):
# cd-insert and cd-eject, checked by what the device model reports (QMP query-block).
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv
IMG=/var/tmp/xm-data.img
XVDB=51728   # xvdb's device number, its key in xenstore
backend_state() { xenstore-read "/local/domain/0/backend/vbd/$(domid_of "$NAME")/$XVDB/state" 2>/dev/null; }
frontend_gone() { [ -z "$(xenstore-read "/local/domain/$(domid_of "$NAME")/device/vbd/$XVDB/state" 2>/dev/null)" ]; }
connected() { [ "$(backend_state)" = 4 ]; }
guest_has() { ask_guest "$NAME" "has $1" "XM-GUEST-HAS $1 " && [ "$answer" = "XM-GUEST-HAS $1 $2" ]; }
guest_has_eventually() { wait_for "$(within 60)" guest_has "$@"; }

rm -f "$(console_log "$NAME")"
step guest "a PV guest to attach devices to"
if show xm create "$CFG" && wait_console "$NAME" XM-GUEST-ALIVE 400 2; then pass "domid $(domid_of "$NAME")"
else fail "no heartbeat"; console_tail "$NAME" 20; return 0; fi
settle_domid "$NAME"

# ---- a disk
mkdir -p /var/tmp
dd if=/dev/zero of="$IMG" bs=1M count=8 2> /dev/null
step block-attach "xm block-attach file:$IMG xvdb w: the guest has /sys/block/xvdb, xenstore shows it connected"
if show xm block-attach "$NAME" "file:$IMG" xvdb w && wait_for "$(within 60)" connected && guest_has_eventually xvdb yes; then
  pass "backend state $(backend_state)"
else fail "exit $_rc, backend state '$(backend_state)', guest: $answer"; console_tail "$NAME" 10; fi

step block-list "xm block-list shows xvdb (51728) with xm's columns; xm list -l has the disk"
show xm block-list "$NAME"
if grep -q "^Vdev  BE handle state evt-ch ring-ref BE-path" "$XM_STATE/show.out" \
   && grep -q "^$XVDB  0    0     4 " "$XM_STATE/show.out" && xm list -l "$NAME" | grep -q "$IMG"; then
  pass "$(grep "^$XVDB" "$XM_STATE/show.out")"
else fail "no xvdb row, or not in xm list -l"; xm list -l "$NAME" | grep -i -A3 vbd | indent "list -l"; fi
show xm block-list -l "$NAME"

step block-write "the guest writes a marker to xvdb and reads it back"
MARK="xm-mark-$(cut -c1-8 /proc/sys/kernel/random/uuid)"
if ask_guest "$NAME" "write xvdb $MARK" "XM-GUEST-WROTE xvdb" && [ "$answer" = "XM-GUEST-WROTE xvdb $MARK" ]; then pass "$answer"
else fail "guest said '$answer'"; console_tail "$NAME" 10; fi

step block-detach "xm block-detach xvdb: gone from the guest and xenstore; the file holds the marker"
if show xm block-detach "$NAME" xvdb && wait_for "$(within 60)" frontend_gone && guest_has_eventually xvdb no; then
  got=$(dd if="$IMG" bs=512 count=1 2> /dev/null | tr -d '\000' | head -n 1)
  if [ "$got" = "$MARK" ]; then pass "the file holds '$got'"; else fail "the file holds '$got', not '$MARK'"; fi
else fail "exit $_rc; guest: $answer"; fi

step block-reboot "attached again, then xm reboot -w: the new boot has xvdb (it is in the stored configuration)"
boots=$(console_count "$NAME" XM-GUEST-HELLO)
if show xm block-attach "$NAME" "file:$IMG,xvdb,w" && wait_for "$(within 60)" connected \
   && show timeout "$(within 300)" xm reboot -w "$NAME" \
   && wait_console "$NAME" XM-GUEST-HELLO "$(within 300)" $((boots + 1)) && wait_console "$NAME" XM-GUEST-ALIVE 120 1 \
   && guest_has_eventually xvdb yes; then
  pass "boot $((boots + 1)), domid $(domid_of "$NAME"), xvdb there"
else fail "exit $_rc; guest: $answer"; console_tail "$NAME" 10; tail -n 5 "/var/log/xen/xm-$NAME.log" | indent monitor; fi
settle_domid "$NAME"

step block-save-restore "xm save, then xm restore: the restored guest still has xvdb"
if show timeout "$(within 300)" xm save "$NAME" /var/tmp/xm-devices.save && show timeout "$(within 300)" xm restore /var/tmp/xm-devices.save \
   && wait_for "$(within 60)" connected && guest_has_eventually xvdb yes; then
  pass "domid $(domid_of "$NAME")"
else fail "exit $_rc; guest: $answer"; fi
rm -f /var/tmp/xm-devices.save
settle_domid "$NAME"

# ---- errors: each is Error: ..., exit 1, and the disks are as they were
refused_device() { # ID WHAT MESSAGE ARGS...: xm ARGS refused with MESSAGE, block-list unchanged
  _id=$1 _what=$2 _msg=$3; shift 3
  step "$_id" "$_what: Error, exit 1, nothing changed"
  _before=$(xm block-list "$NAME" 2>&1)
  show xm "$@"
  if [ "$_rc" = 1 ] && grep -q "^Error: .*$_msg" "$XM_STATE/show.out" && [ "$(xm block-list "$NAME" 2>&1)" = "$_before" ]; then
    pass "$(grep -m1 '^Error' "$XM_STATE/show.out")"
  else fail "exit $_rc"; fi
}
refused_device missing-file "a missing backing file" "No such file" block-attach "$NAME" file:/var/tmp/nonexistent.img xvdc w
refused_device vdev-in-use "a vdev already in use" "already has a device xvdb" block-attach "$NAME" "file:$IMG" xvdb r
refused_device unknown-dev "detach of an unknown device" "not connected" block-detach "$NAME" xvdz
refused_device unknown-mac "detach of an unknown MAC" "not connected" network-detach "$NAME" 00:16:3e:99:99:99
refused_device bad-spec "a malformed spec" "invalid disk spec" block-attach "$NAME" "file:$IMG,xvdc,rw!x"
step bad-spec-caret "the malformed spec is shown with a caret under the bad part"
if grep -q "^    file:$IMG,xvdc,rw!x$" "$XM_STATE/show.out" && grep -q '^ *\^' "$XM_STATE/show.out"; then pass
else fail "no caret line"; fi
refused_device domain0 "Domain-0" "Domain-0" block-attach Domain-0 "file:$IMG" xvdc w
refused_device unknown-domain "an unknown domain" "does not exist" block-attach xmtest-nosuch "file:$IMG" xvdc w

step block-detach-force "a paused guest cannot release xvdb: block-detach fails and leaves it; -f removes it"
if show xm pause "$NAME" && ! show timeout "$(within 120)" xm block-detach "$NAME" xvdb && ! frontend_gone \
   && show xm block-detach -f "$NAME" xvdb && wait_for 30 frontend_gone && show xm unpause "$NAME" \
   && guest_has_eventually xvdb no; then
  pass
else fail "exit $_rc, backend state '$(backend_state)'; guest: $answer"; xm unpause "$NAME" 2> /dev/null; fi

# a guest that crashed and is kept (on_crash = "preserve"): not running, so no device for it
sed -e 's/^name = .*/name = "xmtest-crashed"/' -e 's|^extra = "\(.*\)"|extra = "\1 xmtest.crash_after=1"|' "$CFG" > /tmp/crashed.cfg
crashed() { xl list xmtest-crashed 2> /dev/null | awk 'NR == 2 { exit !($5 ~ /c/) } END { if (NR < 2) exit 1 }'; }
if show xm create /tmp/crashed.cfg && wait_for "$(within 300)" crashed; then
  refused_device stopped-domain "a domain that does not run (crashed, preserved)" "is not running" block-attach xmtest-crashed "file:$IMG" xvdc w
else step stopped-domain "a crashed, preserved domain"; fail "it did not crash: $(xl list xmtest-crashed 2>&1 | tail -n 1)"; fi
destroy_until_gone 60 echo xmtest-crashed
rm -f /tmp/crashed.cfg

# ---- a network card on a dom0 bridge
MAC=00:16:3e:5a:00:01
guest_nic() { ask_guest "$NAME" "nic $MAC" "XM-GUEST-NIC $MAC" && [ "$answer" != "XM-GUEST-NIC $MAC none" ]; }
guest_no_nic() { ask_guest "$NAME" "nic $MAC" "XM-GUEST-NIC $MAC" && [ "$answer" = "XM-GUEST-NIC $MAC none" ]; }
guest_reaches_dom0() { ask_guest "$NAME" "reach 10.99.0.1" "XM-GUEST-REACH 10.99.0.1" && [ "$answer" = "XM-GUEST-REACH 10.99.0.1 yes" ]; }
step network-attach "xm network-attach on bridge xmbr0: the guest has a new interface with that MAC"
ip link add name xmbr0 type bridge 2> /dev/null; ip addr add 10.99.0.1/24 dev xmbr0 2> /dev/null; ip link set xmbr0 up
if show xm network-attach "$NAME" mac=$MAC bridge=xmbr0 && wait_for "$(within 60)" guest_nic; then
  IFACE=${answer##* }; pass "$answer"
else fail "exit $_rc; guest: $answer"; IFACE=""; fi
show xm network-list "$NAME"

step network-ping "the guest and dom0 ping each other over it"
if [ -n "$IFACE" ] && ask_guest "$NAME" "ip $IFACE 10.99.0.2/24" "XM-GUEST-IP $IFACE" \
   && wait_for "$(within 60)" guest_reaches_dom0 \
   && ping -c 2 -W 2 10.99.0.2 > /dev/null; then
  pass "$answer; dom0 reaches 10.99.0.2"
else fail "guest: $answer"; ip addr 2>&1 | indent ip; fi

step network-detach "xm network-detach by MAC: the interface is gone from the guest"
if show xm network-detach "$NAME" $MAC && wait_for "$(within 60)" guest_no_nic; then
  pass "$answer"
else fail "exit $_rc; guest: $answer"; fi
ip link del xmbr0 2> /dev/null

# ---- vTPM and PCI: none here, and no IOMMU under QEMU: said plainly
step vtpm-pci-list "xm vtpm-list and xm pci-list of a guest without such devices: nothing, exit 0"
if show xm vtpm-list "$NAME" && [ ! -s "$XM_STATE/show.out" ] && show xm pci-list "$NAME" && [ ! -s "$XM_STATE/show.out" ]; then pass
else fail "exit $_rc: $(head -n 2 "$XM_STATE/show.out")"; fi
refused_device pci-assignable "pci-list-assignable-devices without pciback" "pciback is not loaded" pci-list-assignable-devices
refused_device pci-no-iommu "pci-attach on a host without an IOMMU" "no IOMMU" pci-attach "$NAME" 0000:00:03.0
refused_device pci-bad-bdf "pci-attach of a malformed address" "invalid pci spec" pci-attach "$NAME" 00:3g.0
refused_device pci-not-attached "pci-detach of a device the guest does not have" "not attached" pci-detach "$NAME" 0000:00:03.0

# ---- debug keys and core dumps
step debug-keys "xm debug-keys q: the hypervisor's answer is in xm dmesg"
if show xm debug-keys q && xm dmesg | grep -q "'q' pressed"; then pass "$(xm dmesg | grep "'q' pressed" | tail -n 1)"
else fail "exit $_rc, nothing in xm dmesg"; xm dmesg | tail -n 5 | indent dmesg; fi

step dump-core-live "xm dump-core -L: an ELF core with Xen's notes; the guest runs on"
b=$(last_heartbeat "$NAME")
if show xm dump-core -L "$NAME" /var/tmp/xm-live.core && /xmtest/bin/elf-notes /var/tmp/xm-live.core > "$XM_STATE/notes.out"; then
  indent notes < "$XM_STATE/notes.out"
  if grep -q "^elf class=2 type=4 machine=62 " "$XM_STATE/notes.out" && grep -q "^section .note.Xen " "$XM_STATE/notes.out" \
     && grep -q "^note Xen type=0x2000001 " "$XM_STATE/notes.out" && grep -q "^note Xen type=0x2000002 " "$XM_STATE/notes.out" \
     && wait_for 60 heartbeat_at_least "$NAME" $((b + 2)); then
    pass "$(grep -c '^note Xen' "$XM_STATE/notes.out") Xen notes; heartbeat $(last_heartbeat "$NAME")"
  else fail "not a Xen core, or the guest stopped"; fi
else fail "exit $_rc"; fi
rm -f /var/tmp/xm-live.core

step dump-core-crash "xm dump-core -C: the core in /var/xen/dump/NAME/, the domain gone"
if show xm dump-core -C "$NAME"; then
  core=""
  for f in /var/xen/dump/"$NAME"/*-"$NAME".*.core; do [ -f "$f" ] && core=$f; done
  if [ -n "$core" ] && /xmtest/bin/elf-notes "$core" | grep -q "^note Xen type=0x2000001 " && wait_for 60 sh -c "! xl list $NAME > /dev/null 2>&1"; then
    pass "$core"
  else fail "core '${core:-none}', domain $(xl list "$NAME" 2>&1 | tail -n 1)"; fi
else fail "exit $_rc"; fi
rm -rf /var/xen/dump "$IMG"
destroy_until_gone 60 echo "$NAME"

# ---- CD media of an HVM guest, created paused with a medium in its drive: the device model runs,
# which is all a media change needs. Two images of different sizes tell the media apart.
HVM=xmtest-cd
dd if=/dev/zero of=/var/tmp/xm-cd1.iso bs=2048 count=10 2> /dev/null
dd if=/dev/zero of=/var/tmp/xm-cd2.iso bs=2048 count=20 2> /dev/null
cd_config() { # MEDIUM: /tmp/cd.cfg, the HVM guest with MEDIUM (empty: none) in hdc
  sed -e 's/^name = .*/name = "xmtest-cd"/' -e 's|guest-xmtest-hvm.log|guest-xmtest-cd.log|' /etc/xen/xmtest/hvm.cfg > /tmp/cd.cfg
  echo "disk = ['${1:+file:$1},hdc:cdrom,r']" >> /tmp/cd.cfg
}
# medium: the size of what the device model has in the CD drive (query-block), "none" when empty
medium() {
  /xmtest/bin/qmp-query "$(domid_of "$HVM")" query-block 2> /dev/null | awk -F'"device": ' '
    { for (i = 2; i <= NF; i++) if ($i ~ /^"ide-5632"/) part = $i }
    END { if (part == "") print "unknown"
          else if (part !~ /"inserted"/) print "none"
          else { match(part, /"virtual-size": [0-9]+/); print substr(part, RSTART + 16, RLENGTH - 16) } }'
}
medium_is() { [ "$(medium)" = "$1" ]; }
cd_config /var/tmp/xm-cd1.iso
step cd-insert "xm cd-insert of another image: the device model has the new medium"
if show xm create -p /tmp/cd.cfg && wait_for 60 medium_is 20480 && show xm cd-insert "$HVM" hdc /var/tmp/xm-cd2.iso \
   && wait_for 30 medium_is 40960; then
  pass "query-block: a medium of $(medium) bytes (was 20480)"
else fail "exit $_rc, medium '$(medium)'"; /xmtest/bin/qmp-query "$(domid_of "$HVM")" query-block 2>&1 | indent qmp; fi
show xm block-list "$HVM"

step cd-eject "xm cd-eject: the drive is empty; xm cd-insert fills it again"
if show xm cd-eject "$HVM" hdc && wait_for 30 medium_is none && show xm cd-insert "$HVM" hdc /var/tmp/xm-cd1.iso \
   && wait_for 30 medium_is 20480; then
  pass
else fail "exit $_rc, medium '$(medium)'"; fi

refused_cd() { # ID WHAT MESSAGE ARGS...
  _id=$1 _what=$2 _msg=$3; shift 3
  step "$_id" "$_what: Error, exit 1, the device model still answers"
  show xm "$@"
  if [ "$_rc" = 1 ] && grep -q "^Error: .*$_msg" "$XM_STATE/show.out" && [ "$(medium)" != unknown ]; then
    pass "$(grep -m1 '^Error' "$XM_STATE/show.out")"
  else fail "exit $_rc, medium '$(medium)'"; fi
}
refused_cd cd-no-drive "cd-insert into a drive that is not there" "not connected" cd-insert "$HVM" hdd /var/tmp/xm-cd2.iso
refused_cd cd-missing "cd-insert of a missing file" "No such file" cd-insert "$HVM" hdc /var/tmp/nonexistent.iso
refused_cd cd-domain0 "cd-insert into Domain-0" "Domain-0" cd-insert Domain-0 hdc /var/tmp/xm-cd2.iso
if show xm create -p "$CFG"; then
  refused_cd cd-pv "cd-insert into a PV guest" "not an HVM guest" cd-insert "$NAME" hdc /var/tmp/xm-cd2.iso
else step cd-pv "a paused PV guest"; fail "xm create -p exit $_rc"; fi
destroy_until_gone 60 echo "$NAME"
destroy_until_gone 60 echo "$HVM"
# qemu-xen 7.2 dies (SIGSEGV) when libxl inserts a medium into a drive created empty (xl's
# cd-insert too, seen here): xm refuses, and the guest keeps its device model
cd_config ""
if show xm create -p /tmp/cd.cfg && wait_for 60 medium_is none; then
  refused_cd cd-created-empty "cd-insert into a drive created empty" "created empty" cd-insert "$HVM" hdc /var/tmp/xm-cd2.iso
else step cd-created-empty "a guest with an empty drive"; fail "it did not start: medium '$(medium)'"; fi
destroy_until_gone 60 echo "$HVM"
rm -f /var/tmp/xm-cd1.iso /var/tmp/xm-cd2.iso /tmp/cd.cfg
