/* csm-chart-viewport.c: a chart scrolled out of view waits to draw until it is scrolled into it.
 *
 * A report gives every chart of the Reports page new series at once; most
 * of them are below the fold. Drawing only the charts in their scrolled
 * window's view keeps the frame that shows the report short; the others
 * draw in the frame that scrolls them in. A chart outside any scrolled
 * window is always in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include "csm-chart-private.h"

/**
 * csm_chart_in_view:
 *
 * Returns: whether any of the chart is inside its scrolled window's view
 *   (as allocated now: call it while drawing)
 */
gboolean
csm_chart_in_view (CsmChart *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  graphene_rect_t view;

  if (scroller == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self), scroller, &bounds))
    return TRUE;
  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (scroller),
                      gtk_widget_get_height (scroller));
  return graphene_rect_intersection (&bounds, &view, NULL);
}

/* The view moved or the content changed size: a chart that put off its
 * drawing looks again at its next frame. */
static void
view_changed_cb (GtkAdjustment *adjustment,
                 CsmChart      *self)
{
  if (self->deferred)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
watch (CsmChart      *self,
       GtkAdjustment *adjustment)
{
  g_ptr_array_add (self->watched, g_object_ref (adjustment));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (view_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (view_changed_cb), self, 0);
}

static void
watch_view (CsmChart *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  csm_chart_unwatch_view (self);
  if (scroller == NULL)
    return;
  watch (self, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  watch (self, gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)));
}

/**
 * csm_chart_unwatch_view:
 *
 * On unmap and dispose: forgets the scrolled window.
 */
void
csm_chart_unwatch_view (CsmChart *self)
{
  if (self->watched == NULL)
    self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), view_changed_cb,
                                          self);
  g_ptr_array_set_size (self->watched, 0);
}

static GtkWidgetClass *parent_class;

/* Mapped, the chart follows the scrolled window it is in, if any. */
static void
chart_map (GtkWidget *widget)
{
  parent_class->map (widget);
  watch_view (CSM_CHART (widget));
}

static void
chart_unmap (GtkWidget *widget)
{
  csm_chart_unwatch_view (CSM_CHART (widget));
  parent_class->unmap (widget);
}

/**
 * csm_chart_class_viewport_init:
 *
 * From the chart's class_init: map and unmap.
 */
void
csm_chart_class_viewport_init (GtkWidgetClass *widget_class)
{
  parent_class = g_type_class_peek_parent (widget_class);
  widget_class->map = chart_map;
  widget_class->unmap = chart_unmap;
}
