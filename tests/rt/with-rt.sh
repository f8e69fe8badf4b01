#!/bin/bash
# Runs one command against its own freshly seeded, private RT 5 and tears
# the RT down afterwards, whatever happens. Meson wraps integration tests
# with this (tests run in parallel; every run gets its own port and DIR).
#
#   with-rt.sh CMD [ARGS...]
#
# CMD sees:
#   CSM_TEST_RT_URL                http://127.0.0.1:PORT
#   CSM_TEST_RT_TOKEN_FILE         file holding root's REST2 token
#   CSM_TEST_RT_VIEWER_TOKEN_FILE  token of "viewer" (may see, may not modify;
#                                  absent with CSM_RT_EMPTY, and with a loaded
#                                  scenario that has no viewer)
#   CSM_TEST_RT_DIR                instance dir (seed.json, rt.log, tokens/...)
#
# Environment:
#   CSM_RT_BULK=N       also create N bulk tickets (cached as its own template)
#   CSM_RT_SCENARIO=F   apply a scenario file after seeding (see rt-seed.pl)
#   CSM_RT_EMPTY=1      no fixture seed: RT's initial data and root's token only
#   CSM_RT_LOAD_SCENARIO=F  (implies CSM_RT_EMPTY) load the simulator scenario F
#                       (csm-sim-scenario/1) with rt-load-scenario.pl; CMD still
#                       sees CSM_RT_LOAD_SCENARIO. Tokens of its users are in
#                       $CSM_TEST_RT_DIR/tokens/<name up to "@">.
#   CSM_RT_FROZEN_CLOCK=T   run rt-server with its clock frozen at T (ISO 8601
#                       UTC, or "scenario": the loaded scenario's now);
#                       needs libfaketime (installed if missing, as root)
#   CSM_RT_KEEP=1       keep the instance dir (RT is still stopped)
#   plus rt-up.sh's CSM_RT_CACHE_DIR / CSM_RT_NO_TEMPLATE
#
# Exit status: CMD's; 99 (meson "hard error") if RT is missing and cannot be
# installed (not root), or fails to come up. A missing RT is a failure, not a
# skip: build with -Drt_tests=false on a machine that cannot run RT.
set -uo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
[ $# -ge 1 ] || { echo "usage: with-rt.sh CMD [ARGS...]" >&2; exit 2; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/csm-rt.XXXXXX") || exit 99
child=""      # pid of what we are waiting for
upgroup=""    # process group of rt-up.sh while it runs

cleanup() {
    # rt-up.sh may sit in a 3-minute bulk seed: stop it and its helpers as a
    # group (rt-server has its own session and is left to rt-down.sh).
    [ -n "$upgroup" ] && kill -TERM -- "-$upgroup" 2>/dev/null
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
    [ -n "$child" ] && wait "$child" 2>/dev/null
    "$HERE/rt-down.sh" "$DIR" >&2 || echo "with-rt: rt-down failed" >&2
    if [ "${CSM_RT_KEEP:-0}" = 1 ] || [ -e "$DIR/rt.pid" ]; then
        echo "with-rt: instance dir kept: $DIR" >&2
    else
        rm -rf "$DIR"
    fi
}
trap cleanup EXIT
# Meson sends SIGTERM on timeout; exit through the EXIT trap so RT stops.
# Everything runs in the background and is waited for, so the trap fires
# at once instead of after the foreground command.
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

start=${EPOCHREALTIME/./}
up_args=("$DIR")
[ -n "${CSM_RT_BULK:-}" ] && up_args+=(--bulk "$CSM_RT_BULK")
[ -n "${CSM_RT_SCENARIO:-}" ] && up_args+=(--scenario "$CSM_RT_SCENARIO")
[ "${CSM_RT_EMPTY:-0}" = 1 ] && up_args+=(--empty)
[ -n "${CSM_RT_LOAD_SCENARIO:-}" ] && up_args+=(--load-scenario "$CSM_RT_LOAD_SCENARIO")
[ -n "${CSM_RT_FROZEN_CLOCK:-}" ] && up_args+=(--frozen-clock "$CSM_RT_FROZEN_CLOCK")

# rt-up's progress is only interesting when it fails. setsid makes it a
# process group leader (background jobs of a script never are, so setsid
# execs in place and $! is that leader).
setsid "$HERE/rt-up.sh" "${up_args[@]}" >"$DIR/rt-up.out" 2>"$DIR/rt-up.log" </dev/null &
child=$! upgroup=$!
wait "$child"
rc=$?
child="" upgroup=""
if [ $rc != 0 ]; then
    cat "$DIR/rt-up.log" >&2
    [ $rc = 77 ] && echo "with-rt: RT is not installed and this user cannot install it; build with -Drt_tests=false to leave these tests out" >&2
    echo "with-rt: rt-up.sh failed ($rc)" >&2
    exit 99
fi
out=$(cat "$DIR/rt-up.out")
url=${out#RT_URL=}
ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
echo "with-rt: RT ready at $url after $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s ($(sed -n 's/.*ready (\(.*\))$/\1/p' "$DIR/rt-up.log"))" >&2

export CSM_TEST_RT_URL=$url
export CSM_TEST_RT_TOKEN_FILE=$DIR/token
export CSM_TEST_RT_VIEWER_TOKEN_FILE=$DIR/viewer-token
export CSM_TEST_RT_DIR=$DIR

# Run CMD in the background so a TERM from meson runs our trap at once
# instead of after CMD; <&0 keeps CMD's stdin (bash would give it /dev/null).
"$@" <&0 &
child=$!
wait "$child"
rc=$?
child=""
exit $rc
