/* csm-chart-line-layer.h: a series drawn as a line, broken where a value is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-chart-layer.h"

G_BEGIN_DECLS

#define CSM_TYPE_CHART_LINE_LAYER (csm_chart_line_layer_get_type ())

G_DECLARE_FINAL_TYPE (CsmChartLineLayer, csm_chart_line_layer, CSM, CHART_LINE_LAYER, CsmChartLayer)

CsmChartLayer *csm_chart_line_layer_new        (const char        *title,
                                                GListModel        *model);
void           csm_chart_line_layer_set_dashed (CsmChartLineLayer *self,
                                                gboolean           dashed);
gboolean       csm_chart_line_layer_get_dashed (CsmChartLineLayer *self);

G_END_DECLS
