# shellcheck shell=sh
# Helpers for scenarios (POSIX sh, busybox ash in dom0). Sourced by /init and by each scenario.
#
# Everything a scenario prints goes to dom0's console, which Xen forwards to the serial port the
# host reads. Lines starting with "@@XM " are the protocol the host driver parses (host/report.py):
#   @@XM STEP <scenario> <id> :: <title>           a step starts
#   @@XM PASS <scenario> <id> dt=<s> :: <message>  ... and passes
#   @@XM FAIL <scenario> <id> dt=<s> :: <message>  ... or fails
#   @@XM INFO <scenario> :: <message>              information, never a failure
#   @@XM TIME <scenario> <seconds> <label>         a measured duration for the timing table
#   @@XM BLOB-BEGIN/BLOB-END + "@@XB <base64>"     a file sent to the host (emit_file)
#   @@XM DIAG-BEGIN/DIAG-END                       diagnostics after a failed scenario
# Every step ends with pass or fail; a step left open (a crash, a timeout) counts as failed.

XM_SCENARIO=${XM_SCENARIO:-boot}
XM_STATE=/tmp/xmtest
CONSOLE_LOGS=/var/log/xen/console
mkdir -p "$XM_STATE"
_step=""
_step_t0=""

# ---- time. Every limit is a deadline on the clock (/proc/uptime), never a count of polls
# or of sleeps: in an emulated dom0 under load the commands of one poll can take seconds.
uptime_s() { read -r _u _ < /proc/uptime; echo "$_u"; }
seconds_since() { awk -v a="$1" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }'; }
# _clock: the uptime in centiseconds, an integer, in $_cs (/proc/uptime has two decimals; the
# "1xx - 100" keeps a fraction like 08 from reading as octal). No process started.
_clock() { read -r _u _ < /proc/uptime; _cs=$(( ${_u%.*} * 100 + 1${_u#*.} - 100 )); }
# deadline_after SECONDS: the moment SECONDS (whole) from now, for before_deadline
deadline_after() { _clock; echo $(( _cs + $1 * 100 )); }
# before_deadline DEADLINE: true while that moment (from deadline_after) has not come
before_deadline() { _clock; [ "$_cs" -lt "$1" ]; }
# /init runs each scenario with XM_SCENARIO_END, the moment (as deadline_after gives it) at which
# it stops the scenario. No wait of a scenario reaches past that moment less SCENARIO_MARGIN
# seconds, left for the step to report and the scenario to clean up.
SCENARIO_MARGIN=30
# within SECONDS: SECONDS, cut to the time the scenario has left (less the margin), at least 1.
# For the limits a scenario gives other commands: timeout "$(within 300)" xm shutdown -w NAME.
# A cut is reported (INFO, on stderr: the value goes to stdout).
within() {
  _w=$1
  if [ -n "${XM_SCENARIO_END:-}" ]; then
    _clock; _left=$(( (XM_SCENARIO_END - _cs) / 100 - SCENARIO_MARGIN ))
    if [ "$_left" -lt "$_w" ]; then
      _w=$_left; [ "$_w" -ge 1 ] || _w=1
      [ "$_w" -ge "$1" ] || info "a limit of $1 s cut to $_w s: the scenario's own limit is near" >&2
    fi
  fi
  echo "$_w"
}

# step ID [TITLE...]: begin a step (ID: one word, unique in the scenario)
step() {
  [ -n "$_step" ] && fail "step ended without a verdict"
  _step=$1; shift
  _step_t0=$(uptime_s)
  echo "@@XM STEP $XM_SCENARIO $_step :: $*"
}
# shellcheck disable=SC2120 # the message is optional: check passes none, scenarios pass one
pass() {
  [ -n "$_step" ] || { echo "@@XM FAIL $XM_SCENARIO no-step dt=0 :: pass without a step: $*"; echo x >> "$XM_STATE/fails-$XM_SCENARIO"; return 0; }
  echo "@@XM PASS $XM_SCENARIO $_step dt=$(seconds_since "$_step_t0") :: $*"
  _step=""
}
fail() {
  echo "@@XM FAIL $XM_SCENARIO ${_step:-no-step} dt=$(seconds_since "${_step_t0:-0}") :: $*"
  echo x >> "$XM_STATE/fails-$XM_SCENARIO"
  _step=""
  return 0
}
info() { echo "@@XM INFO $XM_SCENARIO :: $*"; }
# power_cut: the host kills this machine's QEMU at once (host/boot.py), as a power failure would.
# The scenario, and the run, end at this line: nothing after it is sent or cleaned up.
power_cut() { echo "@@XM POWER-CUT $XM_SCENARIO t=$(uptime_s)"; while :; do sleep 60; done; }
# measure LABEL T0 [T1]: report T1-T0 (uptime values; T1 defaults to now) as a named duration
measure() { echo "@@XM TIME $XM_SCENARIO $(awk -v l="$1" -v a="$2" -v b="${3:-$(uptime_s)}" 'BEGIN { printf "%.2f %s", b - a, l }')"; }
scenario_failed() { [ -s "$XM_STATE/fails-$XM_SCENARIO" ]; }

# indent LABEL: prefix each line of stdin (keeps command output readable in the serial log)
indent() { sed "s/^/    $1| /"; }
# show CMD...: run a command, its output indented, returning its status
show() {
  echo "  + $*"
  "$@" > "$XM_STATE/show.out" 2>&1; _rc=$?
  indent "${1##*/}" < "$XM_STATE/show.out"
  return $_rc
}
# check ID CMD...: a step that passes when CMD exits 0 (its output is shown either way)
check() {
  _id=$1; shift
  step "$_id" "$*"
  if show "$@"; then pass; else fail "exit status $_rc: $*"; fi
}
# wait_for SECONDS CMD...: run CMD (quietly) until it succeeds, half a second apart, until
# SECONDS (whole) have passed on the clock; 1 then. The time CMD itself takes counts: a slow CMD
# is run fewer times, not for longer (the last run starts at most half a second past the limit).
# Within a scenario the wait ends by its margin before the scenario's limit, and says so.
wait_for() {
  _clock; _wf_t0=$_cs; _wf_end=$((_cs + $1 * 100)); _wf_asked=$1; _wf_cut=""; shift
  if [ -n "${XM_SCENARIO_END:-}" ] && [ "$_wf_end" -gt $((XM_SCENARIO_END - SCENARIO_MARGIN * 100)) ]; then
    _wf_end=$((XM_SCENARIO_END - SCENARIO_MARGIN * 100)); _wf_cut=1
  fi
  while :; do
    "$@" > /dev/null 2>&1 && return 0
    before_deadline "$_wf_end" || break
    sleep 0.5
  done
  [ -z "$_wf_cut" ] || info "waited $(( (_cs - _wf_t0) / 100 )) s of the $_wf_asked s asked: the scenario's own limit is near"
  return 1
}

# ---- guests' consoles, as xenconsoled (--log=guest) records them
console_log() { echo "$CONSOLE_LOGS/guest-$1.log"; }
console_count() { _c=$(tr -d '\r' < "$(console_log "$1")" 2>/dev/null | grep -c -- "$2"); echo "${_c:-0}"; }
console_has() { tr -d '\r' < "$(console_log "$1")" 2>/dev/null | grep -q -- "$2"; }
# wait_console NAME PATTERN TIMEOUT [MIN_COUNT]: until PATTERN occurs MIN_COUNT (default 1) times
wait_console() { wait_for "$3" _console_at_least "$1" "$2" "${4:-1}"; }
_console_at_least() { [ "$(console_count "$1" "$2")" -ge "$3" ]; }
console_tail() { tr -d '\r' < "$(console_log "$1")" 2>/dev/null | tail -n "${2:-20}" | indent "console $1"; }
# last_heartbeat NAME: the counter of the last XM-GUEST-ALIVE line (0 if none)
last_heartbeat() { _c=$(tr -d '\r' < "$(console_log "$1")" 2>/dev/null | awk '$1 == "XM-GUEST-ALIVE" { n = $2 } END { print n + 0 }'); echo "$_c"; }

heartbeat_at_least() { [ "$(last_heartbeat "$1")" -ge "$2" ]; }
# newest_log NAME: NAME's console log, or NAME--incoming's when that is newer (a guest that came
# by migration is logged under the name it arrived with)
newest_log() {
  _a=$(console_log "$1"); _b=$(console_log "$1--incoming")
  # shellcheck disable=SC3013 # busybox ash has test -nt
  if [ -f "$_b" ] && { [ ! -f "$_a" ] || [ "$_b" -nt "$_a" ]; }; then echo "$_b"; else echo "$_a"; fi
}
# to_guest NAME LINE: LINE typed into the guest's console (its pty, as xenconsoled publishes it)
to_guest() {
  _tty=$(xenstore-read "/local/domain/$(domid_of "$1")/console/tty" 2>/dev/null)
  [ -n "$_tty" ] && printf '%s\n' "$2" > "$_tty"
}
# ask_guest NAME LINE ANSWER [TIMEOUT]: types LINE and waits for one more console line starting
# with ANSWER; the guest's whole answer line is in $answer
ask_guest() {
  _before=$(console_count "$1" "$3")
  to_guest "$1" "$2" || return 1
  wait_console "$1" "$3" "${4:-30}" $((_before + 1)) || return 1
  # shellcheck disable=SC2034 # for the scenario that asked
  answer=$(tr -d '\r' < "$(console_log "$1")" | grep -- "$3" | tail -n 1)
}
# hellos NAME: the boots of NAME in this host's console logs (under NAME and NAME--incoming)
hellos() { cat "$(console_log "$1")" "$(console_log "$1--incoming")" 2>/dev/null | grep -c XM-GUEST-HELLO; }
# newest_beat NAME: the counter of the last XM-GUEST-ALIVE line of newest_log (0 if none)
newest_beat() { tr -d '\r' < "$(newest_log "$1")" 2>/dev/null | awk '$1 == "XM-GUEST-ALIVE" { n = $2 } END { print n + 0 }'; }

# ---- domains, read from xenstore (neutral: neither xl nor xm)
# domid_of NAME: the domid of the domain called NAME, nothing if there is none
domid_of() {
  for _d in $(xenstore-list /local/domain 2>/dev/null); do
    [ "$(xenstore-read "/local/domain/$_d/name" 2>/dev/null)" = "$1" ] && { echo "$_d"; return 0; }
  done
  return 1
}
domain_exists() { domid_of "$1" > /dev/null; }
domain_gone() { ! domain_exists "$1"; }
# pv_variant NAME KEY VALUE KERNEL-PARAM: a copy of pv.cfg called NAME with one action (KEY =
# VALUE) changed and one more kernel parameter for the guest; prints the copy's path
pv_variant() {
  sed -e "s/^name = .*/name = \"$1\"/" -e "s/^$2 = .*/$2 = \"$3\"/" \
      -e "s|^extra = \"\\(.*\\)\"|extra = \"\\1 $4\"|" /etc/xen/xmtest/pv.cfg > "/tmp/$1.cfg"
  echo "/tmp/$1.cfg"
}
# settle_domid NAME: refresh $DOMID after the marker. Under TCG a PVH or HVM guest now and then
# triple-faults early in its boot; Xen reports that as a reboot and on_reboot=restart brings the
# guest back under a new id. That is the monitor doing its job, not a failure: say so (with the
# monitor's log and the console) and let the later steps use the id the guest runs under now.
settle_domid() {
  _now=$(domid_of "$1") || return 0
  [ "$_now" = "$DOMID" ] && return 0
  info "$1 was restarted before its marker: domid $DOMID -> $_now"
  tail -n 5 "/var/log/xen/xm-$1.log" 2>/dev/null | indent "xm-$1.log"
  console_tail "$1" 30
  DOMID=$_now
}
# triple_faults: how many guest triple faults Xen has logged in this boot. Under TCG a PVH or HVM
# guest now and then triple-faults, at boot (see settle_domid) or later: the emulation's flake.
triple_faults() { _n=$(xl dmesg 2>/dev/null | grep -c "Triple fault"); echo "${_n:-0}"; }
# faults_now: the triple faults past_faults counts (a scenario with two hosts adds the other's)
faults_now() { triple_faults; }
# past_faults CHECK [PREPARE]: CHECK (a step's move and its checks; 0 when they hold), and each
# time it fails while Xen logged a new guest triple fault, once more after PREPARE (new guests),
# three tries at most. A try after a fault must pass: a toolstack that breaks the guest breaks it
# again, without a fault to blame. No fault, no second try. (Under TCG a PVH guest has faulted at
# suspend twice running, with xl as the sender.)
past_faults() {
  _try=1
  while :; do
    _tf=$(faults_now)
    "$1" && return 0
    [ "$(faults_now)" -gt "$_tf" ] && [ $_try -lt 3 ] || return 1
    _try=$((_try + 1))
    info "a guest triple-faulted during this step; try $_try with new guests"
    xl dmesg 2>/dev/null | grep -A2 "Triple fault" | tail -n 3 | indent xen
    [ -z "${2:-}" ] || "$2" || return 1
  done
}
# pids_matching WORD: the processes whose command line has WORD as one of its arguments (the
# image's busybox has no pgrep)
pids_matching() {
  for _p in /proc/[0-9]*; do
    tr '\0' '\n' < "$_p/cmdline" 2>/dev/null | grep -qx -- "$1" && echo "${_p#/proc/}"
  done
  return 0
}
# guest_domids: every domain but dom0
guest_domids() { xenstore-list /local/domain 2>/dev/null | grep -vx 0; }
# destroy_until_gone SECONDS LIST-CMD...: xm destroy each domain that LIST-CMD names and exists,
# again and again, until none has existed for 6 s or SECONDS have passed (1 then). For guests a
# monitor may be restarting while they are destroyed: one can come back under a new id.
destroy_until_gone() {
  _dg_end=$(deadline_after "$(within "$1")"); shift; _dg_quiet=$(deadline_after 6)
  while before_deadline "$_dg_end"; do
    for _dg in $("$@"); do
      domain_exists "$_dg" && { xm destroy "$_dg"; _dg_quiet=$(deadline_after 6); }
    done
    before_deadline "$_dg_quiet" || return 0
    sleep 2
  done
  return 1
}

# ---- files to the host
# emit_file NAME FILE: send FILE to the host, which stores it as <run dir>/blobs/<scenario>/NAME
# (NAME may contain '/'; no spaces). Verified on the host by size and sha256.
emit_file() {
  _size=$(wc -c < "$2")
  _sum=$(sha256sum "$2" | cut -d' ' -f1)
  echo "@@XM BLOB-BEGIN $XM_SCENARIO $1 size=$_size sha256=$_sum"
  base64 < "$2" | sed 's/^/@@XB /'
  echo "@@XM BLOB-END $XM_SCENARIO $1"
}

# ---- diagnostics after a failure: Xen's and dom0's recent messages, tool logs, guest consoles
diagnostics() {
  echo "@@XM DIAG-BEGIN $XM_SCENARIO"
  echo "--- domains"; xl list 2>&1 | indent "xl list"
  echo "--- Xen (xl dmesg, last 60 lines)"; xl dmesg 2>&1 | tail -n 60 | indent xen
  echo "--- dom0 kernel (dmesg, last 40 lines)"; dmesg 2>&1 | tail -n 40 | indent dom0
  for _f in /var/log/xen/*.log; do
    [ -f "$_f" ] && { echo "--- $_f (last 20 lines)"; tail -n 20 "$_f" | indent "${_f##*/}"; }
  done
  for _f in "$CONSOLE_LOGS"/*.log; do
    [ -f "$_f" ] && { echo "--- $_f (last 15 lines)"; tr -d '\r' < "$_f" | tail -n 15 | indent "${_f##*/}"; }
  done
  echo "@@XM DIAG-END $XM_SCENARIO"
}
