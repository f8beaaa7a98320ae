# 36-kernel-cache: xm's cache of unpacked PV/PVH kernels on real Xen. A create whose kernel is not
# cached boots it as xl does (libxenguest unpacks the bzImage) and starts a filler; the next
# create hands libxl the unpacked ELF, which libxl reports as the kernel it loaded (xl list -l,
# observing) and the guest boots from; PVH too. A kernel file that changes is a miss, never a
# stale copy; an ELF kernel is loaded as it is, with no filler; XM_KERNEL_CACHE=off turns the
# cache off.
# timeout: 900
# shellcheck shell=sh
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv PVH=/etc/xen/xmtest/pvh.cfg PVHNAME=xmtest-pvh
CACHE=/var/cache/xm/kernels FILLER_LOG=/var/log/xen/xm-kernel-cache.log
# the kernel libxl says the domain was built from (its stored configuration, read by xl)
loaded_kernel() { xl list -l "$1" 2>/dev/null | sed -n 's/^ *"kernel": "\(.*\)",*$/\1/p' | head -n 1; }
entries() { _count=0; for _e in "$CACHE"/k-*.elf; do [ -e "$_e" ] && _count=$((_count + 1)); done; echo "$_count"; }
# create_and_boot TITLE CFG NAME [env...]: a step that creates NAME and waits for its marker
create_and_boot() {
  _title=$1 _cfg=$2 _name=$3; shift 3
  hellos=$(console_count "$_name" XM-GUEST-HELLO); t0=$(uptime_s)
  if show env "$@" xm create "$_cfg" && wait_console "$_name" XM-GUEST-HELLO 400 $((hellos + 1)); then
    measure "kernel cache: $_title" "$t0"; return 0
  fi
  console_tail "$_name" 20; return 1
}
stop() { show timeout "$(within 300)" xm shutdown -w "$1"; wait_for 30 domain_gone "$1"; }

rm -rf "$CACHE"; : > "$FILLER_LOG"

step cold "with no cache, xm create boots the kernel file itself and a filler caches it"
if create_and_boot "cold create -> marker" "$CFG" "$NAME" && [ "$(loaded_kernel "$NAME")" = /guest/vmlinuz ] &&
   wait_for 300 grep -q "unpacked into" "$FILLER_LOG"; then
  pass "$(tail -n 1 "$FILLER_LOG")"
else fail "kernel '$(loaded_kernel "$NAME")', filler: $(tail -n 3 "$FILLER_LOG" 2>&1)"; fi

step entry "the cache holds one unpacked ELF, root's alone"
entry=""; for _e in "$CACHE"/*; do [ -e "$_e" ] && entry=${_e##*/}; break; done
magic=$(head -c 4 "$CACHE/$entry" 2>/dev/null | od -An -c | tr -d ' ')
# shellcheck disable=SC2012 # the mode string, not a file name
perms=$(ls -ld "$CACHE" | cut -c1-10)
if [ "$(entries)" = 1 ] && [ "$magic" = '177ELF' ] && [ "$perms" = drwx------ ]; then
  pass "$entry ($(wc -c < "$CACHE/$entry") bytes, from $(wc -c < /guest/vmlinuz))"
else
  # shellcheck disable=SC2012 # a listing for the log, not parsed
  fail "entries: $(ls -l "$CACHE" 2>&1 | tr '\n' ' '); magic '$magic'; $perms"
fi
stop "$NAME"

step warm "the next create hands libxl the unpacked copy, and the guest boots from it"
if create_and_boot "warm create -> marker" "$CFG" "$NAME" && [ "$(loaded_kernel "$NAME")" = "$CACHE/$entry" ]; then
  pass "libxl loaded $(loaded_kernel "$NAME")"
else fail "kernel '$(loaded_kernel "$NAME")'"; fi

step list-l "xm list -l still names the kernel file of the config"
if xm list -l "$NAME" 2>&1 | grep -q '(kernel /guest/vmlinuz)'; then pass
else fail "$(xm list -l "$NAME" 2>&1 | grep -i kernel)"; fi

step restart "the monitor's restart (xm reboot -w) loads the unpacked copy too"
old_id=$(domid_of "$NAME"); hellos=$(console_count "$NAME" XM-GUEST-HELLO)
if show timeout "$(within 300)" xm reboot -w "$NAME" && [ "$(domid_of "$NAME")" != "$old_id" ] &&
   wait_console "$NAME" XM-GUEST-HELLO 400 $((hellos + 1)) && [ "$(loaded_kernel "$NAME")" = "$CACHE/$entry" ]; then
  pass "domid $old_id -> $(domid_of "$NAME")"
else fail "domid $old_id -> '$(domid_of "$NAME")', kernel '$(loaded_kernel "$NAME")'"; fi
stop "$NAME"

step pvh "a PVH guest of the same kernel boots from the same copy"
if create_and_boot "pvh warm create -> marker" "$PVH" "$PVHNAME" && [ "$(loaded_kernel "$PVHNAME")" = "$CACHE/$entry" ]; then
  pass
else fail "kernel '$(loaded_kernel "$PVHNAME")'"; fi
stop "$PVHNAME"

step changed "a kernel file that changed is a miss: booted from the file, then cached anew"
touch /guest/vmlinuz
: > "$FILLER_LOG"
if create_and_boot "changed kernel -> marker" "$CFG" "$NAME" && [ "$(loaded_kernel "$NAME")" = /guest/vmlinuz ] &&
   wait_for 300 grep -q "unpacked into" "$FILLER_LOG" && [ "$(entries)" = 2 ]; then
  pass "$(tail -n 1 "$FILLER_LOG")"
else fail "kernel '$(loaded_kernel "$NAME")', $(entries) entries, filler: $(tail -n 2 "$FILLER_LOG" 2>&1)"; fi
stop "$NAME"

step elf "an unpacked (ELF) kernel is loaded as it is, and no filler starts for it"
cp "$CACHE/$entry" /tmp/vmlinux-elf
sed -e 's|^kernel = .*|kernel = "/tmp/vmlinux-elf"|' "$CFG" > /tmp/pv-elf.cfg
: > "$FILLER_LOG"
if create_and_boot "ELF kernel -> marker" /tmp/pv-elf.cfg "$NAME" && [ "$(loaded_kernel "$NAME")" = /tmp/vmlinux-elf ] &&
   sleep 2 && [ ! -s "$FILLER_LOG" ]; then pass
else fail "kernel '$(loaded_kernel "$NAME")', filler log: $(cat "$FILLER_LOG")"; fi
stop "$NAME"; rm -f /tmp/vmlinux-elf

step off "XM_KERNEL_CACHE=off: the kernel file, and no filler"
: > "$FILLER_LOG"
if create_and_boot "cache off -> marker" "$CFG" "$NAME" XM_KERNEL_CACHE=off && [ "$(loaded_kernel "$NAME")" = /guest/vmlinuz ] &&
   sleep 2 && [ ! -s "$FILLER_LOG" ]; then pass
else fail "kernel '$(loaded_kernel "$NAME")', filler log: $(cat "$FILLER_LOG")"; fi
stop "$NAME"
