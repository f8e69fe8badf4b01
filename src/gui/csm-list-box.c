/* csm-list-box.c: what GTK 4.8's list box lacks (gtk_list_box_remove_all () came in 4.12).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-list-box.h"

/**
 * csm_list_box_remove_all:
 * @list: a list box
 *
 * Removes every row of @list.
 */
void
csm_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}
