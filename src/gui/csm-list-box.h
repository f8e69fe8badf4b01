/* csm-list-box.h: what GTK 4.8's list box lacks (gtk_list_box_remove_all () came in 4.12).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void csm_list_box_remove_all (GtkListBox *list);

G_END_DECLS
