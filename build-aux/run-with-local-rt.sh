#!/bin/bash
# Sets up and runs CSM Console against a Request Tracker 5 on this machine:
# installs what is missing (Debian 12, with sudo), builds the console,
# starts a private, seeded RT on 127.0.0.1 (kept under
# ~/.local/state/csm-console/local-rt, reused on the next run), puts its
# token in your keyring and opens the console on it.
#
#   build-aux/run-with-local-rt.sh           start (or reuse) RT, run the console
#   build-aux/run-with-local-rt.sh --stop    stop that RT
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
state=${XDG_STATE_HOME:-$HOME/.local/state}/csm-console/local-rt
build=$top/build
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)

if [ "${1:-}" = "--stop" ]; then
  [ -f "$state/rt.pid" ] && "${sudo[@]}" "$top/tests/rt/rt-down.sh" "$state"
  exit 0
fi

"$top/build-aux/deps.sh" build
command -v secret-tool >/dev/null || "${sudo[@]}" apt-get install -y -q --no-install-recommends libsecret-tools
[ -f "$build/build.ninja" ] || meson setup "$build" "$top"
ninja -C "$build"

# RT runs as root here: its Debian packages and helper scripts expect it.
mkdir -p "$(dirname "$state")"
if ! { [ -f "$state/rt.pid" ] && kill -0 "$(cat "$state/rt.pid")" 2>/dev/null; }; then
  rm -rf "$state"
  "${sudo[@]}" "$top/tests/rt/rt-up.sh" "$state" --bulk 200 >/dev/null
fi
url=$("${sudo[@]}" cat "$state/url")
echo "Request Tracker is running at $url (user root, password \"password\")."

# The console reads the token from the keyring only; secret-tool takes it on
# standard input, so it never appears on a command line.
"${sudo[@]}" cat "$state/token" | tr -d '\n' | secret-tool store --label="CSM Console: $url" \
  xdg:schema com.example.CsmConsole provider rt url "$url" user "" auth token

export GSETTINGS_SCHEMA_DIR=$build/data
gsettings set com.example.CsmConsole account-provider rt
gsettings set com.example.CsmConsole account-url "$url"
gsettings set com.example.CsmConsole account-auth-method token
gsettings set com.example.CsmConsole account-username ""
gsettings set com.example.CsmConsole agents-group "Agents"
exec "$build/src/csm-console"
