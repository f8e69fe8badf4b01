/* csm-chart-column-layer.c: a series drawn as columns, one per x-step, grouped or stacked.
 *
 * A column is as wide as the chart's x-step (the bucket a value counts),
 * less a gap between buckets so neighbours read as separate; the chart
 * decides where each layer's column goes in its bucket (side by side with
 * the other unstacked column layers, or one stack of all stacked ones) and
 * where a stacked column starts, and leaves that in the series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include "csm-chart-private.h"

struct _CsmChartColumnLayer
{
  CsmChartLayer parent_instance;

  gboolean stacked;
};

G_DEFINE_FINAL_TYPE (CsmChartColumnLayer, csm_chart_column_layer, CSM_TYPE_CHART_LAYER)

enum {
  PROP_0,
  PROP_STACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The column of point @i in pixels; FALSE when it has no value. */
static gboolean
column_rect (CsmChartColumnLayer *self,
             const CsmChartFrame *frame,
             guint                i,
             graphene_rect_t     *rect)
{
  CsmChartSeries *series = csm_chart_layer_get_series (CSM_CHART_LAYER (self));
  double bucket, inner, group_w, x0, x1, top, bottom;

  if (i >= series->n || !isfinite (series->ny[i]) || !isfinite (series->nx[i]))
    return FALSE;

  bucket = series->bucket * frame->plot_w;
  /* A gap between buckets while there is room for one; narrow buckets
   * (a month of hours) touch rather than vanish. */
  inner = bucket >= 4.0 ? bucket * 0.75 : bucket;
  group_w = inner / MAX (series->n_groups, 1);
  x0 = csm_chart_frame_px (frame, series->nx[i]) - inner / 2 + series->group * group_w;
  x1 = x0 + group_w;
  if (series->n_groups > 1 && group_w >= 4.0)
    x1 -= 1.0;
  if (x1 - x0 >= 3.0)
    {
      /* Whole pixels: crisp edges, equal widths. */
      x0 = round (x0);
      x1 = round (x1);
    }

  top = csm_chart_frame_py (frame, series->ny[i]);
  bottom = csm_chart_frame_py (frame, series->nbase[i]);
  if (top > bottom)
    {
      double t = top;
      top = bottom;
      bottom = t;
    }
  /* A hairline between the parts of a stack. */
  if (self->stacked && bottom - top > 2.0 && series->base[i] != 0.0)
    bottom -= 1.0;

  *rect = GRAPHENE_RECT_INIT (x0, top, MAX (x1 - x0, 0.5), bottom - top);
  return TRUE;
}

static void
csm_chart_column_layer_draw (CsmChartLayer       *layer,
                             cairo_t             *cr,
                             const CsmChartFrame *frame)
{
  CsmChartColumnLayer *self = CSM_CHART_COLUMN_LAYER (layer);
  CsmChartSeries *series = csm_chart_layer_get_series (layer);

  cairo_new_path (cr);
  for (guint i = 0; i < series->n; i++)
    {
      graphene_rect_t r;

      if (column_rect (self, frame, i, &r))
        cairo_rectangle (cr, r.origin.x, r.origin.y, r.size.width, r.size.height);
    }
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_fill (cr);
}

static void
csm_chart_column_layer_draw_highlight (CsmChartLayer       *layer,
                                       cairo_t             *cr,
                                       const CsmChartFrame *frame,
                                       guint                position,
                                       gboolean             focused)
{
  CsmChartColumnLayer *self = CSM_CHART_COLUMN_LAYER (layer);
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  GdkRGBA sheen = { 1.0, 1.0, 1.0, frame->dark ? 0.2f : 0.3f };
  graphene_rect_t r;

  if (!column_rect (self, frame, position, &r))
    return;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, r.origin.x, r.origin.y, r.size.width, r.size.height);
  gdk_cairo_set_source_rgba (cr, &sheen);
  cairo_fill (cr);
  if (focused)
    {
      GdkRGBA ring = series->color;

      ring.alpha = 0.6f;
      cairo_rectangle (cr, r.origin.x - 2.5, r.origin.y - 2.5, r.size.width + 5, r.size.height + 5);
      cairo_set_line_width (cr, 2.0);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static double
csm_chart_column_layer_distance (CsmChartLayer       *layer,
                                 const CsmChartFrame *frame,
                                 guint                position,
                                 double               x,
                                 double               y)
{
  graphene_rect_t r;
  double dx, dy;

  if (!column_rect (CSM_CHART_COLUMN_LAYER (layer), frame, position, &r))
    return INFINITY;
  /* A thin or short column is hard to hit: count a little around it. */
  graphene_rect_inset (&r, -MAX (0, (6 - r.size.width) / 2), -MAX (0, (6 - r.size.height) / 2));
  dx = MAX (MAX (r.origin.x - x, 0), x - (r.origin.x + r.size.width));
  dy = MAX (MAX (r.origin.y - y, 0), y - (r.origin.y + r.size.height));
  return hypot (dx, dy);
}

static void
csm_chart_column_layer_draw_swatch (CsmChartLayer       *layer,
                                    cairo_t             *cr,
                                    const CsmChartFrame *frame G_GNUC_UNUSED,
                                    double               x,
                                    double               y,
                                    double               size)
{
  CsmChartSeries *series = csm_chart_layer_get_series (layer);

  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, size, size);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_fill (cr);
}

static void
csm_chart_column_layer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CsmChartColumnLayer *self = CSM_CHART_COLUMN_LAYER (object);

  switch (prop_id)
    {
    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_column_layer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CsmChartColumnLayer *self = CSM_CHART_COLUMN_LAYER (object);

  switch (prop_id)
    {
    case PROP_STACKED:
      csm_chart_column_layer_set_stacked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_column_layer_class_init (CsmChartColumnLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CsmChartLayerClass *layer_class = CSM_CHART_LAYER_CLASS (klass);

  object_class->get_property = csm_chart_column_layer_get_property;
  object_class->set_property = csm_chart_column_layer_set_property;
  layer_class->draw = csm_chart_column_layer_draw;
  layer_class->draw_highlight = csm_chart_column_layer_draw_highlight;
  layer_class->draw_swatch = csm_chart_column_layer_draw_swatch;
  layer_class->distance = csm_chart_column_layer_distance;

  /**
   * CsmChartColumnLayer:stacked:
   *
   * Stacked on the chart's other stacked column layers, in layer order;
   * else side by side with the other column layers at the same x.
   */
  properties[PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_chart_column_layer_init (CsmChartColumnLayer *self G_GNUC_UNUSED)
{
}

/**
 * csm_chart_column_layer_new:
 * @title: (nullable): the series' name
 * @model: (nullable): a #GListModel of #CsmChartPoint
 *
 * Returns: (transfer full): a column layer
 */
CsmChartLayer *
csm_chart_column_layer_new (const char *title,
                            GListModel *model)
{
  return g_object_new (CSM_TYPE_CHART_COLUMN_LAYER, "title", title, "model", model, NULL);
}

void
csm_chart_column_layer_set_stacked (CsmChartColumnLayer *self,
                                    gboolean             stacked)
{
  g_return_if_fail (CSM_IS_CHART_COLUMN_LAYER (self));

  stacked = !!stacked;
  if (self->stacked == stacked)
    return;
  self->stacked = stacked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED]);
  csm_chart_layer_emit_changed (CSM_CHART_LAYER (self));
}

gboolean
csm_chart_column_layer_get_stacked (CsmChartColumnLayer *self)
{
  g_return_val_if_fail (CSM_IS_CHART_COLUMN_LAYER (self), FALSE);

  return self->stacked;
}
