#!/usr/bin/env bash
# make lint: swift-format (the committed .swift-format) over every Swift file, and shellcheck
# (the committed .shellcheckrc) over every shell script of the project. Exit 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

for tool in swift-format shellcheck; do
  command -v "$tool" > /dev/null || { echo "lint: $tool not found: run 'make setup' as root" >&2; exit 1; }
done

# Tracked files plus new ones not ignored, so a script is checked before its first commit.
files() { git ls-files --cached --others --exclude-standard; }

mapfile -t swift_files < <(files | grep '\.swift$')
# Shell: *.sh, anything whose first line names sh or bash, and the suite's extensionless scripts.
mapfile -t shell_files < <(files | while read -r f; do
  [ -f "$f" ] || continue
  case "$f" in
    *.sh) echo "$f" ;;
    *.swift|*.md|*.py|*.c|*.h|*.json|*.cfg) ;;
    *) head -n 1 "$f" | grep -qE '^#!.*/(env )?(ba)?sh' && echo "$f" ;;
  esac
done)

status=0
echo "lint: swift-format on ${#swift_files[@]} Swift files"
swift-format lint --strict --parallel "${swift_files[@]}" || status=1
echo "lint: shellcheck on ${#shell_files[@]} shell scripts"
shellcheck "${shell_files[@]}" || status=1
[ $status -eq 0 ] && echo "lint: no findings"
exit $status
