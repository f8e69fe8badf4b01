#!/bin/bash
# Runs the benchmarks headless (Xvfb, cairo renderer, private D-Bus and
# keyring), printing their figures. Usage: build-aux/run-benchmarks.sh [BUILD_DIR] [SUITE…]
set -uo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
build=${1:-$top/build}
[ $# -gt 0 ] && shift
suites=()
for s in "$@"; do suites+=(--suite "$s"); done

"$top/build-aux/deps.sh" test || exit 1
[ -f "$build/build.ninja" ] || meson setup "$build" "$top" --buildtype=release || exit 1
ninja -C "$build" || exit 1

home=$(mktemp -d "${TMPDIR:-/tmp}/csm-bench-home.XXXXXX")
mkdir -m 700 "$home/run"
trap 'rm -rf "$home"' EXIT

env -i PATH="$PATH" HOME="$home" XDG_RUNTIME_DIR="$home/run" LANG=C.UTF-8 \
    GDK_BACKEND=x11 GSK_RENDERER=cairo GIO_USE_PROXY_RESOLVER=dummy \
  dbus-run-session -- bash -c '
    echo -n csm-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    build=$0
    xvfb-run -a -s "-screen 0 1400x900x24" \
      meson test -C "$build" --benchmark --verbose --num-processes 1 "$@"
  ' "$build" "${suites[@]}"
