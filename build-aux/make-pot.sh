#!/bin/sh
# make-pot.sh: extract the translatable strings listed in po/POTFILES.in into a .pot.
#
# Same xgettext invocation as meson's `i18n.gettext(preset: 'glib')` (the
# csm-console-pot target), but it writes wherever it is told instead of into
# the source tree, so tests and scripts can use it without side effects.
#
#   build-aux/make-pot.sh OUTPUT.pot
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT.pot" >&2
  exit 2
fi

top=$(cd "$(dirname "$0")/.." && pwd)
out=$1

# .desktop, GtkBuilder .ui, AppStream and GSettings files are recognised by
# xgettext itself (the last three through the ITS rules that gtk4, appstream
# and glib install under /usr/share/gettext/its); C is the default.
exec xgettext \
  --package-name=csm-console \
  --files-from="$top/po/POTFILES.in" \
  --directory="$top" \
  --output="$out" \
  --from-code=UTF-8 \
  --add-comments \
  --keyword=_ \
  --keyword=N_ \
  --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format \
  --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format
