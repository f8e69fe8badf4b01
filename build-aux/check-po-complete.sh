#!/bin/sh
# check-po-complete.sh: fail unless every translation covers every message in the sources.
#
# 1. po/POTFILES.in lists every source file with translatable strings
#    (build-aux/update-potfiles.sh --check);
# 2. a fresh template from POTFILES.in, merged into each po/<lang>.po of
#    po/LINGUAS, leaves no untranslated and no fuzzy message.
# Each failure names the messages; build-aux/update-po.sh is the fix.
#
#   build-aux/check-po-complete.sh [LANG...]
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

if ! "$top/build-aux/update-potfiles.sh" --check; then
  status=1
fi

# xgettext's own warnings go to stderr, where the test log keeps them.
"$top/build-aux/make-pot.sh" "$tmp/csm-console.pot"

if [ $# -gt 0 ]; then
  langs=$*
else
  langs=$(sed -e 's/#.*//' "$top/po/LINGUAS")
fi

for lang in $langs; do
  po="$top/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "po/$lang.po is missing (listed in po/LINGUAS); run build-aux/update-po.sh" >&2
    status=1
    continue
  fi

  msgmerge --quiet -o "$tmp/$lang.po" "$po" "$tmp/csm-console.pot"

  msgattrib --untranslated --no-obsolete --no-wrap -o "$tmp/$lang.untranslated" "$tmp/$lang.po"
  msgattrib --only-fuzzy --no-obsolete --no-wrap -o "$tmp/$lang.fuzzy" "$tmp/$lang.po"

  for kind in untranslated fuzzy; do
    # msgattrib writes no file at all when nothing matches.
    [ -s "$tmp/$lang.$kind" ] || continue
    # msgattrib prints the header entry along with any match; skip it.
    if ! awk -v what="po/$lang.po: $kind:" '
          BEGIN { RS = ""; n = 0 }
          /(^|\n)msgid ""\nmsgstr / && !/(^|\n)msgctxt / { next }
          { if (n++ == 0) print what > "/dev/stderr"; print $0 "\n" > "/dev/stderr" }
          END { exit n > 0 }' "$tmp/$lang.$kind"; then
      status=1
    fi
  done

  # Format directives checked against the current sources, not the last merge.
  if ! msgfmt --check --check-format --statistics -o /dev/null "$tmp/$lang.po" 2>"$tmp/msgfmt.log"; then
    status=1
  fi
  sed "s|^|po/$lang.po (merged): |" "$tmp/msgfmt.log" >&2
done

if [ "$status" -ne 0 ]; then
  echo "Run build-aux/update-po.sh, translate the messages listed above, and remove their \"#, fuzzy\" lines." >&2
fi
exit "$status"
