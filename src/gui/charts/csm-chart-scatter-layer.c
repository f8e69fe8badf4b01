/* csm-chart-scatter-layer.c: a few labelled points placed by two measures, e.g. one per queue.
 *
 * A scatter has few points and each is a thing with a name, so each label
 * is drawn beside its circle: to the right, else where it collides with no
 * label already placed (left, above, below), else not at all (hover and
 * the keyboard still tell it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include "csm-chart-private.h"

#define RADIUS 5.0
#define LABEL_GAP 4.0

struct _CsmChartScatterLayer
{
  CsmChartLayer parent_instance;
};

G_DEFINE_FINAL_TYPE (CsmChartScatterLayer, csm_chart_scatter_layer, CSM_TYPE_CHART_LAYER)

static gboolean
collides (GArray                *placed,
          const graphene_rect_t *rect)
{
  for (guint i = 0; i < placed->len; i++)
    if (graphene_rect_intersection (&g_array_index (placed, graphene_rect_t, i), rect, NULL))
      return TRUE;
  return FALSE;
}

static gboolean
inside (const CsmChartFrame   *frame,
        const graphene_rect_t *rect)
{
  return rect->origin.x >= frame->plot_x - 2 &&
         rect->origin.x + rect->size.width <= frame->plot_x + frame->plot_w + 2 &&
         rect->origin.y >= frame->plot_y - 2 &&
         rect->origin.y + rect->size.height <= frame->plot_y + frame->plot_h + 2;
}

static void
csm_chart_scatter_layer_draw (CsmChartLayer       *layer,
                              cairo_t             *cr,
                              const CsmChartFrame *frame)
{
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  g_autoptr(GArray) own = NULL;
  GArray *placed = frame->marks;
  GdkRGBA fill = series->color, text = frame->fg;

  fill.alpha = 0.9f;
  text.alpha = 0.75f;

  cairo_save (cr);
  /* The circles first: a label must not cover any of them. */
  for (guint i = 0; i < series->n; i++)
    {
      double px, py;

      if (!isfinite (series->ny[i]) || !isfinite (series->nx[i]))
        continue;
      px = csm_chart_frame_px (frame, series->nx[i]);
      py = csm_chart_frame_py (frame, series->ny[i]);
      cairo_new_path (cr);
      cairo_arc (cr, px, py, RADIUS, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &frame->bg);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      if (placed == NULL)
        placed = own = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      if (placed == own)
        g_array_append_val (placed, GRAPHENE_RECT_INIT (px - RADIUS, py - RADIUS, 2 * RADIUS,
                                                        2 * RADIUS));
    }

  for (guint i = 0; i < series->n; i++)
    {
      CsmChartPoint *point = g_ptr_array_index (series->points, i);
      g_autoptr(PangoLayout) layout = NULL;
      const char *label;
      double px, py;
      int w, h;

      if (!isfinite (series->ny[i]) || !isfinite (series->nx[i]) || point == NULL)
        continue;
      label = csm_chart_point_get_label (point);
      if (label == NULL || *label == '\0')
        continue;
      px = csm_chart_frame_px (frame, series->nx[i]);
      py = csm_chart_frame_py (frame, series->ny[i]);
      layout = csm_chart_frame_create_layout (frame, label, PANGO_SCALE_SMALL, FALSE);
      pango_layout_get_pixel_size (layout, &w, &h);

      {
        graphene_rect_t candidates[] = {
          GRAPHENE_RECT_INIT (px + RADIUS + LABEL_GAP, py - h / 2.0, w, h),
          GRAPHENE_RECT_INIT (px - RADIUS - LABEL_GAP - w, py - h / 2.0, w, h),
          GRAPHENE_RECT_INIT (px - w / 2.0, py - RADIUS - LABEL_GAP / 2 - h, w, h),
          GRAPHENE_RECT_INIT (px - w / 2.0, py + RADIUS + LABEL_GAP / 2, w, h),
        };

        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          {
            if (!inside (frame, &candidates[c]) || collides (placed, &candidates[c]))
              continue;
            g_array_append_val (placed, candidates[c]);
            cairo_move_to (cr, candidates[c].origin.x, candidates[c].origin.y);
            gdk_cairo_set_source_rgba (cr, &text);
            pango_cairo_show_layout (cr, layout);
            break;
          }
      }
    }
  cairo_restore (cr);
}

static void
csm_chart_scatter_layer_draw_highlight (CsmChartLayer       *layer,
                                        cairo_t             *cr,
                                        const CsmChartFrame *frame,
                                        guint                position,
                                        gboolean             focused)
{
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  double px, py;

  if (position >= series->n || !isfinite (series->ny[position]))
    return;
  px = csm_chart_frame_px (frame, series->nx[position]);
  py = csm_chart_frame_py (frame, series->ny[position]);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, px, py, RADIUS + 1.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &frame->bg);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  if (focused)
    {
      GdkRGBA ring = series->color;

      ring.alpha = 0.5f;
      cairo_arc (cr, px, py, RADIUS + 5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
csm_chart_scatter_layer_class_init (CsmChartScatterLayerClass *klass)
{
  CsmChartLayerClass *layer_class = CSM_CHART_LAYER_CLASS (klass);

  layer_class->draw = csm_chart_scatter_layer_draw;
  layer_class->draw_highlight = csm_chart_scatter_layer_draw_highlight;
}

static void
csm_chart_scatter_layer_init (CsmChartScatterLayer *self G_GNUC_UNUSED)
{
}

/**
 * csm_chart_scatter_layer_new:
 * @title: (nullable): the series' name
 * @model: (nullable): a #GListModel of #CsmChartPoint, each with a label
 *
 * Returns: (transfer full): a scatter layer
 */
CsmChartLayer *
csm_chart_scatter_layer_new (const char *title,
                             GListModel *model)
{
  return g_object_new (CSM_TYPE_CHART_SCATTER_LAYER, "title", title, "model", model, NULL);
}
