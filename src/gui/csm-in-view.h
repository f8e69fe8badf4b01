/* csm-in-view.h: whether a widget shows inside its scrolled window's view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean csm_widget_in_view (GtkWidget *widget);

G_END_DECLS
