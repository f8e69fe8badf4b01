/* csm-chart-line-layer.c: a series drawn as a line, broken where a value is missing.
 *
 * A missing value (NAN) is a gap, not a zero: an empty population has no
 * median, and drawing one at 0 would say something false. A point alone
 * between gaps still shows, as a dot; so do all points of a short series,
 * where a reader wants to see where the measurements are. "dashed" is for
 * the previous period drawn under the current one: no dots, and (see
 * csm-chart-draw.c) the current series' colour, lighter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include "csm-chart-private.h"

/* Below this many points, every point gets a dot. */
#define DOTS_BELOW 60

struct _CsmChartLineLayer
{
  CsmChartLayer parent_instance;

  gboolean dashed;
};

G_DEFINE_FINAL_TYPE (CsmChartLineLayer, csm_chart_line_layer, CSM_TYPE_CHART_LAYER)

enum {
  PROP_0,
  PROP_DASHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_line_style (CsmChartLineLayer *self,
                cairo_t           *cr,
                double             width)
{
  static const double dashes[] = { 6.0, 4.0 };

  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, self->dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dashes, self->dashed ? G_N_ELEMENTS (dashes) : 0, 0);
}

static void
csm_chart_line_layer_draw (CsmChartLayer       *layer,
                           cairo_t             *cr,
                           const CsmChartFrame *frame)
{
  CsmChartLineLayer *self = CSM_CHART_LINE_LAYER (layer);
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  gboolean pen_down = FALSE;
  guint n_defined = 0;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < series->n; i++)
    {
      if (!isfinite (series->ny[i]) || !isfinite (series->nx[i]))
        {
          pen_down = FALSE;
          continue;
        }
      n_defined++;
      if (pen_down)
        cairo_line_to (cr, csm_chart_frame_px (frame, series->nx[i]),
                       csm_chart_frame_py (frame, series->ny[i]));
      else
        cairo_move_to (cr, csm_chart_frame_px (frame, series->nx[i]),
                       csm_chart_frame_py (frame, series->ny[i]));
      pen_down = TRUE;
    }
  set_line_style (self, cr, 2.0);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < series->n; i++)
    {
      gboolean alone;

      if (!isfinite (series->ny[i]) || !isfinite (series->nx[i]))
        continue;
      alone = (i == 0 || !isfinite (series->ny[i - 1])) &&
              (i + 1 == series->n || !isfinite (series->ny[i + 1]));
      /* The previous period stays in the background: no dots but where
       * a point would otherwise not show at all. */
      if (!alone && (n_defined >= DOTS_BELOW || self->dashed))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, csm_chart_frame_px (frame, series->nx[i]),
                 csm_chart_frame_py (frame, series->ny[i]), 3.0, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &series->color);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
csm_chart_line_layer_draw_swatch (CsmChartLayer       *layer,
                                  cairo_t             *cr,
                                  const CsmChartFrame *frame G_GNUC_UNUSED,
                                  double               x,
                                  double               y,
                                  double               size)
{
  CsmChartLineLayer *self = CSM_CHART_LINE_LAYER (layer);
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  static const double dashes[] = { 3.0, 2.0 };

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x, y + size / 2);
  cairo_line_to (cr, x + size * 1.5, y + size / 2);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dashes, self->dashed ? G_N_ELEMENTS (dashes) : 0, 0);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
csm_chart_line_layer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CsmChartLineLayer *self = CSM_CHART_LINE_LAYER (object);

  switch (prop_id)
    {
    case PROP_DASHED:
      g_value_set_boolean (value, self->dashed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_line_layer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CsmChartLineLayer *self = CSM_CHART_LINE_LAYER (object);

  switch (prop_id)
    {
    case PROP_DASHED:
      csm_chart_line_layer_set_dashed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_line_layer_class_init (CsmChartLineLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CsmChartLayerClass *layer_class = CSM_CHART_LAYER_CLASS (klass);

  object_class->get_property = csm_chart_line_layer_get_property;
  object_class->set_property = csm_chart_line_layer_set_property;
  layer_class->draw = csm_chart_line_layer_draw;
  layer_class->draw_swatch = csm_chart_line_layer_draw_swatch;

  /**
   * CsmChartLineLayer:dashed:
   *
   * Drawn dashed, as the previous period under the current one.
   */
  properties[PROP_DASHED] =
    g_param_spec_boolean ("dashed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_chart_line_layer_init (CsmChartLineLayer *self G_GNUC_UNUSED)
{
}

/**
 * csm_chart_line_layer_new:
 * @title: (nullable): the series' name
 * @model: (nullable): a #GListModel of #CsmChartPoint, in x order
 *
 * Returns: (transfer full): a line layer
 */
CsmChartLayer *
csm_chart_line_layer_new (const char *title,
                          GListModel *model)
{
  return g_object_new (CSM_TYPE_CHART_LINE_LAYER, "title", title, "model", model, NULL);
}

void
csm_chart_line_layer_set_dashed (CsmChartLineLayer *self,
                                 gboolean           dashed)
{
  g_return_if_fail (CSM_IS_CHART_LINE_LAYER (self));

  dashed = !!dashed;
  if (self->dashed == dashed)
    return;
  self->dashed = dashed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHED]);
  csm_chart_layer_emit_changed (CSM_CHART_LAYER (self));
}

gboolean
csm_chart_line_layer_get_dashed (CsmChartLineLayer *self)
{
  g_return_val_if_fail (CSM_IS_CHART_LINE_LAYER (self), FALSE);

  return self->dashed;
}
