#!/bin/bash
# Sets up, builds and runs the whole test suite of CSM Console headless, and
# ends with the line "N passed, N failed".
#
#   build-aux/run-tests.sh [BUILD_DIR] [meson setup options…]
#
# The tests get a private X server (Xvfb), a private D-Bus session with an
# unlocked gnome-keyring, a throwaway HOME, and a real Request Tracker 5 that
# tests/rt/with-rt.sh installs (as root, from Debian) and starts on 127.0.0.1.
set -uo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
build=${1:-$top/build}
[ $# -gt 0 ] && shift

"$top/build-aux/deps.sh" test || exit 1

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" "$@" || exit 1
fi
ninja -C "$build" || { echo "0 passed, 1 failed"; exit 1; }

# A world of its own: nothing of the caller's session (keyring, settings,
# display) is touched, and nothing of it leaks into the tests.
home=$(mktemp -d "${TMPDIR:-/tmp}/csm-test-home.XXXXXX")
mkdir -m 700 "$home/run"
trap 'rm -rf "$home"' EXIT

env -i PATH="$PATH" HOME="$home" XDG_RUNTIME_DIR="$home/run" LANG=C.UTF-8 \
    GDK_BACKEND=x11 GSK_RENDERER=cairo GIO_USE_PROXY_RESOLVER=dummy \
    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
    ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
    ${LSAN_OPTIONS:+LSAN_OPTIONS="$LSAN_OPTIONS"} \
    ${MESON_TEST_ARGS:+MESON_TEST_ARGS="$MESON_TEST_ARGS"} \
  dbus-run-session -- bash -c '
    echo -n csm-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    xvfb-run -a -s "-screen 0 1400x900x24" \
      meson test -C "$0" --print-errorlogs --num-processes 2 ${MESON_TEST_ARGS:-}
  ' "$build"
status=$?

# Debian's archive moves: say which RT the integration tests ran against.
rt_version=$(dpkg-query -W -f='${Version}' request-tracker5 2>/dev/null) || rt_version=
echo "Request Tracker tested against: ${rt_version:-none installed}"
# The log of this run (meson names a run through --wrapper after the wrapper).
log=$(ls -t "$build"/meson-logs/testlog*.json 2>/dev/null | head -n 1)
python3 "$top/build-aux/count-results.py" "${log:-$build/meson-logs/testlog.json}"
exit $status
