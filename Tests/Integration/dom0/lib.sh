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

uptime_s() { read -r _u _ < /proc/uptime; echo "$_u"; }
seconds_since() { awk -v a="$1" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }'; }

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
# wait_for TIMEOUT CMD...: poll CMD (quietly) every half second until it succeeds; 1 on timeout
wait_for() {
  _limit=$(($1 * 2)); shift; _n=0
  while [ $_n -lt $_limit ]; do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.5; _n=$((_n + 1))
  done
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
# guest_domids: every domain but dom0
guest_domids() { xenstore-list /local/domain 2>/dev/null | grep -vx 0; }

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
