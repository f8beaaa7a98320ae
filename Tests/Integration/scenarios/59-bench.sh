# 59-bench: xm against xl in the same boot, on the same guest: `list` (many runs each, rounds
# alternating so both see the same machine), `create` + `shutdown -w` of the test guest, save and
# restore, block-attach and network-attach.
# Prints each duration in the timing table and the ratios xm/xl as information (the target:
# xm no slower than xl, i.e. a ratio <= 1). Any failure of a command fails its step,
# "not implemented yet" included: every command compared here is implemented.
# timeout: 1500
# shellcheck shell=sh

RUNS=${BENCH_RUNS:-20}      # per round; 2 rounds per tool
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv
B=$XM_STATE/bench

# time_runs N CMD...: run CMD N times (output discarded); prints the seconds taken; 1 if a run failed
time_runs() {
  _n=$1; shift; _t0=$(uptime_s); _i=0
  while [ $_i -lt "$_n" ]; do "$@" > /dev/null 2>&1 || return 1; _i=$((_i + 1)); done
  seconds_since "$_t0"
}
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
report_time() { echo "@@XM TIME $XM_SCENARIO $1 $2"; }

# ---- list, with a guest running so both tools list two domains
step guest "a guest to list (xl create $CFG; xm create is compared below)"
# a console log of its own, so that the wait is for this guest's boot (earlier scenarios ran
# guests of this name): measuring while its kernel boots would time the guest, not the tools
rm -f "$(console_log "$NAME")"
if show xl create "$CFG" && wait_console "$NAME" XM-GUEST-ALIVE 300; then pass
else fail "the test guest did not come up"; fi

step list "xm list vs xl list, $((2 * RUNS)) runs each in alternating rounds"
xl_t=0 xm_t=0 ok=1
# one untimed run each first (a binary's first run maps it in); the rounds take turns at going first
xl list > /dev/null 2>&1; xm list > /dev/null 2>&1
for order in "xl xm" "xm xl"; do
  for tool in $order; do
    t=$(time_runs "$RUNS" "$tool" list) || { ok=0; break 2; }
    eval "${tool}_t=\$(add \"\$${tool}_t\" \"\$t\")"
  done
done
if [ $ok = 1 ]; then
  report_time "$xl_t" "xl list x$((2 * RUNS))"; report_time "$xm_t" "xm list x$((2 * RUNS))"
  info "ratio xm/xl list: $(ratio "$xm_t" "$xl_t") (xm $xm_t s, xl $xl_t s for $((2 * RUNS)) runs)"
  pass "xm/xl = $(ratio "$xm_t" "$xl_t")"
else fail "a list run failed: $(xl list 2>&1 | tail -n 2) / $(xm list 2>&1 | tail -n 2)"; fi
# How much of that is starting the process at all (no libxl, no hypervisor): a large static
# binary pays for its relocations and page faults on every run, which a PV dom0 makes costly.
step startup "xm --version, $((2 * RUNS)) runs: the cost of starting xm"
# (each command once first: the first run of a binary pays for reading it into the page cache)
xm --version > /dev/null 2>&1; xl help > /dev/null 2>&1; busybox true
if t=$(time_runs $((2 * RUNS)) xm --version); then
  report_time "$t" "xm --version x$((2 * RUNS))"
  # the same for references: fork and exec of a small static binary, and xl's start without libxl
  tb=$(time_runs $((2 * RUNS)) busybox true); tx=$(time_runs $((2 * RUNS)) xl help)
  info "process start, $((2 * RUNS)) runs: xm --version $t s; xl help $tx s; busybox true $tb s"; pass
else fail "xm --version failed"; fi
show xl destroy "$NAME"; wait_for 30 domain_gone "$NAME"

# ---- create and shutdown -w: each tool's create returns, then (guest up) its shutdown -w
# until the hypervisor has freed the domain. xl's -w returns when the guest has stopped and its
# monitor destroys the domain a moment later; xm's returns once the domain is gone (what xm's -w
# promises). So both are timed to the domain's disappearance, seen by an observer already
# watching (/xmtest/bin/domain-watch, tools/domain-watch.c: xenstored's @releaseDomain and the
# hypervisor's domain list, ~1 ms resolution once the domain is dying): a look taken after the
# command returns costs ~0.1 s here and would favour the command that returns first. One sample
# of each is at the mercy of whatever else the emulated machine does at that moment (a PV create
# here swings by +-200 ms for either tool): LIFECYCLES rounds, alternating tools, and the median
# of each.
LIFECYCLES=${BENCH_LIFECYCLES:-5}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Each create starts on a quiet machine: xl's shutdown -w returns (and the domain leaves xenstore)
# before the hypervisor has finished freeing it, and a create that follows at once shares the CPUs
# with that teardown and allocates pages not yet scrubbed. Waited for (xl observing: it lists a
# dying domain until the hypervisor frees it), not timed.
freed() { ! xl list "$1" > /dev/null 2>&1; }
# xm's kernel cache (36-kernel-cache): round 1 of xm starts with none, so its create unpacks the
# kernel as xl's does and starts a filler; later rounds load the unpacked copy. The filler (low
# priority, ~4 s here) is waited for too, so it never runs during another create.
no_filler() { [ -z "$(pids_matching __cache-kernel)" ]; }
lifecycle() { # TOOL ROUND
  [ -n "${last_domid:-}" ] && wait_for 30 freed "$last_domid"; wait_for 120 no_filler; sleep 1
  [ "$1" = xm ] && [ "$2" = 1 ] && rm -rf /var/cache/xm/kernels
  step "create-$1-$2" "$1 create $CFG (round $2)"
  hellos=$(console_count "$NAME" XM-GUEST-HELLO)
  t0=$(uptime_s)
  "$1" create "$CFG" > "$B.out" 2>&1; rc=$?
  if [ $rc != 0 ]; then fail "exit status $rc: $(tail -n 3 "$B.out")"; return 1; fi
  eval "creates_$1=\"\$creates_$1 $(seconds_since "$t0")\""
  pass
  step "boot-$1-$2" "the guest started by $1 boots"
  # xenconsoled appends each boot to the same log: wait for one more marker than before
  if wait_console "$NAME" XM-GUEST-HELLO 300 $((hellos + 1)); then pass; else fail "no new XM-GUEST-HELLO"; fi
  step "shutdown-$1-$2" "$1 shutdown -w $NAME, until the hypervisor has freed the domain"
  last_domid=$(domid_of "$NAME")
  /xmtest/bin/domain-watch "$last_domid" "$(within 120)" > "$B.watch" 2>&1 &
  watcher=$!
  if ! wait_for 20 grep -q ready "$B.watch"; then fail "domain-watch: $(cat "$B.watch")"; return 1; fi
  t0=$(uptime_s)
  if timeout "$(within 180)" "$1" shutdown -w "$NAME" > "$B.out" 2>&1 && t_ret=$(seconds_since "$t0") &&
     wait "$watcher" && wait_for 60 domain_gone "$NAME"; then
    # domain-watch: "shutdown=T dying=T gone=T" (uptime seconds)
    at() { sed -n "s/.*$1=\([0-9][0-9.]*\).*/\1/p" "$B.watch" | awk -v t0="$t0" '{ printf "%.2f", $1 - t0 }'; }
    t_gone=$(at gone) t_down=$(at shutdown) t_dying=$(at dying)
    [ -n "$t_gone" ] || { fail "domain-watch said: $(tail -n 2 "$B.watch")"; return 1; }
    eval "shutdowns_$1=\"\$shutdowns_$1 $t_gone\" returns_$1=\"\$returns_$1 $t_ret\" downs_$1=\"\$downs_$1 $t_down\""
    pass "returned after $t_ret s; guest stopped at $t_down s, domain dying at ${t_dying:--} s, freed at $t_gone s"
  else fail "$(tail -n 3 "$B.out"); domain $(domain_exists "$NAME" && echo still there || echo gone); watcher: $(tail -n 2 "$B.watch")"
    kill "$watcher" 2> /dev/null; xl destroy "$NAME" 2> /dev/null; wait_for 30 domain_gone "$NAME"; return 1
  fi
}
creates_xl="" creates_xm="" shutdowns_xl="" shutdowns_xm="" returns_xl="" returns_xm="" downs_xl="" downs_xm="" round=1 ok=1
while [ $round -le "$LIFECYCLES" ] && [ $ok = 1 ]; do
  lifecycle xl $round && lifecycle xm $round || ok=0
  round=$((round + 1))
done
if [ $ok = 1 ]; then
  m_creates_xl=$(echo "$creates_xl" | median) m_creates_xm=$(echo "$creates_xm" | median)
  m_shutdowns_xl=$(echo "$shutdowns_xl" | median) m_shutdowns_xm=$(echo "$shutdowns_xm" | median)
  m_returns_xl=$(echo "$returns_xl" | median) m_returns_xm=$(echo "$returns_xm" | median)
  m_downs_xl=$(echo "$downs_xl" | median) m_downs_xm=$(echo "$downs_xm" | median)
  report_time "$m_creates_xl" "xl create (median)"; report_time "$m_creates_xm" "xm create (median)"
  report_time "$m_shutdowns_xl" "xl shutdown -w (median)"; report_time "$m_shutdowns_xm" "xm shutdown -w (median)"
  info "ratio xm/xl create: $(ratio "$m_creates_xm" "$m_creates_xl") (medians of $LIFECYCLES; xm:$creates_xm s, xl:$creates_xl s; xm's first without its kernel cache)"
  # the first sample of each (the lists start with a space)
  cold_xm=${creates_xm# }; cold_xm=${cold_xm%% *}; first_xl=${creates_xl# }; first_xl=${first_xl%% *}
  info "create, round 1 (xm's kernel cache empty, both tools unpack the kernel): xm $cold_xm s, xl $first_xl s, ratio $(ratio "$cold_xm" "$first_xl")"
  info "ratio xm/xl shutdown -w: $(ratio "$m_shutdowns_xm" "$m_shutdowns_xl") (medians of $LIFECYCLES; xm:$shutdowns_xm s, xl:$shutdowns_xl s)"
  # The commands alone: xl's returns at the guest's shutdown, before its monitor destroys the
  # domain; xm's once the domain is gone.
  info "shutdown -w, until the command returns (medians): xm $m_returns_xm s, xl $m_returns_xl s (xm:$returns_xm s, xl:$returns_xl s)"
  info "shutdown -w, until the guest has stopped (medians): xm $m_downs_xm s, xl $m_downs_xl s (xm:$downs_xm s, xl:$downs_xl s)"
  tail -n 12 "/var/log/xen/xm-$NAME.log" 2>/dev/null | indent "xm-$NAME.log"
fi

# ---- save and restore of the running PV guest (128 MiB), each tool in turn on the same guest:
# the command's time to return. The file goes to dom0's RAM (rootfs), so the disk is no factor.
SAVES=${BENCH_SAVES:-7}
SAVE_FILE=/var/lib/xmtest-bench.save
step save-guest "a guest to save (xm create $CFG)"
wait_for 30 freed "${last_domid:-none}"
if show xm create "$CFG" && wait_console "$NAME" XM-GUEST-ALIVE 300 "$(( $(console_count "$NAME" XM-GUEST-ALIVE) + 2 ))"; then pass
else fail "the guest did not come up"; fi
save_restore() { # TOOL ROUND
  step "save-$1-$2" "$1 save, then $1 restore (round $2)"
  t0=$(uptime_s)
  if ! timeout "$(within 300)" "$1" save "$NAME" "$SAVE_FILE" > "$B.out" 2>&1; then fail "save: $(tail -n 3 "$B.out")"; return 1; fi
  t_save=$(seconds_since "$t0"); t0=$(uptime_s)
  if ! timeout "$(within 300)" "$1" restore "$SAVE_FILE" > "$B.out" 2>&1; then fail "restore: $(tail -n 3 "$B.out")"; return 1; fi
  t_restore=$(seconds_since "$t0")
  rm -f "$SAVE_FILE"
  eval "saves_$1=\"\$saves_$1 $t_save\" restores_$1=\"\$restores_$1 $t_restore\""
  wait_for 30 domain_exists "$NAME" && pass "save $t_save s, restore $t_restore s"
}
saves_xl="" saves_xm="" restores_xl="" restores_xm="" round=1 ok=1
while [ $round -le "$SAVES" ] && [ $ok = 1 ]; do
  save_restore xl $round && save_restore xm $round || ok=0
  round=$((round + 1))
done
if [ $ok = 1 ]; then
  m_sxl=$(echo "$saves_xl" | median) m_sxm=$(echo "$saves_xm" | median)
  m_rxl=$(echo "$restores_xl" | median) m_rxm=$(echo "$restores_xm" | median)
  report_time "$m_sxl" "xl save (median)"; report_time "$m_sxm" "xm save (median)"
  report_time "$m_rxl" "xl restore (median)"; report_time "$m_rxm" "xm restore (median)"
  info "ratio xm/xl save: $(ratio "$m_sxm" "$m_sxl") (medians of $SAVES; xm:$saves_xm s, xl:$saves_xl s)"
  info "ratio xm/xl restore: $(ratio "$m_rxm" "$m_rxl") (medians of $SAVES; xm:$restores_xm s, xl:$restores_xl s)"
fi

# ---- block-attach and network-attach on the running guest, each tool in turn: the command's time
# to return (libxl's add returns once the backend is connected; both call it). The same detach
# (xl's, untimed) follows each, and the next attach waits until the device has left xenstore.
ATTACHES=${BENCH_ATTACHES:-5}
dd if=/dev/zero of=/var/tmp/xm-bench.img bs=1M count=4 2> /dev/null
ip link add name xmbr1 type bridge 2> /dev/null; ip link set xmbr1 up
no_vbd() { [ -z "$(xenstore-list "/local/domain/$(domid_of "$NAME")/device/vbd" 2> /dev/null)" ]; }
no_vif() { [ -z "$(xenstore-list "/local/domain/$(domid_of "$NAME")/device/vif" 2> /dev/null)" ]; }
attach_round() { # TOOL ROUND
  step "attach-$1-$2" "$1 block-attach, then $1 network-attach (round $2)"
  wait_for 60 no_vbd || { fail "an earlier disk is still there"; return 1; }
  t0=$(uptime_s)
  if ! timeout "$(within 120)" "$1" block-attach "$NAME" "format=raw,vdev=xvdb,access=w,target=/var/tmp/xm-bench.img" > "$B.out" 2>&1; then
    fail "block-attach: $(tail -n 3 "$B.out")"; return 1
  fi
  t_block=$(seconds_since "$t0")
  xl block-detach "$NAME" xvdb > /dev/null 2>&1
  wait_for 60 no_vif || { fail "an earlier card is still there"; return 1; }
  t0=$(uptime_s)
  if ! timeout "$(within 120)" "$1" network-attach "$NAME" bridge=xmbr1 "mac=00:16:3e:5b:00:0$2" > "$B.out" 2>&1; then
    fail "network-attach: $(tail -n 3 "$B.out")"; return 1
  fi
  t_net=$(seconds_since "$t0")
  xl network-detach "$NAME" "00:16:3e:5b:00:0$2" > /dev/null 2>&1
  eval "blocks_$1=\"\$blocks_$1 $t_block\" nets_$1=\"\$nets_$1 $t_net\""
  pass "block-attach $t_block s, network-attach $t_net s"
}
blocks_xl="" blocks_xm="" nets_xl="" nets_xm="" round=1 ok=1
while [ $round -le "$ATTACHES" ] && [ $ok = 1 ]; do
  attach_round xl $round && attach_round xm $round || ok=0
  round=$((round + 1))
done
if [ $ok = 1 ]; then
  m_bxl=$(echo "$blocks_xl" | median) m_bxm=$(echo "$blocks_xm" | median)
  m_nxl=$(echo "$nets_xl" | median) m_nxm=$(echo "$nets_xm" | median)
  report_time "$m_bxl" "xl block-attach (median)"; report_time "$m_bxm" "xm block-attach (median)"
  report_time "$m_nxl" "xl network-attach (median)"; report_time "$m_nxm" "xm network-attach (median)"
  info "ratio xm/xl block-attach: $(ratio "$m_bxm" "$m_bxl") (medians of $ATTACHES; xm:$blocks_xm s, xl:$blocks_xl s)"
  info "ratio xm/xl network-attach: $(ratio "$m_nxm" "$m_nxl") (medians of $ATTACHES; xm:$nets_xm s, xl:$nets_xl s)"
fi
ip link del xmbr1 2> /dev/null; rm -f /var/tmp/xm-bench.img
destroy_until_gone 60 echo "$NAME"
