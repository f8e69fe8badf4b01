#!/bin/sh
# update-potfiles.sh: regenerate po/POTFILES.in from the tree.
#
# Lists the fixed data files plus every source under src/ that marks a string
# for translation: a gettext call (_ N_ C_ NC_ ngettext g_dngettext g_dpgettext2)
# in C, or a translatable="yes" property in a GtkBuilder .ui file.
#
#   build-aux/update-potfiles.sh          rewrite po/POTFILES.in
#   build-aux/update-potfiles.sh --check  exit 1 (and show a diff) if it is stale
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
potfiles="$top/po/POTFILES.in"

generate ()
{
  echo '# List of source files containing translatable strings. Keep this sorted.'
  cd "$top"
  {
    echo data/com.example.CsmConsole.desktop.in.in
    echo data/com.example.CsmConsole.gschema.xml
    echo data/com.example.CsmConsole.metainfo.xml.in.in
    if [ -d src ]; then
      find src -type f \( -name '*.c' -o -name '*.h' \) \
        -exec grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' {} + || true
      find src -type f -name '*.ui' \
        -exec grep -lE 'translatable="(yes|true|1)"' {} + || true
    fi
  } | LC_ALL=C sort -u
}

case "${1:-}" in
  --check)
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    generate > "$tmp"
    if ! cmp -s "$tmp" "$potfiles"; then
      echo "po/POTFILES.in is out of date; run build-aux/update-potfiles.sh:" >&2
      diff -u "$potfiles" "$tmp" >&2 || true
      exit 1
    fi
    ;;
  '')
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    generate > "$tmp"
    cat "$tmp" > "$potfiles"
    echo "Wrote $potfiles ($(grep -vc '^#' "$potfiles") files)"
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
