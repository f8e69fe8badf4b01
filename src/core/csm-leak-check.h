/* csm-leak-check.h: keeping GLib's idle worker threads alive in sanitizer builds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean csm_leak_check_prepare (void);

G_END_DECLS
