#!/bin/bash
# csm-console started where its settings schema is not installed (straight
# from a build directory) says how to run it, in one sentence, and exits 1
# instead of aborting in GLib; --export does not need the schema.
#   run-without-schema.sh CSM_CONSOLE
set -u
console=$1
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
fail() { echo "not ok: $*"; exit 1; }

out=$(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$empty" XDG_DATA_HOME="$empty" \
      "$console" 2>&1 >/dev/null)
rc=$?
[ $rc = 1 ] || fail "exit status $rc, expected 1 (output: $out)"
case $out in
  *"settings schema (com.example.CsmConsole) is not installed"*run-demo.sh*"meson devenv"*) ;;
  *) fail "unexpected message: $out" ;;
esac
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "more than one line: $out"

# A wrong command line still gets the command line's answer, not this one.
out=$(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$empty" XDG_DATA_HOME="$empty" \
      "$console" --export=bogus 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] || fail "--export=bogus: exit status $rc, expected 2 (output: $out)"
echo "ok: $out"
