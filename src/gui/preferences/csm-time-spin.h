/* csm-time-spin.h: spin buttons that show a time of day ("09:30") and hold minutes after midnight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  csm_time_spin_setup  (GtkSpinButton *spin,
                            int            upper_minute);

G_END_DECLS
