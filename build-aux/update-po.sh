#!/bin/sh
# update-po.sh: bring every translation in po/LINGUAS up to date with the sources.
#
# Regenerates the template from po/POTFILES.in (in a temporary file; no .pot is
# kept in the tree) and merges it into each po/<lang>.po. Existing translations
# are kept; changed messages come back fuzzy (with the previous msgid, so the
# translator sees what changed); new ones come back empty; removed ones stay as
# obsolete #~ entries, and msgmerge revives them if the message returns.
# Then fill in the empty and fuzzy entries (remove the "#, fuzzy" line once the
# msgstr is right) and run `meson test --suite data`.
#
#   build-aux/update-po.sh            update POTFILES.in, then every language
#   build-aux/update-po.sh de         update POTFILES.in, then only de.po
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$top/build-aux/update-potfiles.sh"
"$top/build-aux/make-pot.sh" "$tmp/csm-console.pot"

if [ $# -gt 0 ]; then
  langs=$*
else
  langs=$(sed -e 's/#.*//' "$top/po/LINGUAS")
fi

for lang in $langs; do
  po="$top/po/$lang.po"
  if [ -f "$po" ]; then
    msgmerge --quiet --previous --backup=none --update "$po" "$tmp/csm-console.pot"
  else
    msginit --no-translator --locale="$lang" --input="$tmp/csm-console.pot" --output-file="$po"
  fi
  printf '%s: ' "$lang.po"
  msgfmt --check --check-format --statistics -o /dev/null "$po" 2>&1
done
