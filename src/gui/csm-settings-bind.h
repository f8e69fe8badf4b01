/* csm-settings-bind.h: binding an enum setting to the position chosen in a drop-down or combo row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void csm_settings_bind_enum_position (GSettings  *settings,
                                      const char *key,
                                      gpointer    object,
                                      const char *property,
                                      GType       enum_type);

G_END_DECLS
