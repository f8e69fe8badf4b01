/* csm-in-view.c: whether a widget shows inside its scrolled window's view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-in-view.h"

/**
 * csm_widget_in_view:
 * @widget: a widget
 *
 * Whether any of @widget lies inside the view of the scrolled window it
 * sits in, as allocated now. A widget in no scrolled window, or not laid
 * out yet, counts as in view: it might be seen.
 *
 * Returns: whether @widget might be on screen
 */
gboolean
csm_widget_in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  graphene_rect_t view;

  if (scroller == NULL || !gtk_widget_compute_bounds (widget, scroller, &bounds))
    return TRUE;
  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (scroller),
                      gtk_widget_get_height (scroller));
  return graphene_rect_intersection (&bounds, &view, NULL);
}
