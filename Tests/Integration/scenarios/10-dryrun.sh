# 10-dryrun: `xm create --dryrun` against `xl -N create` for every file of Fixtures/valid.
# Both tools' outputs go to the host at the end, as one archive (dryrun.tar.gz: fewer processes,
# which are slow in a dom0 under TCG); host/compare-dryrun.py compares them there.
# A fixture's "# vars: a=1 b=2" line gives the command-line variables. xm binds them before the
# file runs, and one that names an option wins over the file's assignment (xm's opts.py); xl
# appends them as config lines (they win too), and wants strings quoted. So xl gets them all,
# quoted unless numeric: then both tools should mean the same thing.
# timeout: 900
# shellcheck shell=sh

FIXTURES=/fixtures/valid
OUT=/tmp/dryrun
mkdir -p "$OUT"

# xl_extra_args FILE VAR=VALUE...: the variables as xl config lines
xl_extra_args() {
  shift
  for _kv in "$@"; do
    _k=${_kv%%=*} _v=${_kv#*=}
    if echo "$_v" | grep -Eq '^-?[0-9]+(\.[0-9]+)?$'; then echo "$_k=$_v"
    else echo "$_k=\"$(echo "$_v" | sed 's/[\\"]/\\&/g')\""; fi
  done
}

step fixtures "the valid fixtures are in the image"
files=$(cd "$FIXTURES" 2>/dev/null && find . -type f ! -name '.*' ! -name '*.md' ! -name 'README*' | sed 's|^\./||' | sort)
if [ -n "$files" ]; then pass "$(echo "$files" | wc -l) files"
else fail "no fixtures in $FIXTURES (Fixtures/valid of the checkout)"; fi

for rel in $files; do
  f=$FIXTURES/$rel d=$OUT/$rel
  mkdir -p "$d"
  vars=$(sed -n 's/^#[[:space:]]*vars:[[:space:]]*//p' "$f" | head -n1)
  xlvars=""
  # shellcheck disable=SC2086 # the variables are words
  [ -z "$vars" ] || xlvars=$(xl_extra_args "$f" $vars)
  step "dryrun:$rel" "xm create --dryrun $rel $vars"
  # shellcheck disable=SC2086 # the variables are words
  xm create --dryrun "$f" $vars > "$d/xm.out" 2> "$d/xm.err"; xmrc=$?
  # busybox sh: word-split the xl lines on newlines only (values may hold spaces)
  old_ifs=$IFS; IFS='
'
  # shellcheck disable=SC2086 # one word a line (IFS above)
  xl -N create "$f" $xlvars > "$d/xl.out" 2> "$d/xl.err"; xlrc=$?
  IFS=$old_ifs
  # shellcheck disable=SC2086,SC2116 # echo joins the lines with spaces
  printf 'xm_rc=%s\nxl_rc=%s\nvars=%s\nxl_vars=%s\n' "$xmrc" "$xlrc" "$vars" "$(echo $xlvars)" > "$d/meta"
  if [ "$xmrc" = 0 ]; then pass "xm ok; xl exit $xlrc"
  else fail "xm create --dryrun exit $xmrc: $(head -n 3 "$d/xm.err" | tr '\n' ' ')"; fi
done

step send-results "send the outputs to the host"
if tar -czf /tmp/dryrun.tar.gz -C "$OUT" . && emit_file dryrun.tar.gz /tmp/dryrun.tar.gz; then
  pass "$(wc -c < /tmp/dryrun.tar.gz) bytes"
else fail "could not archive $OUT"; fi
