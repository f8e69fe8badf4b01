/* csm-chart-point.h: one value of a chart series, with what hover and screen readers say for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CSM_TYPE_CHART_POINT (csm_chart_point_get_type ())

G_DECLARE_FINAL_TYPE (CsmChartPoint, csm_chart_point, CSM, CHART_POINT, GObject)

CsmChartPoint *csm_chart_point_new       (double         x,
                                          double         y,
                                          const char    *label);
double         csm_chart_point_get_x     (CsmChartPoint *self);
double         csm_chart_point_get_y     (CsmChartPoint *self);
const char    *csm_chart_point_get_label (CsmChartPoint *self);

G_END_DECLS
