/* csm-chart-scatter-layer.h: a few labelled points placed by two measures, e.g. one per queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-chart-layer.h"

G_BEGIN_DECLS

#define CSM_TYPE_CHART_SCATTER_LAYER (csm_chart_scatter_layer_get_type ())

G_DECLARE_FINAL_TYPE (CsmChartScatterLayer, csm_chart_scatter_layer, CSM, CHART_SCATTER_LAYER,
                      CsmChartLayer)

CsmChartLayer *csm_chart_scatter_layer_new (const char *title,
                                            GListModel *model);

G_END_DECLS
