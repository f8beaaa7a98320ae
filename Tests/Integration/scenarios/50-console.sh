# 50-console: xm console attaches to the test guest's console pty: the guest's output arrives,
# a `ping` typed into it is answered (both directions), Ctrl-] detaches with status 0 while
# input is still open, a second attach is refused, the session ends by itself when the domain
# goes away, and errors are xm's; then `xm create -c` attaches the same way. Run as PV here;
# 51-console-hvm runs the same for HVM's serial, with xm trigger nmi and xm shutdown -w. CONSOLE_WAIT: seconds to wait for the heartbeat.
# timeout: 600
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

CONSOLE_MODES=${CONSOLE_MODES:-pv}
OUT=$XM_STATE/console

# file_has FILE PATTERN: the console output captured in FILE contains PATTERN
file_has() { tr -d '\r' < "$1" 2>/dev/null | grep -q -- "$2"; }
file_tail() { tr -d '\r' < "$1" 2>/dev/null | tail -n "${2:-8}" | indent "$3"; }
running() { kill -0 "$1" 2>/dev/null; }
# conditions for wait_for, on globals (wait_for's own arguments are its $1...)
session_ended() { ! running "$session_pid"; }
# the guest runs under another domid than the one created first (its monitor restarted it)
restarted() { _now=$(domid_of "$name") && [ "$_now" != "$first_id" ]; }
# the heartbeat arrived in $_attach_out, or the session ended without it
heartbeat_or_end() { file_has "$_attach_out" XM-GUEST-ALIVE || session_ended; }

# console_config MODE: the config to create (HVM: the serial port on a pty instead of a file, so
# there is something to attach to)
console_config() {
  case "$1" in
    hvm) sed 's/^serial *=.*/serial = "pty"/' /etc/xen/xmtest/hvm.cfg > "$XM_STATE/hvm-pty.cfg"
         echo "$XM_STATE/hvm-pty.cfg" ;;
    *) echo "/etc/xen/xmtest/$1.cfg" ;;
  esac
}

# session_start NAME TAG: `xm console NAME` in the background, its input a FIFO held open on fd 3,
# its output in $OUT-TAG.out; sets $session_pid
session_start() { session_run "$2" xm console "$1"; }
# session_run TAG CMD...: the same for any command that attaches a console
session_run() {
  _tag=$1; shift
  rm -f "$OUT-$_tag.in" "$OUT-$_tag.out" "$OUT-$_tag.err"
  mkfifo "$OUT-$_tag.in"
  # (a safety net, quietly cut to the scenario's limit: the session is ended by the steps)
  timeout "$(within 1200 2> /dev/null)" "$@" < "$OUT-$_tag.in" > "$OUT-$_tag.out" 2> "$OUT-$_tag.err" &
  session_pid=$!
  exec 3> "$OUT-$_tag.in"
}
# session_end_within SECONDS: waits (at most SECONDS) for the session to end; its exit status in
# $session_rc ("running" if it did not end)
session_end_within() {
  if wait_for "$1" session_ended; then wait "$session_pid"; session_rc=$?; return 0; fi
  session_rc=running; return 1
}

# to_session FORMAT: printf FORMAT into the session's input; an xm console that has ended (the
# domain went away) makes that an EPIPE for this subshell, not a SIGPIPE that ends the scenario
# shellcheck disable=SC2059 # the format is the text, with its escapes (\n, \035)
to_session() { ( trap '' PIPE; printf "$1" >&3 ) 2> /dev/null; }

# attach_and_wait MODE LIMIT: xm console on the guest, until its heartbeat shows or xm console ends
attach_and_wait() {
  [ -n "${session_pid:-}" ] && running "$session_pid" && { kill "$session_pid"; exec 3>&-; }
  session_start "$name" "$1"
  _attach_out=$OUT-$1.out
  wait_for "$2" heartbeat_or_end
}

# console_witness MODE: after xm console saw no heartbeat, what the guest and xm console are doing:
# xm console's state and kernel stack, the pty it holds, the guest's CPU time (twice), its vCPU's
# registers, what its firmware said, where every vCPU runs, dom0's busiest processes, Xen's
# clocks (debug key t), then xm console stopped and the pty read plainly for 10 s
# with a ping typed. Status 0 when that plain reader saw the guest talk (xm console missed it).
console_witness() {
  _id=$(domid_of "$name") || { info "witness: $name is gone"; return 1; }
  _pid=$(pgrep -P "$session_pid" -x xm || echo "$session_pid")
  _serial=$(xenstore-read "/local/domain/$_id/serial/0/tty" 2>/dev/null)
  _pv=$(xenstore-read "/local/domain/$_id/console/tty" 2>/dev/null)
  _tty=$_serial; [ "$1" = pv ] && _tty=$_pv
  {
    echo "xm console pid $_pid: state $(awk '{print $3}' "/proc/$_pid/stat" 2>/dev/null) wchan $(cat "/proc/$_pid/wchan" 2>/dev/null)"
    cat "/proc/$_pid/stack" 2>/dev/null
    echo "fds: $(for _fd in "/proc/$_pid/fd"/*; do [ -L "$_fd" ] && printf '%s->%s ' "${_fd##*/}" "$(readlink "$_fd")"; done)"
    echo "xenstore: serial/0/tty=$_serial console/tty=$_pv"
    xl list "$_id" 2>&1 | tail -n 1; sleep 3; xl list "$_id" 2>&1 | tail -n 1
    /usr/lib/xen-4.17/bin/xenctx "$_id" 0 2>&1 | head -n 12
    xl dmesg 2>&1 | grep "(d$_id)" | tail -n 12
    tail -n 8 "/var/log/xen/qemu-dm-$name.log" 2>/dev/null
    xl vcpu-list 2>&1; top -b -n 1 2>&1 | head -n 15
    xl debug-keys t 2>&1; xl dmesg 2>&1 | tail -n 12
  } | indent witness
  kill "$session_pid" 2>/dev/null; exec 3>&-; wait_for 5 session_ended
  [ -n "$_tty" ] || return 1
  timeout 10 cat "$_tty" > "$OUT-witness.out" 2>&1 &
  sleep 1; printf 'ping witness\n' > "$_tty"; wait
  info "witness: a plain reader of $_tty saw $(file_has "$OUT-witness.out" XM-GUEST && echo "the guest talk" || echo "nothing from the guest") in 10 s"
  file_tail "$OUT-witness.out" 5 witness
  file_has "$OUT-witness.out" XM-GUEST
}

console_scenario() { # MODE
  mode=$1 name=xmtest-$1 cfg=$(console_config "$1")
  # HVM: firmware and emulated devices under TCG, about a minute to the heartbeat; twice the
  # limit (a second boot, below) must stay inside the scenario's timeout
  limit=${CONSOLE_WAIT:-300}; [ "$mode" = hvm ] && limit=${CONSOLE_WAIT:-420}
  reply=30; [ "$mode" = hvm ] && reply=120

  step "create-$mode" "xm create $cfg"
  faults=$(triple_faults)
  if show xm create "$cfg"; then first_id=$(domid_of "$name"); pass "domid $first_id"
  else fail "xm create exit status $_rc"; return; fi
  t0=$(uptime_s)

  # Attach at once: qemu's serial pty drops what nobody reads, so the HVM boot is only seen by
  # a console attached before it.
  step "attach-$mode" "xm console $name shows the marker and the heartbeat"
  attach_and_wait "$mode" "$limit"
  if ! file_has "$OUT-$mode.out" XM-GUEST-ALIVE && running $session_pid && ! console_witness "$mode"; then
    # Nothing came through xm console, and nothing came to a plain reader of the same pty either:
    # the guest itself said nothing (a boot stalled in the emulator, the witness shows where).
    # That says nothing about xm console, so boot the guest once more and judge that boot.
    info "$name silent on its console with xm console out of the way: booting it once more"
    xm destroy "$name"; wait_for 60 domain_gone "$name"
    show xm create "$cfg" || { fail "second xm create exit status $_rc"; return; }
    t0=$(uptime_s)
    attach_and_wait "$mode" "$limit"
  fi
  if ! file_has "$OUT-$mode.out" XM-GUEST-ALIVE && ! running $session_pid && [ "$(triple_faults)" -gt "$faults" ]; then
    # The guest triple-faulted while booting (the emulation's flake): a reboot to Xen, so its
    # monitor started it again and xm console, rightly, ended with the old domain. Attach to the
    # new one and judge that boot.
    info "$name triple-faulted while booting and was restarted: attaching to the new domain"
    xl dmesg 2>/dev/null | grep -A2 "Triple fault" | tail -n 3 | indent xen
    wait_for 60 restarted && attach_and_wait "$mode" "$limit"
  fi
  if file_has "$OUT-$mode.out" XM-GUEST-ALIVE; then
    measure "$mode: create -> heartbeat via xm console" "$t0"
    if file_has "$OUT-$mode.out" XM-GUEST-HELLO; then pass "$(tr -d '\r' < "$OUT-$mode.out" | grep -m1 XM-GUEST-HELLO)"
    else fail "heartbeat but no XM-GUEST-HELLO through the console"; file_tail "$OUT-$mode.out" 20 console; fi
  else
    fail "no heartbeat through xm console within $limit s (xm console $(running $session_pid && echo running || echo exited))"
    file_tail "$OUT-$mode.out" 20 console; file_tail "$OUT-$mode.err" 5 stderr
    running $session_pid && console_witness "$mode"
  fi

  step "input-$mode" "a line typed into xm console reaches the guest (ping -> XM-GUEST-PONG)"
  to_session "ping fifo-$mode\n"
  if wait_for "$reply" file_has "$OUT-$mode.out" "XM-GUEST-PONG fifo-$mode"; then pass
  else fail "no XM-GUEST-PONG fifo-$mode within $reply s"; file_tail "$OUT-$mode.out" 10 console; fi

  if [ "$mode" = hvm ]; then
    step trigger-nmi "xm trigger nmi: the guest kernel reports the NMI on its serial port"
    # Linux's words for an NMI nothing claimed (a boot line such as "NMI watchdog: ..." does not count)
    if show xm trigger "$name" nmi && wait_for 30 file_has "$OUT-$mode.out" "NMI received"; then
      pass "$(tr -d '\r' < "$OUT-$mode.out" | grep -m1 "NMI received")"
    else fail "exit $_rc, no NMI line"; file_tail "$OUT-$mode.out" 10 console; fi
  fi

  if [ "$mode" = pv ]; then
    step "second-attach-$mode" "a second xm console on the same domain is refused (xenconsole's lock)"
    xm console "$name" < /dev/null > "$OUT-second.out" 2> "$OUT-second.err"; rc=$?
    if [ $rc = 1 ] && grep -q "^Error: .*already attached" "$OUT-second.err"; then pass "$(cat "$OUT-second.err")"
    else fail "exit $rc: $(cat "$OUT-second.err")"; fi
  fi

  step "detach-$mode" "Ctrl-] (0x1d) detaches with exit status 0 while input stays open"
  to_session '\035'
  if session_end_within 15 && [ "$session_rc" = 0 ]; then pass
  else fail "xm console: $session_rc after Ctrl-]"; file_tail "$OUT-$mode.err" 5 stderr; fi
  exec 3>&-
  [ "$session_rc" = running ] && kill "$session_pid" 2>/dev/null

  step "pipe-$mode" "( sleep; ping hello; sleep ) | xm console: output and reply, exit 0 at end of input"
  pause=3; [ "$mode" = hvm ] && pause=20
  ( sleep 2; printf 'ping hello\n'; sleep "$pause" ) | timeout "$(within 120)" xm console "$name" > "$OUT-pipe.out" 2> "$OUT-pipe.err"; rc=$?
  if [ $rc = 0 ] && file_has "$OUT-pipe.out" XM-GUEST-ALIVE && file_has "$OUT-pipe.out" "XM-GUEST-PONG hello"; then pass
  else fail "exit $rc, ALIVE $(file_has "$OUT-pipe.out" XM-GUEST-ALIVE && echo seen || echo missing), PONG $(file_has "$OUT-pipe.out" "XM-GUEST-PONG hello" && echo seen || echo missing)"
    file_tail "$OUT-pipe.out" 10 console; file_tail "$OUT-pipe.err" 5 stderr; fi

  if [ "$mode" = hvm ]; then hvm_shutdown; else
    step "hangup-$mode" "the session ends by itself (status 0) when the domain is destroyed"
    session_start "$name" "$mode-hangup"
    wait_for 30 file_has "$OUT-$mode-hangup.out" XM-GUEST-ALIVE
    show xm destroy "$name"
    if session_end_within 20 && [ "$session_rc" = 0 ]; then pass
    else fail "xm console: $session_rc after the domain was destroyed"; file_tail "$OUT-$mode-hangup.err" 5 stderr; fi
    exec 3>&-
    [ "$session_rc" = running ] && kill "$session_pid" 2>/dev/null
  fi
  wait_for 30 domain_gone "$name"
}

# hvm_shutdown: xm shutdown -w of the HVM guest with xm console attached: the command returns once
# the domain is gone, and the session ends by itself (status 0). A triple fault while the guest
# powers off (TCG's flake) is a reboot to Xen: on_reboot brings the guest back and xm says it did
# not shut down. Then once more, when the new boot beats.
hvm_shutdown() {
  step shutdown-w "xm shutdown -w: gone when it returns; the attached xm console ends with status 0"
  hvm_gone() {
    session_start "$name" hvm-hangup
    wait_for 60 file_has "$OUT-hvm-hangup.out" XM-GUEST-ALIVE
    t1=$(uptime_s)
    show timeout "$(within 600)" xm shutdown -w "$name"; rc=$_rc
    session_end_within 20
    [ "$rc" = 0 ] && domain_gone "$name" && ! xl list "$name" > /dev/null 2>&1 && [ "$session_rc" = 0 ]
  }
  hvm_back() {
    [ "$session_rc" = running ] && kill "$session_pid" 2>/dev/null
    exec 3>&-
    attach_and_wait hvm 420 && file_has "$OUT-hvm.out" XM-GUEST-ALIVE; _up=$?
    to_session '\035'; session_end_within 15; exec 3>&-   # detached: hvm_gone attaches again
    return $_up
  }
  if past_faults hvm_gone hvm_back; then measure "hvm: xm shutdown -w" "$t1"; pass
  else fail "xm shutdown -w exit $rc, domain $(domain_exists "$name" && echo "still there" || echo gone), xm console $session_rc"
    file_tail "$OUT-hvm-hangup.err" 5 stderr; fi
  exec 3>&-
  [ "$session_rc" = running ] && kill "$session_pid" 2>/dev/null
  domain_exists "$name" && xm destroy "$name"
}

console_errors() {
  step errors "xm console: unknown domain, -q, Domain-0, bad type"
  bad=""
  xm console no-such-domain > /dev/null 2> "$OUT-e1"; rc=$?
  [ $rc = 1 ] && grep -qx "Error: Domain 'no-such-domain' does not exist." "$OUT-e1" || bad="$bad unknown:$rc:$(cat "$OUT-e1")"
  xm console -q no-such-domain > /dev/null 2> "$OUT-e2"; rc=$?
  [ $rc = 1 ] && [ ! -s "$OUT-e2" ] || bad="$bad quiet:$rc:$(cat "$OUT-e2")"
  xm console 0 > /dev/null 2> "$OUT-e3"; rc=$?
  [ $rc = 1 ] && grep -q "^Error: " "$OUT-e3" || bad="$bad dom0:$rc:$(cat "$OUT-e3")"
  xm console -t vga 0 > /dev/null 2> "$OUT-e4"; rc=$?
  [ $rc = 1 ] && grep -q "^Error: " "$OUT-e4" || bad="$bad type:$rc:$(cat "$OUT-e4")"
  if [ -z "$bad" ]; then pass; else fail "$bad"; fi
}

# xm create -c: the create command attaches the same console (attachConsole in XenCore)
create_console() {
  name=xmtest-pv
  step create-c "xm create -c: the new guest's console, typed into, detached with Ctrl-]"
  session_run create-c xm create -c /etc/xen/xmtest/pv.cfg
  _attach_out=$OUT-create-c.out
  wait_for 300 heartbeat_or_end
  if grep -q "not implemented yet" "$OUT-create-c.err"; then
    fail "xm create -c: $(cat "$OUT-create-c.err")"
  elif ! file_has "$OUT-create-c.out" XM-GUEST-ALIVE; then
    fail "no heartbeat through xm create -c (xm $(running $session_pid && echo running || echo exited))"
    file_tail "$OUT-create-c.out" 10 console; file_tail "$OUT-create-c.err" 5 stderr
  else
    to_session 'ping create-c\n'
    wait_for 30 file_has "$OUT-create-c.out" "XM-GUEST-PONG create-c"; pong=$?
    to_session '\035'
    session_end_within 15
    if [ $pong = 0 ] && [ "$session_rc" = 0 ] && domain_exists "$name"; then pass
    else fail "PONG $([ $pong = 0 ] && echo seen || echo missing), xm create -c: $session_rc, domain $(domain_exists "$name" && echo running || echo gone)"
      file_tail "$OUT-create-c.err" 5 stderr; fi
  fi
  exec 3>&-
  [ "$session_rc" = running ] && kill "$session_pid" 2>/dev/null
  domain_exists "$name" && { xm destroy "$name"; wait_for 30 domain_gone "$name"; }
}

for mode in $CONSOLE_MODES; do console_scenario "$mode"; done
[ "$CONSOLE_MODES" = pv ] && { console_errors; create_console; }
