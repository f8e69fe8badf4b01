#!/bin/bash
# Starts a private Request Tracker 5 on loopback for CSM Console's integration
# tests and benchmarks, seeded with a fixed fixture helpdesk.
#
#   rt-up.sh DIR [--port N] [--bulk N] [--scenario FILE]
#   rt-up.sh DIR [--port N] --empty [--load-scenario FILE] [--frozen-clock TIME|scenario]
#
# --empty starts an instance that holds RT's own initial data only (plus the
# root token and disabled notification scrips): no fixture helpdesk. With
# --load-scenario FILE, tests/rt/rt-load-scenario.pl then loads a simulator
# scenario (csm-sim-scenario/1) into it through RT's perl API, before the
# server starts, so ids, timestamps and histories are the scenario's.
# --frozen-clock TIME (ISO 8601 UTC, or "scenario" for the loaded scenario's
# "now") runs rt-server under libfaketime with its clock standing at TIME,
# as the simulator's clock stands at a scenario's now: dates RT writes,
# 'now' in TicketSQL and the Date header are then the same in both.
#
# All state lives in DIR (a fresh directory per run): config, SQLite DB, mason
# cache, sessions, mbox, logs, pid file, tokens. RT is pointed at the private
# config with RT_SITE_CONFIG / RT_SITE_CONFIG_DIR (honoured by
# RT::Config::LoadConfig), and the config itself overrides RT's compiled-in
# $VarPath / $MasonDataDir / $MasonSessionDir, so nothing under /etc, /var/lib
# or /var/cache/request-tracker5 is written and any number of instances can
# run side by side on different ports.
#
# A seeded DB is cached as a template (see "Template cache" below) so that
# later runs only copy a file and start the server.
#
# Output: exactly one line on stdout, RT_URL=http://127.0.0.1:PORT.
# Progress goes to stderr. Tokens are only ever written to files (0600).
#
# Files in DIR afterwards:
#   rt.pid  port  url  token  viewer-token  tokens/<agent|customer>
#   seed.json (ids + final state of the fixture tickets)
#   (--empty: only token; --load-scenario: token, tokens/<user>, viewer-token
#   if the scenario has a viewer, scenario.log)
#   rt.log (RT warnings)  server.log (Starlet stdout/stderr)  seed.log
#   env (sourceable: RT_SITE_CONFIG, RT_SITE_CONFIG_DIR for perl one-offs)
#   etc/  var/ (DB, mbox)  mason/  session/
#
# Exit status 77 (the meson/automake "skip" code) means RT is not installed
# and we may not install it (not root).
#
# Environment:
#   CSM_RT_CACHE_DIR     where templates live (default /var/tmp)
#   CSM_RT_NO_TEMPLATE=1 always seed from scratch and do not publish a template
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
PKGS=(dbconfig-no-thanks request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients w3m)
T0=${EPOCHREALTIME/./}

log() {
    local ms=$(( (${EPOCHREALTIME/./} - T0) / 1000 ))
    printf 'rt-up: [%3d.%03ds] %s\n' $((ms / 1000)) $((ms % 1000)) "$*" >&2
}
die() { printf 'rt-up: error: %s\n' "$*" >&2; exit 1; }
usage() {
    echo "usage: rt-up.sh DIR [--port N] [--bulk N] [--scenario FILE]" >&2
    echo "       rt-up.sh DIR [--port N] --empty [--load-scenario FILE] [--frozen-clock TIME|scenario]" >&2
    exit 2
}

# ------------------------------------------------------------------ args
DIR="" PORT="" BULK=0 SCENARIO="" EMPTY=0 LOAD="" FROZEN=""
while [ $# -gt 0 ]; do
    case "$1" in
        --port) PORT=${2:?--port needs a value}; shift 2 ;;
        --port=*) PORT=${1#*=}; shift ;;
        --bulk) BULK=${2:?--bulk needs a value}; shift 2 ;;
        --bulk=*) BULK=${1#*=}; shift ;;
        --scenario) SCENARIO=${2:?--scenario needs a value}; shift 2 ;;
        --scenario=*) SCENARIO=${1#*=}; shift ;;
        --empty|--no-seed) EMPTY=1; shift ;;
        --frozen-clock) FROZEN=${2:?--frozen-clock needs a value}; shift 2 ;;
        --frozen-clock=*) FROZEN=${1#*=}; shift ;;
        --load-scenario) LOAD=${2:?--load-scenario needs a value}; EMPTY=1; shift 2 ;;
        --load-scenario=*) LOAD=${1#*=}; EMPTY=1; shift ;;
        -h|--help) usage ;;
        -*) echo "rt-up: unknown option $1" >&2; usage ;;
        *) [ -z "$DIR" ] || usage; DIR=$1; shift ;;
    esac
done
[ -n "$DIR" ] || usage
[[ "$BULK" =~ ^[0-9]+$ ]] || die "--bulk wants a number"
[ -z "$PORT" ] || [[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1024 && "$PORT" -le 65535 ]] \
    || die "--port wants a number in 1024..65535"
if [ -n "$SCENARIO" ]; then
    [ -r "$SCENARIO" ] || die "scenario file $SCENARIO not readable"
    SCENARIO=$(readlink -f "$SCENARIO")
fi
if [ -n "$LOAD" ]; then
    [ -r "$LOAD" ] || die "scenario file $LOAD not readable"
    LOAD=$(readlink -f "$LOAD")
fi
if [ "$FROZEN" = scenario ]; then
    [ -n "$LOAD" ] || die "--frozen-clock scenario needs --load-scenario"
    FROZEN=$(perl -MJSON::PP -0777 -ne 'print JSON::PP->new->decode($_)->{now} // ""' "$LOAD") \
        || die "cannot read the scenario's now from $LOAD"
    [ -n "$FROZEN" ] || die "$LOAD has no \"now\" to freeze RT's clock at"
fi
if [ -n "$FROZEN" ]; then
    # ISO 8601 UTC or "YYYY-MM-DD HH:MM:SS" (UTC); libfaketime wants the latter.
    FROZEN=${FROZEN%Z}
    FROZEN=${FROZEN/T/ }
    [[ "$FROZEN" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] \
        || die "--frozen-clock wants a time such as 2026-11-23T12:00:00Z"
fi
if [ "$EMPTY" = 1 ] && { [ "$BULK" != 0 ] || [ -n "$SCENARIO" ]; }; then
    die "--empty/--load-scenario do not go with --bulk or --scenario (those build on the fixture seed)"
fi

mkdir -p "$DIR"
DIR=$(readlink -f "$DIR")
if [ -e "$DIR/var/rt5.db" ] || [ -e "$DIR/rt.pid" ]; then
    die "$DIR already holds an RT instance; use a fresh directory"
fi
chmod 700 "$DIR"

# ------------------------------------------------------------------ packages
# dpkg-query output is captured before matching: grep -q under pipefail can
# fail a matching pipeline by closing it early.
missing=()
need=("${PKGS[@]}")
command -v curl >/dev/null || need+=(curl)
# libfaketime for --frozen-clock: installed if we may; without it RT runs on
# the wall clock and the tests that need the frozen one skip.
if [ -n "$FROZEN" ]; then
    st=$(dpkg-query -W -f='${Status}' libfaketime 2>/dev/null || true)
    if [ "$st" != "install ok installed" ]; then
        if [ "$(id -u)" = 0 ]; then
            need+=(libfaketime)
        else
            echo "rt-up: libfaketime is not installed: RT's clock is not frozen" \
                 "(apt-get install libfaketime)" >&2
            FROZEN=""
        fi
    fi
fi
for p in "${need[@]}"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$st" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "rt-up: Request Tracker is not installed (missing: ${missing[*]})" >&2
        echo "rt-up: run this once as root, or: apt-get install --no-install-recommends ${PKGS[*]} curl" >&2
        exit 77
    fi
    log "installing ${missing[*]}"
    policy=$(apt-cache policy request-tracker5 2>/dev/null || true)
    if ! grep -Eq 'Candidate: [0-9]' <<<"$policy"; then
        apt-get -o DPkg::Lock::Timeout=900 update -q >&2
    fi
    # dbconfig-no-thanks in the same transaction makes the RT maintainer
    # scripts skip dbconfig: no debconf questions and no shared DB.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o DPkg::Lock::Timeout=900 "${PKGS[@]}" "${missing[@]}" >&2
fi
[ -x "$RT_SERVER" ] || die "$RT_SERVER missing after install"
FAKETIME_LIB=""
if [ -n "$FROZEN" ]; then
    FAKETIME_LIB=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime\.so\.1$' || true)
    [ -r "$FAKETIME_LIB" ] || die "libfaketime.so.1 not found (package libfaketime)"
fi
RT_VERSION=$(dpkg-query -W -f='${Version}' request-tracker5)

# ------------------------------------------------------------------ layout
mkdir -p "$DIR/etc/RT_SiteConfig.d" "$DIR/var" "$DIR/mason" "$DIR/session"
export RT_SITE_CONFIG="$DIR/etc/RT_SiteConfig.pm"
# An empty snippet dir keeps Debian's /etc/request-tracker5/RT_SiteConfig.d
# (WebPath /rt, syslog logging, its DB settings) out of this instance.
export RT_SITE_CONFIG_DIR="$DIR/etc/RT_SiteConfig.d"
printf 'RT_SITE_CONFIG=%q\nRT_SITE_CONFIG_DIR=%q\nexport RT_SITE_CONFIG RT_SITE_CONFIG_DIR\n' \
    "$RT_SITE_CONFIG" "$RT_SITE_CONFIG_DIR" > "$DIR/env"

# Picks a free port below the ephemeral range (outgoing connections to other
# test instances cannot be holding it). Two parallel runs can still pick the
# same one; start_server detects that and tries again.
pick_port() {
    perl -MIO::Socket::INET -e '
        for (1..200) {
            my $p = 20000 + int(rand(12000));
            my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => $p,
                                          Proto => "tcp", Listen => 1, ReuseAddr => 1) or next;
            close $s; print "$p\n"; exit 0;
        }
        exit 1;'
}

write_config() {
    local port=$1
    cat > "$RT_SITE_CONFIG" <<EOF
# Private config of the CSM Console test RT in $DIR (written by rt-up.sh).
Set(\$rtname, 'csm-test');
Set(\$Organization, 'csm-test.example.com');
Set(\$CorrespondAddress, 'rt@helpdesk.example.com');
Set(\$CommentAddress, 'rt-comment@helpdesk.example.com');
Set(\$WebPath, "");
Set(\$WebDomain, "127.0.0.1");
Set(\$WebPort, $port);
Set(\$WebBaseURL, "http://127.0.0.1:$port");
Set(\$DatabaseType, "SQLite");
Set(\$DatabaseName, "$DIR/var/rt5.db");
Set(\$Timezone, "UTC");
Set(\$MailCommand, "mbox");            # mail goes to $DIR/var/<time>.mbox
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, undef);
Set(\$LogToFile, "warning");
Set(\$LogDir, "$DIR");
Set(\$LogToFileNamed, "rt.log");
# Cost 12 (RT's default) makes every token request spend ~0.2 s in bcrypt.
Set(\$BcryptCost, 4);

# RT's compiled-in paths (RT/Generated.pm) point at shared Debian dirs.
\$RT::VarPath         = "$DIR/var";
\$RT::MasonDataDir    = "$DIR/mason";
\$RT::MasonSessionDir = "$DIR/session";

Set(%ServiceBusinessHours, (
    'Default' => {
        1 => { Name => 'Monday',    Start => '9:00', End => '17:00' },
        2 => { Name => 'Tuesday',   Start => '9:00', End => '17:00' },
        3 => { Name => 'Wednesday', Start => '9:00', End => '17:00' },
        4 => { Name => 'Thursday',  Start => '9:00', End => '17:00' },
        5 => { Name => 'Friday',    Start => '9:00', End => '17:00' },
    },
));
Set(%ServiceAgreements, (
    Default      => 'gold',
    QueueDefault => { Support => 'gold', Billing => 'business' },
    Levels       => {
        'gold'     => { StartImmediately => 1,
                        Response => { RealMinutes => 240 },
                        Resolve  => { RealMinutes => 2880 } },
        'business' => { Response => { BusinessMinutes => 480 } },
        '2d'       => { StartImmediately => 1, Resolve => { RealMinutes => 2880 } },
    },
));
1;
EOF
}

# Starts rt-server on $PORT and waits until REST2 answers 401. A 401 alone is
# not proof: with an auto-picked port another instance may own it, so the
# listening socket must belong to our process.
start_server() {
    local pid code owner
    local -a clock=()
    # --frozen-clock: RT's whole world stands still at one instant (libfaketime),
    # like a scenario's clock in the simulator.
    [ -z "$FROZEN" ] || clock=(env "LD_PRELOAD=$FAKETIME_LIB" "FAKETIME=$FROZEN" TZ=UTC
                               FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1)
    setsid "${clock[@]}" "$RT_SERVER" --host 127.0.0.1 --port "$PORT" --max-workers 2 \
        >>"$DIR/server.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" > "$DIR/rt.pid"
    for _ in $(seq 1 900); do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$DIR/rt.pid"
            return 1
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
               "http://127.0.0.1:$PORT/REST/2.0/rt" 2>/dev/null || true)
        if [ "$code" = 401 ]; then
            owner=$(ss -ltnpH "sport = :$PORT" 2>/dev/null || true)
            if [ -z "$owner" ] || grep -q "pid=$pid," <<<"$owner"; then
                return 0
            fi
        fi
        sleep 0.1
    done
    return 2
}

# The config must exist before anything loads RT: with RT_SITE_CONFIG
# pointing at a missing file RT silently falls back to its compiled-in
# defaults, i.e. the shared DB in /var/lib/request-tracker5.
configure() {
    [ -n "$PORT" ] || PORT=$(pick_port) || die "no free port found"
    write_config "$PORT"
    echo "$PORT" > "$DIR/port"
    echo "http://127.0.0.1:$PORT" > "$DIR/url"
}

start_with_retries() {
    local tries=1 rc
    while :; do
        rc=0; start_server || rc=$?
        [ $rc = 0 ] && return 0
        [ $rc = 2 ] && die "rt-server did not answer within 90 s; see $DIR/server.log and $DIR/rt.log"
        if [ -n "$PORT_AUTO" ] && [ $tries -lt 5 ] && grep -qiE 'in use|failed to listen|bind' "$DIR/server.log"; then
            log "port $PORT was taken, picking another"
            PORT="" tries=$((tries + 1))
            configure
            continue
        fi
        tail -n 20 "$DIR/server.log" >&2 || true
        die "rt-server exited during startup; see $DIR/server.log"
    done
}

# If anything below fails, do not leave a server behind.
cleanup_on_failure() {
    local rc=$?
    if [ $rc != 0 ] && [ -e "$DIR/rt.pid" ]; then
        "$HERE/rt-down.sh" "$DIR" >&2 || true
    fi
    exit $rc
}
trap cleanup_on_failure EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# ------------------------------------------------------------------ template cache
# A template is the seeded DB plus the token files and seed.json of one cold
# run. Its key covers every script that shapes the data and the RT version,
# so editing the seed invalidates it. The token hashes are in the DB, so the
# copied token files stay valid. Templates are published by atomic rename of
# a complete directory, so parallel runs never see half a template.
CACHE=${CSM_RT_CACHE_DIR:-/var/tmp}
KEY=$( { cat "$HERE/rt-up.sh" "$HERE/rt-seed.pl" "$HERE/rt-admin.pl"; echo "$RT_VERSION"; } \
       | sha256sum | cut -c1-16)
# Per user: templates hold tokens and stay private (0700).
TPL_BASE="$CACHE/csm-rt-template-$KEY-u$(id -u)"
TPL_BULK="$TPL_BASE-bulk$BULK"
# --empty has its own template (RT's initial data + root token); a loaded
# scenario one more, keyed on the loader and the scenario file as well.
TPL_EMPTY="$TPL_BASE-empty"
TPL_LOADED=""
if [ -n "$LOAD" ]; then
    TPL_LOADED="$TPL_EMPTY-s$( { cat "$HERE/rt-load-scenario.pl" "$LOAD"; } | sha256sum | cut -c1-16)"
fi
USE_TPL=1
[ "${CSM_RT_NO_TEMPLATE:-0}" = 1 ] && USE_TPL=0

# What a template must hold: the seeded kinds have seed.json, the viewer's
# and the actors' tokens; an empty one only root's token; a loaded scenario
# the tokens its users got (the viewer's only if there is one).
tpl_files() {
    case "$1" in
        "$TPL_EMPTY") echo "rt5.db token built_at" ;;
        "$TPL_LOADED") echo "rt5.db token built_at tokens scenario.log" ;;
        *) echo "rt5.db token viewer-token seed.json built_at tokens" ;;
    esac
}

tpl_ok() {
    local f
    [ -n "$1" ] || return 1
    for f in $(tpl_files "$1"); do
        [ -r "$1/$f" ] || return 1
    done
}

publish_template() {
    local target=$1 tmp f
    [ $USE_TPL = 1 ] || return 0
    tpl_ok "$target" && return 0
    mkdir -p "$CACHE"
    tmp=$(mktemp -d "$CACHE/.csm-rt-template-XXXXXX")
    # The server is idle but still holds the DB open; the SQLite backup API
    # gives a consistent copy regardless.
    perl -MDBI -e 'my $d = DBI->connect("dbi:SQLite:dbname=$ARGV[0]", "", "", {RaiseError => 1});
                   $d->sqlite_backup_to_file($ARGV[1]);' "$DIR/var/rt5.db" "$tmp/rt5.db"
    for f in $(tpl_files "$target"); do
        case "$f" in
            rt5.db|built_at) ;;
            *) cp -a "$DIR/$f" "$tmp/$f" ;;
        esac
    done
    [ ! -e "$DIR/viewer-token" ] || [ -e "$tmp/viewer-token" ] || cp -a "$DIR/viewer-token" "$tmp/"
    date +%s > "$tmp/built_at"
    if mv -T "$tmp" "$target" 2>/dev/null; then
        log "published template $target"
    else
        rm -rf "$tmp"     # someone else won the race; theirs is equivalent
    fi
    # Templates of older script versions are dead weight; drop week-old ones.
    find "$CACHE" -maxdepth 1 -name 'csm-rt-template-*' -mtime +7 \
        ! -name "csm-rt-template-$KEY*" -exec rm -rf {} + 2>/dev/null || true
    # ... and so are loaded scenarios of older loader or scenario versions.
    find "$CACHE" -maxdepth 1 -name "$(basename "$TPL_EMPTY")-s*" -mtime +7 \
        ! -name "$(basename "$target")" -exec rm -rf {} + 2>/dev/null || true
}

copy_template() {
    local src=$1 shift_s
    cp "$src/rt5.db" "$DIR/var/rt5.db"
    install -m 600 "$src/token" "$DIR/token"
    [ ! -e "$src/viewer-token" ] || install -m 600 "$src/viewer-token" "$DIR/viewer-token"
    [ ! -e "$src/tokens" ] || cp -a "$src/tokens" "$DIR/tokens"
    [ ! -e "$src/scenario.log" ] || cp "$src/scenario.log" "$DIR/scenario.log"
    if [ "$EMPTY" = 1 ]; then
        # RT's initial data and a loaded scenario keep their own times: the
        # scenario's clock is frozen, and the comparison needs its dates.
        log "copied template $(basename "$src")"
        return 0
    fi
    cp "$src/seed.json" "$DIR/seed.json"
    shift_s=$(( $(date +%s) - $(cat "$src/built_at") ))
    [ "$shift_s" -ge 0 ] || shift_s=0     # clock went backwards; leave as is
    perl "$HERE/rt-timeshift.pl" "$DIR/var/rt5.db" "$DIR/seed.json" "$shift_s"
    log "copied template $(basename "$src") (timestamps moved forward ${shift_s}s)"
}

# ------------------------------------------------------------------ go
PORT_AUTO=""
[ -n "$PORT" ] || PORT_AUTO=1
configure

# The DB of a fresh instance: RT's initial data, the root token and the
# notification scrips disabled.
init_database() {
    local rootpw
    rootpw=$(mktemp "$DIR/.rootpw.XXXXXX")
    echo password > "$rootpw"   # loopback-only test instance; agents use the same
    rt-setup-database-5 --action init --skip-create --root-password-file "$rootpw" \
        > "$DIR/setup-database.log" 2>&1 \
        || { tail -n 20 "$DIR/setup-database.log" >&2; die "rt-setup-database-5 failed"; }
    rm -f "$rootpw"
    [ -s "$DIR/var/rt5.db" ] || die "rt-setup-database-5 did not create $DIR/var/rt5.db"
    log "database initialised"
}

if [ "$EMPTY" = 1 ]; then
    # Nothing may run against the DB while the scenario loads, so the server
    # starts last here.
    if [ $USE_TPL = 1 ] && tpl_ok "$TPL_LOADED"; then
        copy_template "$TPL_LOADED"
        MODE="warm, scenario $(basename "$LOAD") from template"
    else
        if [ $USE_TPL = 1 ] && tpl_ok "$TPL_EMPTY"; then
            copy_template "$TPL_EMPTY"
            MODE="warm, empty"
        else
            init_database
            perl "$HERE/rt-admin.pl" bootstrap "$DIR" > "$DIR/admin.log" 2>&1 \
                || { cat "$DIR/admin.log" >&2; die "rt-admin.pl bootstrap failed"; }
            log "root token created"
            publish_template "$TPL_EMPTY"
            MODE="cold, empty"
        fi
        if [ -n "$LOAD" ]; then
            perl "$HERE/rt-load-scenario.pl" "$DIR" "$LOAD" > "$DIR/scenario.log" 2>&1 \
                || { tail -n 30 "$DIR/scenario.log" >&2; die "rt-load-scenario.pl failed"; }
            log "loaded scenario $LOAD"
            MODE="$MODE, scenario $(basename "$LOAD") loaded"
            publish_template "$TPL_LOADED"
        fi
    fi
    start_with_retries
    log "RT up on port $PORT"
elif [ $USE_TPL = 1 ] && [ "$BULK" -gt 0 ] && tpl_ok "$TPL_BULK"; then
    copy_template "$TPL_BULK"
    start_with_retries
    MODE="warm, bulk $BULK from template"
elif [ $USE_TPL = 1 ] && tpl_ok "$TPL_BASE"; then
    copy_template "$TPL_BASE"
    start_with_retries
    MODE="warm"
    log "RT up on port $PORT"
    if [ "$BULK" -gt 0 ]; then
        perl "$HERE/rt-seed.pl" --url "http://127.0.0.1:$PORT" --dir "$DIR" --bulk "$BULK" >&2
        log "seeded $BULK bulk tickets"
        MODE="warm, bulk $BULK seeded"
        publish_template "$TPL_BULK"
    fi
else
    init_database
    # Server start (~1 s of RT init) and the admin bootstrap (token, scrips)
    # are independent; SQLite's busy timeout covers the overlapping writes.
    perl "$HERE/rt-admin.pl" bootstrap "$DIR" > "$DIR/admin.log" 2>&1 &
    admin_pid=$!
    start_with_retries
    wait "$admin_pid" || { cat "$DIR/admin.log" >&2; die "rt-admin.pl bootstrap failed"; }
    MODE="cold"
    log "RT up on port $PORT, token created"
    perl "$HERE/rt-seed.pl" --url "http://127.0.0.1:$PORT" --dir "$DIR" >&2
    log "seeded fixture helpdesk"
    publish_template "$TPL_BASE"
    if [ "$BULK" -gt 0 ]; then
        perl "$HERE/rt-seed.pl" --url "http://127.0.0.1:$PORT" --dir "$DIR" --bulk "$BULK" >&2
        log "seeded $BULK bulk tickets"
        MODE="cold, bulk $BULK seeded"
        publish_template "$TPL_BULK"
    fi
fi

if [ -n "$SCENARIO" ]; then
    perl "$HERE/rt-seed.pl" --url "http://127.0.0.1:$PORT" --dir "$DIR" --scenario "$SCENARIO" >&2
    log "applied scenario $SCENARIO"
fi

chmod 600 "$DIR/token"
[ ! -e "$DIR/viewer-token" ] || chmod 600 "$DIR/viewer-token"
[ -z "$FROZEN" ] || MODE="$MODE, clock frozen at $FROZEN"
log "ready ($MODE)"
trap - EXIT TERM INT HUP
echo "RT_URL=http://127.0.0.1:$PORT"
