# 40-list: xm list (table, -l, --json, --state, errors), domid, domname, domstate, uptime and
# top -b, compared with xl in the same dom0 on Domain-0 and a running PV guest.
# The guest is xm's (create, pause, destroy); xl only observes.
# timeout: 420
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

NAME=xmtest-list
S=$XM_STATE/40
mkdir -p "$S"

# json_valid FILE: a JSON text parser in awk (independent of xm's encoder): exit 0 when FILE
# holds exactly one JSON value.
json_valid() {
  awk 'BEGIN { RS = "\001" }
  function ws() { while (p <= n && index(" \t\r\n", substr(s, p, 1))) p++ }
  function bad(why) { if (!err) err = why " at offset " p; return 0 }
  function str(   c) {
    if (substr(s, p, 1) != "\"") return bad("string expected"); p++
    while (p <= n) { c = substr(s, p, 1)
      if (c == "\"") { p++; return 1 }
      if (c == "\\") { c = substr(s, p + 1, 1)
        if (c == "u") { if (substr(s, p + 2, 4) !~ /^[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]$/) return bad("bad \\u"); p += 6; continue }
        if (!index("\"\\/bfnrt", c)) return bad("bad escape"); p += 2; continue }
      if (c < " ") return bad("control character in string"); p++ }
    return bad("unterminated string") }
  function num(   m) {
    m = substr(s, p); if (!match(m, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) return bad("bad number")
    p += RLENGTH; return 1 }
  function value(   c) { ws(); c = substr(s, p, 1)
    if (c == "{") { p++; ws(); if (substr(s, p, 1) == "}") { p++; return 1 }
      while (1) { ws(); if (!str()) return 0; ws(); if (substr(s, p, 1) != ":") return bad("colon expected"); p++
        if (!value()) return 0; ws(); c = substr(s, p, 1); p++
        if (c == "}") return 1; if (c != ",") return bad("comma or } expected") } }
    if (c == "[") { p++; ws(); if (substr(s, p, 1) == "]") { p++; return 1 }
      while (1) { if (!value()) return 0; ws(); c = substr(s, p, 1); p++
        if (c == "]") return 1; if (c != ",") return bad("comma or ] expected") } }
    if (c == "\"") return str()
    if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") { p += 4; return 1 }
    if (substr(s, p, 5) == "false") { p += 5; return 1 }
    return num() }
  { s = s $0 }
  END { n = length(s); p = 1; ok = value(); ws(); if (ok && p <= n) { ok = 0; err = "text after the value at offset " p }
        if (!ok) { print "invalid JSON: " err; exit 1 } }' "$1"
}

step create "xm create a copy of pv.cfg named $NAME"
t_create=$(uptime_s)
sed "s/^name = .*/name = \"$NAME\"/" /etc/xen/xmtest/pv.cfg > "/tmp/$NAME.cfg"
if show xm create "/tmp/$NAME.cfg" && wait_console "$NAME" XM-GUEST-ALIVE 300 2; then
  ID=$(domid_of "$NAME"); pass "domid $ID"
else fail "xm create exit $_rc or no heartbeat"; console_tail "$NAME" 20; return 0; fi

step table "xm list: xm's header, every row in xm's format, and the same domains and values as xl list"
t0=$(uptime_s); xl list > "$S/xl.list" 2>&1; xm list > "$S/xm.list" 2> "$S/xm.err"; rc=$?
elapsed=$(seconds_since "$t0")
indent "xm list" < "$S/xm.list"; indent "xl list" < "$S/xl.list"
# Each xm row is re-rendered from its fields with xm's format string (awk's printf is C's, like
# Python's %); then each domain is compared with xl's row: id, Mem, VCPUs exactly, the state
# letters exactly except r/b (the CPU may be running or idle between the two calls: dom0 is
# running either tool) and the 5th letter (xl shows the shutdown reason there), Time no less
# than xl's and no more than its VCPUs can have used in the seconds both calls took.
problems=$(awk -v elapsed="$elapsed" '
  FNR == 1 { file++; if (file == 2 && $0 != "Name                                        ID   Mem VCPUs      State   Time(s)") print "header: [" $0 "]"; next }
  file == 1 { xl[$1] = $0; next }
  { line = sprintf("%-40s %5s %5d %5d %10s %8.1f", $1, $2, $3, $4, $5, $6)
    if (line != $0) print "format: [" $0 "] vs [" line "]"
    seen[$1] = 1
    if (!($1 in xl)) { print "not in xl list: " $1; next }
    split(xl[$1], x, " ")
    if (x[2] != $2) print $1 ": id " $2 " vs xl " x[2]
    if (x[3] != $3) print $1 ": Mem " $3 " vs xl " x[3]
    if (x[4] != $4) print $1 ": VCPUs " $4 " vs xl " x[4]
    a = $5; b = x[5]; gsub(/[rb]/, "?", a); gsub(/[rb]/, "?", b)
    if (substr(a, 1, 4) substr(a, 6) != substr(b, 1, 4) substr(b, 6)) print $1 ": State " $5 " vs xl " x[5]
    if ($6 < x[6] - 0.11 || $6 > x[6] + $4 * elapsed + 0.2) print $1 ": Time " $6 " vs xl " x[6] " (" elapsed " s apart)" }
  END { for (n in xl) if (!(n in seen)) print "missing in xm list: " n }' "$S/xl.list" "$S/xm.list")
if [ $rc -eq 0 ] && [ -z "$problems" ] && grep -q "^Domain-0 " "$S/xm.list" && grep -q "^$NAME " "$S/xm.list"; then
  pass "$(($(wc -l < "$S/xm.list") - 1)) domains match xl list"
else fail "exit $rc: $(echo "$problems" | head -n 5 | tr '\n' ';') $(cat "$S/xm.err")"; fi

step long "xm list -l: the domain's SXP with its stored image"
xm list -l "$NAME" > "$S/long" 2>&1; rc=$?
indent "xm list -l" < "$S/long"
missing=""
for want in "(domain" "(domid $ID)" "(name $NAME)" "(memory 128)" "(online_vcpus 1)" "(on_crash preserve)" \
            "(kernel /guest/vmlinuz)" "(ramdisk /guest/initrd.gz)" "(state " "(cpu_time " "(start_time "; do
  grep -qF -- "$want" "$S/long" || missing="$missing $want"
done
ndom=$(xm list -l | grep -c '^(domain')
nxl=$(($(xl list | wc -l) - 1))
if [ $rc -eq 0 ] && [ -z "$missing" ] && [ "$ndom" = "$nxl" ]; then pass "$ndom domains as SXP"
else fail "exit $rc, missing:$missing; $ndom SXP domains for $nxl in xl list"; fi

step json "xm list --json parses (an awk JSON parser) and carries the guest"
xm list --json > "$S/json" 2>&1; rc=$?
head -n 40 "$S/json" | indent "xm list --json"
if [ $rc -eq 0 ] && json_valid "$S/json" > "$S/json.check" \
   && grep -Eq "\"name\" ?: ?\"$NAME\"" "$S/json" && grep -Eq "\"name\" ?: ?\"Domain-0\"" "$S/json" \
   && [ "$(grep -Ec '"domid" ?:' "$S/json")" = "$nxl" ]; then pass
else fail "exit $rc; $(cat "$S/json.check")"; fi

step errors "xm list 6666 and xm list -x: Error: on stderr, exit 1 (xm-test)"
xm list 6666 > "$S/e1.out" 2> "$S/e1.err"; rc1=$?
xm list -x > "$S/e2.out" 2> "$S/e2.err"; rc2=$?
indent "xm list 6666" < "$S/e1.err"; indent "xm list -x" < "$S/e2.err"
if [ $rc1 -eq 1 ] && [ "$(head -n 1 "$S/e1.err")" = "Error: Domain '6666' does not exist." ] && [ ! -s "$S/e1.out" ] \
   && [ $rc2 -eq 1 ] && grep -q "^Error: " "$S/e2.err" && [ ! -s "$S/e2.out" ]; then pass
else fail "exit $rc1 / $rc2"; fi

step ids "xm domid / domname agree with xenstore"
a=$(xm domid "$NAME" 2>&1); b=$(xm domname "$ID" 2>&1); c=$(xm domname 0 2>&1); d=$(xm domid Domain-0 2>&1)
info "domid $NAME -> $a; domname $ID -> $b; domname 0 -> $c; domid Domain-0 -> $d"
xm domid no-such-domain > /dev/null 2>&1; rc=$?
if [ "$a" = "$ID" ] && [ "$b" = "$NAME" ] && [ "$c" = "Domain-0" ] && [ "$d" = "0" ] && [ $rc -eq 1 ]; then pass
else fail "got '$a' '$b' '$c' '$d', unknown domain exit $rc"; fi

step state "xm domstate and --state: paused (xm pause), then idle or running again"
s1=$(xm domstate "$NAME" 2>&1)
xm pause "$NAME"
s2=$(xm domstate "$NAME" 2>&1)
xm list --state=paused > "$S/paused" 2>&1; rc=$?
xm list --state=running > "$S/running" 2>&1
xm unpause "$NAME"
s3=$(xm domstate "$NAME" 2>&1)
indent "--state=paused" < "$S/paused"
info "domstate: before '$s1', paused '$s2', after '$s3'"
# paused: p; b too when its VCPU was blocked at the pause (xl prints the same two flags)
if [ $rc -eq 0 ] && [ "$s2" = paused ] && grep -Eq "^$NAME .* -[b-]p--- " "$S/paused" && [ "$(wc -l < "$S/paused")" = 2 ] \
   && ! grep -q "^$NAME " "$S/running" && case "$s1$s3" in *shutoff*|*paused*|"") false;; *) true;; esac; then pass
else fail "domstate '$s1' '$s2' '$s3'; --state exit $rc; listed: $(grep "^$NAME " "$S/paused")"; fi

step uptime "xm uptime: xm's columns; the guest's uptime fits the time since its creation"
xm uptime > "$S/uptime" 2>&1; rc=$?
xm uptime -s "$NAME" > "$S/uptime-s" 2>&1
indent "xm uptime" < "$S/uptime"; indent "xm uptime -s" < "$S/uptime-s"
since=$(awk -v a="$t_create" -v b="$(uptime_s)" 'BEGIN { printf "%d", b - a + 2 }')
up=$(awk -v n="$NAME" '$1 == n { split($3, t, ":"); print t[1] * 3600 + t[2] * 60 + t[3] }' "$S/uptime")
if [ $rc -eq 0 ] && [ "$(head -n 1 "$S/uptime")" = "Name                                ID Uptime " ] \
   && grep -q "^Domain-0 " "$S/uptime" && [ -n "$up" ] && [ "$up" -ge 1 ] && [ "$up" -le "$since" ] \
   && grep -Eq "^ [0-9]{2}:[0-9]{2}:[0-9]{2} up .*, $NAME \($ID\)$" "$S/uptime-s"; then pass "$up s (created $since s ago)"
else fail "exit $rc, guest uptime '$up' for at most $since s"; fi

step top "xm top -b -i 2 -d 1: xentop's header twice, the guest in each sample"
xm top -b -i 2 -d 1 > "$S/top" 2>&1; rc=$?
indent "xm top" < "$S/top"
short=$(echo "$NAME" | cut -c1-10)
if [ $rc -eq 0 ] && [ "$(grep -c '^      NAME  STATE   CPU(sec) CPU(%)' "$S/top")" = 2 ] \
   && [ "$(grep -c "^ *$short " "$S/top")" = 2 ] && [ "$(grep -c '^  Domain-0 ' "$S/top")" = 2 ]; then pass
else fail "exit $rc"; fi

step cleanup "xm destroy $NAME"
if show xm destroy "$NAME" && wait_for 30 domain_gone "$NAME"; then pass; else fail "still there"; fi
