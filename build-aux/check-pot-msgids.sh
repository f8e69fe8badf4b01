#!/bin/sh
# check-pot-msgids.sh: fail if a message was cut short at a format macro.
#
# xgettext cannot expand macros such as G_GINT64_FORMAT or G_GSIZE_FORMAT: for
# _("%" G_GINT64_FORMAT " h") it extracts the msgid "%", which never matches
# at run time, so the message can never be translated. Write such strings with
# a plain directive and a cast instead (_("%d h"), (int) hours), or with the
# <inttypes.h> macros (PRId64 ...) that xgettext and glibc both understand.
# This finds msgids that end in a lone "%", the trace such a macro leaves.
#
#   build-aux/check-pot-msgids.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$top/build-aux/make-pot.sh" "$tmp/csm-console.pot" 2>/dev/null

# Join each msgid's continuation lines, drop escaped "%%", look at the end.
awk '
  function check(  t) {
    t = id
    gsub(/%%/, "", t)
    if (t ~ /%$/) {
      printf "%s: msgid \"%s\" ends at a format macro xgettext cannot see\n", where, id > "/dev/stderr"
      bad++
    }
  }
  /^#: /                     { where = (where_open ? where " " : "") substr($0, 4); where_open = 1; next }
  /^msgid(_plural)? "/       { if (inid) check(); inid = 1; id = $0; sub(/^msgid(_plural)? "/, "", id); sub(/"$/, "", id); next }
  inid && /^"/               { s = $0; sub(/^"/, "", s); sub(/"$/, "", s); id = id s; next }
  inid                       { check(); inid = 0 }
  /^$/                       { where = ""; where_open = 0 }
  END                        { if (inid) check(); exit bad > 0 }
' "$tmp/csm-console.pot"
