# 20-guests-xl: the test guest boots as PV and as PVH, prints its marker and heartbeat on its
# console, and obeys shutdown. Scaffolding that proves the guest image, with xl (observing);
# the xm lifecycle scenarios replace it.
# timeout: 600

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

  step "shutdown-$1" "xl shutdown -w: the guest powers off and the domain is gone"
  t1=$(uptime_s)
  # xl's -w returns when the guest has shut down; its monitor destroys the domain a moment later
  if show timeout 180 xl shutdown -w "$name" && wait_for 60 domain_gone "$name" && console_has "$name" XM-GUEST-POWEROFF; then
    measure "$1: shutdown -w" "$t1"
    pass
  else
    fail "shutdown: exit $_rc, domain $(domain_exists "$name" && echo still there || echo gone), $(console_has "$name" XM-GUEST-POWEROFF && echo "poweroff seen" || echo "no XM-GUEST-POWEROFF")"
    console_tail "$name" 10
  fi
}

for mode in ${GUEST_MODES:-pv pvh}; do guest_lifecycle "$mode"; done
