/* csm-chart-snapshot.c: the chart on screen: its picture kept between frames, hover on top, out of view drawn when idle.
 *
 * A report gives every chart of the Reports page new series at once; most
 * of them are below the fold. Only the charts in their scrolled window's
 * view draw in the frame that shows the report, which keeps it short; the
 * others draw their picture one by one when the main loop is idle after
 * it, so each is ready, wherever and however it comes into view. A chart
 * outside any scrolled window is always in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include "csm-chart-private.h"
#include "csm-in-view.h"

/**
 * csm_chart_in_view:
 *
 * Returns: whether any of the chart is inside its scrolled window's view
 *   (as allocated now: call it while drawing)
 */
gboolean
csm_chart_in_view (CsmChart *self)
{
  return csm_widget_in_view (GTK_WIDGET (self));
}

/* On screen ---------------------------------------------------------------- */

/* The picture without hover, rasterised once per data, size and theme and
 * kept as a node that only paints that image. With the cairo renderer over
 * X, a node replaying the drawing itself costs the X server some 30 ms a
 * frame for 3 × 720 points, and a texture node is converted and uploaded
 * whole every frame (GTK 4.8 keeps no copy); an unchanged node paints
 * nothing, and where hover repaints around it only that part of the image
 * goes to the X server. */
static GskRenderNode *
draw_static_node (CsmChart *self,
                  int       width,
                  int       height,
                  int       scale)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GskRenderNode *node = gsk_cairo_node_new (&bounds);
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);
  cairo_surface_t *surface;
  cairo_t *scaled;

  /* The node's own image has one pixel a unit: at scale 1 the chart draws
   * straight into it, sparing a second image as large, cleared and copied,
   * in the frame that shows a new report. */
  if (scale == 1)
    {
      csm_chart_draw (self, cr, width, height, FALSE);
      cairo_destroy (cr);
      return node;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  scaled = cairo_create (surface);
  csm_chart_draw (self, scaled, width, height, FALSE);
  cairo_destroy (scaled);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return node;
}

/* Hover and focus as a node no larger than what they draw: GTK repaints
 * only where the overlay was and is. */
static void
snapshot_overlay (CsmChart    *self,
                  GtkSnapshot *snapshot,
                  int          width,
                  int          height)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_rectangle_int_t extents;
  double x, y, w, h;
  cairo_t *cr = cairo_create (recording);

  csm_chart_draw_overlay (self, cr);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
  extents.x = (int) floor (MAX (x, 0));
  extents.y = (int) floor (MAX (y, 0));
  extents.width = (int) ceil (MIN (x + w, width)) - extents.x;
  extents.height = (int) ceil (MIN (y + h, height)) - extents.y;
  if (extents.width > 0 && extents.height > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (extents.x, extents.y,
                                                                     extents.width,
                                                                     extents.height));
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (recording);
}

static gboolean
stale (CsmChart      *self,
       int            width,
       int            height,
       int            scale,
       const GdkRGBA *fg)
{
  return self->static_node == NULL || self->geometry.width != width ||
         self->geometry.height != height || self->geometry.serial != self->serial ||
         self->static_scale != scale || !gdk_rgba_equal (fg, &self->static_fg);
}

/* Rasterises the picture again if the data, size or theme changed. */
static void
refresh (CsmChart *self,
         int       width,
         int       height,
         int       scale)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  if (!stale (self, width, height, scale, &fg))
    return;
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  csm_chart_layout (self, width, height);
  self->static_node = draw_static_node (self, width, height, scale);
  self->static_fg = fg;
  self->static_scale = scale;
  self->n_static_draws++;
}

static gboolean
draw_deferred_cb (gpointer data)
{
  CsmChart *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->deferred_id = 0;
  if (width > 0 && height > 0)
    {
      csm_chart_ensure (self);
      refresh (self, width, height, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/**
 * csm_chart_snapshot_cached:
 *
 * The kept picture (drawn again first if stale and in view; if stale and
 * out of view, drawn at low priority after this frame), then hover and
 * focus.
 */
void
csm_chart_snapshot_cached (CsmChart    *self,
                           GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GdkRGBA fg;

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  if (stale (self, width, height, scale, &fg) && !csm_chart_in_view (self))
    {
      if (self->deferred_id == 0)
        self->deferred_id = g_idle_add_full (G_PRIORITY_LOW, draw_deferred_cb, self, NULL);
      return;
    }
  refresh (self, width, height, scale);
  gtk_snapshot_append_node (snapshot, self->static_node);

  if (self->hover.slot >= 0 || self->hover.layer >= 0 ||
      (gtk_widget_has_visible_focus (GTK_WIDGET (self)) && self->focus.layer >= 0))
    snapshot_overlay (self, snapshot, width, height);
}

/**
 * csm_chart_get_drawn_marks:
 * @points: (out) (transfer none) (nullable): squares around the points of
 *   the last drawing
 * @labels: (out) (transfer none) (nullable): the point labels it placed
 */
void
csm_chart_get_drawn_marks (CsmChart  *self,
                           GArray   **points,
                           GArray   **labels)
{
  *points = self->drawn_points;
  *labels = self->drawn_labels;
}

/**
 * csm_chart_is_drawing_deferred:
 *
 * Returns: whether a stale picture out of view waits to be drawn when idle
 */
gboolean
csm_chart_is_drawing_deferred (CsmChart *self)
{
  return self->deferred_id != 0;
}

guint
csm_chart_get_n_static_draws (CsmChart *self)
{
  return self->n_static_draws;
}
