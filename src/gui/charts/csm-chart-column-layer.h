/* csm-chart-column-layer.h: a series drawn as columns, one per x-step, grouped or stacked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-chart-layer.h"

G_BEGIN_DECLS

#define CSM_TYPE_CHART_COLUMN_LAYER (csm_chart_column_layer_get_type ())

G_DECLARE_FINAL_TYPE (CsmChartColumnLayer, csm_chart_column_layer, CSM, CHART_COLUMN_LAYER,
                      CsmChartLayer)

CsmChartLayer *csm_chart_column_layer_new         (const char          *title,
                                                   GListModel          *model);
void           csm_chart_column_layer_set_stacked (CsmChartColumnLayer *self,
                                                   gboolean             stacked);
gboolean       csm_chart_column_layer_get_stacked (CsmChartColumnLayer *self);

G_END_DECLS
