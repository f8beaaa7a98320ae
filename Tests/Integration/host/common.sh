# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this file
# Shared by the host-side scripts of the real-Xen suite (sourced, bash).
# They run with pipefail: no pipeline here ends early (head, awk exit), or its writer's SIGPIPE
# would fail the pipeline at random.
# Paths, logging and the content hashes the image cache is keyed by.

PATH=$PATH:/usr/sbin:/sbin   # ldconfig
INTEGRATION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHECKOUT=$(cd "$INTEGRATION_DIR/../.." && pwd)
CACHE=${XM_CACHE_DIR:-$CHECKOUT/.cache/xen-under-qemu}
DEBS=$CACHE/debs
RUN_DIR=${XM_RUN_DIR:-$CACHE/run}
XENLIB=usr/lib/xen-4.17
# The valid vm.cfg fixtures scenario 10-dryrun runs both tools on
FIXTURES=${XM_FIXTURES:-$CHECKOUT/Fixtures/valid}
# Cache entries of one kind kept besides the one in use (older ones are deleted).
CACHE_KEEP=${XM_CACHE_KEEP:-2}

log() { printf '[xmtest %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { printf '[xmtest] ERROR: %s\n' "$*" >&2; exit 1; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# sha256 of stdin, hex only
hash_stdin() { sha256sum | cut -c1-64; }
# Hash of files' names and contents (arguments: files or directories, walked in sorted order).
hash_files() {
  local f
  for f in "$@"; do
    if [ -d "$f" ]; then find "$f" -type f -print0 | sort -z | xargs -0 -r sha256sum
    elif [ -e "$f" ]; then sha256sum "$f"
    else echo "missing $f"; fi
  done | sed "s|  $CHECKOUT/|  |" | hash_stdin
}

# Keep the newest $CACHE_KEEP entries of $CACHE/PREFIX-* besides the one in use.
prune_cache() {
  local prefix=$1 keep=$2 d n=0 entries
  # newest first, as ls -t sorts them
  mapfile -t entries < <(find "$CACHE" -mindepth 1 -maxdepth 1 -name "$prefix-*" -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
  for d in "${entries[@]}"; do
    [ "$d" = "$keep" ] && continue
    n=$((n + 1))
    [ "$n" -gt "$CACHE_KEEP" ] && rm -rf "$d"
  done
  return 0
}

# Runtime libraries of the ELF files given, one path per line, resolved against the extracted
# Debian packages first (LD_LIBRARY_PATH), then the host. Fails naming any library not found.
resolve_libs() {
  local libpath=$1; shift
  local out f libs="" missing=""
  for f in "$@"; do
    out=$(LD_LIBRARY_PATH=$libpath ldd "$f" 2>&1) || continue   # not a dynamic executable
    case "$out" in *"not found"*) missing="$missing $(basename "$f"): $(echo "$out" | awk '/not found/ { printf "%s ", $1 }')";; esac
    libs="$libs$(echo "$out" | awk '/=> \// { print $3 } /^\t\/lib64\// { print $1 }')
"
  done
  [ -z "$missing" ] || { echo "unresolved libraries:$missing" >&2; return 1; }
  printf '%s' "$libs" | sed '/^$/d' | sort -u
}

# Copy a library into an image root at its usual place, following symlinks.
install_lib() {
  local root=$1 lib=$2 dest
  case "$lib" in
    /lib64/*) dest=$root/lib64 ;;
    *) dest=$root/lib/x86_64-linux-gnu ;;
  esac
  mkdir -p "$dest"
  cp -L "$lib" "$dest/$(basename "$lib")"
}

# newc cpio of a directory, gzip -1 (Linux unpacks concatenated archives in order)
pack_cpio() { (cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) > "$2"; }

# module_closure MODULES_DIR NAME...: the .ko files of the named modules and of everything they
# depend on (the .modinfo "depends=" field), dependencies first, one path a line. Images have no
# kmod, so /init insmods them in this order.
module_closure() {
  local dir=$1; shift
  local index; index=$(find "$dir" -name '*.ko' | awk -F/ '{ n = $NF; sub(/\.ko$/, "", n); gsub(/-/, "_", n); print n, $0 }')
  local done_list=" "
  _visit() {
    local name=${1//-/_} path deps d
    case "$done_list" in *" $name "*) return 0;; esac
    path=$(echo "$index" | awk -v n="$name" '$1 == n && !found { print $2; found = 1 }')
    [ -n "$path" ] || { echo "kernel module $1 not found under $dir" >&2; return 1; }
    deps=$(tr '\0' '\n' < "$path" | awk '/^depends=/ && !found { sub(/^depends=/, ""); gsub(/,/, " "); print; found = 1 }')
    for d in $deps; do _visit "$d" || return 1; done
    done_list="$done_list$name "
    echo "$path"
  }
  local m
  for m in "$@"; do _visit "$m" || return 1; done
}

# Where the current package set is extracted (keyed by the package file names).
pkgroot_dir() { echo "$CACHE/root-$(hash_stdin < "$CACHE/debs.current" | cut -c1-16)"; }
