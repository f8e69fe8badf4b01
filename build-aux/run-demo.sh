#!/bin/bash
# Sets up and runs CSM Console on its built-in demo helpdesk: installs what
# is missing (Debian 12, with sudo), builds into build/ and opens the
# console on a simulated contact centre (a minute of its day per second).
# Nothing is installed system-wide besides Debian packages; the demo writes
# no settings, no keyring entry and no cache.
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
build=$top/build

"$top/build-aux/deps.sh" build
[ -f "$build/build.ninja" ] || meson setup "$build" "$top"
ninja -C "$build"

# Run from the build tree: its compiled settings schema, not an installed one.
export GSETTINGS_SCHEMA_DIR=$build/data
exec "$build/src/csm-console" --demo "$@"
