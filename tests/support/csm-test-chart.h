/* csm-test-chart.h: charts made for tests: points, a chart, a layer added, a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-chart-private.h"

G_BEGIN_DECLS

GListModel    *csm_test_chart_points    (const double  *xs,
                                         const double  *ys,
                                         guint          n,
                                         const char    *what);
CsmChart      *csm_test_chart_new       (void);
CsmChartLayer *csm_test_chart_add_layer (CsmChart      *chart,
                                         CsmChartLayer *layer);
GtkWindow     *csm_test_chart_show      (CsmChart      *chart,
                                         int            width,
                                         int            height);

G_END_DECLS
