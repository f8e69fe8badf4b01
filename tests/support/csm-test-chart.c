/* csm-test-chart.c: charts made for tests: points, a chart, a layer added, a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-test-chart.h"
#include "csm-test-gui.h"

/**
 * csm_test_chart_points:
 * @what: (nullable): with it, each point says itself: "day 1: 5 created"
 *
 * Returns: (transfer full): a store of #CsmChartPoint
 */
GListModel *
csm_test_chart_points (const double *xs,
                       const double *ys,
                       guint         n,
                       const char   *what)
{
  GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(CsmChartPoint) point = NULL;

      /* With @what, each point says itself: "day 1: 5 created". */
      if (what != NULL)
        label = isfinite (ys[i]) ? g_strdup_printf ("day %g: %g %s", xs[i], ys[i], what)
                                 : g_strdup_printf ("day %g: none", xs[i]);
      point = csm_chart_point_new (xs[i], ys[i], label);
      g_list_store_append (store, point);
    }
  return G_LIST_MODEL (store);
}

/* Returns: (transfer full): a chart, its floating reference sunk */
CsmChart *
csm_test_chart_new (void)
{
  return g_object_ref_sink (CSM_CHART (csm_chart_new ()));
}

/* Adds @layer, whose reference it takes. Returns: (transfer none): @layer */
CsmChartLayer *
csm_test_chart_add_layer (CsmChart      *chart,
                          CsmChartLayer *layer)
{
  csm_chart_add_layer (chart, layer);
  g_object_unref (layer);
  return layer;
}

/* Returns: (transfer none): a window of @width × @height showing @chart alone */
GtkWindow *
csm_test_chart_show (CsmChart *chart,
                     int       width,
                     int       height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), ==, width);
  return window;
}
