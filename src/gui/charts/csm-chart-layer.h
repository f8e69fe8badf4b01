/* csm-chart-layer.h: the base of a chart's series: a title, a colour and a GListModel of points or of any items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CSM_TYPE_CHART_LAYER (csm_chart_layer_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsmChartLayer, csm_chart_layer, CSM, CHART_LAYER, GObject)

/* The plot's pixels and the theme's colours a layer draws with (csm-chart-private.h). */
typedef struct _CsmChartFrame CsmChartFrame;

/**
 * CsmChartLayerClass:
 * @draw: draw every point, from the values the chart normalised
 * @draw_highlight: mark the point at @position (hovered, or focused: then
 *   with a focus ring)
 * @draw_swatch: the legend's sample of the layer, in a @size square at @x, @y
 * @distance: how far (pixels) the pointer at @x, @y is from the point at
 *   @position; 0 inside it
 */
struct _CsmChartLayerClass
{
  GObjectClass parent_class;

  void   (*draw)           (CsmChartLayer       *self,
                            cairo_t             *cr,
                            const CsmChartFrame *frame);
  void   (*draw_highlight) (CsmChartLayer       *self,
                            cairo_t             *cr,
                            const CsmChartFrame *frame,
                            guint                position,
                            gboolean             focused);
  void   (*draw_swatch)    (CsmChartLayer       *self,
                            cairo_t             *cr,
                            const CsmChartFrame *frame,
                            double               x,
                            double               y,
                            double               size);
  double (*distance)       (CsmChartLayer       *self,
                            const CsmChartFrame *frame,
                            guint                position,
                            double               x,
                            double               y);

  /*< private >*/
  gpointer padding[8];
};

void           csm_chart_layer_set_model (CsmChartLayer *self,
                                          GListModel    *model);
GListModel    *csm_chart_layer_get_model (CsmChartLayer *self);
void           csm_chart_layer_set_title (CsmChartLayer *self,
                                          const char    *title);
const char    *csm_chart_layer_get_title (CsmChartLayer *self);
void           csm_chart_layer_set_color (CsmChartLayer *self,
                                          const GdkRGBA *color);
const GdkRGBA *csm_chart_layer_get_color (CsmChartLayer *self);
void           csm_chart_layer_set_expressions (CsmChartLayer *self,
                                                GtkExpression *x,
                                                GtkExpression *y,
                                                GtkExpression *label);

G_END_DECLS
