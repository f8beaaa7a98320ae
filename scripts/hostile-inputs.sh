#!/usr/bin/env bash
# Feeds `xm check` one generated input of each hostile class and prints, for each, the time it
# took, its exit status and how much it printed. A benchmark to read, not a test: the unit tests
# (HostileInputTests, ConfigInputTests) assert the bounds; this shows what an admin would wait.
#
#   scripts/hostile-inputs.sh [XM]     default: the release build in .build-release
set -euo pipefail
cd "$(dirname "$0")/.."
XM=${1:-.build-release/release/xm}
[ -x "$XM" ] || { echo "no xm at $XM: make release, or name one" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

header="name = 'vm1'
kernel = '/boot/vmlinuz'"
python3 - "$dir" "$header" <<'EOF'
import os, random, sys
d, header = sys.argv[1], sys.argv[2]
def write(name, text, mode="w"):
    with open(os.path.join(d, name), mode) as f:
        f.write(text)
write("clash-4000-one-line.cfg", header + "\ndisk = [" + ",".join("'phy:/dev/x%d,xvda,w'" % i for i in range(4000)) + "]\n")
write("bad-vifs-4000.cfg", header + "\nvif = [" + ",\n".join("'mac=zz:%d'" % i for i in range(4000)) + "]\n")
write("vfbs-2111111.cfg", header + "\nvfb = ['vnc=+'] * 2111111\n")
write("syntax-50000-lines.cfg", "x = = 1\n" * 50000)
write("disks-4096-distinct.cfg", header + "\ndisk = [" + ",\n".join(
    "'phy:/dev/vg/d%d,xvd%s,w'" % (i, "".join(chr(97 + (i // 26 ** k) % 26) for k in (2, 1, 0))) for i in range(4096)) + "]\n")
write("long-line-1MB.cfg", header + "\nextra = '" + "a" * 1000000 + "\n")
write("deep-nesting.cfg", header + "\nx = " + "[" * 100000 + "]" * 100000 + "\n")
write("escapes.cfg", "name = 'a\x1b[2J\x1b]0;owned\x07b'\nkernel = '/k\u202e'\n")
random.seed(1)
write("junk-2MB.cfg", bytes(random.choice(b"$?`!@;\x01\x7f") for _ in range(2000000)).decode("latin-1"))
write("elf.cfg", open("/bin/ls", "rb").read(), "wb")
EOF
mkfifo "$dir/fifo-no-writer.cfg"

printf '%-28s %8s %5s %10s\n' input seconds exit "bytes out"
for f in "$dir"/*.cfg; do
  start=$(date +%s.%N)
  set +e
  "$XM" check "$f" > "$dir/out" 2>&1
  rc=$?
  set -e
  end=$(date +%s.%N)
  printf '%-28s %8.3f %5d %10d\n' "$(basename "$f")" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$rc" "$(wc -c < "$dir/out")"
done
