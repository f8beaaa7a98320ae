# guests-xl: the test guest boots as PV and as PVH, prints its marker and heartbeat on its
# console, answers console input, obeys reboot (PV) and shutdown. Scaffolding that proves the
# guest image, with xl (observing); the xm lifecycle scenarios replace it.
# timeout: 900
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

guest_lifecycle() { # MODE: pv, pvh or hvm
  name=xmtest-$1 cfg=/etc/xen/xmtest/$1.cfg
  limit=400; [ "$1" = hvm ] && limit=900   # HVM: firmware and emulated devices under TCG
  step "create-$1" "xl create $cfg"
  t0=$(uptime_s)
  if show xl create "$cfg"; then pass "domid $(domid_of "$name")"
  else fail "xl create exit status $_rc"; return; fi

  step "marker-$1" "the guest prints XM-GUEST-HELLO on its console"
  if wait_console "$name" XM-GUEST-HELLO "$limit"; then
    measure "$1: create -> marker" "$t0"
    pass "$(tr -d '\r' < "$(console_log "$name")" | grep -m1 XM-GUEST-HELLO)"
  else fail "no marker within $limit s"; console_tail "$name" 40; fi

  step "heartbeat-$1" "the heartbeat goes on"
  n0=$(last_heartbeat "$name")
  if wait_for 60 heartbeat_at_least "$name" $((n0 + 3)); then
    pass "XM-GUEST-ALIVE $n0 -> $(last_heartbeat "$name")"
  else fail "heartbeat stuck at $n0"; console_tail "$name" 10; fi

  if [ "$1" != hvm ]; then   # (the HVM guest's serial port goes to a file: nothing to type into)
    step "console-input-$1" "a line typed on the console reaches the guest"
    # writing to the pty's slave side is typing: xenconsoled passes it to the guest's hvc0
    tty=$(xenstore-read "/local/domain/$(domid_of "$name")/console/tty" 2>/dev/null)
    word=w$$
    if [ -n "$tty" ] && echo "ping $word" > "$tty" && wait_console "$name" "XM-GUEST-PONG $word" 30; then pass "via $tty"
    else fail "no XM-GUEST-PONG $word (console tty: ${tty:-none})"; fi
  fi

  if [ "$1" = pv ]; then
    step "reboot-$1" "xl reboot: the guest reboots (on_reboot=restart) and says hello again"
    id0=$(domid_of "$name")
    if show timeout "$(within 180)" xl reboot "$name" && wait_console "$name" XM-GUEST-HELLO 300 2 && console_has "$name" XM-GUEST-REBOOT; then
      pass "domid $id0 -> $(domid_of "$name"); $(tr -d '\r' < "$(console_log "$name")" | grep XM-GUEST-HELLO | cut -d' ' -f2 | tr '\n' ' ')"
    else fail "exit $_rc; $(console_count "$name" XM-GUEST-HELLO) markers; domid $id0 -> $(domid_of "$name")"; console_tail "$name" 15; fi
  fi

  step "shutdown-$1" "xl shutdown -w: the guest powers off and the domain is gone"
  t1=$(uptime_s)
  # xl's -w returns when the guest has shut down; its monitor destroys the domain a moment later
  if show timeout "$(within 180)" xl shutdown -w "$name" && wait_for 60 domain_gone "$name" && console_has "$name" XM-GUEST-POWEROFF; then
    measure "$1: shutdown -w" "$t1"
    pass
  else
    fail "shutdown: exit $_rc, domain $(domain_exists "$name" && echo still there || echo gone), $(console_has "$name" XM-GUEST-POWEROFF && echo "poweroff seen" || echo "no XM-GUEST-POWEROFF")"
    console_tail "$name" 10
  fi
}

for mode in ${GUEST_MODES:-pv pvh}; do guest_lifecycle "$mode"; done
