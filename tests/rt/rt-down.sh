#!/bin/bash
# Stops the private RT that rt-up.sh started in DIR.
#
#   rt-down.sh DIR
#
# rt-up.sh starts rt-server under setsid, so the Starlet master is the leader
# of its own process group and its workers share that group id. We only
# signal processes of that group which are rt-server AND carry this
# instance's RT_SITE_CONFIG in their environment, so a recycled pid or
# another test's RT is never touched. SIGTERM first (the master takes its
# workers down), SIGKILL after 10 s.
set -euo pipefail

[ $# = 1 ] || { echo "usage: rt-down.sh DIR" >&2; exit 2; }
DIR=$(readlink -f "$1")
PIDFILE="$DIR/rt.pid"
CONF="$DIR/etc/RT_SiteConfig.pm"

if [ ! -f "$PIDFILE" ]; then
    echo "rt-down: no $PIDFILE, nothing to stop" >&2
    exit 0
fi
PID=$(cat "$PIDFILE")
[[ "$PID" =~ ^[0-9]+$ ]] || { echo "rt-down: bad pid file $PIDFILE" >&2; exit 1; }
PORT=$(cat "$DIR/port" 2>/dev/null || true)

is_ours() {
    local p=$1 cmd env
    cmd=$(tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline") || return 1
    [[ "$cmd" == *rt-server* ]] || return 1
    # environ is readable for our own processes (and for root).
    env=$(tr '\0' '\n' 2>/dev/null < "/proc/$p/environ") || return 1
    grep -qxF "RT_SITE_CONFIG=$CONF" <<<"$env"
}

# Live members of the server's process group that are ours.
group() {
    local p
    for p in $(ps -e -o pid=,pgid= | awk -v g="$PID" '$2 == g { print $1 }'); do
        is_ours "$p" && echo "$p"
    done
    return 0
}

port_busy() {
    [ -n "$PORT" ] || return 1
    [ -n "$(ss -ltnH "sport = :$PORT" 2>/dev/null || true)" ]
}

procs=$(group)
if [ -z "$procs" ]; then
    echo "rt-down: no rt-server of $DIR is running (pid $PID)" >&2
    rm -f "$PIDFILE"
    exit 0
fi

if is_ours "$PID"; then
    kill -TERM "$PID" 2>/dev/null || true
else
    # Master already gone, orphaned workers left.
    kill -TERM $procs 2>/dev/null || true
fi

for _ in $(seq 1 100); do
    procs=$(group)
    [ -z "$procs" ] && ! port_busy && break
    sleep 0.1
done

procs=$(group)
if [ -n "$procs" ]; then
    echo "rt-down: rt-server still running after 10 s, sending SIGKILL to" $procs >&2
    kill -KILL $procs 2>/dev/null || true
    for _ in $(seq 1 50); do
        [ -z "$(group)" ] && break
        sleep 0.1
    done
fi

if [ -n "$(group)" ]; then
    echo "rt-down: could not stop rt-server of $DIR" >&2
    exit 1
fi
for _ in $(seq 1 50); do
    port_busy || break
    sleep 0.1
done
if port_busy; then
    echo "rt-down: port $PORT is still in use (by something else?)" >&2
    exit 1
fi
rm -f "$PIDFILE"
exit 0
